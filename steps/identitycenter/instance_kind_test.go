package identitycenter_test

import (
	"strings"
	"testing"

	"github.com/firstrun/firstrun/answers"
	"github.com/firstrun/firstrun/awsclient/simulator"
	"github.com/firstrun/firstrun/steps/checkpoint"
	"github.com/firstrun/firstrun/steps/step"
)

// An account instance of Identity Center (made in a standalone or member account) can't
// give anyone access to AWS accounts: the step neither passes its check nor records it as
// enabled, and says why, whether or not the account is in an organization.
func TestAnAccountInstanceIsNotIdentityCenterEnabled(t *testing.T) {
	for _, sc := range []simulator.Scenario{simulator.NewAccount, simulator.ExistingOrganization} {
		t.Run(string(sc), func(t *testing.T) {
			h := newHarness(t, sc)
			h.Env.Answers = &answers.Answers{}
			ic, err := h.Sim.Console().EnableAccountInstance("us-east-1")
			if err != nil {
				t.Fatal(err)
			}
			c := h.Audit("identity-center")
			if c.Status != step.Fail || !strings.Contains(c.Detail, "is an account instance") || !strings.Contains(c.Detail, ic.InstanceARN) {
				t.Errorf("check %+v", c)
			}
			waits, ok := settleFlow(t, h, "identity-center")
			rec := h.Record("identity-center")
			if !ok || !strings.Contains(waits, "replace the account instance") || rec.Outcome != checkpoint.Waiting || rec.Resources["instance_arn"] != "" {
				t.Errorf("run waits %v for %q, saved %+v", ok, waits, rec)
			}
		})
	}
}

// The organization's own instance passes, in any Region: with no Region chosen by the
// answers or an earlier run, the step finds it where it is.
func TestIdentityCenterIsFoundInAnyRegion(t *testing.T) {
	h := newHarness(t, simulator.NewAccount)
	h.Env.Answers = &answers.Answers{}
	ic, err := h.Sim.Console().EnableIdentityCenter("ap-southeast-2")
	if err != nil {
		t.Fatal(err)
	}
	if c := h.Audit("identity-center"); c.Status != step.Pass || !strings.Contains(c.Detail, "ap-southeast-2") {
		t.Errorf("check %+v", c)
	}
	if _, waits := settleFlow(t, h, "identity-center"); waits {
		t.Fatal("the run waits")
	}
	rec := h.Record("identity-center")
	if rec.Outcome != checkpoint.Verified || rec.Resources["region"] != "ap-southeast-2" || rec.Resources["instance_arn"] != ic.InstanceARN {
		t.Errorf("record %+v", rec)
	}
}

// Connect has already looked in every Region: the step starts where connect found the
// instance, and searches no Region again.
func TestIdentityCenterStartsWhereConnectFoundIt(t *testing.T) {
	h := newHarness(t, simulator.NewAccount)
	h.Env.Answers = &answers.Answers{}
	if _, err := h.Sim.Console().EnableIdentityCenter("ap-southeast-2"); err != nil {
		t.Fatal(err)
	}
	if _, err := h.Unattended("connect"); err != nil {
		t.Fatal(err)
	}
	before := len(h.Sim.Calls())
	if _, waits := settleFlow(t, h, "identity-center"); waits {
		t.Fatal("the run waits")
	}
	if rec := h.Record("identity-center"); rec.Outcome != checkpoint.Verified || rec.Resources["region"] != "ap-southeast-2" {
		t.Errorf("record %+v", rec)
	}
	var lists int
	for _, c := range h.Sim.Calls()[before:] {
		if c.Operation == "ListInstances" || c.Operation == "ListRegions" {
			lists++
		}
	}
	if lists != 1 {
		t.Errorf("%d ListInstances and ListRegions calls after connect, want the one in ap-southeast-2", lists)
	}
}
