package rootuser_test

import (
	"context"
	"reflect"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/account"
	"github.com/aws/aws-sdk-go-v2/service/account/types"

	"github.com/firstrun/firstrun/answers"
	"github.com/firstrun/firstrun/awsclient/simulator"
	"github.com/firstrun/firstrun/steps/checkpoint"
	step "github.com/firstrun/firstrun/steps/core"
	"github.com/firstrun/firstrun/steps/steptest"
)

func answeredContacts() answers.Contacts {
	return answers.Contacts{
		RootContactReachable: yes(),
		Billing:              answers.Contact{Name: "Fin Ance", Title: "CFO", Email: "billing@example.com", Phone: "+1 206 555 0101"},
		Operations:           answers.Contact{Name: "Op Erations", Title: "On call", Email: "ops@example.com", Phone: "+1 206 555 0102"},
		Security:             answers.Contact{Name: "Sec Urity", Title: "CISO", Email: "security@example.com", Phone: "+1 206 555 0103"},
	}
}

func TestContactsHeadlessOnANewAccount(t *testing.T) {
	h := steptest.New(t, simulator.Options{})
	h.Env.Answers.Contacts = answeredContacts()

	c := check(t, h, "contacts")
	if c.Status != step.Fail || c.Detail != "GetAlternateContact finds no BILLING, OPERATIONS or SECURITY contact" {
		t.Errorf("check on a new account: %+v", c)
	}

	changes := plan(t, h, "contacts")
	var got []string
	for _, ch := range changes {
		got = append(got, ch.String())
	}
	want := []string{
		"account:PutAlternateContact alternate contact BILLING name=Fin Ance title=CFO email=billing@example.com phone=+1 206 555 0101",
		"account:PutAlternateContact alternate contact OPERATIONS name=Op Erations title=On call email=ops@example.com phone=+1 206 555 0102",
		"account:PutAlternateContact alternate contact SECURITY name=Sec Urity title=CISO email=security@example.com phone=+1 206 555 0103",
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("plan:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}

	rec := mustRun(t, h, "contacts")
	if rec.Outcome != checkpoint.Verified || rec.Resources["contacts_written"] != "BILLING,OPERATIONS,SECURITY" ||
		rec.Resources["root_contact_reachable"] != "confirmed" {
		t.Errorf("record %+v", rec)
	}
	if n := puts(h); n != 3 {
		t.Errorf("%d PutAlternateContact calls, want 3", n)
	}
	if c := check(t, h, "contacts"); c.Status != step.Pass {
		t.Errorf("check after the run: %+v", c)
	}
	if len(plan(t, h, "contacts")) != 0 {
		t.Error("the plan still lists changes after the run")
	}
	if rec := secondRunChangesNothing(t, h, "contacts"); rec.Outcome != checkpoint.Verified {
		t.Errorf("second run: %+v", rec)
	}
}

// Only what the answers give, and only where it differs from the account, is written.
func TestContactsHeadlessWritesOnlyAnsweredChanges(t *testing.T) {
	h := steptest.New(t, simulator.Options{})
	putAllContacts(t, h)
	h.Env.Answers.Contacts = answers.Contacts{
		RootContactReachable: yes(),
		Billing:              answers.Contact{Name: "Fin Ance", Title: "CFO", Email: "billing@example.com", Phone: "+1 206 555 0101"}, // as it is
		Security:             answers.Contact{Name: "Sec Urity", Title: "CISO", Email: "soc@example.com", Phone: "+1 206 555 0103"},
	}
	h.Sim.ResetCalls()

	changes := plan(t, h, "contacts")
	if len(changes) != 1 || changes[0].Resource != "alternate contact SECURITY" {
		t.Errorf("plan %v, want only the security contact", changes)
	}
	rec := mustRun(t, h, "contacts")
	if rec.Outcome != checkpoint.Verified || rec.Resources["contacts_written"] != "SECURITY" {
		t.Errorf("record %+v", rec)
	}
	if n := puts(h); n != 1 {
		t.Errorf("%d PutAlternateContact calls, want 1", n)
	}
	got, err := h.Env.AWS.Account.GetAlternateContact(context.Background(), &account.GetAlternateContactInput{AlternateContactType: types.AlternateContactTypeOperations})
	if err != nil || aws.ToString(got.AlternateContact.EmailAddress) != "ops@example.com" {
		t.Errorf("the unanswered operations contact changed: %+v, %v", got, err)
	}
}

func TestContactsHeadlessWaitsForWhatOnlyTheOperatorKnows(t *testing.T) {
	t.Run("a contact neither set nor answered", func(t *testing.T) {
		h := steptest.New(t, simulator.Options{})
		a := answeredContacts()
		a.Operations, a.Security = answers.Contact{}, answers.Contact{}
		h.Env.Answers.Contacts = a
		w := mustWait(t, h, "contacts")
		if !strings.Contains(w, "give contacts.operations") || !strings.Contains(w, "give contacts.security") {
			t.Fatalf("waiting for %q, want the two missing contacts", w)
		}
		// Nothing is written until every question has an answer, as on the screen.
		if puts(h) != 0 {
			t.Errorf("%d writes while the step waits", puts(h))
		}
	})
	for _, tc := range []struct {
		name      string
		reachable *bool
		says      string
		writes    int
	}{
		// Unanswered, the question stops the run before anything is written.
		{"root details not confirmed", nil, "confirm the root email and phone reach you", 0},
		// Answered no, the contacts are written, and the step waits for the correction.
		{"root details said not to reach the owner", no(), "correct the root user's email address and phone", 3},
	} {
		t.Run(tc.name, func(t *testing.T) {
			h := steptest.New(t, simulator.Options{})
			a := answeredContacts()
			a.RootContactReachable = tc.reachable
			h.Env.Answers.Contacts = a
			if w := mustWait(t, h, "contacts"); !strings.Contains(w, tc.says) {
				t.Errorf("waiting for %q, want %q", w, tc.says)
			}
			if n := puts(h); n != tc.writes {
				t.Errorf("%d writes while the step waits, want %d", n, tc.writes)
			}
			// Once the operator answers, a new run finishes it, writing only what is left.
			h.Env.Answers.Contacts.RootContactReachable = yes()
			if rec := mustRun(t, h, "contacts"); rec.Outcome != checkpoint.Verified {
				t.Errorf("record %+v", rec)
			}
			if n := puts(h); n != 3 {
				t.Errorf("%d writes in all, want each contact written once", n)
			}
		})
	}
}

// The answers show in the form, where they can still be changed.
func TestContactsScreenIsPrefilledFromTheAnswers(t *testing.T) {
	h := steptest.New(t, simulator.Options{})
	h.Env.Answers.Contacts = answeredContacts()
	h.Env.Answers.Contacts.RootContactReachable = no()
	run := h.RunStep("contacts")
	run.WaitFor("Do the root user's email")
	run.Press("enter") // keeps the answer: they don't reach me
	for _, p := range pages[:4] {
		run.WaitFor(p)
		run.Press("enter", "enter")
	}
	run.WaitFor(pages[4], "Sec Urity", "CISO")
	at(run, "Name")
	clear(run)
	run.Type("Sam Sec")
	run.Press("enter")
	at(run, "Title")
	run.Press("enter")
	run.WaitFor(pages[5], "security@example.com")
	run.Press("enter", "enter")

	run.WaitFor("Set the billing contact to Fin Ance (CFO), billing@example.com, +1 206 555 0101",
		"Set the operations contact to Op Erations (On call)",
		"Set the security contact to Sam Sec (CISO), security@example.com",
		"needs correcting")
	if n := puts(h); n != 0 {
		t.Errorf("%d writes before the operator confirmed", n)
	}
}
