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
	// The step is skipped, recorded as needing the root user: it is never offered to
	// confirm, nor does the demo's console act for a caller who is not root.
	run := h.RunStep("billing-access")
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
