package rootuser

import (
	"context"
	"fmt"
	"maps"
	"strings"

	"github.com/charmbracelet/huh"

	"github.com/firstrun/firstrun/answers"
	"github.com/firstrun/firstrun/steps/step"
)

// ContactsScreen is the contacts step: it shows the owner's contact details, asks the
// operator to confirm they are reachable, and sets the billing, operations and security
// contacts, writing only those the operator changed.
func ContactsScreen(env *step.Env, def step.Definition) step.Screen {
	c := &contactsStep{env: env}
	t := step.NewTask(env, def)
	t.Intro = "If the root user's MFA device is lost, AWS lets the owner back in through the root email " +
		"address and the phone number: both must reach you. AWS also writes to three alternate contacts, " +
		"about bills, operations and security, so those messages reach the right people."
	t.Inspect = c.inspect
	t.Form = c.form
	t.Revise = func(in step.Inspection) step.Inspection {
		in.Changes = c.plan()
		in.Satisfied = len(in.Changes) == 0
		return in
	}
	t.Apply = c.apply
	t.ConfirmLabel = "save the contacts"
	return t
}

// contactsStep holds the step's state between the task's phases. Inspect writes found in
// its command, and the task reads it only after that command's message arrives.
type contactsStep struct {
	env       *step.Env
	found     Contacts
	answered  bool
	reachable bool
	fields    [3]Contact // in the order of ContactTypes, bound to the form
}

func (c *contactsStep) answers() ContactsInput {
	in := ContactsInput{Reachable: c.reachable, Alternate: map[ContactType]Contact{}}
	for i, t := range ContactTypes {
		in.Alternate[t] = c.fields[i]
	}
	return in
}

func (c *contactsStep) inspect(ctx context.Context) (step.Inspection, error) {
	found, err := ReadContacts(ctx, c.env.AWS.Account)
	if err != nil {
		return step.Inspection{}, err
	}
	c.found = found
	in := step.Inspection{Facts: contactFacts(found), Resources: map[string]string{"alternate_contacts": found.setTypes()}}
	if !c.answered {
		// Always ask: only the operator knows whether the details reach them.
		return in, nil
	}
	in.Satisfied = c.reachable && len(Changed(found, c.answers())) == 0
	in.Resources["root_contact_reachable"] = "confirmed"
	if !c.reachable {
		in.Resources["root_contact_reachable"] = "not confirmed"
	}
	return in, nil
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

func (c *contactsStep) form(step.Inspection) *huh.Form {
	// What the answers file gives shows in the fields, and can still be changed there.
	a := c.env.Answers.Contacts
	in := NewContactsInput(c.found)
	maps.Copy(in.Alternate, AnsweredContacts(a))
	c.reachable = in.Reachable && !answers.False(a.RootContactReachable)
	for i, t := range ContactTypes {
		c.fields[i] = in.Alternate[t]
	}
	groups := []*huh.Group{huh.NewGroup(huh.NewConfirm().
		Title("Do the root user's email (the one you sign in with) and this phone reach you?").
		Description("AWS has no API that shows the root email. If either is out of date, fix it on the Account page.").
		Affirmative("Yes").Negative("No, I'll correct them").
		Value(&c.reachable))}
	// Two fields a page, so a page and its error message fit an 80x24 window.
	for i, t := range ContactTypes {
		f := &c.fields[i]
		groups = append(groups,
			huh.NewGroup(
				huh.NewInput().Title("Name  ").Inline(true).Value(&f.Name).Validate(ValidateName),
				huh.NewInput().Title("Title ").Inline(true).Value(&f.Title).Validate(ValidateTitle),
			).Title(contactLabel(t)+": who AWS writes to about "+ContactPurpose(t)),
			huh.NewGroup(
				huh.NewInput().Title("Email ").Inline(true).Value(&f.Email).Validate(ValidateEmail),
				huh.NewInput().Title("Phone ").Inline(true).Value(&f.Phone).Validate(ValidatePhone),
			).Title(contactLabel(t)+": how to reach them"),
		)
	}
	return huh.NewForm(groups...)
}

func (c *contactsStep) plan() []string {
	c.answered = true
	var changes []string
	for _, t := range Changed(c.found, c.answers()) {
		a := c.answers().Alternate[t].normalized()
		verb := "Change"
		if _, set := c.found.Alternate[t]; !set {
			verb = "Set"
		}
		changes = append(changes, fmt.Sprintf("%s the %s to %s (%s), %s, %s", verb, strings.ToLower(contactLabel(t)), a.Name, a.Title, a.Email, a.Phone))
	}
	if !c.reachable {
		changes = append(changes, "Record that the root user's email address or phone needs correcting: firstrun can't change them, "+
			"so this step stays unverified until you have done it on the Account page and run it again")
	}
	return changes
}

func (c *contactsStep) apply(ctx context.Context) (map[string]string, error) {
	written, err := ApplyContacts(ctx, c.env.AWS.Account, c.found, c.answers())
	if len(written) == 0 {
		return nil, err
	}
	return map[string]string{"contacts_written": joinTypes(written)}, err
}
