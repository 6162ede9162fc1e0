package rootuser

import (
	"context"
	"fmt"
	"maps"
	"strings"

	"github.com/firstrun/firstrun/answers"
	step "github.com/firstrun/firstrun/steps/core"
)

// ContactsOutputs are what the contacts step records.
type ContactsOutputs struct {
	// AlternateContacts lists the alternate contacts AWS has: "BILLING,SECURITY".
	AlternateContacts string `json:"alternate_contacts,omitempty"`
	// Written lists those this run wrote.
	Written string `json:"contacts_written,omitempty"`
	// RootContactReachable is the operator's word on the root email and phone:
	// "confirmed" or "not confirmed".
	RootContactReachable string `json:"root_contact_reachable,omitempty"`
}

// The operator's word on the root user's email and phone, as the checkpoint keeps it.
const (
	reachableConfirmed    = "confirmed"
	reachableNotConfirmed = "not confirmed"
)

// ContactsFlow is the contacts step: it shows the owner's contact details, asks the
// operator to confirm they are reachable (only the operator knows, so it always asks), and
// sets the billing, operations and security contacts, writing only those that change. A
// run without a person takes the answers file's contacts and its word on the root details.
func ContactsFlow(env step.Env) *step.Flow {
	c := &contactsStep{env: env}
	return &step.Flow{
		Intro: "If the root user's MFA device is lost, AWS lets the owner back in through the root email " +
			"address and the phone number: both must reach you. AWS also writes to three alternate contacts, " +
			"about bills, operations and security, so those messages reach the right people.",
		Inspect:      c.inspect,
		Questions:    c.questions,
		AskAlways:    true,
		Revise:       c.judge,
		Apply:        c.apply,
		ConfirmLabel: "save the contacts",
	}
}

// contactsStep is the step's state between the Flow's calls: the contacts found, and the
// form's answers.
type contactsStep struct {
	env       step.Env
	found     Contacts
	answered  bool // the questions were answered: the inspection judges by the answers
	reachable bool
	fields    [3]Contact // in the order of ContactTypes, bound to the form
}

func (c *contactsStep) input() ContactsInput {
	in := ContactsInput{Reachable: c.reachable, Alternate: map[ContactType]Contact{}}
	for i, t := range ContactTypes {
		in.Alternate[t] = c.fields[i]
	}
	return in
}

func (c *contactsStep) inspect(ctx context.Context) (step.Inspection, error) {
	if c.answered {
		// Verifying what was written: the primary contact is not the step's to change.
		alternate, err := readAlternateContacts(ctx, c.env.AWS.Account)
		if err != nil {
			return step.Inspection{}, err
		}
		c.found.Alternate = alternate
		return c.judge(step.Inspection{}), nil
	}
	found, err := ReadContacts(ctx, c.env.AWS.Account)
	if err != nil {
		return step.Inspection{}, err
	}
	c.found = found
	return c.judge(step.Inspection{}), nil
}

// judge says where the step stands with the contacts found and, once asked, the answers.
func (c *contactsStep) judge(step.Inspection) step.Inspection {
	found := c.found
	out := ContactsOutputs{AlternateContacts: found.setTypes()}
	in := step.Inspection{Facts: contactFacts(found), Holds: len(found.Missing()) == 0, Outputs: out}
	in.Detail = "GetAlternateContact shows the BILLING, OPERATIONS and SECURITY contacts"
	if missing := found.Missing(); len(missing) > 0 {
		in.Detail = "GetAlternateContact finds no " + listTypes(missing, "or") + " contact"
	}
	if !c.answered {
		return in
	}
	in.Changes = contactChanges(found, c.input())
	out.RootContactReachable = reachableConfirmed
	if !c.reachable {
		out.RootContactReachable = reachableNotConfirmed
		in.Note = "You said the root user's email address or phone needs correcting. firstrun can't change them: " +
			"correct them on the console's Account page, then run this step again to confirm them."
		in.Pending = "correct the root user's email address and phone on the console's Account page, then confirm " +
			"that they reach you (contacts.root_contact_reachable: true)"
	}
	in.Outputs = out
	return in
}

