package identitycenter

import (
	"context"

	"github.com/firstrun/firstrun/answers"
	"github.com/firstrun/firstrun/steps/checkpoint"
	"github.com/firstrun/firstrun/steps/step"
)

// What organization.member_account may say.
const (
	memberStop     = "stop"
	memberContinue = "continue"
)

// OrganizationHeadless is the organization step for audit, --plan and --non-interactive.
// Creating an organization makes this account the management account of others to come,
// so a run creates one only when the answers file says organization.create: true.
func OrganizationHeadless() step.Headless {
	return step.Headless{Check: checkOrganization, Plan: planOrganization, Run: runOrganization}
}

func checkOrganization(ctx context.Context, env *step.Env) (step.Control, error) {
	org, err := ReadOrganization(ctx, env.AWS.Organizations, env.Identity.Account)
	switch {
	case err != nil:
		return step.Control{}, err
	case org == nil:
		return fail("This account belongs to no organization, which IAM Identity Center needs."), nil
	case !org.AllFeatures:
		return fail("Organization %s has consolidated billing only; IAM Identity Center needs all features.", org.ID), nil
	case org.Manages:
		return pass("Organization %s has all features, with this account as its management account.", org.ID), nil
	}
	return pass("This account is a member of organization %s (all features), managed from account %s.", org.ID, org.ManagementAccount), nil
}

func planOrganization(ctx context.Context, env *step.Env) ([]step.Change, error) {
	org, err := ReadOrganization(ctx, env.AWS.Organizations, env.Identity.Account)
	if err != nil {
		return nil, err
	}
	_, create, wait := decideOrganization(env.Answers.Organization, org)
	if org == nil && (create || wait != nil) {
		return []step.Change{change("organizations", "CreateOrganization", "organization",
			"FeatureSet", "ALL", "ManagementAccount", env.Identity.Account)}, wait
	}
	return nil, wait
}

func runOrganization(ctx context.Context, env *step.Env) (checkpoint.StepRecord, error) {
	api, account := env.AWS.Organizations, env.Identity.Account
	org, err := ReadOrganization(ctx, api, account)
	if err != nil {
		return checkpoint.StepRecord{}, err
	}
	rec, create, err := decideOrganization(env.Answers.Organization, org)
	if !create {
		return rec, err
	}
	if _, err := CreateOrganization(ctx, api, account); err != nil {
		return checkpoint.StepRecord{}, err
	}
	if org, err = ReadOrganization(ctx, api, account); err != nil || org == nil {
		return checked(false), err
	}
	return checked(org.Manages && org.AllFeatures, organizationResources(org)), nil
}

// decideOrganization is what the answers say to do with the organization AWS shows (nil
// for none): create one, or save rec, or wait for the operator.
func decideOrganization(a answers.Organization, org *Organization) (rec checkpoint.StepRecord, create bool, wait error) {
	switch {
	case org == nil && answers.True(a.Create):
		return checkpoint.StepRecord{}, true, nil
	case org == nil && answers.False(a.Create):
		return skipped("the answers file says organization.create: false, so this account stays out of any organization " +
			"and can't use IAM Identity Center"), false, nil
	case org == nil:
		return checkpoint.StepRecord{}, false, step.Waiting("confirm that this account becomes the management account of a " +
			"new organization: set organization.create: true in the answers file")
	case org.Manages && org.AllFeatures:
		return checked(true, organizationResources(org)), false, nil
	case org.Manages:
		return checkpoint.StepRecord{}, false, step.Waiting(stopReason(org))
	}
	switch a.MemberAccount {
	case memberStop:
		return skipped(stopReason(org) + " (the answers file says organization.member_account: stop)"), false, nil
	case memberContinue:
		res := organizationResources(org)
		res["continued_as"] = continuedAs(org)
		return checkpoint.StepRecord{Outcome: checkpoint.Confirmed, Resources: res, Reason: "the answers file says " +
			"organization.member_account: continue: this account goes on as Identity Center's delegated administrator"}, false, nil
	}
	return checkpoint.StepRecord{}, false, step.Waiting("say whether this member account of " + org.ID + " goes on with " +
		"Identity Center: set organization.member_account to stop or continue in the answers file")
}

func organizationResources(org *Organization) map[string]string {
	return map[string]string{"organization_id": org.ID, "management_account": org.ManagementAccount}
}
