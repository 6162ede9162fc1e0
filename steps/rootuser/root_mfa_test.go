package rootuser_test

import (
	"context"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/service/iam"

	"github.com/firstrun/firstrun/awsclient/simulator"
	"github.com/firstrun/firstrun/steps/checkpoint"
	step "github.com/firstrun/firstrun/steps/core"
	"github.com/firstrun/firstrun/steps/steptest"
)

func consoleCalls(h *steptest.Harness, action string) int {
	n := 0
	for _, c := range h.Sim.Calls() {
		if c.Service == "console" && c.Operation == action {
			n++
		}
	}
	return n
}

func TestRootMFAIsVerifiedOnlyWhenAWSSaysSo(t *testing.T) {
	h := steptest.New(t, simulator.Options{})
	run := h.RunStep("root-mfa")
	run.WaitFor("passkey or security key", "Assign MFA device", "Waiting for AWS to show it")

	// The operator says it's done; AWS disagrees, and the screen says so.
	run.Press("enter")
	run.WaitFor("AWS does not show it yet: the account summary says AccountMFAEnabled is 0")
	if rec := h.Record("root-mfa"); rec.Outcome != "" {
		t.Fatalf("saved %q although AWS disagrees", rec.Outcome)
	}

	if err := h.Sim.Console().EnableRootMFA(); err != nil {
		t.Fatal(err)
	}
	run.Press("c")
	rec := run.Finished()
	if rec.Outcome != checkpoint.Verified || !strings.Contains(rec.Reason, "AccountMFAEnabled is 1") {
		t.Errorf("record %+v, want verified by the account summary", rec)
	}
	if n := len(h.MutatingCalls()); n != 0 {
		t.Errorf("%d mutating API calls: root MFA has no API", n)
	}
}

func TestRootMFAAlreadyOnIsVerifiedAtOnce(t *testing.T) {
	h := steptest.New(t, simulator.Options{Scenario: simulator.HalfSetUp})
	run := h.RunStep("root-mfa")
	run.WaitFor("AWS reports MFA on for the root user")
	run.Press("enter")
	if rec := run.Finished(); rec.Outcome != checkpoint.Verified {
		t.Errorf("outcome %s", rec.Outcome)
	}
}

func TestRootMFADemoKeyUsesTheSimulatedConsole(t *testing.T) {
	h := steptest.New(t, simulator.Options{})
	run := h.RunStep("root-mfa")
	run.WaitFor("Waiting for AWS to show it")
	run.Press("d")
	if rec := run.Finished(); rec.Outcome != checkpoint.Verified {
		t.Errorf("outcome %s", rec.Outcome)
	}
	if consoleCalls(h, "EnableRootMFA") != 1 {
		t.Error("the demo key did not act in the simulated console")
	}
}

func TestRootPasswordIsConfirmedNeverAsked(t *testing.T) {
	h := steptest.New(t, simulator.Options{})
	run := h.RunStep("root-password")
	run.WaitFor("8 to 128 characters", "never asks for it", "Console password", "AWS offers no way to check this step")
	if strings.Contains(strings.ToLower(run.Frame()), "enter your password") {
		t.Error("the screen asks for the password")
	}
	run.Press("enter")
	rec := run.Finished()
	if rec.Outcome != checkpoint.Confirmed || rec.Reason == "" {
		t.Errorf("record %+v, want confirmed by the operator", rec)
	}
}

func TestRootPasswordDemoKeyChangesItInTheSimulatedConsole(t *testing.T) {
	h := steptest.New(t, simulator.Options{})
	run := h.RunStep("root-password")
	run.WaitFor("AWS offers no way to check this step")
	run.Press("d")
	if rec := run.Finished(); rec.Outcome != checkpoint.Confirmed {
		t.Errorf("outcome %s", rec.Outcome)
	}
	if consoleCalls(h, "ChangeRootPassword") != 1 {
		t.Error("the demo key did not act in the simulated console")
	}
}

// In the wizard's 80x24 window, what AWS said is on screen, not scrolled out of sight.
func TestConsoleStepsStatusIsInSightAt80x24(t *testing.T) {
	for _, tc := range []struct {
		id     step.ID
		claim  bool // the operator says it's done
		status string
	}{
		{"root-mfa", true, "AWS does not show it yet"},
		{"root-password", false, "AWS offers no way to check this step"},
		{"root-access-keys", true, "AWS does not show it yet"},
	} {
		t.Run(string(tc.id), func(t *testing.T) {
			h := steptest.New(t, simulator.Options{})
			if _, err := h.Env.AWS.IAM.(*iam.Client).CreateAccessKey(context.Background(), &iam.CreateAccessKeyInput{}); err != nil {
				t.Fatal(err)
			}
			run := h.RunWizard(tc.id)
			run.WaitFor("In the AWS console")
			if tc.claim {
				run.Press("enter")
			}
			run.WaitFor(tc.status)
			if strings.Contains(run.Frame(), "more") {
				t.Errorf("the screen scrolls:\n%s", run.Frame())
			}
		})
	}
}
