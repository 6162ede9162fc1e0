package identitycenter_test

import (
	"context"
	"strings"
	"testing"

	tea "github.com/charmbracelet/bubbletea"

	"github.com/firstrun/firstrun/awsclient/simulator"
	"github.com/firstrun/firstrun/steps/checkpoint"
	"github.com/firstrun/firstrun/steps/identitycenter"
	"github.com/firstrun/firstrun/steps/steptest"
)

func TestUserNameValidation(t *testing.T) {
	for name, ok := range map[string]bool{
		"jane.doe":                  true,
		"jürgen@example.com":        true, // letters with accents, symbols and punctuation are allowed
		strings.Repeat("a", 128):    true,
		"":                          false,
		"jane doe":                  false,
		"tab\tname":                 false,
		strings.Repeat("a", 129):    false,
		"Administrator":             false,
		"awsadministrators":         false,
		"jane\x00":                  false,
		strings.Repeat("é", 128):    true, // counted in characters, not bytes
		strings.Repeat("é", 129):    false,
		"emoji🙂":                    true,
		"<script>alert(1)</script>": true, // punctuation and symbols; AWS allows them
	} {
		if err := identitycenter.ValidateUserName(name); (err == nil) != ok {
			t.Errorf("%q: %v", name, err)
		}
	}
}

func TestEmailValidation(t *testing.T) {
	for email, ok := range map[string]bool{
		"jane@example.com":           true,
		"jane+aws@sub.example.co.uk": true,
		"":                           false,
		"jane":                       false,
		"jane@localhost":             false,
		"Jane <jane@example.com>":    false,
		"jane@example.com ":          false,
		"jane@@example.com":          false,
		strings.Repeat("a", 243) + "@example.com": false, // 255 characters
	} {
		if err := identitycenter.ValidateEmail(email); (err == nil) != ok {
			t.Errorf("%q: %v", email, err)
		}
	}
	first := "jane@example.com"
	same := identitycenter.SameEmail(&first)
	if err := same("Jane@Example.com"); err != nil {
		t.Errorf("the same address in other case: %v", err)
	}
	if err := same("jane@example.org"); err == nil {
		t.Error("mismatched addresses accepted")
	}
}

func TestNameValidation(t *testing.T) {
	first := identitycenter.ValidateName("first name", false)
	display := identitycenter.ValidateName("display name", true)
	for _, tc := range []struct {
		v           string
		first, disp bool
	}{
		{"Jane", true, true},
		{"Mary Ann", true, true},
		{"O'Brien-Smith", true, true},
		{"", false, true},
		{"   ", false, true},
		{strings.Repeat("x", 1024), true, true},
		{strings.Repeat("x", 1025), false, false},
		{"bell\a", false, false},
	} {
		if err := first(tc.v); (err == nil) != tc.first {
			t.Errorf("first name %q: %v", tc.v, err)
		}
		if err := display(tc.v); (err == nil) != tc.disp {
			t.Errorf("display name %q: %v", tc.v, err)
		}
	}
}

// TestUserFormRefusesBadValuesAtTheField types bad values into the form and checks that
// each is refused at its field, before anything reaches AWS.
func TestUserFormRefusesBadValuesAtTheField(t *testing.T) {
	h := newHarness(t, simulator.HalfSetUp)
	run := h.RunStep("admin-user")
	run.WaitFor("User name")
	run.Type("jane doe")
	run.Press("enter")
	run.WaitFor("no spaces")
	clearField(run)
	paste(run, strings.Repeat("j", 129))
	run.Press("enter")
	run.WaitFor("a user name has at most 128 characters; this one has 129")
	clearField(run)
	run.Type("jane.doe")
	run.Press("enter")
	run.WaitFor("┃ Email")
	run.Type("jane@example.com")
	run.Press("enter")
	run.WaitFor("┃ Email again")
	run.Type("jane@example.org")
	run.Press("enter")
	run.WaitFor("the two email addresses differ")
	for range len("org") {
		run.Press("backspace")
	}
	run.Type("com")
	run.Press("enter")
	run.WaitFor("┃ First name")
	paste(run, strings.Repeat("J", 1025))
	run.Press("enter")
	run.WaitFor("the first name has at most 1024 characters; this one has 1025")
	for _, c := range h.Sim.Calls() {
		if c.Operation == "CreateUser" {
			t.Fatal("a user was created from refused values")
		}
	}
}

// paste puts text in the focused field at once, as a terminal delivers a paste: typing
// a thousand characters one by one takes seconds under -race.
func paste(run *steptest.Step, text string) {
	run.Send(tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune(text), Paste: true})
}

// clearField empties the focused field (ctrl+u deletes what is before the cursor).
func clearField(run *steptest.Step) { run.Send(tea.KeyMsg{Type: tea.KeyCtrlU}) }

func TestEnsureUserIsIdempotent(t *testing.T) {
	h := newHarness(t, simulator.HalfSetUp)
	ctx := context.Background()
	inst, err := identitycenter.LoadInstance(ctx, h.Env.Base())
	if err != nil {
		t.Fatal(err)
	}
	api := h.Env.AWS.IdentityStore(inst.Region)
	in := identitycenter.AdminUser{UserName: "jane.doe", Email: "jane@example.com", EmailAgain: "jane@example.com", GivenName: "Jane", FamilyName: "Doe"}
	first, created, err := identitycenter.EnsureUser(ctx, api, inst.IdentityStoreID, in)
	if err != nil || !created || first.DisplayName != "Jane Doe" {
		t.Fatalf("first = %+v, %v, %v", first, created, err)
	}
	in.UserName = "JANE.DOE" // the directory ignores case
	again, created, err := identitycenter.EnsureUser(ctx, api, inst.IdentityStoreID, in)
	if err != nil || created || again.ID != first.ID {
		t.Errorf("again = %+v, %v, %v", again, created, err)
	}
	in.EmailAgain = "other@example.com"
	if _, _, err := identitycenter.EnsureUser(ctx, api, inst.IdentityStoreID, in); err == nil {
		t.Error("EnsureUser accepted mismatched emails")
	}
}

func TestAdminUserReviewShowsWhatWasEnteredAndTheInvitationFollows(t *testing.T) {
	h := newHarness(t, simulator.HalfSetUp)
	run := h.RunStep("admin-user")
	run.WaitFor("User name")
	for _, field := range []struct{ focus, value string }{
		{"", "jane.doe"}, {"┃ Email", "jane@example.com"}, {"┃ Email again", "JANE@example.com"},
		{"┃ First name", "Jane"}, {"┃ Last name", "Doe"}, {"┃ Display name", "Jane D."},
	} {
		if field.focus != "" {
			run.WaitFor(field.focus)
		}
		run.Type(field.value)
		run.Press("enter")
	}
	run.WaitFor("What will change", "Create user jane.doe (Jane D., jane@example.com)", "AWS sends no invitation")
	run.Press("enter")
	run.WaitFor("User jane.doe exists, but AWS sends no invitation", "Send email OTP", "Generate a one-time password")
	run.Press("d")
	rec := run.Finished()
	if rec.Outcome != checkpoint.Confirmed || rec.Resources["user_name"] != "jane.doe" || rec.Resources["user_id"] == "" {
		t.Errorf("record %+v", rec)
	}
	var invited bool
	for _, c := range h.Sim.Calls() {
		invited = invited || c.Operation == "InviteIdentityCenterUser" && c.ErrorCode == ""
	}
	if !invited {
		t.Error("the demo key did not send the invitation in the simulated console")
	}
}
