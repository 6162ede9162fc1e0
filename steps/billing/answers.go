package billing

import (
	"errors"
	"strings"

	"github.com/firstrun/firstrun/answers"
)

// ValidateAnswers checks the answers this package's steps use, with the same checks as
// their form fields, so a bad value is refused before anything runs.
func ValidateAnswers(a *answers.Answers) []answers.Problem {
	var problems []answers.Problem
	check := func(key string, err error) {
		if err != nil {
			problems = append(problems, answers.Problem{Key: key, Err: err})
		}
	}
	if a.BillingRole.Name != "" {
		check("billing_role.name", ValidateRoleName(a.BillingRole.Name))
	}
	b := a.Budget
	if strings.TrimSpace(b.Amount) != "" {
		check("budget.amount", ValidateBudgetAmount(b.Amount))
	}
	if strings.TrimSpace(b.Email) != "" {
		check("budget.email", ValidateAlertEmail(b.Email))
	}
	if answers.True(b.Enabled) {
		check("budget.enabled", missingBudgetValues(b))
	}
	return problems
}

// missingBudgetValues says which values a wanted budget lacks, or nil.
func missingBudgetValues(b answers.Budget) error {
	var missing []string
	if strings.TrimSpace(b.Amount) == "" {
		missing = append(missing, "budget.amount (US dollars a month, for example 50)")
	}
	if strings.TrimSpace(b.Email) == "" {
		missing = append(missing, "budget.email (who gets the alerts)")
	}
	if len(missing) == 0 {
		return nil
	}
	return errors.New("a budget alert needs " + strings.Join(missing, " and ") + "; give them, or set enabled to false")
}

// roleInput is the billing role's input from the answers, with the default name when
// they give none.
func roleInput(a *answers.Answers) RoleInput {
	in := DefaultRoleInput()
	if a.BillingRole.Name != "" {
		in.Name = a.BillingRole.Name
	}
	return in
}

// budgetInput is the budget's input from the answers, and whether they want one.
func budgetInput(a *answers.Answers) (in BudgetInput, wanted bool) {
	in = DefaultBudgetInput()
	in.Amount, in.Email = strings.TrimSpace(a.Budget.Amount), strings.TrimSpace(a.Budget.Email)
	return in, answers.True(a.Budget.Enabled)
}
