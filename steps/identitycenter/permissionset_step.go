package identitycenter

import (
	"context"
	"fmt"
	"strings"

	step "github.com/firstrun/firstrun/steps/core"
)

// AdminPermissionSetName is the administrator permission set's name, after the policy.
const AdminPermissionSetName = "AdministratorAccess"

const adminPermissionSetIntro = "A permission set is what a person may do once signed in to an account. This one " +
	"carries the AWS managed policy AdministratorAccess. Its session lasts one hour by default: after that, the " +
	"administrator signs in again, so a stolen session is short-lived."

// PermissionSetOutputs are what the admin-permission-set step records.
type PermissionSetOutputs struct {
	PermissionSetName string `json:"permission_set_name,omitempty"`
	PermissionSetARN  string `json:"permission_set_arn,omitempty"`
	SessionDuration   string `json:"session_duration,omitempty"`
}

// AdminPermissionSetFlow makes the AdministratorAccess permission set with short sessions:
// the session duration saved earlier, else admin_permission_set.session_duration, else one
// hour. A permission set of that name that lacks the policy or has other sessions is
// completed, and the change provisioned to the accounts that hold it.
func AdminPermissionSetFlow(env step.Env) *step.Flow {
	p := &permissionSetStep{env: env, spec: adminPermissionSetSpec(env)}
	return &step.Flow{
		Intro:     adminPermissionSetIntro,
		Inspect:   p.inspect,
		Questions: p.questions,
		// The review describes the session duration entered, without a second read.
		Revise:       p.revise,
		Apply:        p.apply,
		ConfirmLabel: "create the permission set",
	}
}

// adminPermissionSetSpec is the administrator permission set to make.
func adminPermissionSetSpec(env step.Env) PermissionSetSpec {
	return PermissionSetSpec{
		Name:        AdminPermissionSetName,
		Description: "Full access to the AWS account, for administrators (set up by firstrun)",
		SessionDuration: savedOr(env, stepAdminPermissionSet, "session_duration",
			firstOf(env.Answers.AdminPermissionSet.SessionDuration, DefaultSessionDuration)),
		ManagedPolicies: []string{AdministratorAccessPolicy(env.Identity.Partition())},
	}
}

// permissionSetStep is the step's state between the Flow's calls.
type permissionSetStep struct {
	env  step.Env
	spec PermissionSetSpec
	inst Instance
	// off is the inspection without Identity Center; otherwise ps and found are what the
	// last inspection read.
	off   *step.Inspection
	ps    PermissionSet
	found bool
}

func (p *permissionSetStep) inspect(ctx context.Context) (step.Inspection, error) {
	inst, off, err := adminStart(ctx, p.env, stepAdminPermissionSet)
	if err != nil {
		return step.Inspection{}, err
	}
	p.inst, p.off = inst, off
	if off == nil {
		if p.ps, p.found, err = FindPermissionSet(ctx, p.env.AWS.SSOAdmin(inst.Region), inst.ARN, p.spec.Name); err != nil {
			return step.Inspection{}, err
		}
	}
	return p.revise(step.Inspection{}), nil
}

func (p *permissionSetStep) revise(step.Inspection) step.Inspection {
	if p.off != nil {
		in := *p.off
		if in.Skip == "" {
			in.Changes = permissionSetChangeList(p.spec, PermissionSet{}, false)
		}
		return in
	}
	return permissionSetInspection(p.spec, p.ps, p.found)
}

func (p *permissionSetStep) questions(step.Inspection) *step.Form {
	return step.NewForm(step.Group{Fields: []step.Field{
		&step.Input{Common: step.Common{Title: "Session duration",
			Description: "ISO 8601, from PT1H (one hour) to PT12H; PT1H means signing in again every hour"},
			Value: &p.spec.SessionDuration, Validate: ValidateSessionDuration},
	}})
}

