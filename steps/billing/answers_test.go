package billing_test

import (
	"strings"
	"testing"

	"github.com/firstrun/firstrun/answers"
	"github.com/firstrun/firstrun/steps"
	"github.com/firstrun/firstrun/steps/billing"
)

func yes() *bool { v := true; return &v }
func no() *bool  { v := false; return &v }

func TestValidateAnswers(t *testing.T) {
	budget := func(enabled *bool, amount, email string) answers.Answers {
		return answers.Answers{Budget: answers.Budget{Enabled: enabled, Amount: amount, Email: email}}
	}
	for _, tc := range []struct {
		name    string
		answers answers.Answers
		// want maps each key refused to a part of its message; empty when all is well.
		want map[string]string
	}{
		{name: "nothing answered", answers: answers.Answers{}},
		{name: "everything answered well", answers: answers.Answers{
			BillingRole: answers.BillingRole{Name: "BillingTeam"},
			Budget:      answers.Budget{Enabled: yes(), Amount: "99.50", Email: "owner@example.com"}}},
		{name: "budget not wanted, no values", answers: budget(no(), "", "")},
		{name: "role name with a space", answers: answers.Answers{BillingRole: answers.BillingRole{Name: "Billing team"}},
			want: map[string]string{"billing_role.name": "no spaces"}},
		{name: "role name too long", answers: answers.Answers{BillingRole: answers.BillingRole{Name: strings.Repeat("b", 65)}},
			want: map[string]string{"billing_role.name": "at most 64 characters"}},
		{name: "amount with a dollar sign", answers: budget(yes(), "$50", "owner@example.com"),
			want: map[string]string{"budget.amount": "without $ or USD"}},
		{name: "amount with fractions of a cent", answers: budget(yes(), "12.345", "owner@example.com"),
			want: map[string]string{"budget.amount": "at most two decimals"}},
		{name: "amount of zero", answers: budget(yes(), "0", "owner@example.com"),
			want: map[string]string{"budget.amount": "more than zero"}},
		{name: "address without a domain", answers: budget(yes(), "50", "owner@localhost"),
			want: map[string]string{"budget.email": "is not an email address"}},
		{name: "bad values are refused even when the budget is not wanted", answers: budget(no(), "fifty", "owner"),
			want: map[string]string{"budget.amount": "use digits", "budget.email": "is not an email address"}},
		{name: "wanted without an amount", answers: budget(yes(), "", "owner@example.com"),
			want: map[string]string{"budget.enabled": "needs budget.amount"}},
		{name: "wanted without an address", answers: budget(yes(), "50", " "),
			want: map[string]string{"budget.enabled": "needs budget.email"}},
		{name: "wanted without either", answers: budget(yes(), "", ""),
			want: map[string]string{"budget.enabled": "budget.amount (US dollars a month, for example 50) and budget.email"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got := map[string]string{}
			for _, p := range billing.ValidateAnswers(&tc.answers) {
				if _, twice := got[p.Key]; twice {
					t.Errorf("%s refused twice", p.Key)
				}
				got[p.Key] = p.Err.Error()
			}
			for key, part := range tc.want {
				if !strings.Contains(got[key], part) {
					t.Errorf("%s: %q, want it to say %q", key, got[key], part)
				}
			}
			for key, msg := range got {
				if _, wanted := tc.want[key]; !wanted {
					t.Errorf("%s refused: %s", key, msg)
				}
			}
		})
	}
}

func TestAnswersFileNamesTheLineOfABillingValue(t *testing.T) {
	f, err := answers.Parse("client.yaml", []byte(`version: 1
billing_role:
  name: Billing
budget:
  enabled: true
  amount: "1,500"
  email: owner@example.com
`))
	if err != nil {
		t.Fatal(err)
	}
	err = steps.CheckAnswers(f)
	if err == nil || err.Error() != "client.yaml:6: budget.amount: use a point for cents and no thousands separators, for example 1500.50" {
		t.Errorf("CheckAnswers = %v", err)
	}
}
