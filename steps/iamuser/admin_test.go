package iamuser_test

import (
	"context"
	"path/filepath"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/iam"
	"github.com/charmbracelet/lipgloss"

	"github.com/firstrun/firstrun/awsclient/simulator"
	"github.com/firstrun/firstrun/steps/checkpoint"
	"github.com/firstrun/firstrun/steps/iamuser"
	"github.com/firstrun/firstrun/steps/steptest"
	"github.com/firstrun/firstrun/ui"
)

func TestEmergencyAdminIsOffByDefault(t *testing.T) {
	h := steptest.New(t, simulator.Options{})
	run := h.RunStep("emergency-admin")
	run.WaitFor("Create an emergency administrator?", "Yes, create one", "No")
	run.Press("enter")
	rec := run.Finished()
	if rec.Outcome != checkpoint.Skipped || !strings.Contains(rec.Reason, "Identity Center") {
		t.Errorf("record = %+v, want skipped saying why", rec)
	}
	if n := len(h.MutatingCalls()); n != 0 {
		t.Errorf("%d mutating calls for a step the operator declined", n)
	}
}

// startAdmin answers yes, keeps the proposed name and confirms the changes, then waits
// for the QR code.
func startAdmin(t *testing.T, run *steptest.Step) {
	t.Helper()
	run.WaitFor("Create an emergency administrator?")
	run.Press("y")
	run.WaitFor("User name")
	run.Press("enter")
	run.WaitFor("What will change", "Create the IAM user emergency-admin", "shown once")
	run.Press("enter")
	run.WaitFor("MFA for emergency-admin", "First code", "Second code")
}

// The acceptance test of the QR screen: in the real root model at 80x24 it fits, and what
// a camera would read off the terminal is an otpauth URI whose secret gives codes AWS
// (the simulated account, through the real SDK) accepts.
func TestTheQRCodeOnScreenFitsAndEnrolsTheDevice(t *testing.T) {
	h := steptest.New(t, simulator.Options{})
	run := h.RunWizard("emergency-admin")
	run.WaitFor("Create an emergency administrator?")
	run.Press("y")
	run.WaitFor("User name")
	run.Press("enter")
	run.WaitFor("What will change")
	run.Press("enter")
	run.WaitFor("MFA for emergency-admin", "First code")

	frame := run.Frame()
	lines := strings.Split(frame, "\n")
	if len(lines) > ui.MinHeight {
		t.Errorf("the QR screen is %d rows, more than %d", len(lines), ui.MinHeight)
	}
	for i, l := range lines {
		if w := lipgloss.Width(l); w > ui.MinWidth {
			t.Errorf("row %d is %d columns wide", i, w)
		}
	}
	uri, err := decodeScreenQR(frame)
	if err != nil {
		t.Fatalf("the screen's QR code does not decode: %v\n%s", err, frame)
	}
	wantPrefix := "otpauth://totp/AWS:emergency-admin@" + h.Env.Identity.Account + "?secret="
	if !strings.HasPrefix(uri, wantPrefix) || !strings.HasSuffix(uri, "&issuer=AWS") {
		t.Fatalf("the QR code holds %q", uri)
	}
	seed := strings.TrimSuffix(strings.TrimPrefix(uri, wantPrefix), "&issuer=AWS")

	first, second := codes(t, seed)
	run.Type(first)
	run.Type(second)
	run.Press("enter")
	run.WaitFor("Console password for emergency-admin")
	requireOneEnabledDevice(t, h, "emergency-admin")
	if n := calls(h, "EnableMFADevice"); n != 1 {
		t.Errorf("%d EnableMFADevice calls, want 1", n)
	}
}

