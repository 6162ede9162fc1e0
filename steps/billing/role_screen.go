package billing

import (
	"context"
	tea "github.com/charmbracelet/bubbletea"
	"strings"

	"github.com/charmbracelet/huh"

	"github.com/firstrun/firstrun/steps/step"
)

const roleIntro = "A role is a set of permissions that people in this account switch to only when " +
	"they need them. This one is for billing work: it gets AWS's managed Billing policy (bills, " +
	"payments, budgets and cost reports; nothing else), and only people in this account who " +
	"signed in with MFA can switch to it."

// RoleScreen asks for the billing role's name, then shows what IAM has under that name and
// what will change, and changes it once the operator confirms.
func RoleScreen(env *step.Env, def step.Definition) step.Screen {
	if name := env.Store.Document().Resource(string(def.ID), "role_name"); name != "" {
		// An earlier run chose the name: keep it, so a resumed run finishes that role
		// instead of starting another.
		return roleTask(env, def, name)
	}
	in := DefaultRoleInput()
	form := huh.NewForm(huh.NewGroup(
		huh.NewInput().Title("Role name").
			Description("1 to 64 letters, digits and + = , . @ _ -").
			Value(&in.Name).Validate(ValidateRoleName),
	))
	a := step.NewAsk(env, def, form)
	a.Intro = roleIntro
	a.Then = func(bool) (step.Screen, tea.Cmd) { return a.Next(roleTask(env, def, in.Name)) }
	return a
}

func roleTask(env *step.Env, def step.Definition, name string) step.Screen {
	account := env.Identity.Account
	t := step.NewTask(env, def)
	t.Intro = roleIntro
	t.ConfirmLabel = "make these changes"
	t.Inspect = func(ctx context.Context) (step.Inspection, error) {
		r, err := ReadRole(ctx, env.AWS.IAM, account, name)
		if err != nil {
			return step.Inspection{}, err
		}
		return roleInspection(r, account), nil
	}
	t.Apply = func(ctx context.Context) (map[string]string, error) {
		arn, err := EnsureRole(ctx, env.AWS.IAM, account, name, func(arn string) error {
			return step.Progress(env, def.ID, roleResources(arn, name))
		})
		if err != nil {
			return nil, err
		}
		return roleResources(arn, name), nil
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
