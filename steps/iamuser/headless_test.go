package iamuser_test

import (
	"context"
	"strings"
	"testing"

	"github.com/firstrun/firstrun/answers"
	"github.com/firstrun/firstrun/awsclient/simulator"
	"github.com/firstrun/firstrun/steps/checkpoint"
	"github.com/firstrun/firstrun/steps/iamuser"
	"github.com/firstrun/firstrun/steps/step"
	"github.com/firstrun/firstrun/steps/steptest"
)

// check runs step id's check from the sequence as an audit does: without a checkpoint,
// reading only.
func check(t *testing.T, h *steptest.Harness, id step.ID) step.Control {
	t.Helper()
	env := *h.Env
	env.Store = nil
	before := len(h.MutatingCalls())
	c, err := h.Definition(id).Headless.Check(context.Background(), &env)
	if err != nil {
		t.Fatalf("%s: Check: %v", id, err)
	}
	if n := len(h.MutatingCalls()) - before; n != 0 {
		t.Fatalf("%s: Check made %d mutating calls", id, n)
	}
	return c
}

// runHeadless runs step id from the sequence without a person, as --non-interactive does,
// and fails the test on an error or a mutating call: these steps need a person for every
// change they make.
func runHeadless(t *testing.T, h *steptest.Harness, id step.ID) checkpoint.StepRecord {
	t.Helper()
	before := len(h.MutatingCalls())
	rec, err := h.Definition(id).Headless.Run(context.Background(), h.Env)
	if err != nil {
		t.Fatalf("%s: Run: %v", id, err)
	}
	if n := len(h.MutatingCalls()) - before; n != 0 {
		t.Errorf("%s: Run made %d mutating calls", id, n)
	}
	return rec
}

// enableMFA gives user an MFA device through the API, as the enrolment screen does.
func enableMFA(t *testing.T, h *steptest.Harness, user string) {
	t.Helper()
	ctx := context.Background()
	d, err := iamuser.PrepareDevice(ctx, h.Env.AWS.IAM, h.Env.Identity.Account, user)
	if err != nil {
		t.Fatal(err)
	}
	first, second := codes(t, d.Seed)
	if err := iamuser.EnableDevice(ctx, h.Env.AWS.IAM, d, first, second); err != nil {
		t.Fatal(err)
	}
}

// setUpAdmin makes user an emergency administrator through the API, as the wizard does.
func setUpAdmin(t *testing.T, h *steptest.Harness, user string) {
	t.Helper()
	ctx := context.Background()
	if _, err := iamuser.EnsureAdmin(ctx, h.Env.AWS.IAM, user); err != nil {
		t.Fatal(err)
	}
	enableMFA(t, h, user)
	if _, err := iamuser.SetConsolePassword(ctx, h.Env.AWS.IAM, user); err != nil {
		t.Fatal(err)
	}
}

func yes() *bool { b := true; return &b }

func TestEmergencyAdminHeadless(t *testing.T) {
	h := steptest.New(t, simulator.Options{})
	if h.Definition("emergency-admin").Headless.Plan != nil {
		t.Error("a run without a person changes nothing here, so there is nothing to plan")
	}
	if c := check(t, h, "emergency-admin"); c.Status != step.NotRun || !strings.HasPrefix(c.Detail, "optional; none set up") {
		t.Errorf("check on a new account: %+v", c)
	}
	if rec := runHeadless(t, h, "emergency-admin"); rec.Outcome != checkpoint.Skipped || !strings.HasPrefix(rec.Reason, "not wanted") {
		t.Errorf("not asked for: %+v", rec)
	}

	h.Env.Answers.EmergencyAdmin = answers.EmergencyAdmin{Enabled: yes(), UserName: "break-glass"}
	if c := check(t, h, "emergency-admin"); c.Status != step.Fail {
		t.Errorf("check when the answers ask for one: %+v", c)
	}
	rec := runHeadless(t, h, "emergency-admin")
	if rec.Outcome != checkpoint.Skipped || !strings.HasPrefix(rec.Reason, "needs a person: MFA enrolment of break-glass") {
		t.Errorf("asked for: %+v", rec)
	}

	// Once a person has set it up, a run verifies it, and so does the audit.
	setUpAdmin(t, h, "break-glass")
	if c := check(t, h, "emergency-admin"); c.Status != step.Pass || !strings.Contains(c.Detail, "break-glass") {
		t.Errorf("check after the set-up: %+v", c)
	}
	rec = runHeadless(t, h, "emergency-admin")
	if rec.Outcome != checkpoint.Verified || rec.Resources["user_name"] != "break-glass" || rec.Resources["mfa_device"] == "" {
		t.Errorf("after the set-up: %+v", rec)
	}
	runHeadless(t, h, "emergency-admin")
}

