package rootuser_test

import (
	"context"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/account"
	"github.com/aws/aws-sdk-go-v2/service/account/types"
	tea "github.com/charmbracelet/bubbletea"

	"github.com/firstrun/firstrun/awsclient/simulator"
	"github.com/firstrun/firstrun/steps/checkpoint"
	"github.com/firstrun/firstrun/steps/rootuser"
	"github.com/firstrun/firstrun/steps/steptest"
)

func putContact(t *testing.T, h *steptest.Harness, typ types.AlternateContactType, name, title, email, phone string) {
	t.Helper()
	if _, err := h.Env.AWS.Account.PutAlternateContact(context.Background(), &account.PutAlternateContactInput{
		AlternateContactType: typ, Name: aws.String(name), Title: aws.String(title),
		EmailAddress: aws.String(email), PhoneNumber: aws.String(phone),
	}); err != nil {
		t.Fatal(err)
	}
}

func putAllContacts(t *testing.T, h *steptest.Harness) {
	t.Helper()
	putContact(t, h, types.AlternateContactTypeBilling, "Fin Ance", "CFO", "billing@example.com", "+1 206 555 0101")
	putContact(t, h, types.AlternateContactTypeOperations, "Op Erations", "On call", "ops@example.com", "+1 206 555 0102")
	putContact(t, h, types.AlternateContactTypeSecurity, "Sec Urity", "CISO", "security@example.com", "+1 206 555 0103")
}

// puts lists the alternate contacts the step wrote, from the simulator's call log.
func puts(h *steptest.Harness) int {
	n := 0
	for _, c := range h.Sim.Calls() {
		if c.Operation == "PutAlternateContact" {
			n++
		}
	}
	return n
}

// clear empties the focused field.
func clear(run *steptest.Step) { run.Send(tea.KeyMsg{Type: tea.KeyCtrlU}) }

// at waits until the form's focus is on the field titled title: keys typed before the
// form has moved on would land in the previous field.
func at(run *steptest.Step, title string) {
	run.WaitUntil(func(frame string) bool {
		for _, l := range strings.Split(frame, "\n") {
			if strings.Contains(l, "┃") && strings.Contains(l, title) {
				return true
			}
		}
		return false
	}, "the focus on "+title)
}

// pages are the form's pages after the first question, two fields each, in order.
var pages = []string{
	"Billing contact: who AWS writes to", "Billing contact: how to reach them",
	"Operations contact: who AWS writes to", "Operations contact: how to reach them",
	"Security contact: who AWS writes to", "Security contact: how to reach them",
}

// keepAll answers the form keeping every value: one key per field, one page at a time
// (a key pressed while the form turns the page would land on the old one).
func keepAll(run *steptest.Step, reachable string) {
	run.WaitFor("Do the root user's email")
	run.Press(reachable)
	for _, p := range pages {
		run.WaitFor(p)
		run.Press("enter", "enter")
	}
}

func TestContactsWritesOnlyWhatChanged(t *testing.T) {
	h := steptest.New(t, simulator.Options{})
	putAllContacts(t, h)
	h.Sim.ResetCalls()

	run := h.RunStep("contacts")
	// What is there already is shown, and the form starts from it.
	run.WaitFor("Alex Rivera, Example Corp · phone +1-206-555-0142",
		"Fin Ance (CFO), billing@example.com", "Sec Urity (CISO), security@example.com")
	run.Press("enter") // the root email and phone reach me
	for _, p := range pages[:5] {
		run.WaitFor(p)
		run.Press("enter", "enter")
	}
	run.WaitFor(pages[5], "security@example.com")

	// A bad address is refused at the field, before anything reaches AWS.
	at(run, "Email")
	clear(run)
	run.Type("security-at-example")
	run.Press("enter")
	run.WaitFor("is not an email address like name@example.com")
	clear(run)
	run.Type("soc@example.com")
	run.Press("enter")
	at(run, "Phone")
	run.Press("enter")

	run.WaitFor("What will change", "Change the security contact to Sec Urity (CISO), soc@example.com")
	if f := run.Frame(); strings.Contains(f, "billing contact to") || strings.Contains(f, "operations contact to") {
		t.Errorf("unchanged contacts in the plan:\n%s", f)
	}
	if n := puts(h); n != 0 {
		t.Fatalf("%d writes before the operator confirmed", n)
	}
	run.Press("enter")
	rec := run.Finished()
	if rec.Outcome != checkpoint.Verified || rec.Resources["contacts_written"] != "SECURITY" || rec.Resources["root_contact_reachable"] != "confirmed" {
		t.Errorf("record %+v", rec)
	}
	if n := puts(h); n != 1 {
		t.Errorf("%d PutAlternateContact calls, want only the changed one", n)
	}
	got, err := h.Env.AWS.Account.GetAlternateContact(context.Background(), &account.GetAlternateContactInput{AlternateContactType: types.AlternateContactTypeSecurity})
	if err != nil || aws.ToString(got.AlternateContact.EmailAddress) != "soc@example.com" {
		t.Errorf("security contact %+v, %v", got, err)
	}
}