func contactFacts(found Contacts) []step.Fact {
	var facts []step.Fact
	if p := found.Primary; p != nil {
		owner := p.FullName
		if p.Company != "" {
			owner += ", " + p.Company
		}
		facts = append(facts, step.Fact{Label: "Owner", Value: owner + " · phone " + p.Phone})
	} else {
		facts = append(facts, step.Fact{Label: "Owner", Value: "AWS has no contact information for this account", Good: step.No()})
	}
	for _, t := range ContactTypes {
		a, ok := found.Alternate[t]
		f := step.Fact{Label: contactLabel(t), Value: "not set", Good: step.No()}
		if ok {
			f = step.Fact{Label: contactLabel(t), Value: fmt.Sprintf("%s (%s), %s, %s", a.Name, a.Title, a.Email, a.Phone), Good: step.Yes()}
		}
		facts = append(facts, f)
	}
	return facts
}

func contactLabel(t ContactType) string {
	return strings.ToUpper(string(t)[:1]) + strings.ToLower(string(t)[1:]) + " contact"
}

// questions start from what the account has, over which the answers file's contacts show;
// a run without a person waits for a contact neither has, and for the operator's word on
// the root details.
func (c *contactsStep) questions(step.Inspection) *step.Form {
	c.answered = true
	a := c.env.Answers.Contacts
	in := NewContactsInput(c.found)
	answered := AnsweredContacts(a)
	maps.Copy(in.Alternate, answered)
	c.reachable = !answers.False(a.RootContactReachable)
	for i, t := range ContactTypes {
		c.fields[i] = in.Alternate[t]
	}
	reachable := &step.Confirm{Value: &c.reachable, Affirmative: "Yes", Negative: "No, I'll correct them",
		Common: step.Common{
			Title:       "Do the root user's email (the one you sign in with) and this phone reach you?",
			Description: "AWS has no API that shows the root email. If either is out of date, fix it on the Account page.",
		}}
	if a.RootContactReachable == nil {
		reachable.Wait = "confirm the root email and phone reach you (contacts.root_contact_reachable: true)"
	}
	groups := []step.Group{{Fields: []step.Field{reachable}}}
	// Two fields a page, so a page and its error message fit an 80x24 window.
	for i, t := range ContactTypes {
		f := &c.fields[i]
		wait := ""
		if _, set := c.found.Alternate[t]; !set && answered[t] == (Contact{}) {
			wait = "set the " + string(t) + " alternate contact: give " + contactKey(t) +
				" (name, title, email, phone) in the answers file, or enter it in the wizard"
		}
		input := func(title string, v *string, check func(string) error) *step.Input {
			return &step.Input{Common: step.Common{Title: title, Wait: wait}, Inline: true, Value: v, Validate: check}
		}
		groups = append(groups,
			step.Group{Title: contactLabel(t) + ": who AWS writes to about " + ContactPurpose(t), Fields: []step.Field{
				input("Name  ", &f.Name, ValidateName), input("Title ", &f.Title, ValidateTitle),
			}},
			step.Group{Title: contactLabel(t) + ": how to reach them", Fields: []step.Field{
				input("Email ", &f.Email, ValidateEmail), input("Phone ", &f.Phone, ValidatePhone),
			}},
		)
	}
	return step.NewForm(groups...)
}

// contactChanges are the PutAlternateContact calls that in makes.
func contactChanges(found Contacts, in ContactsInput) []step.Change {
	var changes []step.Change
	for _, t := range Changed(found, in) {
		a := in.Alternate[t].normalized()
		verb := "Change"
		if _, set := found.Alternate[t]; !set {
			verb = "Set"
		}
		changes = append(changes, step.Change{
			Service: "account", Operation: "PutAlternateContact", Resource: "alternate contact " + string(t),
			Params: []step.Param{{Name: "name", Value: a.Name}, {Name: "title", Value: a.Title}, {Name: "email", Value: a.Email}, {Name: "phone", Value: a.Phone}},
			Say:    fmt.Sprintf("%s the %s to %s (%s), %s, %s", verb, strings.ToLower(contactLabel(t)), a.Name, a.Title, a.Email, a.Phone),
		})
	}
	return changes
}

func (c *contactsStep) apply(ctx context.Context, a *step.Act) (step.Outputs, error) {
	written, err := ApplyContacts(ctx, c.env.AWS.Account, c.found, c.input())
	if len(written) == 0 {
		return nil, err
	}
	// Saved whatever failed after, so the record says what this run wrote.
	out := ContactsOutputs{Written: joinTypes(written)}
	if perr := a.Progress(out); perr != nil {
		return nil, perr
	}
	return out, err
}

// listTypes names contact types in a sentence: "OPERATIONS or SECURITY".
func listTypes(ts []ContactType, conj string) string {
	names := strings.Split(joinTypes(ts), ",")
	if len(names) == 1 {
		return names[0]
	}
	return strings.Join(names[:len(names)-1], ", ") + " " + conj + " " + names[len(names)-1]
}