func (p *permissionSetStep) apply(ctx context.Context, a *step.Act) (step.Outputs, error) {
	inst, err := instanceFor(ctx, p.env, p.inst)
	if err != nil {
		return nil, err
	}
	ps, err := EnsurePermissionSet(ctx, p.env.AWS.SSOAdmin(inst.Region), inst.ARN, p.spec, Waiter{Report: a.Status})
	if err != nil {
		return nil, err
	}
	return permissionSetOutputs(ps), nil
}

func permissionSetOutputs(ps PermissionSet) PermissionSetOutputs {
	return PermissionSetOutputs{PermissionSetName: ps.Name, PermissionSetARN: ps.ARN, SessionDuration: ps.SessionDuration}
}

// permissionSetInspection shows what AWS has of the permission set spec describes, judges
// it as the audit does, and lists what EnsurePermissionSet would change.
func permissionSetInspection(spec PermissionSetSpec, ps PermissionSet, found bool) step.Inspection {
	changes := permissionSetChangeList(spec, ps, found)
	if !found {
		return step.Inspection{
			Facts:   []step.Fact{{Label: "Permission set " + spec.Name, Value: "not made yet", Good: step.No()}},
			Detail:  fmt.Sprintf("There is no permission set %s.", spec.Name),
			Changes: changes,
		}
	}
	policies, duration := ps.missing(spec)
	in := step.Inspection{
		Facts: []step.Fact{
			{Label: "Permission set " + spec.Name, Value: ps.ARN, Good: step.Yes()},
			{Label: "Managed policies", Value: orNone(strings.Join(ps.ManagedPolicies, ", ")), Good: good(len(policies) == 0)},
			{Label: "Session duration", Value: ps.SessionDuration, Good: good(!duration)},
		},
		Holds:   len(policies) == 0 && !duration,
		Changes: changes,
		Outputs: permissionSetOutputs(ps),
	}
	switch {
	case len(policies) > 0:
		in.Detail = fmt.Sprintf("Permission set %s lacks the AWS managed policy %s.", ps.Name, strings.Join(policies, ", "))
	case duration:
		in.Detail = fmt.Sprintf("Permission set %s has sessions of %s, not %s.", ps.Name, ps.SessionDuration, spec.SessionDuration)
	default:
		in.Detail = fmt.Sprintf("Permission set %s has the AWS managed policy %s and sessions of %s.", ps.Name,
			strings.Join(spec.ManagedPolicies, ", "), ps.SessionDuration)
	}
	return in
}

// permissionSetChangeList are the changes EnsurePermissionSet makes to ps, found or not, to
// match spec.
func permissionSetChangeList(spec PermissionSetSpec, ps PermissionSet, found bool) []step.Change {
	resource := "permission set " + spec.Name
	var changes []step.Change
	if !found {
		changes = append(changes, step.Change{Service: "sso", Operation: "CreatePermissionSet", Resource: resource,
			Params: []step.Param{{Name: "SessionDuration", Value: spec.SessionDuration}},
			Say:    "Create permission set " + spec.Name + " with sessions of " + spec.SessionDuration})
	}
	policies, duration := ps.missing(spec)
	for _, p := range policies {
		changes = append(changes, step.Change{Service: "sso", Operation: "AttachManagedPolicyToPermissionSet", Resource: resource,
			Params: []step.Param{{Name: "ManagedPolicyArn", Value: p}},
			Say:    "Attach the AWS managed policy " + p})
	}
	if found && duration {
		changes = append(changes, step.Change{Service: "sso", Operation: "UpdatePermissionSet", Resource: resource,
			Params: []step.Param{{Name: "SessionDuration", Value: spec.SessionDuration}},
			Say:    "Set the session duration to " + spec.SessionDuration})
	}
	if found && len(changes) > 0 {
		changes = append(changes, step.Change{Service: "sso", Operation: "ProvisionPermissionSet", Resource: resource,
			Params: []step.Param{{Name: "Target", Value: "every account that holds it"}},
			Say:    "Provision the change to the accounts that already use it"})
	}
	return changes
}
