package iamuser_test

import (
	"context"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/iam"

	"github.com/firstrun/firstrun/awsclient/simulator"
	"github.com/firstrun/firstrun/steps/checkpoint"
	"github.com/firstrun/firstrun/steps/iamuser"
	"github.com/firstrun/firstrun/steps/steptest"
)

// addConsoleUser creates an IAM user with a console password and no MFA.
func addConsoleUser(t *testing.T, h *steptest.Harness, name string, password bool) {
	t.Helper()
	ctx := context.Background()
	if _, err := h.Env.AWS.IAM.CreateUser(ctx, &iam.CreateUserInput{UserName: aws.String(name)}); err != nil {
		t.Fatal(err)
	}
	if !password {
		return
	}
	pw, err := iamuser.GeneratePassword()
	if err != nil {
		t.Fatal(err)
	}
	if _, err := h.Env.AWS.IAM.CreateLoginProfile(ctx, &iam.CreateLoginProfileInput{UserName: aws.String(name), Password: aws.String(pw)}); err != nil {
		t.Fatal(err)
	}
}

func TestUsersMFAWhenEveryoneHasIt(t *testing.T) {
	h := steptest.New(t, simulator.Options{})
	addConsoleUser(t, h, "build-bot", false) // no password: MFA guards nothing
	run := h.RunStep("iam-users-mfa")
	run.WaitFor("Of those, without MFA", "Already in place: nothing to change.")
	run.Press("enter")
	if rec := run.Finished(); rec.Outcome != checkpoint.Verified {
		t.Errorf("outcome %s", rec.Outcome)
	}
	if n := len(h.MutatingCalls()); n != 1 { // the test's own CreateUser and nothing else
		t.Errorf("%d mutating calls", n)
	}
}

func TestUsersMFAEnrolsThePickedUsersOneAfterTheOther(t *testing.T) {
	h := steptest.New(t, simulator.Options{})
	for _, u := range []string{"alice", "bob", "carol"} {
		addConsoleUser(t, h, u, true)
	}
	run := h.RunStep("iam-users-mfa")
	run.WaitFor("Of those, without MFA  3", "alice", "bob", "carol")
	run.Press("down", "space") // bob is away today
	run.Press("enter")
	run.WaitFor("What will change", "Create a virtual MFA device for carol")
	if strings.Contains(run.Frame(), "for bob") {
		t.Errorf("bob was not picked:\n%s", run.Frame())
	}
	run.Press("enter")

	waitForText(run, "MFA for alice")
	enrol(t, run)
	waitForText(run, "MFA for carol")
	// A wrong code is refused on screen, with no AWS call.
	before := calls(h, "EnableMFADevice")
	seed := readSecret(t, run)
	first, second := codes(t, seed)
	typeCodes(run, first, typo(second))
	waitForText(run, "doesn't match the new device")
	if calls(h, "EnableMFADevice") != before {
		t.Fatal("a wrong code reached AWS")
	}
	run.Press("backspace", "backspace", "backspace", "backspace", "backspace", "backspace")
	run.Type(second)
	run.Press("enter")

	rec := run.Finished()
	if rec.Outcome != checkpoint.Waiting || !strings.Contains(rec.Reason, "bob") || strings.Contains(rec.Reason, "alice") {
		t.Errorf("record %+v: bob still needs MFA, so the step waits for him", rec)
	}
	if rec.Resources["enrolled_users"] != "alice,carol" {
		t.Errorf("resources %v", rec.Resources)
	}
	requireOneEnabledDevice(t, h, "alice")
	requireOneEnabledDevice(t, h, "carol")
	if assigned, unassigned := devices(t, h, "bob"); len(assigned)+len(unassigned) != 0 {
		t.Errorf("bob has devices %v %v", assigned, unassigned)
	}

	// Bob comes back: the next run offers only him.
	again := h.RunStep("iam-users-mfa")
	again.WaitFor("Of those, without MFA  1", "bob")
	again.Press("enter")
	again.WaitFor("What will change")
	again.Press("enter")
	waitForText(again, "MFA for bob")
	enrol(t, again)
	if rec := again.Finished(); rec.Outcome != checkpoint.Verified {
		t.Errorf("outcome %s", rec.Outcome)
	}
}

func TestUsersMFAResumesAfterAKillWithTheQRCodeShown(t *testing.T) {
	h := steptest.New(t, simulator.Options{})
	addConsoleUser(t, h, "alice", true)
	first := h.RunStep("iam-users-mfa")
	first.WaitFor("alice")
	first.Press("enter")
	first.WaitFor("What will change")
	first.Press("enter")
	waitForText(first, "MFA for alice", "First code")
	kill(h, first)
	if _, unassigned := devices(t, h, "alice"); len(unassigned) != 1 {
		t.Fatalf("expected the half-made device after the kill, got %v", unassigned)
	}

	run := h.RunStep("iam-users-mfa")
	run.WaitFor("alice")
	run.Press("enter")
	run.WaitFor("What will change")
	run.Press("enter")
	waitForText(run, "MFA for alice", "First code")
	enrol(t, run)
	if rec := run.Finished(); rec.Outcome != checkpoint.Verified {
		t.Errorf("outcome %s", rec.Outcome)
	}
	requireOneEnabledDevice(t, h, "alice")
	if n := calls(h, "DeleteVirtualMFADevice"); n != 1 {
		t.Errorf("%d deletes, want the leftover deleted once", n)
	}
}

// A user name so long that its QR code would not fit the window starts with the key as
// text, which enrols just the same.
func TestAVeryLongUserNameGetsTheKeyAsText(t *testing.T) {
	h := steptest.New(t, simulator.Options{})
	long := strings.Repeat("operations-", 3) + "lead-2025" // 42 characters
	addConsoleUser(t, h, long, true)
	run := h.RunStep("iam-users-mfa")
	run.WaitFor("Of those, without MFA  1")
	run.Press("enter")
	run.WaitFor("What will change")
	run.Press("enter")
	run.WaitFor("Set-up key", "First code")
	run.Press("s") // readSecret starts from the QR code
	enrol(t, run)
	if rec := run.Finished(); rec.Outcome != checkpoint.Verified {
		t.Errorf("outcome %s", rec.Outcome)
	}
	requireOneEnabledDevice(t, h, long)
}
