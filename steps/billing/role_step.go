package billing

import (
	"context"
	"maps"
	"strings"

	"github.com/firstrun/firstrun/awsclient"
	step "github.com/firstrun/firstrun/steps/core"
	"github.com/firstrun/firstrun/steps/identitycenter"
)

const roleIntro = "A role is a set of permissions that people in this account switch to only when " +
	"they need them. This one is for billing work: it gets AWS's managed Billing policy (bills, " +
	"payments, budgets and cost reports; nothing else), and only people in this account who " +
	"signed in with MFA can switch to it."

// identityCenterOffer explains the question asked when Identity Center is in use.
const identityCenterOffer = "IAM Identity Center is set up, so people sign in through the access portal. A " +
	"permission set named " + BillingPermissionSetName + ", with the same Billing policy, given to a group in this " +
	"account lets its members do billing work from there."

// RoleOutputs are what the billing-role step records: the role and, when billing work is
// given to a group in Identity Center, the permission set and the group.
type RoleOutputs struct {
	RoleARN           string `json:"role_arn,omitempty"`
	RoleName          string `json:"role_name,omitempty"`
	PermissionSetName string `json:"permission_set_name,omitempty"`
	PermissionSetARN  string `json:"permission_set_arn,omitempty"`
	GroupName         string `json:"group_name,omitempty"`
	GroupID           string `json:"group_id,omitempty"`
	PolicyARN         string `json:"policy_arn,omitempty"`
}

// RoleFlow is the billing role: it asks for the role's name (billing_role.name in the
// answers, else DefaultRoleName) and, when Identity Center is in use, whether a group there
// should get billing work too; it then makes what is missing. A role of that name whose
// trust policy differs is for the operator to decide about: a run without a person waits
// rather than replace it.
func RoleFlow(env step.Env) *step.Flow {
	r := &roleStep{env: env}
	r.choose()
	return &step.Flow{
		Intro:        roleIntro,
		Inspect:      r.inspect,
		Questions:    r.questions,
		Apply:        r.apply,
		ConfirmLabel: "make these changes",
	}
}

// roleStep is the step's state between the Flow's calls.
type roleStep struct {
	env              step.Env
	name             string
	inIdentityCenter bool
	group            string
	// nameFixed and groupFixed say an earlier run chose them: they are kept, so a resumed
	// run finishes what that run started instead of starting another.
	nameFixed, groupFixed bool
	// inst and offered are Identity Center, when it is in use: read by the first
	// inspection, before the questions.
	inst    identitycenter.Instance
	offered bool
	asked   bool
	found   IdentityCenterBilling // read by inspect, made complete by apply
	// last is the role as the last inspection read it; changed says apply has run since,
	// so it must be read again.
	last    *Role
	changed bool
}

// choose starts from what an earlier run recorded, then from the answers.
func (r *roleStep) choose() {
	rec := step.Output[RoleOutputs](r.env.Saved, "billing-role")
	r.name, r.group = roleInput(r.env.Answers).Name, DefaultBillingGroup
	if rec.RoleName != "" {
		r.name, r.nameFixed = rec.RoleName, true
	}
	if rec.GroupName != "" {
		r.group, r.groupFixed, r.inIdentityCenter = rec.GroupName, true, true
	}
}

func (r *roleStep) account() string { return r.env.Identity.Account }

func (r *roleStep) partition() string { return r.env.Identity.Partition() }

// withGroup reports whether the step gives billing work to a group in Identity Center.
func (r *roleStep) withGroup() bool { return r.offered && r.inIdentityCenter }

func (r *roleStep) inspect(ctx context.Context) (step.Inspection, error) {
	if err := ValidateRoleName(r.name); err != nil {
		return step.Inspection{}, err
	}
	// The answers need no second read of a role already read by the same name.
	if r.last == nil || r.last.Name != r.name || r.changed {
		role, err := ReadRole(ctx, r.env.AWS.IAM, r.env.Identity, r.name)
		if err != nil {
			return step.Inspection{}, err
		}
		r.last, r.changed = &role, false
	}
	role := *r.last
	in := roleInspection(role, r.partition(), r.account())
	if !r.asked {
		if !role.Ready() || r.groupFixed {
			r.inst, r.offered = identityCenterFor(ctx, r.env)
		}
		if !r.withGroup() || !r.groupFixed {
			return in, nil
		}
	}
	if !r.withGroup() {
		return in, nil
	}
	region := r.inst.Region
	found, err := ReadIdentityCenterBilling(ctx, r.env.AWS.SSOAdmin(region), r.env.AWS.IdentityStore(region), r.inst, r.env.Identity, r.group)
	if err != nil {
		return step.Inspection{}, err
	}
	r.found = found
	return withIdentityCenter(in, found), nil
}

