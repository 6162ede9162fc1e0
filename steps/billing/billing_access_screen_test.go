package billing_test

import (
	"testing"
	"time"

	"github.com/firstrun/firstrun/awsclient/simulator"
	"github.com/firstrun/firstrun/steps/billing"
	"github.com/firstrun/firstrun/steps/checkpoint"
	"github.com/firstrun/firstrun/steps/steptest"
	"github.com/firstrun/firstrun/steps/summary"
)

func TestBillingAccessIsConfirmedByTheRootUser(t *testing.T) {
	h := steptest.New(t, simulator.Options{})
	run := h.RunStep("billing-access")
	run.WaitFor("Only the root user can change this setting",
		`Scroll to "IAM user and role access to Billing information" and choose Edit.`,
		"Select Activate IAM Access, then choose Update.", billing.AccountPageURL,
		"AWS offers no way to check this step")
	run.Press("enter")
	rec := run.Finished()
	if rec.Outcome != checkpoint.Confirmed || rec.Reason == "" {
		t.Errorf("record = %+v, want confirmed by the operator, with the reason", rec)
	}
	if len(h.MutatingCalls()) != 0 {
		t.Errorf("mutating calls %v", h.MutatingCalls())
	}
}

func TestBillingAccessDemoKeyActivatesItInTheSimulatedConsole(t *testing.T) {
	h := steptest.New(t, simulator.Options{})
	run := h.RunStep("billing-access")
	run.WaitFor("Select Activate IAM Access")
	run.Press("d")
	// No API can read the setting, so even the demo records the operator's word, not AWS's.
	if rec := run.Finished(); rec.Outcome != checkpoint.Confirmed {
		t.Errorf("outcome = %s, want confirmed", rec.Outcome)
	}
	if !h.Sim.Console().IAMBillingAccess() {
		t.Error("the simulated account's billing access is not activated")
	}
}

func TestBillingAccessNeedsTheRootUser(t *testing.T) {
	h := steptest.New(t, simulator.Options{Scenario: simulator.IAMAdminCaller})
	run := h.RunStep("billing-access")
	run.WaitFor("This step needs the root user", h.Env.Identity.ARN, `recorded as "needs the root user", not as done`,
		"For the root user, in the AWS console", "Select Activate IAM Access")
	if f := run.Frame(); contains(f, "confirmed by you") {
		t.Errorf("a caller who is not root is offered to confirm:\n%s", f)
	}
	// The demo's console key does nothing here: the root user is not at the keyboard.
	run.Press("d")
	run.Press("enter")
	rec := run.Finished()
	if rec.Outcome != checkpoint.Skipped || rec.Reason != billing.ReasonNeedsRoot {
		t.Errorf("record = %+v, want skipped because it needs the root user", rec)
	}
	if h.Sim.Console().IAMBillingAccess() {
		t.Error("the console action ran for a caller who is not root")
	}

	// The summary lists it as work left, with the reason, not as done.
	report := summary.Build(h.Env.Store.Document(), h.Env.Sequence, "test", time.Now())
	var found bool
	for _, e := range report.Remaining() {
		if e.ID == "billing-access" {
			found = e.Reason == billing.ReasonNeedsRoot
		}
	}
	if !found {
		t.Errorf("billing-access is not left to do with its reason: %+v", report.Remaining())
	}
}
