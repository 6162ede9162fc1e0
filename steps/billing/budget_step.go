package billing

import (
	"context"
	"strconv"
	"strings"

	"github.com/aws/aws-sdk-go-v2/service/budgets/types"

	"github.com/firstrun/firstrun/awsclient"
	step "github.com/firstrun/firstrun/steps/core"
)

const budgetIntro = "A budget alert emails you when this month's AWS charges pass an amount you choose, " +
	"so a mistake or a leaked key shows up as an email within days rather than as a large bill " +
	"at the end of the month. firstrun can set up a monthly cost budget that emails you at " +
	"80% of the amount actually spent, and as soon as AWS forecasts the month will go over it."

// ReasonNoBudget is recorded when no budget alert is wanted: the operator said no, or the
// answers do not set budget.enabled to true.
const ReasonNoBudget = "not wanted (no budget alert was asked for; budget.enabled: true in the answers sets one up)"

// BudgetOutputs are what the budget step records.
type BudgetOutputs struct {
	BudgetName string `json:"budget_name,omitempty"`
	BudgetARN  string `json:"budget_arn,omitempty"`
}

// BudgetFlow is the optional budget alert. It passes when a budget emails someone as
// spending grows: firstrun's, or one the account had before, since either gives the owner
// the warning the step is for. Otherwise it asks whether to set one up (no, unless the
// answers say yes), then for the amount and the address, and creates firstrun's budget. A
// budget of firstrun's name that emails nobody is left as it is: the operator adds an alert
// in the console.
func BudgetFlow(env step.Env) *step.Flow {
	b := &budgetStep{env: env}
	b.in, b.want = budgetInput(env.Answers) // no, unless the answers say yes
	f := &step.Flow{
		Intro:        budgetIntro,
		Questions:    b.questions,
		Decline:      b.decline,
		Apply:        b.apply,
		ConfirmLabel: "create the budget",
	}
	f.Inspect = func(ctx context.Context) (step.Inspection, error) { return b.inspect(ctx, f) }
	f.Revise = func(step.Inspection) step.Inspection { return b.judge(f) }
	return f
}

// budgetStep is the step's state between the Flow's calls.
type budgetStep struct {
	env   step.Env
	in    BudgetInput
	want  bool
	asked bool // the questions were answered
	// ours is firstrun's budget as last read; other is another that emails someone (Exists
	// false when none does), and all names every budget, when ours emails nobody.
	ours, other Budget
	all         []string
}

func (b *budgetStep) account() string { return b.env.Identity.Account }

func (b *budgetStep) outputs(name string) BudgetOutputs {
	return BudgetOutputs{BudgetName: name, BudgetARN: BudgetARN(b.env.Identity.Partition(), b.account(), name)}
}

func (b *budgetStep) inspect(ctx context.Context, f *step.Flow) (step.Inspection, error) {
	api, account := b.env.AWS.Budgets, b.account()
	ours, err := ReadBudget(ctx, api, account, b.in.Name)
	if err != nil {
		return step.Inspection{}, err
	}
	b.ours, b.other, b.all = ours, Budget{}, nil
	if !ours.Emails() {
		if b.other, b.all, err = otherAlertingBudget(ctx, api, account, b.in.Name); err != nil {
			return step.Inspection{}, err
		}
	}
	return b.judge(f), nil
}

// judge says where the step stands with the budgets last read and, once asked, the
// answers: it reads nothing, so the answers need no second look at AWS.
func (b *budgetStep) judge(f *step.Flow) step.Inspection {
	ours, other := b.ours, b.other
	if ours.Emails() {
		return b.found(ours, ours)
	}
	if ours.Exists {
		in := b.found(ours, other)
		if !in.Holds {
			in.Console = &step.Guide{
				Note: "The budget " + ours.Name + " emails nobody, so nobody hears about a runaway bill. firstrun leaves " +
					"the budget as it is: add an email alert to it in the Budgets console.",
				Instructions: []string{
					"Open the Budgets console and choose the budget " + ours.Name + ".",
					"Under Alerts, choose Add an alert threshold, set a percentage and an email recipient, and save.",
				},
				Link:  budgetsConsoleURL,
				Check: f.Inspect,
				Work:  "add an email alert to the budget " + ours.Name + " in the Budgets console",
			}
		}
		return in
	}
	existing := "none"
	if len(b.all) > 0 {
		existing = strings.Join(b.all, ", ")
	}
	in := step.Inspection{
		Facts:  []step.Fact{{Label: "Budgets in this account", Value: existing}},
		Detail: "There is no budget alert: budget " + b.in.Name + " does not exist.",
	}
	if other.Exists {
		in.Holds, in.Detail = true, budgetSummary(other)
	}
	// Before the questions, the change is what a yes would make: it is asked even when
	// another budget alerts, as firstrun's own budget is the step's.
	if !b.asked || b.want {
		in.Changes = []step.Change{b.change()}
		in.Note = "AWS updates the spend budgets watch at least once a day, so an alert can come some hours after the spending."
	}
	return in
}

