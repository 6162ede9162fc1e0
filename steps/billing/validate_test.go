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
