package rootuser

import (
	"context"
	"strings"

	"github.com/firstrun/firstrun/answers"
	"github.com/firstrun/firstrun/steps/checkpoint"
	"github.com/firstrun/firstrun/steps/step"
)

// ContactsHeadless is the contacts step without a screen. Whether the root user's email
// address and phone reach the owner only the owner can say: a run without a person takes
// it from contacts.root_contact_reachable, and the audit checks the alternate contacts.
func ContactsHeadless() step.Headless {
	return step.Headless{Check: checkContacts, Plan: planContacts, Run: runContacts}
}

func checkContacts(ctx context.Context, env *step.Env) (step.Control, error) {
	found, err := ReadContacts(ctx, env.AWS.Account)
	if err != nil {
		return step.Control{}, err
	}
	if missing := found.Missing(); len(missing) > 0 {
		return step.Control{Status: step.Fail, Detail: "GetAlternateContact finds no " + listTypes(missing, "or") + " contact"}, nil
	}
	return step.Control{Status: step.Pass, Detail: "GetAlternateContact shows the BILLING, OPERATIONS and SECURITY contacts"}, nil
}

func planContacts(ctx context.Context, env *step.Env) ([]step.Change, error) {
	found, err := ReadContacts(ctx, env.AWS.Account)
	if err != nil {
		return nil, err
	}
	in := ContactsFromAnswers(found, env.Answers.Contacts)
	var changes []step.Change
	for _, t := range Changed(found, in) {
		c := in.Alternate[t].normalized()
		changes = append(changes, step.Change{
			Service: "account", Operation: "PutAlternateContact", Resource: "alternate contact " + string(t),
			Fields: []step.Field{{Name: "name", Value: c.Name}, {Name: "title", Value: c.Title}, {Name: "email", Value: c.Email}, {Name: "phone", Value: c.Phone}},
		})
	}
	return changes, nil
}

// runContacts writes the answered contacts that differ from the account's, then waits
// for the operator while a contact is still missing or the root details are unconfirmed.
// The record it returns with a waiting error says what was written.
func runContacts(ctx context.Context, env *step.Env) (checkpoint.StepRecord, error) {
	api, a := env.AWS.Account, env.Answers.Contacts
	found, err := ReadContacts(ctx, api)
	if err != nil {
		return checkpoint.StepRecord{}, err
	}
	in := ContactsFromAnswers(found, a)
	written, err := ApplyContacts(ctx, api, found, in)
	rec := checkpoint.StepRecord{Resources: map[string]string{}}
	if len(written) > 0 {
		rec.Resources["contacts_written"] = joinTypes(written)
	}
	if err != nil {
		return rec, err
	}
	if len(written) > 0 {
		// Read back what was written, as the screen does: only AWS's answer verifies.
		if found.Alternate, err = readAlternateContacts(ctx, api); err != nil {
			return rec, err
		}
	}
	rec.Resources["alternate_contacts"] = found.setTypes()

	if missing := found.Missing(); len(missing) > 0 {
		keys := make([]string, len(missing))
		for i, t := range missing {
			keys[i] = contactKey(t)
		}
		return rec, step.Waiting("set the " + listTypes(missing, "and") + " alternate contact: give " +
			strings.Join(keys, ", ") + " (name, title, email, phone) in the answers file, or enter it in the wizard")
	}
	switch {
	case answers.False(a.RootContactReachable):
		rec.Resources["root_contact_reachable"] = "not confirmed"
		return rec, step.Waiting("correct the root user's email address and phone on the console's Account page, " +
			"then answer contacts.root_contact_reachable: true")
	case !answers.True(a.RootContactReachable):
		return rec, step.Waiting("confirm the root email and phone reach you (contacts.root_contact_reachable: true)")
	}
	rec.Resources["root_contact_reachable"] = "confirmed"
	if left := Changed(found, in); len(left) > 0 {
		rec.Outcome, rec.Reason = checkpoint.Done, "written, but AWS does not show the "+listTypes(left, "and")+" contact as answered yet"
		return rec, nil
	}
	rec.Outcome = checkpoint.Verified
	rec.Reason = "AWS shows the three alternate contacts; contacts.root_contact_reachable confirms the root email and phone"
	return rec, nil
}

// listTypes names contact types in a sentence: "OPERATIONS or SECURITY".
func listTypes(ts []ContactType, conj string) string {
	names := strings.Split(joinTypes(ts), ",")
	if len(names) == 1 {
		return names[0]
	}
	return strings.Join(names[:len(names)-1], ", ") + " " + conj + " " + names[len(names)-1]
}
