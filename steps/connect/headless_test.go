package connect_test

import (
	"context"
	"testing"

	"github.com/firstrun/firstrun/awsclient/simulator"
	"github.com/firstrun/firstrun/steps/checkpoint"
	"github.com/firstrun/firstrun/steps/step"
	"github.com/firstrun/firstrun/steps/steptest"
)

func TestConnectHeadlessSaysWhoAndWhereAndChangesNothing(t *testing.T) {
	h := steptest.New(t, simulator.Options{Scenario: simulator.IAMAdminCaller})
	hl := h.Definition("connect").Headless
	if hl.Plan != nil {
		t.Error("connect changes nothing, yet has a plan")
	}

	audit := *h.Env
	audit.Store = nil // an audit has no checkpoint
	c, err := hl.Check(context.Background(), &audit)
	want := "firstrun acts as arn:aws:iam::" + h.Env.Identity.Account + ":user/admin (an IAM user, with access keys) in account " +
		h.Env.Identity.Account + ", Region us-east-1."
	if err != nil || c.Status != step.Pass || c.Detail != want {
		t.Errorf("check = %+v, %v; want pass %q", c, err, want)
	}

	rec, err := hl.Run(context.Background(), h.Env)
	if err != nil || rec.Outcome != checkpoint.Verified || rec.Resources["account_id"] != h.Env.Identity.Account ||
		rec.Resources["caller_arn"] != h.Env.Identity.ARN || rec.Resources["region"] != "us-east-1" {
		t.Errorf("run = %+v, %v", rec, err)
	}
	if calls := h.MutatingCalls(); len(calls) != 0 {
		t.Errorf("mutating calls: %+v", calls)
	}
}
