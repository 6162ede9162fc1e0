package billing_test

import (
	"context"
	"slices"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/budgets"
	"github.com/aws/aws-sdk-go-v2/service/budgets/types"

	"github.com/firstrun/firstrun/answers"
	"github.com/firstrun/firstrun/awsclient/simulator"
	"github.com/firstrun/firstrun/steps/billing"
	"github.com/firstrun/firstrun/steps/checkpoint"
	step "github.com/firstrun/firstrun/steps/core"
	"github.com/firstrun/firstrun/steps/engine"
	"github.com/firstrun/firstrun/steps/steptest"
)

func wantBudget(amount, email string) *answers.Answers {
	return &answers.Answers{Budget: answers.Budget{Enabled: yes(), Amount: amount, Email: email}}
}

func TestBudgetHeadlessMakesTheBudgetOnce(t *testing.T) {
	h := steptest.New(t, simulator.Options{})
	h.Env.Answers = wantBudget("100", "owner@example.com")
	id, ctx, account := step.ID("budget"), context.Background(), h.Env.Identity.Account

	c, err := audit(t, h, id), error(nil)
	if err != nil || c.Status != step.Fail || c.Detail != "There is no budget alert: budget firstrun-monthly does not exist." {
		t.Errorf("Check on a new account = %+v, %v", c, err)
	}
	plan, err := planOf(t, h, id)
	if want := []string{
		"budgets:CreateBudget budget firstrun-monthly amount=100.00 USD a month alerts=actual > 80%, forecast > 100% email=owner@example.com",
	}; err != nil || !slices.Equal(plan, want) {
		t.Errorf("Plan = %q, %v; want %q", plan, err, want)
	}
	requireNoChange(t, h, "Check and Plan")

	rec, err := unattended(h, id)
	if err != nil || rec.Outcome != checkpoint.Verified || rec.Resources["budget_name"] != billing.DefaultBudgetName ||
		rec.Resources["budget_arn"] != billing.BudgetARN("aws", account, billing.DefaultBudgetName) {
		t.Fatalf("Run = %+v, %v", rec, err)
	}
	b, err := billing.ReadBudget(ctx, h.Env.AWS.Budgets, account, billing.DefaultBudgetName)
	if err != nil || b.Amount != "100.0" || len(b.Alerts) != 2 || !b.Emails() {
		t.Errorf("budget %+v, %v", b, err)
	}
	c, err = audit(t, h, id), nil
	if want := "Budget firstrun-monthly, 100.00 USD a month, emails when actual spend passes 80%: owner@example.com; " +
		"when forecast spend passes 100%: owner@example.com."; err != nil || c.Status != step.Pass || c.Detail != want {
		t.Errorf("Check after Run = %+v, %v; want pass: %s", c, err, want)
	}

	h.Sim.ResetCalls()
	if rec, err := unattended(h, id); err != nil || rec.Outcome != checkpoint.Verified {
		t.Errorf("second Run = %+v, %v", rec, err)
	}
	if plan, err := planOf(t, h, id); err != nil || len(plan) != 0 {
		t.Errorf("Plan once the budget exists = %q, %v", plan, err)
	}
	requireNoChange(t, h, "the second run")
}

func TestBudgetHeadlessWhenNotWanted(t *testing.T) {
	for name, a := range map[string]*answers.Answers{
		"not answered":  {},
		"enabled false": {Budget: answers.Budget{Enabled: no(), Amount: "100", Email: "owner@example.com"}},
	} {
		t.Run(name, func(t *testing.T) {
			h := steptest.New(t, simulator.Options{})
			h.Env.Answers = a
			id := step.ID("budget")
			if c, err := audit(t, h, id), error(nil); err != nil || c.Status != step.NotRun || c.Detail != "Optional; "+billing.ReasonNoBudget {
				t.Errorf("Check = %+v, %v", c, err)
			}
			if plan, err := planOf(t, h, id); err != nil || len(plan) != 0 {
				t.Errorf("Plan = %q, %v", plan, err)
			}
			if rec, err := unattended(h, id); err != nil || rec.Outcome != checkpoint.Skipped || rec.Reason != billing.ReasonNoBudget {
				t.Errorf("Run = %+v, %v", rec, err)
			}
			requireNoChange(t, h, "a budget not wanted")
		})
	}
}

func TestBudgetHeadlessWaitsForMissingValues(t *testing.T) {
	h := steptest.New(t, simulator.Options{})
	h.Env.Answers = wantBudget("100", "")
	id := step.ID("budget")
	if p, err := h.Plan(id); err != nil || p.Kind != engine.PlanManual || !strings.Contains(p.Detail, "budget.email") {
		t.Errorf("Plan = %+v, %v; want manual, waiting for the values", p, err)
	}
	if rec, err := unattended(h, id); !isWaiting(err) {
		t.Errorf("Run = %+v, %v; want waiting for the values", rec, err)
	}
	requireNoChange(t, h, "a run without the budget's address")
}

// An audit looks at what the account has, whether firstrun made it or not.
func TestBudgetCheckReadsTheBudgetsTheAccountHas(t *testing.T) {
	h := steptest.New(t, simulator.Options{})
	id, ctx, account := step.ID("budget"), context.Background(), h.Env.Identity.Account
	silent := func(name string) {
		if _, err := h.Env.AWS.Budgets.CreateBudget(ctx, &budgets.CreateBudgetInput{
			AccountId: aws.String(account),
			Budget: &types.Budget{BudgetName: aws.String(name), BudgetType: types.BudgetTypeCost,
				TimeUnit: types.TimeUnitMonthly, BudgetLimit: &types.Spend{Amount: aws.String("20"), Unit: aws.String("USD")}},
		}); err != nil {
			t.Fatal(err)
		}
	}

	silent(billing.DefaultBudgetName)
	h.Sim.ResetCalls()
	if c, err := audit(t, h, id), error(nil); err != nil || c.Status != step.Fail ||
		c.Detail != "Budget firstrun-monthly emails nobody, and no other budget sends email alerts." {
		t.Errorf("Check with a budget that emails nobody = %+v, %v", c, err)
	}
	// A budget of that name is left as it is: a run waits for the operator to add an alert.
	if rec, err := unattended(h, id); !isWaiting(err) || !strings.Contains(rec.Reason, "add an email alert to the budget firstrun-monthly") {
		t.Errorf("Run = %+v, %v; want waiting for an alert", rec, err)
	}
	requireNoChange(t, h, "a run that found the budget")

	if err := billing.CreateBudget(ctx, h.Env.AWS.Budgets, account, monthlyBudgetInput("team-budget", "10", "team@example.com")); err != nil {
		t.Fatal(err)
	}
	h.Sim.ResetCalls()
	c, err := audit(t, h, id), error(nil)
	if err != nil || c.Status != step.Pass || !contains(c.Detail, "Budget team-budget, 10.00 USD a month, emails when actual spend passes 80%: team@example.com") {
		t.Errorf("Check with another budget that emails = %+v, %v", c, err)
	}
	requireNoChange(t, h, "an audit")
}
