package iamuser_test

import (
	"context"
	"errors"
	"strings"
	"testing"

	"github.com/firstrun/firstrun/answers"
	"github.com/firstrun/firstrun/awsclient/simulator"
	"github.com/firstrun/firstrun/steps/checkpoint"
	step "github.com/firstrun/firstrun/steps/core"
	"github.com/firstrun/firstrun/steps/engine"
	"github.com/firstrun/firstrun/steps/iamuser"
	"github.com/firstrun/firstrun/steps/steptest"
)

// The helpers below take a step from the sequence and run it through the engine as the
// audit, --plan and --non-interactive do, so its wiring is tested too.

// check runs step id's check as an audit does: without a checkpoint, reading only.
func check(t *testing.T, h *steptest.Harness, id step.ID) step.Control {
	t.Helper()
	before := len(h.MutatingCalls())
	c := h.Audit(id)
	if c.Status == step.Errored {
		t.Fatalf("%s: check: %s", id, c.Detail)
	}
	if n := len(h.MutatingCalls()) - before; n != 0 {
		t.Fatalf("%s: the check made %d mutating calls", id, n)
	}
	return c
}

// plan is what --plan says of step id; it fails the test if the plan changed anything.
func plan(t *testing.T, h *steptest.Harness, id step.ID) engine.Plan {
	t.Helper()
	before := len(h.MutatingCalls())
	p, err := h.Plan(id)
	if err != nil {
		t.Fatalf("%s: plan: %v", id, err)
	}
	if n := len(h.MutatingCalls()) - before; n != 0 {
		t.Fatalf("%s: the plan made %d mutating calls", id, n)
	}
	return p
}

// runHeadless runs step id from the sequence without a person, as --non-interactive does,
// and fails the test on a mutating call: these steps need a person for every change they
// make. A run that waits for a person returns what it waits for.
func runHeadless(t *testing.T, h *steptest.Harness, id step.ID) (checkpoint.StepRecord, string) {
	t.Helper()
	before := len(h.MutatingCalls())
	rec, err := h.Unattended(id)
	var w *step.WaitingError
	switch {
	case errors.As(err, &w):
		if rec.Outcome != checkpoint.Waiting || rec.Reason != w.For {
			t.Errorf("%s: saved %+v while waiting for %q", id, rec, w.For)
		}
	case err != nil:
		t.Fatalf("%s: Run: %v", id, err)
	}
	if n := len(h.MutatingCalls()) - before; n != 0 {
		t.Errorf("%s: Run made %d mutating calls", id, n)
	}
	if w != nil {
		return rec, w.For
	}
	return rec, ""
}

