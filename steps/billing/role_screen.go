package billing

import (
	"context"
	"maps"
	"strings"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/huh"

	"github.com/firstrun/firstrun/steps/identitycenter"
	"github.com/firstrun/firstrun/steps/step"
)

const roleIntro = "A role is a set of permissions that people in this account switch to only when " +
	"they need them. This one is for billing work: it gets AWS's managed Billing policy (bills, " +
	"payments, budgets and cost reports; nothing else), and only people in this account who " +
	"signed in with MFA can switch to it."

// identityCenterOffer explains the question asked when Identity Center is in use.
const identityCenterOffer = "IAM Identity Center is set up, so people sign in through the access portal. A " +
	"permission set named " + BillingPermissionSetName + ", with the same Billing policy, given to a group in this " +
	"account lets its members do billing work from there."

// RoleScreen asks for the billing role's name and, when Identity Center is in use,
// whether a group there should get billing work too. It then shows what IAM and Identity
// Center have and what will change, and changes it once the operator confirms.
func RoleScreen(env *step.Env, def step.Definition) step.Screen {
	c := recordedRoleChoice(env, def)
	var (
		inst    identitycenter.Instance
		offered bool // Identity Center is in use: set by Look, before the questions show
	)
	form := huh.NewForm(
		huh.NewGroup(
			huh.NewInput().Title("Role name").
				Description("1 to 64 letters, digits and + = , . @ _ -").
				Value(&c.name).Validate(ValidateRoleName),
		).WithHideFunc(func() bool { return c.nameFixed }),
		huh.NewGroup(
			huh.NewConfirm().Title("Also give billing work to a group in Identity Center?").
				Description(identityCenterOffer).
				Affirmative("Yes").Negative("No, the role is enough").Value(&c.inIdentityCenter),
		).WithHideFunc(func() bool { return !offered || c.groupFixed }),
		huh.NewGroup(
			huh.NewInput().Title("Group for billing work").
				Description("In the Identity Center directory; made if missing, and it starts empty").
				Value(&c.group).Validate(identitycenter.ValidateGroupName),
		).WithHideFunc(func() bool { return !offered || c.groupFixed || !c.inIdentityCenter }),
	)
	a := step.NewAsk(env, def, form)
	a.Intro = roleIntro
	a.Look = func(ctx context.Context) bool {
		inst, offered = identityCenterFor(ctx, env)
		return c.nameFixed && (!offered || c.groupFixed)
	}
	a.Then = func(bool) (step.Screen, tea.Cmd) {
		var group *billingGroup
		if offered && c.inIdentityCenter {
			group = &billingGroup{inst: inst, name: c.group}
		}
		return a.Next(roleTask(env, def, c.name, group))
	}
	return a
}

// roleChoice is what the role screen asks.
type roleChoice struct {
	name             string
	inIdentityCenter bool
	group            string
	// nameFixed and groupFixed say an earlier run chose them: they are kept, so a resumed
	// run finishes what that run started instead of starting another.
	nameFixed, groupFixed bool
}

// recordedRoleChoice starts from what an earlier run recorded, then from the answers.
func recordedRoleChoice(env *step.Env, def step.Definition) roleChoice {
	rec := func(key string) string { return env.Store.Document().Resource(string(def.ID), key) }
	c := roleChoice{name: roleInput(env.Answers).Name, group: DefaultBillingGroup}
	if name := rec("role_name"); name != "" {
		c.name, c.nameFixed = name, true
	}
	if group := rec("group_name"); group != "" {
		c.group, c.groupFixed, c.inIdentityCenter = group, true, true
	}
	return c
}

// billingGroup is the Identity Center group chosen for billing work.
type billingGroup struct {
	inst identitycenter.Instance
	name string
}

