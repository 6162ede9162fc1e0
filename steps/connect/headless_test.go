package connect_test

import (
	"testing"

	"github.com/firstrun/firstrun/awsclient/simulator"
	"github.com/firstrun/firstrun/steps/checkpoint"
	step "github.com/firstrun/firstrun/steps/core"
	"github.com/firstrun/firstrun/steps/engine"
	"github.com/firstrun/firstrun/steps/steptest"
)

func TestConnectHeadlessSaysWhoAndWhereAndChangesNothing(t *testing.T) {
	h := steptest.New(t, simulator.Options{Scenario: simulator.IAMAdminCaller})
	c := h.Audit("connect")
	want := "firstrun acts as arn:aws:iam::" + h.Env.Identity.Account + ":user/admin (an IAM user, with access keys) in account " +
		h.Env.Identity.Account + ", Region us-east-1."
	if c.Status != step.Pass || c.Detail != want {
		t.Errorf("check = %+v; want pass %q", c, want)
	}
	if p, err := h.Plan("connect"); err != nil || p.Kind != engine.PlanInPlace {
		t.Errorf("plan = %+v, %v; connect changes nothing", p, err)
	}
	rec, err := h.Unattended("connect")
	if err != nil || rec.Outcome != checkpoint.Verified || rec.Resources["account_id"] != h.Env.Identity.Account ||
		rec.Resources["caller_arn"] != h.Env.Identity.ARN || rec.Resources["region"] != "us-east-1" {
		t.Errorf("run = %+v, %v", rec, err)
	}
	if calls := h.MutatingCalls(); len(calls) != 0 {
		t.Errorf("mutating calls: %+v", calls)
	}
}
