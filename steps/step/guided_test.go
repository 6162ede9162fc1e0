package step_test

import (
	"context"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/service/iam"

	"github.com/firstrun/firstrun/awsclient/simulator"
	"github.com/firstrun/firstrun/steps/checkpoint"
	"github.com/firstrun/firstrun/steps/step"
	"github.com/firstrun/firstrun/steps/steptest"
)

// rootMFAGuide is a guided screen verified the way root MFA is: by the account summary.
func rootMFAGuide(h *steptest.Harness) *step.Guided {
	g := step.NewGuided(h.Env, step.Definition{ID: "root-mfa", Title: "Root user MFA"})
	g.Intro = "Turn on MFA for the root user."
	g.Instructions = []string{"Open Security credentials.", "Assign MFA device."}
	g.PollEvery = 20 * time.Millisecond
	g.Verify = func(ctx context.Context) (bool, string, error) {
		out, err := h.Env.AWS.IAM.GetAccountSummary(ctx, &iam.GetAccountSummaryInput{})
		if err != nil {
			return false, "", err
		}
		if out.SummaryMap["AccountMFAEnabled"] == 1 {
			return true, "AccountMFAEnabled is 1", nil
		}
		return false, "AccountMFAEnabled is 0", nil
	}
	return g
}

func TestGuidedSaysSoWhenTheOperatorClaimsWhatAWSDoesNotShow(t *testing.T) {
	h := steptest.New(t, simulator.Options{})
	run := h.RunScreen("root-mfa", rootMFAGuide(h))
	run.WaitFor("In the AWS console", "1. Open Security credentials.", "Waiting for AWS to show it")
	run.Press("enter")
	run.WaitFor("AWS does not show it yet: AccountMFAEnabled is 0")
	if rec := h.Record("root-mfa"); rec.Outcome != "" {
		t.Fatalf("saved %q although AWS disagrees", rec.Outcome)
	}
	// The operator finishes in the console; the screen's polling notices.
	if err := h.Sim.Console().EnableRootMFA(); err != nil {
		t.Fatal(err)
	}
	rec := run.Finished()
	if rec.Outcome != checkpoint.Verified || rec.Reason != "AccountMFAEnabled is 1" {
		t.Errorf("record = %+v, want verified by AWS", rec)
	}
}

func TestGuidedDemoKeyDoesTheConsoleStepThenVerifies(t *testing.T) {
	h := steptest.New(t, simulator.Options{})
	g := rootMFAGuide(h)
	g.PollEvery = time.Hour // only the console action can finish it
	run := h.RunScreen("root-mfa", g)
	run.WaitFor("Waiting for AWS to show it")
	run.Press("d")
	if rec := run.Finished(); rec.Outcome != checkpoint.Verified {
		t.Errorf("outcome = %s, want verified", rec.Outcome)
	}
	var console int
	for _, c := range h.Sim.Calls() {
		if c.Service == "console" && c.Operation == "EnableRootMFA" {
			console++
		}
	}
	if console != 1 {
		t.Errorf("simulated console actions = %d, want 1", console)
	}
}

func TestGuidedWithoutACheckIsOnlyConfirmed(t *testing.T) {
	h := steptest.New(t, simulator.Options{})
	g := step.NewGuided(h.Env, step.Definition{ID: "root-password", Title: "Root password"})
	g.Instructions = []string{"Change the password."}
	run := h.RunScreen("root-password", g)
	run.WaitFor("AWS offers no way to check this step")
	run.Press("enter")
	rec := run.Finished()
	if rec.Outcome != checkpoint.Confirmed || rec.Reason == "" {
		t.Errorf("record = %+v, want confirmed with the reason", rec)
	}
}

func TestGuidedShowsAnAWSErrorAndKeepsChecking(t *testing.T) {
	h := steptest.New(t, simulator.Options{})
	if err := h.Sim.Faults().Add(simulator.Fault{Target: "iam:GetAccountSummary", Kind: simulator.FaultDenied, Times: 1}); err != nil {
		t.Fatal(err)
	}
	run := h.RunScreen("root-mfa", rootMFAGuide(h))
	run.WaitFor("iam:GetAccountSummary failed: AccessDenied")
	run.WaitFor("Waiting for AWS to show it") // the next poll succeeds
	run.Press("s")
	if rec := run.Finished(); rec.Outcome != checkpoint.Skipped {
		t.Errorf("outcome = %s", rec.Outcome)
	}
}
