package billing_test

import (
	"testing"

	"github.com/firstrun/firstrun/awsclient/simulator"
	"github.com/firstrun/firstrun/steps/billing"
	"github.com/firstrun/firstrun/steps/checkpoint"
	step "github.com/firstrun/firstrun/steps/core"
	"github.com/firstrun/firstrun/steps/engine"
	"github.com/firstrun/firstrun/steps/steptest"
)

func TestBillingAccessHeadless(t *testing.T) {
	for _, tc := range []struct {
		scenario simulator.Scenario
		waits    bool
		audit    step.ControlStatus
	}{
		{simulator.NewAccount, true, step.Manual},      // the root user: only they can do it, in the console
		{simulator.IAMAdminCaller, false, step.NotRun}, // anyone else: skipped, needing the root user
	} {
		t.Run(string(tc.scenario), func(t *testing.T) {
			h := steptest.New(t, simulator.Options{Scenario: tc.scenario})
			id := step.ID("billing-access")

			if c := audit(t, h, id); c.Status != tc.audit || c.Detail == "" {
				t.Errorf("Check = %+v; want %s, saying why", c, tc.audit)
			}
			if p, err := h.Plan(id); err != nil || len(p.Changes) != 0 || (tc.waits && p.Kind != engine.PlanManual) {
				t.Errorf("Plan = %+v, %v; want no change, and manual for the root user", p, err)
			}
			rec, err := unattended(h, id)
			switch {
			case tc.waits && !isWaiting(err):
				t.Errorf("Run = %+v, %v; want waiting for the root user", rec, err)
			case !tc.waits && (err != nil || rec.Outcome != checkpoint.Skipped || rec.Reason != billing.ReasonNeedsRoot):
				t.Errorf("Run = %+v, %v; want skipped: %s", rec, err, billing.ReasonNeedsRoot)
			}
			if rec.Outcome == checkpoint.Confirmed {
				t.Error("recorded as confirmed without a person")
			}
			requireNoChange(t, h, "billing access")
		})
	}
}
