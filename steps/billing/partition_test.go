package billing_test

import (
	"encoding/json"
	"slices"
	"strings"
	"testing"

	"github.com/firstrun/firstrun/awsclient"
	"github.com/firstrun/firstrun/awsclient/simulator"
	"github.com/firstrun/firstrun/steps/billing"
	"github.com/firstrun/firstrun/steps/steptest"
)

// The simulator's caller is always in the aws partition; a GovCloud or China caller is
// one whose ARN names another. Every ARN the chapter builds follows the caller's.

func TestBillingARNsFollowThePartition(t *testing.T) {
	const account = "123456789012"
	for _, partition := range []string{"aws", "aws-us-gov", "aws-cn"} {
		t.Run(partition, func(t *testing.T) {
			if got, want := billing.BillingPolicyARN(partition), "arn:"+partition+":iam::aws:policy/job-function/Billing"; got != want {
				t.Errorf("BillingPolicyARN = %s, want %s", got, want)
			}
			if got, want := billing.BudgetARN(partition, account, "b"), "arn:"+partition+":budgets::"+account+":budget/b"; got != want {
				t.Errorf("BudgetARN = %s, want %s", got, want)
			}
			var doc struct {
				Statement []struct{ Principal struct{ AWS string } }
			}
			trust := billing.TrustPolicy(partition, account)
			if err := json.Unmarshal([]byte(trust), &doc); err != nil {
				t.Fatal(err)
			}
			if got, want := doc.Statement[0].Principal.AWS, "arn:"+partition+":iam::"+account+":root"; got != want {
				t.Errorf("trust principal %s, want %s", got, want)
			}
			if d := billing.TrustDifferences(trust, partition, account); len(d) != 0 {
				t.Errorf("the partition's own trust policy differs: %v", d)
			}
		})
	}
	// The account's root in another partition is another principal.
	commercial := billing.TrustPolicy("aws", account)
	if d := billing.TrustDifferences(commercial, "aws-us-gov", account); !slices.Contains(d, "it also trusts AWS arn:aws:iam::"+account+":root") {
		t.Errorf("a commercial principal in GovCloud: differences %q", d)
	}
}

// govCloud makes the harness's caller one in GovCloud: the same account and user, in the
// aws-us-gov partition.
func govCloud(t *testing.T, h *steptest.Harness) string {
	t.Helper()
	h.Env.Identity.ARN = strings.Replace(h.Env.Identity.ARN, "arn:aws:", "arn:aws-us-gov:", 1)
	if p := h.Env.Identity.Partition(); p != "aws-us-gov" {
		t.Fatalf("partition %s", p)
	}
	return "aws-us-gov"
}

func TestBillingRolePlanInGovCloud(t *testing.T) {
	h := steptest.New(t, simulator.Options{})
	partition, account := govCloud(t, h), h.Env.Identity.Account
	p, err := h.Plan("billing-role")
	if err != nil || len(p.Changes) != 2 {
		t.Fatalf("Plan = %+v, %v", p, err)
	}
	create, attach := p.Changes[0], p.Changes[1]
	if want := awsclient.RoleARN(partition, account, "Billing"); !strings.Contains(create.Say, want) ||
		!strings.Contains(create.Detail, `"arn:aws-us-gov:iam::`+account+`:root"`) {
		t.Errorf("CreateRole: %s\n%s\nwant the role %s trusting the GovCloud account", create.Say, create.Detail, want)
	}
	if want := "iam:AttachRolePolicy role Billing policy=arn:aws-us-gov:iam::aws:policy/job-function/Billing"; attach.String() != want {
		t.Errorf("AttachRolePolicy: %s, want %s", attach.String(), want)
	}
	requireNoChange(t, h, "the plan")
}

func TestBudgetARNInGovCloud(t *testing.T) {
	h := steptest.New(t, simulator.Options{})
	h.Env.Answers = wantBudget("100", "owner@example.com")
	partition, account := govCloud(t, h), h.Env.Identity.Account
	rec, err := unattended(h, "budget")
	if want := billing.BudgetARN(partition, account, billing.DefaultBudgetName); err != nil ||
		rec.Resources["budget_arn"] != want || !strings.HasPrefix(want, "arn:aws-us-gov:budgets::") {
		t.Errorf("Run = %+v, %v; want budget_arn %s", rec, err, want)
	}
}
