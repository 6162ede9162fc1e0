package review_test

import (
	"strings"
	"testing"
	"time"

	"github.com/firstrun/firstrun/awsclient/simulator"
	"github.com/firstrun/firstrun/steps/checkpoint"
	step "github.com/firstrun/firstrun/steps/core"
	"github.com/firstrun/firstrun/steps/steptest"
)

// A credential report that says nothing of the root user, or that is older than IAM
// keeps one, is not a root user with nothing to fix: the check fails and says what is
// missing.
func TestCredentialReportWithoutTheRootUserOrOldIsNoPass(t *testing.T) {
	for _, tc := range []struct {
		name  string
		setup func(t *testing.T, h *steptest.Harness)
		says  string
	}{
		{"no root row", func(t *testing.T, h *steptest.Harness) {
			if err := h.Sim.Console().LeaveRootOutOfCredentialReports(true); err != nil {
				t.Fatal(err)
			}
		}, "no root user in the report"},
		{"older than IAM keeps one", func(t *testing.T, h *steptest.Harness) {
			// This computer's clock runs five hours ahead of AWS's.
			h.Env.Now = func() time.Time { return time.Now().Add(5 * time.Hour) }
		}, "a report older than 4h0m0s"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			h := steptest.New(t, simulator.Options{})
			if err := h.Sim.Console().EnableRootMFA(); err != nil { // nothing else to fix for the root user
				t.Fatal(err)
			}
			tc.setup(t, h)
			if rec, err := reportRun(h); err != nil || rec.Outcome != checkpoint.Verified {
				t.Fatalf("run: %+v, %v", rec, err)
			}
			c := reportCheck(t, h)
			if c.Status != step.Fail || !strings.Contains(c.Detail, tc.says) || strings.Contains(c.Detail, "nothing to fix") {
				t.Errorf("check %+v, want a failure saying %q", c, tc.says)
			}
		})
	}
}

// reportRun makes the report as --non-interactive does.
func reportRun(h *steptest.Harness) (checkpoint.StepRecord, error) {
	return h.Unattended("credential-report")
}

// reportCheck is the audit's check of the report.
func reportCheck(t *testing.T, h *steptest.Harness) step.Control {
	return check(t, h, "credential-report")
}
