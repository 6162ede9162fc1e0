package billing_test

import (
	"context"
	"slices"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/iam"

	"github.com/firstrun/firstrun/answers"
	"github.com/firstrun/firstrun/awsclient"
	"github.com/firstrun/firstrun/awsclient/simulator"
	"github.com/firstrun/firstrun/steps/billing"
	"github.com/firstrun/firstrun/steps/checkpoint"
	step "github.com/firstrun/firstrun/steps/core"
	"github.com/firstrun/firstrun/steps/steptest"
)

func TestBillingRoleHeadlessMakesTheRoleOnce(t *testing.T) {
	h := steptest.New(t, simulator.Options{})
	h.Env.Answers = &answers.Answers{BillingRole: answers.BillingRole{Name: "BillingTeam"}}
	id, account := step.ID("billing-role"), h.Env.Identity.Account

	c, err := audit(t, h, id), error(nil)
	if err != nil || c.Status != step.Fail || c.Detail != "There is no role named BillingTeam." {
		t.Errorf("Check on a new account = %+v, %v", c, err)
	}
	plan, err := planOf(t, h, id)
	if want := []string{
		"iam:CreateRole role BillingTeam trust=this account (" + account + "), MFA required",
		"iam:AttachRolePolicy role BillingTeam policy=" + billing.BillingPolicyARN("aws"),
	}; err != nil || !slices.Equal(plan, want) {
		t.Errorf("Plan = %q, %v; want %q", plan, err, want)
	}
	requireNoChange(t, h, "Check and Plan")

	rec, err := unattended(h, id)
	if err != nil || rec.Outcome != checkpoint.Verified ||
		rec.Resources["role_arn"] != awsclient.RoleARN("aws", account, "BillingTeam") || rec.Resources["role_name"] != "BillingTeam" {
		t.Fatalf("Run = %+v, %v", rec, err)
	}
	requireOneBillingRole(t, h, "BillingTeam")
	if c, err := audit(t, h, id), error(nil); err != nil || c.Status != step.Pass {
		t.Errorf("Check after Run = %+v, %v", c, err)
	}

	h.Sim.ResetCalls()
	if rec, err := unattended(h, id); err != nil || rec.Outcome != checkpoint.Verified {
		t.Errorf("second Run = %+v, %v", rec, err)
	}
	if plan, err := planOf(t, h, id); err != nil || len(plan) != 0 {
		t.Errorf("Plan once the role is in place = %q, %v", plan, err)
	}
	requireNoChange(t, h, "the second run")
}

func TestBillingRoleHeadlessWaitsRatherThanReplaceATrustPolicy(t *testing.T) {
	h := steptest.New(t, simulator.Options{})
	id, ctx, account := step.ID("billing-role"), context.Background(), h.Env.Identity.Account
	loose := `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"*"},"Action":"sts:AssumeRole"}]}`
	if _, err := h.Env.AWS.IAM.CreateRole(ctx, &iam.CreateRoleInput{
		RoleName: aws.String("Billing"), AssumeRolePolicyDocument: aws.String(loose),
	}); err != nil {
		t.Fatal(err)
	}
	h.Sim.ResetCalls()

	differs := "it also trusts AWS * (anyone); it does not require MFA; it does not let this account's principals assume the role with MFA"
	c, err := audit(t, h, id), error(nil)
	if err != nil || c.Status != step.Fail ||
		c.Detail != "Role Billing: the Billing policy is not attached; its trust policy differs: "+differs+"." {
		t.Errorf("Check = %+v, %v", c, err)
	}
	plan, err := planOf(t, h, id)
	if want := []string{
		"iam:UpdateAssumeRolePolicy role Billing trust=this account (" + account + "), MFA required replacing=" + differs,
		"iam:AttachRolePolicy role Billing policy=" + billing.BillingPolicyARN("aws"),
	}; err != nil || !slices.Equal(plan, want) {
		t.Errorf("Plan = %q, %v; want %q", plan, err, want)
	}

	rec, err := unattended(h, id)
	if !isWaiting(err) || !strings.Contains(err.Error(), differs) || !strings.Contains(err.Error(), "billing_role.name") {
		t.Errorf("Run = %+v, %v; want waiting for the operator, saying why and how to go on", rec, err)
	}
	requireNoChange(t, h, "a run that found someone else's trust policy")
	if trust, policies := billingRole(t, h.Env.AWS.IAM, "Billing"); trust != loose || len(policies) != 0 {
		t.Errorf("the role was changed: %s %v", trust, policies)
	}
}

// A run killed between CreateRole and AttachRolePolicy left the role with firstrun's trust
// policy: the next run finishes it.
func TestBillingRoleHeadlessFinishesAHalfMadeRole(t *testing.T) {
	h := steptest.New(t, simulator.Options{})
	id, ctx, account := step.ID("billing-role"), context.Background(), h.Env.Identity.Account
	if _, err := h.Env.AWS.IAM.CreateRole(ctx, &iam.CreateRoleInput{
		RoleName: aws.String("Billing"), AssumeRolePolicyDocument: aws.String(billing.TrustPolicy("aws", account)),
	}); err != nil {
		t.Fatal(err)
	}
	h.Sim.ResetCalls()

	if c := audit(t, h, id); c.Detail != "Role Billing: the Billing policy is not attached." {
		t.Errorf("Check = %+v", c)
	}
	if rec, err := unattended(h, id); err != nil || rec.Outcome != checkpoint.Verified {
		t.Errorf("Run = %+v, %v", rec, err)
	}
	var changed []string
	for _, c := range h.MutatingCalls() {
		changed = append(changed, c.Operation)
	}
	if !slices.Equal(changed, []string{"AttachRolePolicy"}) {
		t.Errorf("mutating calls %v, want only AttachRolePolicy", changed)
	}
}
