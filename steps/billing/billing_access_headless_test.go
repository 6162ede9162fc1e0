package billing_test

import (
	"context"
	"testing"

	"github.com/firstrun/firstrun/awsclient/simulator"
	"github.com/firstrun/firstrun/steps/billing"
	"github.com/firstrun/firstrun/steps/checkpoint"
	"github.com/firstrun/firstrun/steps/step"
	"github.com/firstrun/firstrun/steps/steptest"
)

func TestBillingAccessHeadless(t *testing.T) {
	for _, tc := range []struct {
		scenario simulator.Scenario
		waits    bool
	}{
		{simulator.NewAccount, true},      // the root user: only they can do it, in the console
		{simulator.IAMAdminCaller, false}, // anyone else: skipped, needing the root user
	} {
		t.Run(string(tc.scenario), func(t *testing.T) {
			h := steptest.New(t, simulator.Options{Scenario: tc.scenario})
			hl, ctx := headless(h, "billing-access"), context.Background()

			c, err := hl.Check(ctx, auditEnv(h))
			if err != nil || c.Status != step.Manual || c.Detail == "" {
				t.Errorf("Check = %+v, %v; want manual, with what to look at", c, err)
			}
			if hl.Plan != nil {
				t.Error("a step no API can change has a plan")
			}
			rec, err := hl.Run(ctx, h.Env)
			switch {
			case tc.waits && !step.IsWaiting(err):
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
