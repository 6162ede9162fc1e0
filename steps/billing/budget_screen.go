package billing

import (
	"context"
	"strconv"
	"strings"

	"github.com/aws/aws-sdk-go-v2/service/budgets/types"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/huh"

	"github.com/firstrun/firstrun/steps/step"
)

const budgetIntro = "A budget alert emails you when this month's AWS charges pass an amount you choose, " +
	"so a mistake or a leaked key shows up as an email within days rather than as a large bill " +
	"at the end of the month. firstrun can set up a monthly cost budget that emails you at " +
	"80% of the amount actually spent, and as soon as AWS forecasts the month will go over it."

// ReasonNoBudget is recorded when the operator chooses not to set up a budget alert.
const ReasonNoBudget = "the operator chose not to set up a budget alert"

// BudgetScreen offers the optional budget alert. It first looks for firstrun's budget: if
// it exists there is nothing to ask, and the screen shows it. Otherwise it asks whether to
// set one up (no, by default), then for the amount and the address, then shows what will
// be created and creates it once the operator confirms.
func BudgetScreen(env *step.Env, def step.Definition) step.Screen {
	account := env.Identity.Account
	in, want := budgetInput(env.Answers) // no, unless the answers say yes
	form := huh.NewForm(
		huh.NewGroup(
			huh.NewConfirm().Title("Set up a monthly budget alert?").
				Affirmative("Yes").Negative("No, not now").Value(&want),
		),
		huh.NewGroup(
			huh.NewInput().Title("Monthly amount, in US dollars").
				Description("You get an email at "+strconv.Itoa(ActualAlertPercent)+"% of it, and when the month is forecast to pass it.").
				Placeholder("50").Value(&in.Amount).Validate(ValidateBudgetAmount),
			huh.NewInput().Title("Email address for the alerts").
				Placeholder("name@example.com").Value(&in.Email).Validate(ValidateAlertEmail),
		).WithHideFunc(func() bool { return !want }),
	)
	a := step.NewAsk(env, def, form)
	a.Intro = budgetIntro
	a.Then = func(asked bool) (step.Screen, tea.Cmd) {
		if asked && !want {
			return a.Skip(ReasonNoBudget)
		}
		return a.Next(budgetTask(env, def, in, asked))
	}
	name := in.Name
	a.Look = func(ctx context.Context) bool {
		// An error here is not the operator's concern yet: the question is asked, and the
		// next screen's own reading of AWS explains the error if it persists.
		exists, err := BudgetExists(ctx, env.AWS.Budgets, account, name)
		return err == nil && exists
	}
	return a
}

// budgetTask shows the budget's state and creates it. entered says whether the operator
// typed the values in, or the budget was found before anything was asked.
func budgetTask(env *step.Env, def step.Definition, in BudgetInput, entered bool) step.Screen {
	account := env.Identity.Account
	t := step.NewTask(env, def)
	t.Intro = budgetIntro
	t.ConfirmLabel = "create the budget"
	t.Inspect = func(ctx context.Context) (step.Inspection, error) {
		b, err := ReadBudget(ctx, env.AWS.Budgets, account, in.Name)
		if err != nil {
			return step.Inspection{}, err
		}
		others, err := ListBudgets(ctx, env.AWS.Budgets, account)
		if err != nil {
			return step.Inspection{}, err
		}
		return budgetInspection(b, others, account, in, entered), nil
	}
	t.Apply = func(ctx context.Context) (map[string]string, error) {
		if err := CreateBudget(ctx, env.AWS.Budgets, account, in); err != nil {
			return nil, err
		}
		return budgetResources(account, in.Name), nil
	}
	return t
}

func budgetResources(account, name string) map[string]string {
	return map[string]string{"budget_name": name, "budget_arn": BudgetARN(account, name)}
}

// budgetInspection shows the budget if it exists, and otherwise what will be created.
func budgetInspection(b Budget, all []string, account string, in BudgetInput, entered bool) step.Inspection {
	if !b.Exists {
		existing := "none"
		if len(all) > 0 {
			existing = strings.Join(all, ", ")
		}
		amount, email := in.amount(), strings.TrimSpace(in.Email)
		return step.Inspection{
			Facts: []step.Fact{{Label: "Budgets in this account", Value: existing}},
			Changes: []string{
				"Create the monthly cost budget " + in.Name + ": " + dollars(amount) + " USD a month",
				"Email " + email + " when actual spend passes " + strconv.Itoa(ActualAlertPercent) + "% (" +
					dollars(amount*ActualAlertPercent/100) + " USD)",
				"Email " + email + " when AWS forecasts the month will pass " + strconv.Itoa(ForecastAlertPercent) + "% (" +
					dollars(amount*ForecastAlertPercent/100) + " USD)",
			},
			Note: "AWS updates the spend budgets watch at least once a day, so an alert can come some hours after the spending.",
		}
	}

	facts := []step.Fact{
		{Label: "Budget", Value: b.Name + " (" + strings.ToLower(string(b.Type)) + ")"},
		{Label: "Amount", Value: amountText(b.Amount) + " " + b.Unit + " a " + periodNoun(b.TimeUnit)},
	}
	for _, a := range b.Alerts {
		facts = append(facts, step.Fact{Label: "Alert", Value: a.String(), Good: step.Yes()})
	}
	var notes []string
	if !b.Emails() {
		facts = append(facts, step.Fact{Label: "Email alerts", Value: "none", Good: step.No()})
		notes = append(notes, "This budget emails nobody. Add an alert in the Budgets console, or nobody hears about a runaway bill.")
	}
	if entered {
		notes = append(notes, "A budget named "+b.Name+" exists already; firstrun leaves it as it is, so the values you entered were not used.")
	}
	return step.Inspection{
		Facts:     facts,
		Satisfied: true,
		Resources: budgetResources(account, b.Name),
		Note:      strings.Join(notes, " "),
	}
}

// amountText writes an amount AWS reported ("50.0") with cents ("50.00").
func amountText(s string) string {
	if v, err := strconv.ParseFloat(s, 64); err == nil {
		return dollars(v)
	}
	return s
}

func periodNoun(u types.TimeUnit) string {
	switch u {
	case types.TimeUnitDaily:
		return "day"
	case types.TimeUnitQuarterly:
		return "quarter"
	case types.TimeUnitAnnually:
		return "year"
	case types.TimeUnitCustom:
		return "period"
	case types.TimeUnitMonthly:
	}
	return "month"
}