// enableMFA gives user an MFA device through the API, as the enrolment does.
func enableMFA(t *testing.T, h *steptest.Harness, user string) {
	t.Helper()
	ctx := context.Background()
	d, err := iamuser.PrepareDevice(ctx, h.Env.AWS.IAM, h.Env.Identity, user)
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
	if _, err := iamuser.EnsureAdmin(ctx, h.Env.AWS.IAM, h.Env.Identity.Partition(), user); err != nil {
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
	// Declined by the answers, the optional step is not run, not failed.
	if c := check(t, h, "emergency-admin"); c.Status != step.NotRun || !strings.HasPrefix(c.Detail, "Optional; not wanted") {
		t.Errorf("check on a new account: %+v", c)
	}
	if p := plan(t, h, "emergency-admin"); p.Kind != engine.PlanSkipped || !strings.HasPrefix(p.Detail, "not wanted") {
		t.Errorf("plan when not asked for: %+v", p)
	}
	if rec, _ := runHeadless(t, h, "emergency-admin"); rec.Outcome != checkpoint.Skipped || !strings.HasPrefix(rec.Reason, "not wanted") {
		t.Errorf("not asked for: %+v", rec)
	}

	h.Env.Answers.EmergencyAdmin = answers.EmergencyAdmin{Enabled: yes(), UserName: "break-glass"}
	if c := check(t, h, "emergency-admin"); c.Status != step.Fail || c.Detail != "the IAM user break-glass does not exist" {
		t.Errorf("check when the answers ask for one: %+v", c)
	}
	p := plan(t, h, "emergency-admin")
	if p.Kind != engine.PlanManual || len(p.Changes) == 0 || p.Changes[0].String() != "iam:CreateUser user break-glass" {
		t.Errorf("plan when asked for: %+v", p)
	}
	// Nobody is there to scan the QR code or note the password: the run waits, and makes
	// nothing, so the wizard offers the step again.
	rec, waits := runHeadless(t, h, "emergency-admin")
	if rec.Outcome != checkpoint.Waiting || !strings.HasPrefix(waits, "set up break-glass in the wizard: a person must scan its MFA device's QR code") {
		t.Errorf("asked for: %+v (%q)", rec, waits)
	}
	if st, err := iamuser.ReadAdmin(context.Background(), h.Env.AWS.IAM, "break-glass"); err != nil || st.Exists {
		t.Errorf("without a person the user was made: %+v, %v", st, err)
	}

	// Once a person has set it up, a run verifies it, and so does the audit.
	setUpAdmin(t, h, "break-glass")
	if c := check(t, h, "emergency-admin"); c.Status != step.Pass || !strings.Contains(c.Detail, "break-glass") {
		t.Errorf("check after the set-up: %+v", c)
	}
	rec, _ = runHeadless(t, h, "emergency-admin")
	if rec.Outcome != checkpoint.Verified || rec.Resources["user_name"] != "break-glass" || rec.Resources["mfa_device"] == "" {
		t.Errorf("after the set-up: %+v", rec)
	}
	runHeadless(t, h, "emergency-admin")
}

// A console password an interrupted wizard set and nobody confirmed storing is one no
// one knows: a run without a person does not call that user ready, and waits.
func TestEmergencyAdminHeadlessDoesNotTrustAnUnconfirmedPassword(t *testing.T) {
	h := steptest.New(t, simulator.Options{})
	h.Env.Answers.EmergencyAdmin = answers.EmergencyAdmin{Enabled: yes()}
	setUpAdmin(t, h, "emergency-admin")
	if err := h.Env.Store.Record("emergency-admin", checkpoint.StepRecord{Outcome: checkpoint.InProgress,
		Resources: map[string]string{"console_sign_in": "unconfirmed"}}); err != nil {
		t.Fatal(err)
	}
	rec, waits := runHeadless(t, h, "emergency-admin")
	if rec.Outcome != checkpoint.Waiting || rec.Resources["console_sign_in"] != "unconfirmed" || !strings.Contains(waits, "note its console password") {
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
	if p := plan(t, h, "iam-users-mfa"); p.Kind != engine.PlanInPlace {
		t.Errorf("plan on a new account: %+v", p)
	}
	addConsoleUser(t, h, "alice", true)
	addConsoleUser(t, h, "build-bot", false) // no password: MFA guards nothing
	addConsoleUser(t, h, "carol", true)

	if c := check(t, h, "iam-users-mfa"); c.Status != step.Fail || c.Detail != "console password and no MFA: alice, carol" {
		t.Errorf("check: %+v", c)
	}
	p := plan(t, h, "iam-users-mfa")
	if p.Kind != engine.PlanManual || len(p.Changes) != 4 || p.Changes[0].String() != "iam:CreateVirtualMFADevice mfa alice VirtualMFADeviceName=alice" {
		t.Errorf("plan: %+v", p)
	}
	// Nobody is there to scan the QR codes: the run waits, makes nothing, and is not
	// saved as a final outcome, so the wizard offers the step again.
	rec, waits := runHeadless(t, h, "iam-users-mfa")
	if rec.Outcome != checkpoint.Waiting || waits != "set up MFA for alice, carol in the wizard: each scans a QR code with their own phone and types two codes" {
		t.Errorf("record %+v", rec)
	}
	for _, u := range []string{"alice", "carol"} {
		if assigned, unassigned := devices(t, h, u); len(assigned)+len(unassigned) != 0 {
			t.Errorf("without a person %s got devices %v %v", u, assigned, unassigned)
		}
	}

	enableMFA(t, h, "alice")
	enableMFA(t, h, "carol")
	if c := check(t, h, "iam-users-mfa"); c.Status != step.Pass || c.Detail != "every IAM user with a console password has MFA (2 users)" {
		t.Errorf("check after enrolment: %+v", c)
	}
	if rec, _ := runHeadless(t, h, "iam-users-mfa"); rec.Outcome != checkpoint.Verified {
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
