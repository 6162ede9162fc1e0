package review_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/service/iam"

	"github.com/firstrun/firstrun/awsclient/simulator"
	"github.com/firstrun/firstrun/steps/checkpoint"
	step "github.com/firstrun/firstrun/steps/core"
	"github.com/firstrun/firstrun/steps/steptest"
)

const generatePlanned = "iam:GenerateCredentialReport credential report (makes a report; changes no setting)"

func TestCredentialReportHeadlessOnANewAccount(t *testing.T) {
	h := steptest.New(t, simulator.Options{AsyncDelay: 200 * time.Millisecond})
	c := check(t, h, "credential-report")
	if c.Status != step.Manual || !strings.Contains(c.Detail, "no credential report from the last four hours; run firstrun") {
		t.Errorf("check with no report: %+v", c)
	}

	changes, rec := planThenRun(t, h, "credential-report")
	if len(changes) != 1 || changes[0] != generatePlanned {
		t.Errorf("plan %q", changes)
	}
	if rec.Outcome != checkpoint.Verified || rec.Resources["findings"] != "1 (1 critical)" || rec.Resources["report_generated"] == "" {
		t.Errorf("record %+v", rec)
	}
	c = check(t, h, "credential-report")
	if c.Status != step.Fail || !strings.HasSuffix(c.Detail, "UTC shows the root user without MFA.") {
		t.Errorf("check after the run: %+v", c)
	}

	// The report is under four hours old: it is reused, and there is nothing to plan.
	again := noChangeOnRerun(t, h, "credential-report")
	if again.Resources["report_generated"] != rec.Resources["report_generated"] {
		t.Errorf("second run %+v, first %+v", again, rec)
	}
	if changes := plan(t, h, "credential-report"); len(changes) != 0 {
		t.Errorf("planned %v with a recent report", changes)
	}

	// The owner turns on root MFA after the report was made: the report still says no
	// MFA, IAM's account summary says yes, and the check goes by what holds now.
	if err := h.Sim.Console().EnableRootMFA(); err != nil {
		t.Fatal(err)
	}
	c = check(t, h, "credential-report")
	if c.Status != step.Pass || !strings.HasSuffix(c.Detail, "shows nothing to fix for the root user and 0 IAM users.") {
		t.Errorf("check after root MFA: %+v", c)
	}
}

func TestCredentialReportHeadlessCountsWhatFails(t *testing.T) {
	h := steptest.New(t, simulator.Options{Scenario: simulator.IAMAdminCaller})
	rec := runStep(t, h, "credential-report")
	if rec.Outcome != checkpoint.Verified || rec.Resources["findings"] != "3 (1 critical, 2 medium)" {
		t.Errorf("record %+v: findings are reported, they don't fail the step", rec)
	}
	c := check(t, h, "credential-report")
	want := "shows the root user without MFA, 1 access key older than 90 days and 1 credential unused for 45 days or more."
	if c.Status != step.Fail || !strings.HasSuffix(c.Detail, want) {
		t.Errorf("check %+v, want fail ending %q", c, want)
	}
}

func TestCredentialReportHeadlessWhileIAMIsAtWork(t *testing.T) {
	h := steptest.New(t, simulator.Options{AsyncDelay: time.Hour})
	if _, err := h.Env.AWS.IAM.GenerateCredentialReport(context.Background(), &iam.GenerateCredentialReportInput{}); err != nil {
		t.Fatal(err)
	}
	if c := check(t, h, "credential-report"); c.Status != step.Manual || !strings.Contains(c.Detail, "audit again in a minute") {
		t.Errorf("check while generating: %+v", c)
	}
	if changes := plan(t, h, "credential-report"); len(changes) != 0 {
		t.Errorf("planned %v while a report is on its way", changes)
	}
}
