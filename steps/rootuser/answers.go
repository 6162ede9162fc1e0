package rootuser

import (
	"fmt"
	"maps"
	"strings"

	"github.com/aws/aws-sdk-go-v2/service/account/types"

	"github.com/firstrun/firstrun/answers"
)

// ValidateAnswers checks the answers this package's steps use, with the same checks as
// their form fields, so a bad value is refused before anything runs. A contact given in
// the file must be whole: AWS takes an alternate contact only with all four values.
func ValidateAnswers(a *answers.Answers) []answers.Problem {
	var problems []answers.Problem
	for _, t := range ContactTypes {
		c := answeredContact(a.Contacts, t)
		if c.IsZero() {
			continue
		}
		key := contactKey(t)
		for _, f := range []struct {
			name, value string
			check       func(string) error
		}{
			{"name", c.Name, ValidateName},
			{"title", c.Title, ValidateTitle},
			{"email", c.Email, ValidateEmail},
			{"phone", c.Phone, ValidatePhone},
		} {
			err := f.check(f.value)
			switch {
			case err == nil:
			case f.value == "":
				// The key is not in the file: point at the contact, whose line it has.
				problems = append(problems, answers.Problem{Key: key, Err: fmt.Errorf("no %s: %w", f.name, err)})
			default:
				problems = append(problems, answers.Problem{Key: key + "." + f.name, Err: err})
			}
		}
	}
	return problems
}

// contactKey is the answers file's key of the alternate contact of type t.
func contactKey(t ContactType) string { return "contacts." + strings.ToLower(string(t)) }

// answeredContact is the alternate contact of type t in the answers, zero when left out.
func answeredContact(a answers.Contacts, t ContactType) answers.Contact {
	switch t {
	case types.AlternateContactTypeBilling:
		return a.Billing
	case types.AlternateContactTypeOperations:
		return a.Operations
	case types.AlternateContactTypeSecurity:
		return a.Security
	}
	return answers.Contact{}
}

// AnsweredContacts are the alternate contacts the answers give, by type.
func AnsweredContacts(a answers.Contacts) map[ContactType]Contact {
	out := map[ContactType]Contact{}
	for _, t := range ContactTypes {
		if c := answeredContact(a, t); !c.IsZero() {
			out[t] = Contact{Name: c.Name, Title: c.Title, Email: c.Email, Phone: c.Phone}
		}
	}
	return out
}

// ContactsFromAnswers is what a run without a person sets: the alternate contacts the
// answers give, over those the account has. A contact neither set nor answered stays out
// of the input, and nothing is written for it.
func ContactsFromAnswers(found Contacts, a answers.Contacts) ContactsInput {
	in := ContactsInput{Reachable: answers.True(a.RootContactReachable), Alternate: map[ContactType]Contact{}}
	maps.Copy(in.Alternate, found.Alternate)
	maps.Copy(in.Alternate, AnsweredContacts(a))
	return in
}
