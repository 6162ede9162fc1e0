package billing_test

import (
	"context"
	"slices"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/iam"

	"github.com/firstrun/firstrun/awsclient"
	"github.com/firstrun/firstrun/awsclient/simulator"
	"github.com/firstrun/firstrun/steps/billing"
	"github.com/firstrun/firstrun/steps/checkpoint"
	"github.com/firstrun/firstrun/steps/step"
	"github.com/firstrun/firstrun/steps/steptest"
)

// requireOneBillingRole checks the step's goal in the simulated account: one role of that
// name (IAM names ignore case, so one is all there can be, and the account holds its two
// service-linked roles besides), created once, with exactly the Billing policy and a trust
// policy that requires MFA.
func requireOneBillingRole(t *testing.T, h *steptest.Harness, name string) {
	t.Helper()
	trust, policies := billingRole(t, h.Env.AWS.IAM, name)
	if !slices.Equal(policies, []string{billing.BillingPolicyARN("aws")}) {
		t.Errorf("attached policies %v, want exactly %s", policies, billing.BillingPolicyARN("aws"))
	}
	if !strings.Contains(trust, `"Condition": {"Bool": {"aws:MultiFactorAuthPresent": "true"}}`) ||
		len(billing.TrustDifferences(trust, "aws", h.Env.Identity.Account)) != 0 {
		t.Errorf("trust policy %s", trust)
	}
	summary, err := h.Env.AWS.IAM.GetAccountSummary(context.Background(), &iam.GetAccountSummaryInput{})
	if err != nil {
		t.Fatal(err)
	}
	if summary.SummaryMap["Roles"] != 3 {
		t.Errorf("the account has %d roles, want its 2 service-linked roles and one billing role", summary.SummaryMap["Roles"])
	}
	if n := calls(h, "CreateRole"); n != 1 {
		t.Errorf("CreateRole called %d times, want once", n)
	}
}

// createBillingRole runs the billing role step through from the name question to the end.
func createBillingRole(t *testing.T, h *steptest.Harness) checkpoint.StepRecord {
	t.Helper()
	run := h.RunStep("billing-role")
	run.WaitFor("Role name", "> Billing")
	run.Press("enter")
	run.WaitFor("What will change")
	run.Press("enter")
	return run.Finished()
}

func TestBillingRoleShowsNameAndTrustPolicyBeforeCreatingIt(t *testing.T) {
	h := steptest.New(t, simulator.Options{})
	account := h.Env.Identity.Account
	run := h.RunStep("billing-role")
	run.WaitFor("A role is a set of permissions", "Role name", "> Billing")
	run.Press("enter")
	run.WaitFor("Billing: IAM has no role of that name yet",
		"What will change",
		"Create the role Billing (arn:aws:iam::"+account+":role/Billing)",
		"Trust policy (who may switch to the role):",
		billing.TrustPolicy("aws", account), // exactly what is sent
		"Attach the AWS managed policy "+billing.BillingPolicyARN("aws"))
	if m := h.MutatingCalls(); len(m) != 0 {
		t.Fatalf("changed the account before the operator confirmed: %v", m)
	}
	run.Press("enter")
	rec := run.Finished()
	if rec.Outcome != checkpoint.Verified || rec.Resources["role_arn"] != awsclient.RoleARN("aws", account, "Billing") || rec.Resources["role_name"] != "Billing" {
		t.Errorf("record = %+v", rec)
	}
	requireOneBillingRole(t, h, "Billing")
}

func TestBillingRoleRerunChangesNothing(t *testing.T) {
	h := steptest.New(t, simulator.Options{})
	if rec := createBillingRole(t, h); rec.Outcome != checkpoint.Verified {
		t.Fatalf("first run: %+v", rec)
	}
	h.Sim.ResetCalls()
	h.Restart()

	// The name was chosen in the first run: the re-run checks that role, asking nothing.
	run := h.RunStep("billing-role")
	run.WaitFor("Billing policy", "attached", "this account only, MFA required", "Already in place: nothing to change.")
	run.Press("enter")
	if rec := run.Finished(); rec.Outcome != checkpoint.Verified {
		t.Errorf("re-run outcome %s", rec.Outcome)
	}
	if m := h.MutatingCalls(); len(m) != 0 {
		t.Errorf("the re-run changed the account: %v", m)
	}
	if n := calls(h, "CreateRole"); n != 0 {
		t.Errorf("the re-run called CreateRole %d times", n)
	}
}