func (r *roleStep) questions(step.Inspection) *step.Form {
	r.asked = true
	if r.nameFixed && (!r.offered || r.groupFixed) {
		return nil
	}
	return step.NewForm(
		step.Group{Hide: func() bool { return r.nameFixed }, Fields: []step.Field{
			&step.Input{Common: step.Common{Title: "Role name", Description: "1 to 64 letters, digits and + = , . @ _ -"},
				Value: &r.name, Validate: ValidateRoleName},
		}},
		step.Group{Hide: func() bool { return !r.offered || r.groupFixed }, Fields: []step.Field{
			&step.Confirm{Common: step.Common{Title: "Also give billing work to a group in Identity Center?", Description: identityCenterOffer},
				Affirmative: "Yes", Negative: "No, the role is enough", Value: &r.inIdentityCenter},
		}},
		step.Group{Hide: func() bool { return !r.offered || r.groupFixed || !r.inIdentityCenter }, Fields: []step.Field{
			&step.Input{Common: step.Common{Title: "Group for billing work",
				Description: "In the Identity Center directory; made if missing, and it starts empty"},
				Value: &r.group, Validate: identitycenter.ValidateGroupName},
		}},
	)
}

func (r *roleStep) apply(ctx context.Context, a *step.Act) (step.Outputs, error) {
	created := func(arn string) error { return a.Progress(RoleOutputs{RoleARN: arn, RoleName: r.name}) }
	// The role as just inspected, the first time; read again on a retry.
	var arn string
	var err error
	if r.changed {
		arn, err = EnsureRole(ctx, r.env.AWS.IAM, r.env.Identity, r.name, created)
	} else {
		arn, err = ensureRole(ctx, r.env.AWS.IAM, r.env.Identity, *r.last, created)
	}
	r.changed = true
	if err != nil {
		return nil, err
	}
	made := step.Encode(RoleOutputs{RoleARN: arn, RoleName: r.name})
	if !r.withGroup() {
		return made, nil
	}
	// The group chosen is saved before anything is made for it, so a resumed run finishes
	// that group's work instead of asking again.
	if err := a.Progress(RoleOutputs{GroupName: r.group}); err != nil {
		return nil, err
	}
	region := r.inst.Region
	ps, err := EnsureIdentityCenterBilling(ctx, r.env.AWS.SSOAdmin(region), r.env.AWS.IdentityStore(region), r.found, r.account(),
		identitycenter.Waiter{Report: a.Status})
	if err != nil {
		return nil, err
	}
	maps.Copy(made, ps)
	return step.Decode[RoleOutputs](made), nil
}

// roleShortfall says in a sentence how r falls short of the billing role.
func roleShortfall(r Role) string {
	if !r.Exists {
		return "There is no role named " + r.Name + "."
	}
	var gaps []string
	if !r.PolicyAttached {
		gaps = append(gaps, "the Billing policy is not attached")
	}
	if len(r.TrustDifferences) > 0 {
		gaps = append(gaps, "its trust policy differs: "+strings.Join(r.TrustDifferences, "; "))
	}
	return "Role " + r.Name + ": " + strings.Join(gaps, "; ") + "."
}

// roleInspection shows what IAM has under the role's name and what would change.
func roleInspection(r Role, partition, account string) step.Inspection {
	trust, policy := TrustPolicy(partition, account), BillingPolicyARN(partition)
	resource := "role " + r.Name
	trustParam := step.Param{Name: "trust", Value: "this account (" + account + "), MFA required"}
	attach := step.Change{Service: "iam", Operation: "AttachRolePolicy", Resource: resource,
		Params: []step.Param{{Name: "policy", Value: policy}},
		Say:    "Attach the AWS managed policy " + policy}
	if !r.Exists {
		return step.Inspection{
			Detail: roleShortfall(r),
			Facts:  []step.Fact{{Label: "Role", Value: r.Name + ": IAM has no role of that name yet"}},
			Changes: []step.Change{
				{Service: "iam", Operation: "CreateRole", Resource: resource, Params: []step.Param{trustParam},
					Say:    "Create the role " + r.Name + " (" + awsclient.RoleARN(partition, account, r.Name) + ")",
					Detail: "Trust policy (who may switch to the role):\n" + trust},
				attach,
			},
		}
	}

	in := step.Inspection{
		Holds:   r.Ready(),
		Outputs: RoleOutputs{RoleARN: r.ARN, RoleName: r.Name},
		Facts: []step.Fact{
			{Label: "Role", Value: r.ARN},
			{Label: "Billing policy", Value: "attached", Good: step.Yes()},
			{Label: "Trust policy", Value: "this account only, MFA required", Good: step.Yes()},
		},
	}
	in.Detail = "Role " + r.Name + " has the Billing policy, and only this account's principals signed in with MFA may assume it."
	if !r.Ready() {
		in.Detail = roleShortfall(r)
	}
	if len(r.TrustDifferences) > 0 {
		differs := strings.Join(r.TrustDifferences, "; ")
		in.Facts[2] = step.Fact{Label: "Trust policy", Value: "differs: " + differs, Good: step.No()}
		in.Changes = append(in.Changes, step.Change{Service: "iam", Operation: "UpdateAssumeRolePolicy", Resource: resource,
			Params: []step.Param{trustParam, {Name: "replacing", Value: differs}},
			Say:    "Replace the trust policy with:", Detail: trust})
		in.Decision = "decide about role " + r.Name + ", whose trust policy differs from the billing role's (" + differs +
			"): replace it in the wizard, or name another role in billing_role.name"
	}
	if !r.PolicyAttached {
		in.Facts[1] = step.Fact{Label: "Billing policy", Value: "not attached", Good: step.No()}
		in.Changes = append(in.Changes, attach)
	}
	var notes []string
	if !r.Ready() {
		notes = append(notes, "A role named "+r.Name+" already exists and differs from the billing role. "+
			"Confirm to change it as listed below, or skip the step to leave it as it is.")
	}
	if len(r.OtherPolicies) > 0 {
		in.Facts = append(in.Facts, step.Fact{Label: "Other policies", Value: strings.Join(r.OtherPolicies, ", "), Good: step.No()})
		notes = append(notes, "The role has other policies too; firstrun leaves them alone. Detach them in the IAM "+
			"console if the role should only do billing work.")
	}
	in.Note = strings.Join(notes, " ")
	return in
}