// A console password an interrupted wizard set and nobody confirmed storing is one no
// one knows: a run without a person does not call that user ready.
func TestEmergencyAdminHeadlessDoesNotTrustAnUnconfirmedPassword(t *testing.T) {
	h := steptest.New(t, simulator.Options{})
	h.Env.Answers.EmergencyAdmin = answers.EmergencyAdmin{Enabled: yes()}
	setUpAdmin(t, h, "emergency-admin")
	if err := step.Progress(h.Env, "emergency-admin", map[string]string{"console_sign_in": "unconfirmed"}); err != nil {
		t.Fatal(err)
	}
	if rec := runHeadless(t, h, "emergency-admin"); rec.Outcome != checkpoint.Skipped || rec.Resources["console_sign_in"] != "unconfirmed" {
		t.Errorf("record %+v", rec)
	}
}

// An administrator without MFA is not an emergency administrator.
func TestEmergencyAdminCheckNeedsMFA(t *testing.T) {
	h := steptest.New(t, simulator.Options{Scenario: simulator.IAMAdminCaller})
	if c := check(t, h, "emergency-admin"); c.Status != step.NotRun {
		t.Errorf("check with an IAM admin without MFA: %+v", c)
	}
	enableMFA(t, h, "admin")
	if c := check(t, h, "emergency-admin"); c.Status != step.Pass || c.Detail != "IAM users with AdministratorAccess and MFA: admin" {
		t.Errorf("check once the admin has MFA: %+v", c)
	}
}

// The answers show in the form, where they can still be changed.
func TestEmergencyAdminScreenIsPrefilledFromTheAnswers(t *testing.T) {
	h := steptest.New(t, simulator.Options{})
	h.Env.Answers.EmergencyAdmin = answers.EmergencyAdmin{Enabled: yes(), UserName: "break-glass"}
	run := h.RunStep("emergency-admin")
	run.WaitFor("Create an emergency administrator?")
	run.Press("enter") // keeps the answer: yes
	run.WaitFor("User name", "break-glass")
	run.Press("enter")
	run.WaitFor("What will change", "Create the IAM user break-glass")
	if n := len(h.MutatingCalls()); n != 0 {
		t.Errorf("%d mutating calls before the operator confirmed", n)
	}
}

func TestUsersMFAHeadless(t *testing.T) {
	h := steptest.New(t, simulator.Options{})
	if c := check(t, h, "iam-users-mfa"); c.Status != step.Pass || c.Detail != "no IAM user has a console password" {
		t.Errorf("check on a new account: %+v", c)
	}
	if h.Definition("iam-users-mfa").Headless.Plan != nil {
		t.Error("a run without a person changes nothing here, so there is nothing to plan")
	}
	addConsoleUser(t, h, "alice", true)
	addConsoleUser(t, h, "build-bot", false) // no password: MFA guards nothing
	addConsoleUser(t, h, "carol", true)

	if c := check(t, h, "iam-users-mfa"); c.Status != step.Fail || c.Detail != "console password and no MFA: alice, carol" {
		t.Errorf("check: %+v", c)
	}
	rec := runHeadless(t, h, "iam-users-mfa")
	if rec.Outcome != checkpoint.Skipped || rec.Reason != "needs a person: MFA enrolment; still without MFA: alice, carol" {
		t.Errorf("record %+v", rec)
	}

	enableMFA(t, h, "alice")
	enableMFA(t, h, "carol")
	if c := check(t, h, "iam-users-mfa"); c.Status != step.Pass || c.Detail != "every IAM user with a console password has MFA (2 users)" {
		t.Errorf("check after enrolment: %+v", c)
	}
	if rec := runHeadless(t, h, "iam-users-mfa"); rec.Outcome != checkpoint.Verified {
		t.Errorf("record %+v", rec)
	}
}

func TestIAMUserChapterCISControls(t *testing.T) {
	h := steptest.New(t, simulator.Options{})
	if got := h.Definition("iam-users-mfa").CIS; got != "1.10" {
		t.Errorf("iam-users-mfa: CIS %q", got)
	}
	if got := h.Definition("emergency-admin").CIS; got != "" {
		t.Errorf("emergency-admin: CIS %q, want none", got)
	}
}

func TestValidateAnswers(t *testing.T) {
	for _, tc := range []struct {
		admin answers.EmergencyAdmin
		want  string // "key: message", or "" for none
	}{
		{answers.EmergencyAdmin{}, ""},
		{answers.EmergencyAdmin{Enabled: yes()}, ""}, // the proposed name
		{answers.EmergencyAdmin{Enabled: yes(), UserName: "break-glass@example"}, ""},
		{answers.EmergencyAdmin{Enabled: yes(), UserName: "break glass"}, "emergency_admin.user_name: use letters, digits and + = , . @ _ - only (no spaces)"},
		{answers.EmergencyAdmin{UserName: strings.Repeat("x", 65)}, "emergency_admin.user_name: an IAM user name has at most 64 characters"},
	} {
		var got []string
		for _, p := range iamuser.ValidateAnswers(&answers.Answers{EmergencyAdmin: tc.admin}) {
			got = append(got, p.Key+": "+p.Err.Error())
		}
		if strings.Join(got, "\n") != tc.want {
			t.Errorf("%+v: problems %q, want %q", tc.admin, got, tc.want)
		}
	}
}