// found is the inspection of firstrun's budget ours, which exists; alerting is the budget
// that emails someone, ours or another, or has Exists false when none does.
func (b *budgetStep) found(ours, alerting Budget) step.Inspection {
	in := step.Inspection{Facts: budgetFacts(ours), Holds: alerting.Exists, Outputs: b.outputs(ours.Name)}
	var notes []string
	if alerting.Exists {
		in.Detail = budgetSummary(alerting)
	} else {
		in.Detail = "Budget " + ours.Name + " emails nobody, and no other budget sends email alerts."
	}
	if !ours.Emails() {
		notes = append(notes, "This budget emails nobody. Add an alert in the Budgets console, or nobody hears about a runaway bill.")
	}
	if b.asked {
		notes = append(notes, "A budget named "+ours.Name+" exists already; firstrun leaves it as it is, so the values you entered were not used.")
	}
	in.Note = strings.Join(notes, " ")
	return in
}

// otherAlertingBudget is the first budget but skip that emails someone, with the names
// of every budget; its Exists is false when none does.
func otherAlertingBudget(ctx context.Context, api awsclient.BudgetsAPI, account, skip string) (Budget, []string, error) {
	names, err := ListBudgets(ctx, api, account)
	if err != nil {
		return Budget{}, nil, err
	}
	for _, name := range names {
		if name == skip {
			continue
		}
		b, err := ReadBudget(ctx, api, account, name)
		if err != nil || b.Emails() {
			return b, names, err
		}
	}
	return Budget{}, names, nil
}

// budgetsConsoleURL opens the Budgets console.
const budgetsConsoleURL = "https://console.aws.amazon.com/billing/home#/budgets"

// change is the CreateBudget call for the values entered.
func (b *budgetStep) change() step.Change {
	in := b.in
	amount, email := in.amount(), strings.TrimSpace(in.Email)
	return step.Change{
		Service: "budgets", Operation: "CreateBudget", Resource: "budget " + in.Name,
		Params: []step.Param{
			{Name: "amount", Value: dollars(amount) + " USD a month"},
			{Name: "alerts", Value: "actual > " + strconv.Itoa(ActualAlertPercent) + "%, forecast > " + strconv.Itoa(ForecastAlertPercent) + "%"},
			{Name: "email", Value: email},
		},
		Say: "Create the monthly cost budget " + in.Name + ": " + dollars(amount) + " USD a month",
		Detail: "Email " + email + " when actual spend passes " + strconv.Itoa(ActualAlertPercent) + "% (" +
			dollars(amount*ActualAlertPercent/100) + " USD)\n" +
			"Email " + email + " when AWS forecasts the month will pass " + strconv.Itoa(ForecastAlertPercent) + "% (" +
			dollars(amount*ForecastAlertPercent/100) + " USD)",
	}
}

// questions ask whether to set up the alert, then its amount and address. A run without
// a person waits when the answers want an alert without values it can use.
func (b *budgetStep) questions(step.Inspection) *step.Form {
	if b.ours.Exists { // left as it is: nothing to ask
		return nil
	}
	b.asked = true
	wait := func(validate func(string) error, value string) string {
		if err := validate(value); err != nil {
			return budgetValuesWaiting(err)
		}
		return ""
	}
	return step.NewForm(
		step.Group{Fields: []step.Field{
			&step.Confirm{Common: step.Common{Title: "Set up a monthly budget alert?"},
				Affirmative: "Yes", Negative: "No, not now", Value: &b.want},
		}},
		step.Group{Hide: func() bool { return !b.want }, Fields: []step.Field{
			&step.Input{Common: step.Common{Title: "Monthly amount, in US dollars",
				Description: "You get an email at " + strconv.Itoa(ActualAlertPercent) + "% of it, and when the month is forecast to pass it.",
				Wait:        wait(ValidateBudgetAmount, b.in.Amount)},
				Placeholder: "50", Value: &b.in.Amount, Validate: ValidateBudgetAmount},
			&step.Input{Common: step.Common{Title: "Email address for the alerts", Wait: wait(ValidateAlertEmail, b.in.Email)},
				Placeholder: "name@example.com", Value: &b.in.Email, Validate: ValidateAlertEmail},
		}},
	)
}

func (b *budgetStep) decline() string {
	if !b.want {
		return ReasonNoBudget
	}
	return ""
}

func (b *budgetStep) apply(ctx context.Context, _ *step.Act) (step.Outputs, error) {
	if err := CreateBudget(ctx, b.env.AWS.Budgets, b.account(), b.in); err != nil {
		return nil, err
	}
	return b.outputs(b.in.Name), nil
}

// budgetValuesWaiting is what a run without a person waits for when the answers want a
// budget alert with values it can't use (the answers check refuses them first; this is
// the last guard).
func budgetValuesWaiting(err error) string {
	return "give the budget alert's amount and email in the answers (budget.amount, budget.email): " +
		strings.ReplaceAll(err.Error(), "\n", "; ")
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

// budgetFacts show a budget that exists.
func budgetFacts(b Budget) []step.Fact {
	facts := []step.Fact{
		{Label: "Budget", Value: b.Name + " (" + strings.ToLower(string(b.Type)) + ")"},
		{Label: "Amount", Value: amountText(b.Amount) + " " + b.Unit + " a " + periodNoun(b.TimeUnit)},
	}
	for _, a := range b.Alerts {
		facts = append(facts, step.Fact{Label: "Alert", Value: a.String(), Good: step.Yes()})
	}
	if !b.Emails() {
		facts = append(facts, step.Fact{Label: "Email alerts", Value: "none", Good: step.No()})
	}
	return facts
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
