package billing_test

import (
	"strings"
	"testing"

	"github.com/firstrun/firstrun/steps/billing"
)

// check runs a validator over cases: an empty want means the value is accepted, otherwise
// the message must contain want.
func check(t *testing.T, validate func(string) error, cases map[string]string) {
	t.Helper()
	for value, want := range cases {
		err := validate(value)
		switch {
		case want == "" && err != nil:
			t.Errorf("%q refused: %v", value, err)
		case want != "" && err == nil:
			t.Errorf("%q accepted, want refused with %q", value, want)
		case want != "" && !strings.Contains(err.Error(), want):
			t.Errorf("%q: message %q, want it to say %q", value, err, want)
		}
	}
}

func TestValidateBudgetAmount(t *testing.T) {
	check(t, billing.ValidateBudgetAmount, map[string]string{
		"50":         "",
		"49.99":      "",
		"0.5":        "",
		" 20 ":       "",
		"1000000":    "",
		"1000000.00": "",
		"":           "enter the monthly amount in US dollars",
		"   ":        "enter the monthly amount in US dollars",
		"0":          "more than zero",
		"0.00":       "more than zero",
		"-5":         "more than zero",
		"12.345":     "at most two decimals",
		".125":       "at most two decimals",
		"12,50":      "use a point for cents",
		"1,500":      "no thousands separators",
		"$50":        "without $ or USD",
		"50 USD":     "without $ or USD",
		"1e3":        "use digits",
		"fifty":      "use digits",
		"12.":        "use digits",
		"1000000.01": "at most 1,000,000.00 USD a month",
		"99999999":   "at most 1,000,000.00 USD a month",
	})
}

func TestValidateAlertEmail(t *testing.T) {
	check(t, billing.ValidateAlertEmail, map[string]string{
		"owner@example.com":            "",
		"aws+billing@corp.example.org": "",
		"":                             "enter the email address",
		"owner":                        "not an email address",
		"owner@":                       "not an email address",
		"@example.com":                 "not an email address",
		"owner @example.com":           "not an email address",
		"Owner <owner@example.com>":    "not an email address",
		"a@b.com, c@d.com":             "not an email address",
		"owner@localhost":              "not an email address",
		strings.Repeat("a", 250) + "@example.com": "at most 254 characters",
	})
}

func TestValidateRoleName(t *testing.T) {
	check(t, billing.ValidateRoleName, map[string]string{
		"Billing":                 "",
		"billing-team_2+ops=x,y@": "",
		strings.Repeat("r", 64):   "",
		"":                        "enter a name",
		"Billing role":            "no spaces",
		"billing/role":            "use only letters",
		"rôle":                    "use only letters",
		strings.Repeat("r", 65):   "at most 64 characters; this one has 65",
	})
}

func TestBudgetInputValidate(t *testing.T) {
	in := billing.DefaultBudgetInput()
	if err := in.Validate(); err == nil {
		t.Error("an input without amount and address is valid")
	}
	in.Amount, in.Email = "50", "owner@example.com"
	if err := in.Validate(); err != nil {
		t.Errorf("a complete input: %v", err)
	}
	in.Name = "bad:name"
	if err := in.Validate(); err == nil || !strings.Contains(err.Error(), "budget name") {
		t.Errorf("a bad name: %v", err)
	}
}
