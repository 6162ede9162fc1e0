package billing_test

import (
	"context"
	"net/url"
	"slices"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/iam"

	"github.com/firstrun/firstrun/awsclient"
	"github.com/firstrun/firstrun/awsclient/simulator"
	"github.com/firstrun/firstrun/steps/billing"
	"github.com/firstrun/firstrun/steps/steptest"
)

// billingRole is the role named name as IAM has it: its trust policy and the ARNs of its
// attached policies. It fails the test if the role does not exist.
func billingRole(t *testing.T, api awsclient.IAMAPI, name string) (trust string, policies []string) {
	t.Helper()
	ctx := context.Background()
	out, err := api.GetRole(ctx, &iam.GetRoleInput{RoleName: aws.String(name)})
	if err != nil {
		t.Fatalf("GetRole %s: %v", name, err)
	}
	trust, err = url.PathUnescape(aws.ToString(out.Role.AssumeRolePolicyDocument))
	if err != nil {
		t.Fatal(err)
	}
	list, err := api.ListAttachedRolePolicies(ctx, &iam.ListAttachedRolePoliciesInput{RoleName: aws.String(name)})
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range list.AttachedPolicies {
		policies = append(policies, aws.ToString(p.PolicyArn))
	}
	return trust, policies
}

// calls counts the simulator's calls of one operation.
func calls(h *steptest.Harness, operation string) int {
	n := 0
	for _, c := range h.Sim.Calls() {
		if c.Operation == operation {
			n++
		}
	}
	return n
}

func TestEnsureRoleCreatesTheRoleOnceAndThenChangesNothing(t *testing.T) {
	h := steptest.New(t, simulator.Options{})
	api, account := h.Env.AWS.IAM, h.Env.Identity.Account
	ctx := context.Background()

	var told []string
	arn, err := billing.EnsureRole(ctx, api, h.Env.Identity, "Billing", func(arn string) error {
		told = append(told, arn)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if arn != awsclient.RoleARN("aws", account, "Billing") || !slices.Equal(told, []string{arn}) {
		t.Errorf("ARN %s, told %v", arn, told)
	}
	r, err := billing.ReadRole(ctx, api, h.Env.Identity, "Billing")
	if err != nil || !r.Ready() || r.ARN != arn {
		t.Errorf("after EnsureRole: %+v %v", r, err)
	}

	h.Sim.ResetCalls()
	again, err := billing.EnsureRole(ctx, api, h.Env.Identity, "billing", func(string) error {
		t.Error("told of a new role the second time")
		return nil
	})
	if err != nil || again != arn {
		t.Errorf("second run: %s %v", again, err)
	}
	if m := h.MutatingCalls(); len(m) != 0 {
		t.Errorf("the second run changed something: %v", m)
	}
}

func TestEnsureRoleFixesWhatDiffersAndLeavesTheRest(t *testing.T) {
	h := steptest.New(t, simulator.Options{})
	api, account := h.Env.AWS.IAM, h.Env.Identity.Account
	ctx := context.Background()
	loose := `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"` + account + `"},"Action":"sts:AssumeRole"}]}`
	if _, err := api.CreateRole(ctx, &iam.CreateRoleInput{RoleName: aws.String("Billing"), AssumeRolePolicyDocument: aws.String(loose)}); err != nil {
		t.Fatal(err)
	}
	readOnly := "arn:aws:iam::aws:policy/ReadOnlyAccess"
	if _, err := api.AttachRolePolicy(ctx, &iam.AttachRolePolicyInput{RoleName: aws.String("Billing"), PolicyArn: aws.String(readOnly)}); err != nil {
		t.Fatal(err)
	}
	before, err := billing.ReadRole(ctx, api, h.Env.Identity, "Billing")
	if err != nil {
		t.Fatal(err)
	}
	if before.Ready() || before.PolicyAttached || !slices.Equal(before.TrustDifferences, []string{
		"it does not require MFA", "it does not let this account's principals assume the role with MFA",
	}) || !slices.Equal(before.OtherPolicies, []string{"ReadOnlyAccess"}) {
		t.Errorf("read %+v", before)
	}

	if _, err := billing.EnsureRole(ctx, api, h.Env.Identity, "Billing", nil); err != nil {
		t.Fatal(err)
	}
	trust, policies := billingRole(t, api, "Billing")
	if trust != billing.TrustPolicy("aws", account) {
		t.Errorf("trust policy %s", trust)
	}
	if !slices.Equal(policies, []string{billing.BillingPolicyARN("aws"), readOnly}) { // listed by name
		t.Errorf("policies %v: the Billing policy is attached and the other left alone", policies)
	}
	if calls(h, "CreateRole") != 1 { // the test's own
		t.Errorf("CreateRole called %d times", calls(h, "CreateRole"))
	}
}

func TestEnsureRoleRefusesABadNameBeforeAnyCall(t *testing.T) {
	h := steptest.New(t, simulator.Options{})
	h.Sim.ResetCalls()
	if _, err := billing.EnsureRole(context.Background(), h.Env.AWS.IAM, h.Env.Identity, "no spaces", nil); err == nil {
		t.Error("a bad name was accepted")
	}
	if n := len(h.Sim.Calls()); n != 0 {
		t.Errorf("%d calls made", n)
	}
}
