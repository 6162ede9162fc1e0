package identitycenter

import (
	"context"
	"strings"

	"github.com/charmbracelet/huh"

	"github.com/firstrun/firstrun/steps/step"
)

// AdminPermissionSetName is the administrator permission set's name, after the policy.
const AdminPermissionSetName = "AdministratorAccess"

// AdminPermissionSetScreen makes the AdministratorAccess permission set with short
// sessions.
func AdminPermissionSetScreen(env *step.Env, def step.Definition) step.Screen {
	if s := gate(env, def); s != nil {
		return s
	}
	spec := adminPermissionSet(env)
	t := step.NewTask(env, def)
	t.Intro = "A permission set is what a person may do once signed in to an account. This one carries the AWS " +
		"managed policy AdministratorAccess. Its session lasts one hour by default: after that, the " +
		"administrator signs in again, so a stolen session is short-lived."
	t.ConfirmLabel = "create the permission set"
	return permissionSetTask(env, t, &spec)
}

// adminPermissionSet is the administrator permission set to make, with the session
// duration the checkpoint records, else the answers file's, else one hour.
func adminPermissionSet(env *step.Env) PermissionSetSpec {
	return PermissionSetSpec{
		Name:        AdminPermissionSetName,
		Description: "Full access to the AWS account, for administrators (set up by firstrun)",
		SessionDuration: recorded(env, stepAdminPermissionSet, "session_duration",
			firstOf(env.Answers.AdminPermissionSet.SessionDuration, DefaultSessionDuration)),
		ManagedPolicies: []string{AdministratorAccessPolicy(env.Identity.Partition())},
	}
}

// permissionSetTask fills in t to make spec, asking only for its session duration.
func permissionSetTask(env *step.Env, t *step.Task, spec *PermissionSetSpec) *step.Task {
	var inst Instance
	var ps PermissionSet
	var found bool
	t.Working = &step.Status{}
	t.Inspect = func(ctx context.Context) (step.Inspection, error) {
		var err error
		if inst, err = LoadInstance(ctx, env.Base()); err != nil {
			return step.Inspection{}, err
		}
		if ps, found, err = FindPermissionSet(ctx, env.AWS.SSOAdmin(inst.Region), inst.ARN, spec.Name); err != nil {
			return step.Inspection{}, err
		}
		return inspectPermissionSet(*spec, ps, found), nil
	}
	// The review describes the session duration entered, not the one proposed.
	t.Revise = func(step.Inspection) step.Inspection { return inspectPermissionSet(*spec, ps, found) }
	t.Form = func(step.Inspection) *huh.Form {
		return huh.NewForm(huh.NewGroup(huh.NewInput().Title("Session duration").Value(&spec.SessionDuration).
			Validate(ValidateSessionDuration).
			Description("ISO 8601, from PT1H (one hour) to PT12H; PT1H means signing in again every hour")))
	}
	t.Apply = func(ctx context.Context) (map[string]string, error) {
		ps, err := EnsurePermissionSet(ctx, env.AWS.SSOAdmin(inst.Region), inst.ARN, *spec, Waiter{Report: t.Working.Set})
		if err != nil {
			return nil, err
		}
		return permissionSetResources(ps), nil
	}
	return t
}

func permissionSetResources(ps PermissionSet) map[string]string {
	return map[string]string{"permission_set_name": ps.Name, "permission_set_arn": ps.ARN, "session_duration": ps.SessionDuration}
}

func inspectPermissionSet(spec PermissionSetSpec, ps PermissionSet, found bool) step.Inspection {
	if !found {
		return step.Inspection{
			Facts: []step.Fact{{Label: "Permission set " + spec.Name, Value: "not made yet", Good: step.No()}},
			Changes: []string{
				"Create permission set " + spec.Name + " with sessions of " + spec.SessionDuration + " (sso:CreatePermissionSet)",
				"Attach the AWS managed policy " + strings.Join(spec.ManagedPolicies, ", ") + " (sso:AttachManagedPolicyToPermissionSet)",
			},
		}
	}
	policies, duration := ps.missing(spec)
	facts := []step.Fact{
		{Label: "Permission set " + spec.Name, Value: ps.ARN, Good: step.Yes()},
		{Label: "Managed policies", Value: orNone(strings.Join(ps.ManagedPolicies, ", ")), Good: good(len(policies) == 0)},
		{Label: "Session duration", Value: ps.SessionDuration, Good: good(!duration)},
	}
	var changes []string
	for _, p := range policies {
		changes = append(changes, "Attach the AWS managed policy "+p+" (sso:AttachManagedPolicyToPermissionSet)")
	}
	if duration {
		changes = append(changes, "Set the session duration to "+spec.SessionDuration+" (sso:UpdatePermissionSet)")
	}
	if len(changes) > 0 {
		changes = append(changes, "Provision the change to the accounts that already use it (sso:ProvisionPermissionSet)")
	}
	return step.Inspection{Facts: facts, Satisfied: len(changes) == 0, Changes: changes, Resources: permissionSetResources(ps)}
}