// TestBillingRoleResumesAfterAKill stops the step at each point between its AWS calls and
// its checkpoint, starts a new run, and checks that the role ends up as it should, made
// once.
func TestBillingRoleResumesAfterAKill(t *testing.T) {
	for _, tc := range []struct {
		name string
		// kill leaves the account and the checkpoint as a run killed at that point does.
		kill func(t *testing.T, h *steptest.Harness)
		// resume is what the new run shows and the operator does before it finishes.
		resume func(run *steptest.Step)
	}{
		{
			name: "after CreateRole, before AttachRolePolicy",
			kill: func(t *testing.T, h *steptest.Harness) {
				if err := h.Sim.Faults().Add(simulator.Fault{Target: "iam:AttachRolePolicy", Kind: simulator.FaultDenied, Times: 1}); err != nil {
					t.Fatal(err)
				}
				run := h.RunStep("billing-role")
				run.WaitFor("> Billing")
				run.Press("enter")
				run.WaitFor("What will change")
				run.Press("enter")
				run.WaitFor("iam:AttachRolePolicy failed: AccessDenied")
				// The new role was saved the moment it existed.
				doc, err := checkpoint.Read(h.Env.Store.Path())
				if err != nil {
					t.Fatal(err)
				}
				if rec := doc.Steps["billing-role"]; rec.Outcome != checkpoint.InProgress || rec.Resources["role_arn"] == "" {
					t.Errorf("on disk after CreateRole: %+v", rec)
				}
			},
			resume: func(run *steptest.Step) {
				run.WaitFor("not attached", "Attach the AWS managed policy "+billing.BillingPolicyARN("aws"))
				run.Press("enter")
			},
		},
		{
			name: "after the AWS calls, before anything was saved",
			kill: func(t *testing.T, h *steptest.Harness) {
				if _, err := billing.EnsureRole(h.Env.Ctx, h.Env.AWS.IAM, h.Env.Identity, "Billing", nil); err != nil {
					t.Fatal(err)
				}
			},
			resume: func(run *steptest.Step) {
				run.WaitFor("Already in place: nothing to change.") // found by the name from the answers
				run.Press("enter")
			},
		},
		{
			name: "after saving the role, before finishing",
			kill: func(t *testing.T, h *steptest.Harness) {
				arn, err := billing.EnsureRole(h.Env.Ctx, h.Env.AWS.IAM, h.Env.Identity, "Billing", nil)
				if err != nil {
					t.Fatal(err)
				}
				if err := step.Progress(h.Env, "billing-role", map[string]string{"role_arn": arn, "role_name": "Billing"}); err != nil {
					t.Fatal(err)
				}
			},
			resume: func(run *steptest.Step) {
				run.WaitFor("Already in place: nothing to change.")
				run.Press("enter")
			},
		},
	} {
		t.Run(tc.name, func(t *testing.T) {
			h := steptest.New(t, simulator.Options{})
			tc.kill(t, h)
			h.Restart()

			run := h.RunStep("billing-role")
			tc.resume(run)
			rec := run.Finished()
			if rec.Outcome != checkpoint.Verified || rec.Resources["role_arn"] != awsclient.RoleARN("aws", h.Env.Identity.Account, "Billing") {
				t.Errorf("record after resuming = %+v", rec)
			}
			requireOneBillingRole(t, h, "Billing")
		})
	}
}

func TestBillingRoleShowsHowAnExistingRoleDiffersAndAsks(t *testing.T) {
	for _, tc := range []struct {
		key  string
		want checkpoint.Outcome
	}{
		{"s", checkpoint.Skipped},
		{"enter", checkpoint.Verified},
	} {
		t.Run(tc.key, func(t *testing.T) {
			h := steptest.New(t, simulator.Options{})
			account := h.Env.Identity.Account
			loose := `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"*"},"Action":"sts:AssumeRole"}]}`
			if _, err := h.Env.AWS.IAM.CreateRole(context.Background(), &iam.CreateRoleInput{
				RoleName: aws.String("Billing"), AssumeRolePolicyDocument: aws.String(loose),
			}); err != nil {
				t.Fatal(err)
			}
			h.Sim.ResetCalls()

			run := h.RunStep("billing-role")
			run.WaitFor("> Billing")
			run.Press("enter")
			run.WaitFor("Billing policy", "not attached",
				"differs: it also trusts AWS * (anyone); it does not require MFA",
				"A role named Billing already exists and differs from the billing role",
				"Replace the trust policy with:", billing.TrustPolicy("aws", account),
				"Attach the AWS managed policy "+billing.BillingPolicyARN("aws"))
			if m := h.MutatingCalls(); len(m) != 0 {
				t.Fatalf("changed the role before asking: %v", m)
			}
			run.Press(tc.key)
			if rec := run.Finished(); rec.Outcome != tc.want {
				t.Errorf("outcome %s, want %s", rec.Outcome, tc.want)
			}

			trust, policies := billingRole(t, h.Env.AWS.IAM, "Billing")
			switch tc.want {
			case checkpoint.Skipped:
				if trust != loose || len(policies) != 0 {
					t.Errorf("skipping changed the role: %s %v", trust, policies)
				}
			default:
				if trust != billing.TrustPolicy("aws", account) || !slices.Equal(policies, []string{billing.BillingPolicyARN("aws")}) {
					t.Errorf("after fixing: %s %v", trust, policies)
				}
			}
		})
	}
}

func TestBillingRoleNameIsCheckedAtTheField(t *testing.T) {
	h := steptest.New(t, simulator.Options{})
	run := h.RunStep("billing-role")
	run.WaitFor("> Billing")
	h.Sim.ResetCalls()
	run.Press("backspace", "backspace", "backspace", "backspace", "backspace", "backspace", "backspace")
	run.Type("Billing team")
	run.Press("enter")
	run.WaitFor("use only letters, digits and + = , . @ _ - (no spaces)")
	// The field refused the name; IAM was not asked about it.
	for _, c := range h.Sim.Calls() {
		if c.Service == "iam" {
			t.Fatalf("IAM called (%s) for a name IAM would refuse", c.Operation)
		}
	}
	run.Press("backspace", "backspace", "backspace", "backspace", "backspace")
	run.Type("-team")
	run.Press("enter")
	run.WaitFor("Create the role Billing-team")
	run.Press("enter")
	if rec := run.Finished(); rec.Resources["role_name"] != "Billing-team" {
		t.Errorf("record %+v", rec)
	}
	requireOneBillingRole(t, h, "Billing-team")
}