// withIdentityCenter adds to the role's inspection what Identity Center has for billing
// work and what will change there.
func withIdentityCenter(in step.Inspection, b IdentityCenterBilling) step.Inspection {
	ps := "not made yet"
	switch {
	case b.HasPermissionSet && b.HasPolicy():
		ps = "has the Billing policy, sessions of " + b.PermissionSet.SessionDuration
	case b.HasPermissionSet:
		ps = "exists, without the Billing policy"
	}
	group := "not made yet"
	if b.GroupID != "" {
		group = "exists"
	}
	assigned := "no"
	if b.Assigned {
		assigned = "yes"
	}
	in.Facts = append(in.Facts,
		step.Fact{Label: "Identity Center", Value: b.Instance.Region},
		step.Fact{Label: "Permission set " + BillingPermissionSetName, Value: ps, Good: step.GoodIf(b.HasPermissionSet && b.HasPolicy())},
		step.Fact{Label: "Group " + b.Group, Value: group, Good: step.GoodIf(b.GroupID != "")},
		step.Fact{Label: "Group has it in this account", Value: assigned, Good: step.GoodIf(b.Assigned)},
	)
	in.Holds = in.Holds && b.Ready()
	in.Changes = append(in.Changes, identityCenterChanges(b)...)
	if !b.Ready() {
		in.Detail += " Group " + b.Group + " can't do billing work in this account through Identity Center yet."
	}
	if b.Ready() {
		out, _ := in.Outputs.(RoleOutputs)
		out.PermissionSetName, out.PermissionSetARN = b.PermissionSet.Name, b.PermissionSet.ARN
		out.GroupName, out.GroupID, out.PolicyARN = b.Group, b.GroupID, b.Policy
		in.Outputs = out
	}
	return in
}

// identityCenterChanges say what EnsureIdentityCenterBilling does for b.
func identityCenterChanges(b IdentityCenterBilling) []step.Change {
	var changes []step.Change
	ps := "permission set " + BillingPermissionSetName
	switch {
	case !b.HasPermissionSet:
		changes = append(changes, step.Change{Service: "sso", Operation: "CreatePermissionSet", Resource: ps,
			Params: []step.Param{{Name: "policy", Value: b.Policy}, {Name: "session", Value: b.sessionDuration()}},
			Say:    "Create the permission set " + BillingPermissionSetName + " with the Billing policy and sessions of " + b.sessionDuration()})
	case !b.HasPolicy():
		changes = append(changes, step.Change{Service: "sso", Operation: "AttachManagedPolicyToPermissionSet", Resource: ps,
			Params: []step.Param{{Name: "policy", Value: b.Policy}},
			Say:    "Attach the Billing policy to the permission set " + BillingPermissionSetName + ", and update the accounts that have it"})
	}
	if b.GroupID == "" {
		changes = append(changes, step.Change{Service: "identitystore", Operation: "CreateGroup", Resource: "group " + b.Group,
			Say: "Create the group " + b.Group + ", empty: add the people who do billing work to it in the Identity Center console"})
	}
	if !b.Assigned {
		changes = append(changes, step.Change{Service: "sso", Operation: "CreateAccountAssignment", Resource: "group " + b.Group,
			Params: []step.Param{{Name: "permission_set", Value: BillingPermissionSetName}},
			Say:    "Give the group " + b.Group + " the permission set in this account, and wait for AWS"})
	}
	return changes
}
