package identitycenter

import (
	"context"
	"strings"

	"github.com/firstrun/firstrun/steps/checkpoint"
	"github.com/firstrun/firstrun/steps/step"
)

// AdminPermissionSetHeadless is the admin-permission-set step for audit, --plan and
// --non-interactive.
func AdminPermissionSetHeadless() step.Headless {
	return step.Headless{
		Check: checkOnInstance(checkAdminPermissionSet),
		Plan:  planGated(stepAdminPermissionSet, planAdminPermissionSet),
		Run:   runGated(stepAdminPermissionSet, runAdminPermissionSet),
	}
}

// checkAdminPermissionSet looks for AdministratorAccess with the session duration the
// answers file asks for, else one hour.
func checkAdminPermissionSet(ctx context.Context, env *step.Env, inst Instance) (step.Control, error) {
	spec := adminPermissionSet(env)
	spec.SessionDuration = checkAnswer(env, env.Answers.AdminPermissionSet.SessionDuration, stepAdminPermissionSet,
		"session_duration", DefaultSessionDuration)
	ps, found, err := FindPermissionSet(ctx, env.AWS.SSOAdmin(inst.Region), inst.ARN, spec.Name)
	if err != nil {
		return step.Control{}, err
	}
	policies, duration := ps.missing(spec)
	switch {
	case !found:
		return fail("There is no permission set %s.", spec.Name), nil
	case len(policies) > 0:
		return fail("Permission set %s lacks the AWS managed policy %s.", ps.Name, strings.Join(policies, ", ")), nil
	case duration:
		return fail("Permission set %s has sessions of %s, not %s.", ps.Name, ps.SessionDuration, spec.SessionDuration), nil
	}
	return pass("Permission set %s has the AWS managed policy %s and sessions of %s.", ps.Name, AdministratorAccessPolicy(env.Identity.Partition()),
		ps.SessionDuration), nil
}

func planAdminPermissionSet(ctx context.Context, env *step.Env) ([]step.Change, error) {
	spec := adminPermissionSet(env)
	inst, err := LoadInstance(ctx, env.Base())
	if err != nil {
		return planWaiting(permissionSetChanges(spec, PermissionSet{}, false), err)
	}
	ps, found, err := FindPermissionSet(ctx, env.AWS.SSOAdmin(inst.Region), inst.ARN, spec.Name)
	if err != nil {
		return nil, err
	}
	return permissionSetChanges(spec, ps, found), nil
}

func runAdminPermissionSet(ctx context.Context, env *step.Env) (checkpoint.StepRecord, error) {
	spec := adminPermissionSet(env)
	inst, err := LoadInstance(ctx, env.Base())
	if err != nil {
		return checkpoint.StepRecord{}, err
	}
	api := env.AWS.SSOAdmin(inst.Region)
	if _, err := EnsurePermissionSet(ctx, api, inst.ARN, spec, Waiter{}); err != nil {
		return checkpoint.StepRecord{}, err
	}
	ps, found, err := FindPermissionSet(ctx, api, inst.ARN, spec.Name)
	if err != nil {
		return checkpoint.StepRecord{}, err
	}
	return checked(inspectPermissionSet(spec, ps, found).Satisfied, permissionSetResources(ps)), nil
}

// permissionSetChanges are the changes EnsurePermissionSet makes to ps, found or not, to
// match spec.
func permissionSetChanges(spec PermissionSetSpec, ps PermissionSet, found bool) []step.Change {
	resource := "permission set " + spec.Name
	var changes []step.Change
	if !found {
		changes = append(changes, change("sso", "CreatePermissionSet", resource, "SessionDuration", spec.SessionDuration))
	}
	policies, duration := ps.missing(spec)
	for _, p := range policies {
		changes = append(changes, change("sso", "AttachManagedPolicyToPermissionSet", resource, "ManagedPolicyArn", p))
	}
	if found && duration {
		changes = append(changes, change("sso", "UpdatePermissionSet", resource, "SessionDuration", spec.SessionDuration))
	}
	if found && len(changes) > 0 {
		changes = append(changes, change("sso", "ProvisionPermissionSet", resource, "Target", "every account that holds it"))
	}
	return changes
}