// roleTask shows and makes the role named name and, when group is not nil, the Billing
// permission set given to that group in Identity Center.
func roleTask(env *step.Env, def step.Definition, name string, group *billingGroup) step.Screen {
	account := env.Identity.Account
	t := step.NewTask(env, def)
	t.Intro = roleIntro
	t.ConfirmLabel = "make these changes"
	t.Working = &step.Status{}
	var found IdentityCenterBilling // read by Inspect, made complete by Apply
	t.Inspect = func(ctx context.Context) (step.Inspection, error) {
		r, err := ReadRole(ctx, env.AWS.IAM, account, name)
		if err != nil {
			return step.Inspection{}, err
		}
		if group == nil {
			return roleInspection(r, account), nil
		}
		region := group.inst.Region
		found, err = ReadIdentityCenterBilling(ctx, env.AWS.SSOAdmin(region), env.AWS.IdentityStore(region), group.inst, account, group.name)
		if err != nil {
			return step.Inspection{}, err
		}
		return withIdentityCenter(roleInspection(r, account), found), nil
	}
	t.Apply = func(ctx context.Context) (map[string]string, error) {
		arn, err := EnsureRole(ctx, env.AWS.IAM, account, name, func(arn string) error {
			return step.Progress(env, def.ID, roleResources(arn, name))
		})
		if err != nil {
			return nil, err
		}
		made := roleResources(arn, name)
		if group == nil {
			return made, nil
		}
		region := group.inst.Region
		ps, err := EnsureIdentityCenterBilling(ctx, env.AWS.SSOAdmin(region), env.AWS.IdentityStore(region), found, account,
			identitycenter.Waiter{Report: t.Working.Set})
		if err != nil {
			return nil, err
		}
		maps.Copy(made, ps)
		return made, nil
	}
	return t
}

func roleResources(arn, name string) map[string]string {
	return map[string]string{"role_arn": arn, "role_name": name}
}

// roleInspection shows what IAM has under the role's name and what would change.
func roleInspection(r Role, account string) step.Inspection {
	trust := "Trust policy (who may switch to the role):\n" + TrustPolicy(account)
	attach := "Attach the AWS managed policy " + BillingPolicyARN
	if !r.Exists {
		return step.Inspection{
			Facts:   []step.Fact{{Label: "Role", Value: r.Name + ": IAM has no role of that name yet"}},
			Changes: []string{"Create the role " + r.Name + " (" + RoleARN(account, r.Name) + ")", trust, attach},
		}
	}

	in := step.Inspection{
		Satisfied: r.Ready(),
		Resources: roleResources(r.ARN, r.Name),
		Facts: []step.Fact{
			{Label: "Role", Value: r.ARN},
			{Label: "Billing policy", Value: "attached", Good: step.Yes()},
			{Label: "Trust policy", Value: "this account only, MFA required", Good: step.Yes()},
		},
	}
	if !r.PolicyAttached {
		in.Facts[1] = step.Fact{Label: "Billing policy", Value: "not attached", Good: step.No()}
		in.Changes = append(in.Changes, attach)
	}
	if len(r.TrustDifferences) > 0 {
		in.Facts[2] = step.Fact{Label: "Trust policy", Value: "differs: " + strings.Join(r.TrustDifferences, "; "), Good: step.No()}
		in.Changes = append([]string{"Replace the trust policy with:\n" + TrustPolicy(account)}, in.Changes...)
	}
	var notes []string
	if !r.Ready() {
		notes = append(notes, "A role named "+r.Name+" already exists and differs from the billing role. "+
			"Press enter to change it as listed below, or s to leave it as it is.")
	}
	if len(r.OtherPolicies) > 0 {
		in.Facts = append(in.Facts, step.Fact{Label: "Other policies", Value: strings.Join(r.OtherPolicies, ", "), Good: step.No()})
		notes = append(notes, "The role has other policies too; firstrun leaves them alone. Detach them in the IAM "+
			"console if the role should only do billing work.")
	}
	in.Note = strings.Join(notes, " ")
	return in
}
