package billing_test

import (
	"context"
	"slices"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/budgets"
	"github.com/aws/aws-sdk-go-v2/service/budgets/types"

	"github.com/firstrun/firstrun/awsclient/simulator"
	"github.com/firstrun/firstrun/steps/billing"
	"github.com/firstrun/firstrun/steps/checkpoint"
	"github.com/firstrun/firstrun/steps/steptest"
)

// startBudget runs the budget step, says yes to the question and waits for the amount.
func startBudget(t *testing.T, h *steptest.Harness) *steptest.Step {
	t.Helper()
	run := h.RunStep("budget")
	run.WaitFor("Set up a monthly budget alert?", "Yes", "No, not now")
	run.Press("left") // from the default, No, to Yes
	run.Press("enter")
	run.WaitFor("┃ Monthly amount, in US dollars")
	return run
}

// enter types a value into the focused field and moves to the next, waiting for the
// field named next to have the focus.
func enter(run *steptest.Step, value, next string) {
	run.Type(value)
	run.Press("enter")
	run.WaitFor(next)
}

func TestBudgetIsOffByDefault(t *testing.T) {
	h := steptest.New(t, simulator.Options{})
	run := h.RunStep("budget")
	run.WaitFor("A budget alert emails you", "Set up a monthly budget alert?")
	run.Press("enter")
	rec := run.Finished()
	if rec.Outcome != checkpoint.Skipped || rec.Reason != billing.ReasonNoBudget {
		t.Errorf("record = %+v, want skipped because the operator chose so", rec)
	}
	if m := h.MutatingCalls(); len(m) != 0 {
		t.Errorf("mutating calls %v", m)
	}
}

func TestBudgetFieldsRefuseBadValues(t *testing.T) {
	h := steptest.New(t, simulator.Options{})
	run := startBudget(t, h)

	enter(run, "12.345", "use at most two decimals (whole cents), for example 49.99")
	run.Press("backspace", "backspace", "backspace", "backspace", "backspace", "backspace")
	enter(run, "0", "the amount must be more than zero")
	run.Press("backspace")
	enter(run, "$50", "type the number only, without $ or USD")
	run.Press("backspace", "backspace", "backspace")
	enter(run, "50", "┃ Email address for the alerts")

	enter(run, "owner@localhost", "is not an email address like name@example.com")
	for range len("owner@localhost") {
		run.Press("backspace")
	}
	enter(run, "owner at example.com", "is not an email address like name@example.com")
	if n := calls(h, "CreateBudget"); n != 0 {
		t.Errorf("CreateBudget called %d times with values refused at the field", n)
	}
}

func TestBudgetShowsWhatItWillCreateThenCreatesIt(t *testing.T) {
	h := steptest.New(t, simulator.Options{})
	account := h.Env.Identity.Account
	other := monthlyBudgetInput("team-budget", "10", "team@example.com")
	if err := billing.CreateBudget(context.Background(), h.Env.AWS.Budgets, account, other); err != nil {
		t.Fatal(err)
	}
	h.Sim.ResetCalls()

	run := startBudget(t, h)
	enter(run, "1500.5", "┃ Email address for the alerts")
	enter(run, "owner@example.com", "What will change")
	run.WaitFor("Budgets in this account  team-budget",
		"Create the monthly cost budget firstrun-monthly: 1,500.50 USD a month",
		"Email owner@example.com when actual spend passes 80% (1,200.40 USD)",
		"Email owner@example.com when AWS forecasts the month will pass 100% (1,500.50 USD)")
	if m := h.MutatingCalls(); len(m) != 0 {
		t.Fatalf("changed the account before the operator confirmed: %v", m)
	}
	run.Press("enter")
	rec := run.Finished()
	if rec.Outcome != checkpoint.Verified || rec.Resources["budget_name"] != billing.DefaultBudgetName ||
		rec.Resources["budget_arn"] != "arn:aws:budgets::"+account+":budget/firstrun-monthly" {
		t.Errorf("record = %+v", rec)
	}

	b, err := billing.ReadBudget(context.Background(), h.Env.AWS.Budgets, account, billing.DefaultBudgetName)
	if err != nil {
		t.Fatal(err)
	}
	var alerts []string
	for _, a := range b.Alerts {
		alerts = append(alerts, a.String())
	}
	if b.Amount != "1500.5" || b.Unit != "USD" || b.TimeUnit != types.TimeUnitMonthly || b.Type != types.BudgetTypeCost ||
		!slices.Equal(alerts, []string{
			"when actual spend passes 80%: owner@example.com",
			"when forecast spend passes 100%: owner@example.com",
		}) {
		t.Errorf("budget %+v, alerts %q", b, alerts)
	}
}

