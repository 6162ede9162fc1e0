package review_test

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/firstrun/firstrun/awsclient/simulator"
	"github.com/firstrun/firstrun/steps/checkpoint"
	step "github.com/firstrun/firstrun/steps/core"
	"github.com/firstrun/firstrun/steps/review"
	"github.com/firstrun/firstrun/steps/steptest"
	"github.com/firstrun/firstrun/ui/kit"
)

func TestFetchCredentialReportWaitsForIAMThenReusesTheReport(t *testing.T) {
	h := steptest.New(t, simulator.Options{Scenario: simulator.IAMAdminCaller, AsyncDelay: 100 * time.Millisecond})
	ctx, cancel := context.WithTimeout(context.Background(), steptest.Timeout)
	defer cancel()
	rep, err := review.FetchCredentialReport(ctx, h.Env.AWS.IAM, 10*time.Millisecond)
	if err != nil {
		t.Fatal(err)
	}
	if len(rep.Rows) != 2 || !rep.Rows[0].Root() || rep.Rows[1].User != "admin" || rep.Generated.IsZero() {
		t.Errorf("report %+v", rep)
	}
	var generates, inProgress int
	for _, c := range h.Sim.Calls() {
		switch {
		case c.Operation == "GenerateCredentialReport":
			generates++
		case c.ErrorCode == "ReportInProgress":
			inProgress++
		}
	}
	if generates != 1 || inProgress == 0 {
		t.Errorf("%d GenerateCredentialReport calls and %d reads while IAM was at work, want 1 and some", generates, inProgress)
	}

	// The report is under four hours old: the next fetch downloads it and changes nothing.
	h.Sim.ResetCalls()
	again, err := review.FetchCredentialReport(ctx, h.Env.AWS.IAM, 10*time.Millisecond)
	if err != nil || !again.Generated.Equal(rep.Generated) {
		t.Errorf("second fetch: %+v, %v", again, err)
	}
	if calls := h.MutatingCalls(); len(calls) != 0 {
		t.Errorf("the second fetch made mutating calls: %+v", calls)
	}

	// A deadline ends the wait.
	slow := steptest.New(t, simulator.Options{AsyncDelay: time.Hour})
	ctx, cancel = context.WithTimeout(context.Background(), 50*time.Millisecond)
	defer cancel()
	if _, err := review.FetchCredentialReport(ctx, slow.Env.AWS.IAM, 10*time.Millisecond); !errors.Is(err, context.DeadlineExceeded) {
		t.Errorf("past the deadline: %v", err)
	}
}

func TestCredentialReportStepShowsProgressThenFindings(t *testing.T) {
	h := steptest.New(t, simulator.Options{Scenario: simulator.RootAccessKeys, AsyncDelay: 300 * time.Millisecond})
	run := reportScreen(h, 20*time.Millisecond, time.Minute)
	run.WaitFor("Credential report none from the last four hours", "What will change",
		"Have IAM generate a credential report (it changes no setting)")
	if n := len(h.MutatingCalls()); n != 0 {
		t.Fatalf("%d mutating calls before the operator confirmed", n)
	}
	run.Press("enter")
	run.WaitFor("IAM is generating the credential report")
	run.WaitFor("Covers the root user and 0 IAM users", "Findings 2 (2 critical)",
		"critical root user access key 1 is active", "critical root user no MFA")
	run.Press("enter")
	rec := run.Finished()
	if rec.Outcome != checkpoint.Verified || rec.Resources["findings"] != "2 (2 critical)" || rec.Resources["report_generated"] == "" {
		t.Errorf("record %+v", rec)
	}
	// Generating the report is the only call that counts as a change.
	for _, c := range h.MutatingCalls() {
		if c.Operation != "GenerateCredentialReport" {
			t.Errorf("the step called %s", c.Operation)
		}
	}
}

func TestCredentialReportStepOnAnAccountWithAnIAMUser(t *testing.T) {
	h := steptest.New(t, simulator.Options{Scenario: simulator.IAMAdminCaller})
	run := h.RunStep("credential-report")
	run.WaitFor("What will change")
	run.Press("enter")
	run.WaitFor("Covers the root user and 1 IAM user", "Findings 3 (1 critical, 2 medium)",
		"critical root user no MFA", "medium admin access key 1 is", "days old: rotate it",
		"medium admin access key 1 never used, made")
	run.Press("enter")
	if rec := run.Finished(); rec.Outcome != checkpoint.Verified {
		t.Errorf("outcome %s: findings are reported, they don't fail the step", rec.Outcome)
	}
}

func TestCredentialReportStepExplainsAnErrorAndRetries(t *testing.T) {
	h := steptest.New(t, simulator.Options{})
	if err := h.Sim.Faults().Add(simulator.Fault{Target: "iam:GenerateCredentialReport", Kind: simulator.FaultDenied, Times: 1}); err != nil {
		t.Fatal(err)
	}
	run := h.RunStep("credential-report")
	run.WaitFor("What will change")
	run.Press("enter")
	run.WaitFor("iam:GenerateCredentialReport failed: AccessDenied", "not allowed to perform iam:GenerateCredentialReport")
	run.Press("r")
	run.WaitFor("Findings 1 (1 critical)")
	run.Press("enter")
	if rec := run.Finished(); rec.Outcome != checkpoint.Verified {
		t.Errorf("outcome %s", rec.Outcome)
	}
}

func TestCredentialReportStepGivesUpAtItsDeadline(t *testing.T) {
	h := steptest.New(t, simulator.Options{AsyncDelay: time.Hour})
	run := reportScreen(h, 10*time.Millisecond, 100*time.Millisecond)
	run.WaitFor("What will change")
	run.Press("enter")
	run.WaitFor("iam:GenerateCredentialReport failed: IAM was still generating the", "report after 100ms", "retry in a minute")
	run.Press("s")
	rec := run.Finished()
	if rec.Outcome != checkpoint.Skipped || !strings.Contains(rec.Reason, "still generating") {
		t.Errorf("record %+v", rec)
	}
}

// reportScreen runs the credential report step on the screen, waiting for IAM every
// every, until deadline.
func reportScreen(h *steptest.Harness, every, deadline time.Duration) *steptest.Step {
	d := h.Core("credential-report")
	d.Flow = func(env step.Env) *step.Flow { return review.CredentialReportFlowWithTimes(env, every, deadline) }
	return h.RunScreen("credential-report", kit.NewStep(h.Env.Kit(), d))
}

// A report under four hours old is shown as it is: nothing to confirm, no call that
// counts as a change.
func TestCredentialReportStepReusesARecentReport(t *testing.T) {
	h := steptest.New(t, simulator.Options{Scenario: simulator.IAMAdminCaller})
	if rec, err := h.Unattended("credential-report"); err != nil || rec.Outcome != checkpoint.Verified {
		t.Fatalf("first run: %+v, %v", rec, err)
	}
	h.Sim.ResetCalls()
	run := h.RunStep("credential-report")
	run.WaitFor("Findings 3 (1 critical, 2 medium)", "critical root user no MFA")
	if strings.Contains(run.Frame(), "What will change") {
		t.Errorf("a recent report asks to change something:\n%s", run.Frame())
	}
	run.Press("enter")
	if rec := run.Finished(); rec.Outcome != checkpoint.Verified || rec.Resources["findings"] != "3 (1 critical, 2 medium)" {
		t.Errorf("record %+v", rec)
	}
	if calls := h.MutatingCalls(); len(calls) != 0 {
		t.Errorf("mutating calls %+v", calls)
	}
}
