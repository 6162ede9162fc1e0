package rootuser_test

import (
	"errors"
	"strings"
	"testing"

	"github.com/firstrun/firstrun/answers"
	"github.com/firstrun/firstrun/steps"
	"github.com/firstrun/firstrun/steps/rootuser"
)

func TestValidateAnswers(t *testing.T) {
	good := answers.Contact{Name: "Sec Urity", Title: "CISO", Email: "security@example.com", Phone: "+1 206 555 0103"}
	for _, tc := range []struct {
		name     string
		contacts answers.Contacts
		want     []string // "key: message" of each problem
	}{
		{"nothing answered", answers.Contacts{}, nil},
		{"whole contacts", answers.Contacts{RootContactReachable: yes(), Billing: good, Operations: good, Security: good}, nil},
		{"bad email", answers.Contacts{Security: answers.Contact{Name: "Sec", Title: "CISO", Email: "security-at-example", Phone: "+1 206 555 0103"}},
			[]string{`contacts.security.email: "security-at-example" is not an email address like name@example.com`}},
		{"bad phone", answers.Contacts{Billing: answers.Contact{Name: "Fin", Title: "CFO", Email: "b@example.com", Phone: "call me"}},
			[]string{"contacts.billing.phone: use digits, spaces and + ( ) - only, for example +1 206 555 0100"}},
		{"name too long", answers.Contacts{Operations: answers.Contact{Name: strings.Repeat("x", 65), Title: "Ops", Email: "o@example.com", Phone: "+1 206 555 0102"}},
			[]string{"contacts.operations.name: at most 64 characters"}},
		{"missing fields point at the contact", answers.Contacts{Security: answers.Contact{Email: "security@example.com"}},
			[]string{"contacts.security: no name: enter a name", "contacts.security: no title: enter a title, such as Finance or Security lead",
				"contacts.security: no phone: enter a phone number"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var got []string
			for _, p := range rootuser.ValidateAnswers(&answers.Answers{Contacts: tc.contacts}) {
				got = append(got, p.Key+": "+p.Err.Error())
			}
			if strings.Join(got, "\n") != strings.Join(tc.want, "\n") {
				t.Errorf("problems:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(tc.want, "\n"))
			}
		})
	}
}

// A bad contact in a file is refused before anything runs, with its line.
func TestAnswersFileWithABadContactNamesTheLine(t *testing.T) {
	f, err := answers.Parse("client.yaml", []byte(`version: 1
contacts:
  root_contact_reachable: true
  billing:
    name: Fin Ance
    title: CFO
    email: billing@example
    phone: "+1 206 555 0101"
  security:
    email: security@example.com
`))
	if err != nil {
		t.Fatal(err)
	}
	err = steps.CheckAnswers(f)
	var es answers.Errors
	if !errors.As(err, &es) {
		t.Fatalf("CheckAnswers: %v", err)
	}
	msg := err.Error()
	for _, want := range []string{
		`client.yaml:7: contacts.billing.email: "billing@example" is not an email address`,
		// A key the file lacks is reported at its contact, whose first line answers.File.Line gives.
		"client.yaml:10: contacts.security: no name: enter a name",
	} {
		if !strings.Contains(msg, want) {
			t.Errorf("CheckAnswers said:\n%s\nwant a line with %q", msg, want)
		}
	}
}
