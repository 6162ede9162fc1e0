package billing

import (
	"context"
	"strconv"
	"strings"

	"github.com/firstrun/firstrun/awsclient"
	"github.com/firstrun/firstrun/steps/checkpoint"
	"github.com/firstrun/firstrun/steps/step"
)

// ReasonBudgetNotWanted is recorded when a run without a person sets up no budget alert
// because the answers do not ask for one.
const ReasonBudgetNotWanted = "not wanted (the answers do not set budget.enabled to true)"

// BudgetHeadless is the budget alert without a screen. As on the screen, firstrun's
// budget is found by name and left as it is when it exists; otherwise it is made only
// when the answers ask for it (budget.enabled true, with the amount and the address).
func BudgetHeadless() step.Headless {
	return step.Headless{Check: checkBudget, Plan: planBudget, Run: runBudget}
}

// checkBudget passes when a budget emails someone as spending grows: firstrun's, or one
// the account had before, since either gives the owner the warning the step is for.
func checkBudget(ctx context.Context, env *step.Env) (step.Control, error) {
	_, wanted := budgetInput(env.Answers)
	b, alerting, err := FindAlertingBudget(ctx, env.AWS.Budgets, env.Identity.Account)
	switch {
	case err != nil:
		return step.Control{}, err
	case alerting:
		return step.Control{Status: step.Pass, Detail: budgetSummary(b)}, nil
	case b.Exists:
		return step.Control{Status: step.Fail, Detail: "Budget " + b.Name + " emails nobody, and no other budget sends email alerts."}, nil
	case wanted:
		return step.Control{Status: step.Fail, Detail: "There is no budget alert: budget " + b.Name + " does not exist."}, nil
	}
	return step.Control{Status: step.NotRun, Detail: "Optional; not set up."}, nil
}

// FindAlertingBudget looks for a budget that emails someone: firstrun's first, then the
// account's others. When none does, it returns firstrun's budget as read (which may not
// exist) and false.
func FindAlertingBudget(ctx context.Context, api awsclient.BudgetsAPI, account string) (Budget, bool, error) {
	ours, err := ReadBudget(ctx, api, account, DefaultBudgetName)
	if err != nil || ours.Emails() {
		return ours, err == nil, err
	}
	names, err := ListBudgets(ctx, api, account)
	if err != nil {
		return ours, false, err
	}
	for _, name := range names {
		if name == DefaultBudgetName {
			continue
		}
		b, err := ReadBudget(ctx, api, account, name)
		if err != nil || b.Emails() {
			return b, err == nil, err
		}
	}
	return ours, false, nil
}

// budgetSummary says in a sentence what a budget watches and whom it emails.
func budgetSummary(b Budget) string {
	var alerts []string
	for _, a := range b.Alerts {
		if len(a.Emails) > 0 {
			alerts = append(alerts, a.String())
		}
	}
	return "Budget " + b.Name + ", " + amountText(b.Amount) + " " + b.Unit + " a " + periodNoun(b.TimeUnit) +
		", emails " + strings.Join(alerts, "; ") + "."
}

func planBudget(ctx context.Context, env *step.Env) ([]step.Change, error) {
	in, wanted := budgetInput(env.Answers)
	if !wanted {
		return nil, nil
	}
	if err := in.Validate(); err != nil {
		return nil, budgetValuesWaiting(err)
	}
	exists, err := BudgetExists(ctx, env.AWS.Budgets, env.Identity.Account, in.Name)
	if err != nil || exists {
		return nil, err
	}
	return []step.Change{{Service: "budgets", Operation: "CreateBudget", Resource: "budget " + in.Name, Fields: []step.Field{
		{Name: "amount", Value: dollars(in.amount()) + " USD a month"},
		{Name: "alerts", Value: "actual > " + strconv.Itoa(ActualAlertPercent) + "%, forecast > " + strconv.Itoa(ForecastAlertPercent) + "%"},
		{Name: "email", Value: in.Email},
	}}}, nil
}

func runBudget(ctx context.Context, env *step.Env) (checkpoint.StepRecord, error) {
	api, account := env.AWS.Budgets, env.Identity.Account
	in, wanted := budgetInput(env.Answers)
	exists, err := BudgetExists(ctx, api, account, in.Name)
	switch {
	case err != nil:
		return checkpoint.StepRecord{}, err
	case exists:
		return checkpoint.StepRecord{Outcome: checkpoint.Verified, Resources: budgetResources(account, in.Name)}, nil
	case !wanted:
		return checkpoint.StepRecord{Outcome: checkpoint.Skipped, Reason: ReasonBudgetNotWanted}, nil
	}
	if err := in.Validate(); err != nil {
		return checkpoint.StepRecord{}, budgetValuesWaiting(err)
	}
	if err := CreateBudget(ctx, api, account, in); err != nil {
		return checkpoint.StepRecord{}, err
	}
	outcome := checkpoint.Done
	if exists, err := BudgetExists(ctx, api, account, in.Name); err == nil && exists {
		outcome = checkpoint.Verified
	}
	return checkpoint.StepRecord{Outcome: outcome, Resources: budgetResources(account, in.Name)}, nil
}

// budgetValuesWaiting is what a run says when the answers want a budget alert with
// values it can't use (the answers check refuses them first; this is the last guard).
func budgetValuesWaiting(err error) error {
	return step.Waiting("give the budget alert's amount and email in the answers (budget.amount, budget.email): " +
		strings.ReplaceAll(err.Error(), "\n", "; "))
}