func TestContactsUnchangedIsAlreadyInPlace(t *testing.T) {
	h := steptest.New(t, simulator.Options{})
	putAllContacts(t, h)
	h.Sim.ResetCalls()
	run := h.RunStep("contacts")
	keepAll(run, "y")
	run.WaitFor("Already in place: nothing to change.")
	run.Press("enter")
	if rec := run.Finished(); rec.Outcome != checkpoint.Verified {
		t.Errorf("outcome %s", rec.Outcome)
	}
	if n := len(h.MutatingCalls()); n != 0 {
		t.Errorf("%d mutating calls", n)
	}
}

func TestContactsSetOnANewAccount(t *testing.T) {
	h := steptest.New(t, simulator.Options{})
	run := h.RunStep("contacts")
	run.WaitFor("Billing contact", "not set")
	run.Press("enter")
	for i, c := range [][4]string{
		{"Fin Ance", "CFO", "billing@example.com", "+1 206 555 0101"},
		{"Op Erations", "On call", "ops@example.com", "+1 206 555 0102"},
		{"Sec Urity", "CISO", "security@example.com", "+1 206 555 0103"},
	} {
		run.WaitFor(pages[2*i])
		// An empty field is refused where it is.
		run.Press("enter")
		run.WaitFor("enter a name")
		for j, v := range c {
			if j == 2 {
				run.WaitFor(pages[2*i+1])
			}
			at(run, []string{"Name", "Title", "Email", "Phone"}[j])
			run.Type(v)
			run.Press("enter")
		}
	}
	run.WaitFor("Set the billing contact", "Set the operations contact", "Set the security contact")
	run.Press("enter")
	if rec := run.Finished(); rec.Outcome != checkpoint.Verified {
		t.Errorf("record %+v", rec)
	}
	if n := puts(h); n != 3 {
		t.Errorf("%d writes, want 3", n)
	}
}

// The root email and phone can't be checked or changed through the API: when the
// operator says they don't reach them, the step says so and is not verified.
func TestContactsUnreachableRootDetailsAreNotVerified(t *testing.T) {
	h := steptest.New(t, simulator.Options{})
	putAllContacts(t, h)
	run := h.RunStep("contacts")
	keepAll(run, "n")
	run.WaitFor("Already in place: nothing to change", "needs correcting")
	run.Press("enter")
	rec := run.Finished()
	// Saved as waiting: the wizard offers the step again on its next run.
	if rec.Outcome != checkpoint.Waiting || rec.Resources["root_contact_reachable"] != "not confirmed" ||
		!strings.Contains(rec.Reason, "correct the root user's email address") {
		t.Errorf("record %+v", rec)
	}
}

func TestContactValidators(t *testing.T) {
	for _, tc := range []struct {
		check func(string) error
		value string
		ok    bool
	}{
		{rootuser.ValidateEmail, "ops@example.com", true},
		{rootuser.ValidateEmail, " ops@example.com ", true},
		{rootuser.ValidateEmail, "ops@example", false},
		{rootuser.ValidateEmail, "", false},
		{rootuser.ValidatePhone, "+1 (206) 555-0100", true},
		{rootuser.ValidatePhone, "call me", false},
		{rootuser.ValidatePhone, "+-()", false},
		{rootuser.ValidatePhone, strings.Repeat("1", 26), false},
		{rootuser.ValidateName, "Sam", true},
		{rootuser.ValidateName, "  ", false},
		{rootuser.ValidateName, strings.Repeat("x", 65), false},
		{rootuser.ValidateTitle, "Security lead", true},
		{rootuser.ValidateTitle, strings.Repeat("x", 51), false},
	} {
		if err := tc.check(tc.value); (err == nil) != tc.ok {
			t.Errorf("%q: %v, want ok=%v", tc.value, err, tc.ok)
		}
	}
}

// In the wizard's 80x24 window a page of the form and its error message are in sight.
func TestContactsFormFitsAt80x24(t *testing.T) {
	h := steptest.New(t, simulator.Options{})
	run := h.RunWizard("contacts")
	run.WaitFor("Do the root user's email", "No, I'll correct them")
	run.Press("enter")
	run.WaitFor(pages[0])
	run.Press("enter")
	run.WaitFor("Name", "Title", "enter a name")
	if strings.Contains(run.Frame(), "↓ more") {
		t.Errorf("the page scrolls:\n%s", run.Frame())
	}
}
