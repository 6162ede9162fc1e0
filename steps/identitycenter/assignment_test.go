package identitycenter_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/firstrun/firstrun/awsclient"
	"github.com/firstrun/firstrun/awsclient/simulator"
	"github.com/firstrun/firstrun/steps/checkpoint"
	"github.com/firstrun/firstrun/steps/identitycenter"
)

const failureReason = "Received a 404 status error: Not supported policy arn:aws:iam::aws:policy/Nope."

func TestAssignmentScreenShowsAWSsReasonWhenItFails(t *testing.T) {
	h, _, _ := almostAdministered(t, simulator.Options{})
	faults, err := simulator.ParseFaults("sso-admin:CreateAccountAssignment=fail:" + failureReason + "*1")
	if err != nil {
		t.Fatal(err)
	}
	if err := h.Sim.Faults().Add(faults...); err != nil {
		t.Fatal(err)
	}
	run := h.RunStep("admin-assignment")
	run.WaitFor("What will change", "group Admins → AdministratorAccess in account "+h.Sim.AccountID())
	run.Press("enter")
	// The panel's border splits the line; each part must show.
	run.WaitFor("sso:CreateAccountAssignment failed: FAILED: Received a 404 status error:", "Not supported policy", "arn:aws:iam::aws:policy/Nope.")
	if got := h.Record("admin-assignment").Outcome; got != "" {
		t.Errorf("a failed assignment saved %q", got)
	}
	run.Press("r") // the fault was for one request: the retry succeeds
	rec := run.Finished()
	if rec.Outcome != checkpoint.Verified || rec.Resources["group_id"] == "" || rec.Resources["assignment_request_id"] == "" {
		t.Errorf("record %+v", rec)
	}
}

func TestAssignmentScreenShowsProgress(t *testing.T) {
	h, _, _ := almostAdministered(t, simulator.Options{AsyncDelay: time.Second})
	run := h.RunStep("admin-assignment")
	run.WaitFor("What will change")
	run.Press("enter")
	run.WaitFor("Assignment IN_PROGRESS (checked once")
	if rec := run.Finished(); rec.Outcome != checkpoint.Verified {
		t.Errorf("outcome %s", rec.Outcome)
	}
}

func TestEnsureAssignmentGivesUpAtItsDeadline(t *testing.T) {
	c := &clock{now: time.Date(2025, 6, 2, 9, 0, 0, 0, time.UTC)}
	h, inst, a := almostAdministered(t, simulator.Options{Clock: c.Now, AsyncDelay: time.Hour})
	var lines []string
	w := identitycenter.Waiter{
		Every: 5 * time.Second, Timeout: time.Minute, Now: c.Now, Report: func(s string) { lines = append(lines, s) },
		Sleep: func(_ context.Context, d time.Duration) error { c.Advance(d); return nil },
	}
	_, err := identitycenter.EnsureAssignment(context.Background(), h.Env.AWS.SSOAdmin(inst.Region), inst.ARN, a, w)
	p := awsclient.Explain(err)
	if p.Operation != "sso:DescribeAccountAssignmentCreationStatus" || !strings.Contains(p.Summary(), "still IN_PROGRESS after 1m0s") {
		t.Errorf("problem %q (%s)", p.Summary(), p.Operation)
	}
	if len(lines) != 13 || !strings.HasPrefix(lines[12], "Assignment IN_PROGRESS (checked 13 times in 1m0s") {
		t.Errorf("progress %d lines, last %q", len(lines), lines[len(lines)-1])
	}

	// AWS finishes later; the next run finds the assignment and makes no second one.
	c.Advance(time.Hour)
	requestID, err := identitycenter.EnsureAssignment(context.Background(), h.Env.AWS.SSOAdmin(inst.Region), inst.ARN, a, w)
	if err != nil || requestID != "" {
		t.Errorf("second run: request %q, %v", requestID, err)
	}
}
