package billing

import (
	"context"
	"strings"

	"github.com/firstrun/firstrun/steps/checkpoint"
	"github.com/firstrun/firstrun/steps/step"
)

// RoleHeadless is the billing role without a screen, for the role named in the answers
// (billing_role.name) or DefaultRoleName. A run without a person makes the role and
// attaches its policy, but never replaces the trust policy of a role it finds: who may
// assume a role is for the operator to decide, so the run waits for them instead.
func RoleHeadless() step.Headless {
	return step.Headless{Check: checkRole, Plan: planRole, Run: runRole}
}

func checkRole(ctx context.Context, env *step.Env) (step.Control, error) {
	r, err := ReadRole(ctx, env.AWS.IAM, env.Identity.Account, roleInput(env.Answers).Name)
	if err != nil {
		return step.Control{}, err
	}
	if r.Ready() {
		return step.Control{Status: step.Pass, Detail: "Role " + r.Name + " has the Billing policy, and only this account's " +
			"principals signed in with MFA may assume it."}, nil
	}
	return step.Control{Status: step.Fail, Detail: roleShortfall(r)}, nil
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

func planRole(ctx context.Context, env *step.Env) ([]step.Change, error) {
	in := roleInput(env.Answers)
	if err := in.Validate(); err != nil {
		return nil, err
	}
	r, err := ReadRole(ctx, env.AWS.IAM, env.Identity.Account, in.Name)
	if err != nil {
		return nil, err
	}
	return roleChanges(r, env.Identity.Account), nil
}

// roleChanges are the calls EnsureRole makes on r.
func roleChanges(r Role, account string) []step.Change {
	resource := "role " + r.Name
	trust := step.Field{Name: "trust", Value: "this account (" + account + "), MFA required"}
	attach := step.Change{Service: "iam", Operation: "AttachRolePolicy", Resource: resource,
		Fields: []step.Field{{Name: "policy", Value: BillingPolicyARN}}}
	if !r.Exists {
		return []step.Change{{Service: "iam", Operation: "CreateRole", Resource: resource, Fields: []step.Field{trust}}, attach}
	}
	var changes []step.Change
	if len(r.TrustDifferences) > 0 {
		changes = append(changes, step.Change{Service: "iam", Operation: "UpdateAssumeRolePolicy", Resource: resource, Fields: []step.Field{
			trust,
			{Name: "replacing", Value: strings.Join(r.TrustDifferences, "; ")},
			{Name: "confirm", Value: "the operator's; a non-interactive run waits for it"},
		}})
	}
	if !r.PolicyAttached {
		changes = append(changes, attach)
	}
	return changes
}

func runRole(ctx context.Context, env *step.Env) (checkpoint.StepRecord, error) {
	api, account, in := env.AWS.IAM, env.Identity.Account, roleInput(env.Answers)
	if err := in.Validate(); err != nil {
		return checkpoint.StepRecord{}, err
	}
	r, err := ReadRole(ctx, api, account, in.Name)
	if err != nil {
		return checkpoint.StepRecord{}, err
	}
	if r.Exists && len(r.TrustDifferences) > 0 {
		return checkpoint.StepRecord{}, step.Waiting("decide about role " + r.Name + ", whose trust policy differs from the billing role's (" +
			strings.Join(r.TrustDifferences, "; ") + "): replace it in the wizard, or name another role in billing_role.name")
	}
	arn := r.ARN
	if !r.Ready() {
		if arn, err = ensureRole(ctx, api, account, r, nil); err != nil {
			return checkpoint.StepRecord{}, err
		}
		if r, err = ReadRole(ctx, api, account, in.Name); err != nil {
			return checkpoint.StepRecord{}, err
		}
	}
	outcome := checkpoint.Done
	if r.Ready() {
		outcome = checkpoint.Verified
	}
	return checkpoint.StepRecord{Outcome: outcome, Resources: roleResources(arn, r.Name)}, nil
}