func TestBudgetThatExistsIsShownAndLeftAlone(t *testing.T) {
	h := steptest.New(t, simulator.Options{})
	account := h.Env.Identity.Account
	// As a run killed after CreateBudget leaves it: the budget exists, nothing was saved.
	if err := billing.CreateBudget(context.Background(), h.Env.AWS.Budgets, account,
		monthlyBudgetInput(billing.DefaultBudgetName, "100", "owner@example.com")); err != nil {
		t.Fatal(err)
	}
	h.Restart()
	h.Sim.ResetCalls()

	// Nothing to ask: the screen goes straight to what exists.
	run := h.RunStep("budget")
	run.WaitFor("Budget  firstrun-monthly (cost)", "Amount  100.00 USD a month",
		"Alert   when actual spend passes 80%: owner@example.com",
		"Already in place: nothing to change.")
	run.Press("enter")
	if rec := run.Finished(); rec.Outcome != checkpoint.Verified {
		t.Errorf("outcome %s", rec.Outcome)
	}
	if m := h.MutatingCalls(); len(m) != 0 {
		t.Errorf("mutating calls %v", m)
	}
}

func TestBudgetWithoutEmailAlertsIsShownAsSuch(t *testing.T) {
	h := steptest.New(t, simulator.Options{})
	account := h.Env.Identity.Account
	if _, err := h.Env.AWS.Budgets.CreateBudget(context.Background(), &budgets.CreateBudgetInput{
		AccountId: aws.String(account),
		Budget: &types.Budget{BudgetName: aws.String(billing.DefaultBudgetName), BudgetType: types.BudgetTypeCost,
			TimeUnit: types.TimeUnitMonthly, BudgetLimit: &types.Spend{Amount: aws.String("20"), Unit: aws.String("USD")}},
	}); err != nil {
		t.Fatal(err)
	}
	h.Sim.ResetCalls()
	run := h.RunStep("budget")
	run.WaitFor("emails nobody", "Add an alert threshold")
	if m := h.MutatingCalls(); len(m) != 0 {
		t.Errorf("mutating calls %v", m)
	}
}

func TestCreateBudgetTwiceMakesOneBudget(t *testing.T) {
	h := steptest.New(t, simulator.Options{})
	account := h.Env.Identity.Account
	in := monthlyBudgetInput(billing.DefaultBudgetName, "50", "owner@example.com")
	for range 2 {
		if err := billing.CreateBudget(context.Background(), h.Env.AWS.Budgets, account, in); err != nil {
			t.Fatal(err)
		}
	}
	names, err := billing.ListBudgets(context.Background(), h.Env.AWS.Budgets, account)
	if err != nil || !slices.Equal(names, []string{billing.DefaultBudgetName}) {
		t.Errorf("budgets %v %v", names, err)
	}
	if err := billing.CreateBudget(context.Background(), h.Env.AWS.Budgets, account, monthlyBudgetInput("x", "0", "owner@example.com")); err == nil {
		t.Error("an invalid input reached AWS")
	}
}

func monthlyBudgetInput(name, amount, email string) billing.BudgetInput {
	return billing.BudgetInput{Name: name, Amount: amount, Email: email}
}

func TestBudgetExplainsAnAWSError(t *testing.T) {
	h := steptest.New(t, simulator.Options{})
	if err := h.Sim.Faults().Add(simulator.Fault{Target: "budgets:DescribeBudget", Kind: simulator.FaultDenied}); err != nil {
		t.Fatal(err)
	}
	// The first look fails: the problem is explained, and a retry goes on.
	run := h.RunStep("budget")
	run.WaitFor("budgets:DescribeBudget failed: AccessDeniedException", "not allowed to perform budgets:DescribeBudget")
	h.Sim.Faults().Clear()
	run.Press("r")
	run.WaitFor("Set up a monthly budget alert?")
	run.Press("left", "enter")
	run.WaitFor("┃ Monthly amount, in US dollars")
	enter(run, "50", "┃ Email address for the alerts")
	enter(run, "owner@example.com", "What will change")
	if n := calls(h, "CreateBudget"); n != 0 {
		t.Errorf("CreateBudget called %d times before the operator confirmed", n)
	}
}