func TestEmergencyAdminEndToEnd(t *testing.T) {
	simState := filepath.Join(t.TempDir(), "simulated-account.json")
	h := steptest.New(t, simulator.Options{Scenario: simulator.RootAccessKeys, StateFile: simState})
	run := h.RunStep("emergency-admin")
	startAdmin(t, run)
	seed := readSecret(t, run)

	// Typos and codes out of order cost no AWS call: they are checked here first.
	first, second := codes(t, seed)
	typeCodes(run, first, typo(second))
	waitForText(run, "This code doesn't match the new device")
	run.Press("backspace", "backspace", "backspace", "backspace", "backspace", "backspace")
	run.Press("tab")
	run.Press("backspace", "backspace", "backspace", "backspace", "backspace", "backspace")
	typeCodes(run, second, first)
	waitForText(run, "The two codes must follow each other")
	if n := calls(h, "EnableMFADevice"); n != 0 {
		t.Fatalf("wrong codes made %d EnableMFADevice calls", n)
	}
	run.Press("tab")
	run.Press("backspace", "backspace", "backspace", "backspace", "backspace", "backspace")
	typeCodes(run, first, second)

	run.WaitFor("Console password for emergency-admin", "Sign-in page", "never saves it")
	password := readPassword(t, run.Frame())
	if len(password) < 14 {
		t.Errorf("password of %d characters", len(password))
	}
	run.Press("enter")
	rec := run.Finished()
	if rec.Outcome != checkpoint.Verified {
		t.Fatalf("record = %+v, want verified", rec)
	}
	if rec.Resources["user_name"] != "emergency-admin" || !strings.HasSuffix(rec.Resources["user_arn"], ":user/emergency-admin") ||
		!strings.HasSuffix(rec.Resources["mfa_device"], ":mfa/emergency-admin") {
		t.Errorf("resources %v", rec.Resources)
	}
	if n := calls(h, "EnableMFADevice"); n != 1 {
		t.Errorf("%d EnableMFADevice calls, want 1", n)
	}

	// AWS has what the screen said it would make.
	requireOneEnabledDevice(t, h, "emergency-admin")
	ctx := context.Background()
	profile, err := h.Env.AWS.IAM.GetLoginProfile(ctx, &iam.GetLoginProfileInput{UserName: aws.String("emergency-admin")})
	if err != nil || !profile.LoginProfile.PasswordResetRequired {
		t.Errorf("login profile %+v, %v; want one that must be reset", profile, err)
	}
	state, err := iamuser.ReadAdmin(ctx, h.Env.AWS.IAM, "emergency-admin")
	if err != nil || !state.Complete() {
		t.Errorf("ReadAdmin = %+v, %v", state, err)
	}

	// Nothing the run wrote holds the seed, the password or the access key's secret.
	requireNoSecretOnDisk(t, []string{h.Dir, simState}, seed, password, h.Sim.Credentials().SecretAccessKey)
}

func TestEmergencyAdminRerunChangesNothing(t *testing.T) {
	h := steptest.New(t, simulator.Options{})
	run := h.RunStep("emergency-admin")
	startAdmin(t, run)
	enrol(t, run)
	run.WaitFor("Console password for emergency-admin")
	run.Press("enter")
	run.Finished()

	h.Sim.ResetCalls()
	again := h.RunStep("emergency-admin")
	again.WaitFor("Create an emergency administrator?")
	again.Press("y")
	again.Press("enter")
	again.WaitFor("Already in place: nothing to change.")
	again.Press("enter")
	if rec := again.Finished(); rec.Outcome != checkpoint.Verified {
		t.Errorf("outcome %s", rec.Outcome)
	}
	if n := len(h.MutatingCalls()); n != 0 {
		t.Errorf("a re-run made %d mutating calls", n)
	}
}

// Cancelling the QR code deletes the unused device and skips the step, keeping what it
// made; the next run carries on from there.
func TestCancellingTheQRCodeDeletesTheDevice(t *testing.T) {
	h := steptest.New(t, simulator.Options{})
	run := h.RunStep("emergency-admin")
	startAdmin(t, run)
	run.Press("esc")
	rec := run.Finished()
	if rec.Outcome != checkpoint.Skipped || rec.Resources["user_name"] != "emergency-admin" {
		t.Errorf("record %+v, want skipped, knowing the user", rec)
	}
	if assigned, unassigned := devices(t, h, "emergency-admin"); len(assigned)+len(unassigned) != 0 {
		t.Errorf("devices left: %v %v", assigned, unassigned)
	}
	again := h.RunStep("emergency-admin")
	again.WaitFor("Create an emergency administrator?")
	again.Press("y")
	again.Press("enter")
	again.WaitFor("What will change", "Create a virtual MFA device")
	again.Press("enter")
	again.WaitFor("First code")
	enrol(t, again)
	again.WaitFor("Console password for emergency-admin")
	again.Press("enter")
	if rec := again.Finished(); rec.Outcome != checkpoint.Verified {
		t.Errorf("outcome %s", rec.Outcome)
	}
	requireOneEnabledDevice(t, h, "emergency-admin")
	if n := calls(h, "CreateUser"); n != 2 {
		t.Errorf("CreateUser called %d times: once, and once more to find it exists", n)
	}
}

// enrol does what the operator does with a phone: reads the key, types two codes.
func enrol(t *testing.T, run *steptest.Step) string {
	t.Helper()
	seed := readSecret(t, run)
	first, second := codes(t, seed)
	typeCodes(run, first, second)
	return seed
}

// typo changes a code's last digit.
func typo(code string) string {
	last := code[len(code)-1]
	return code[:len(code)-1] + string('0'+(last-'0'+1)%10)
}
