package identitycenter_test

import (
	"context"
	"strings"
	"testing"

	"github.com/firstrun/firstrun/awsclient/simulator"
	"github.com/firstrun/firstrun/steps/checkpoint"
	"github.com/firstrun/firstrun/steps/identitycenter"
)

func TestRegionValidation(t *testing.T) {
	for r, ok := range map[string]bool{"us-east-1": true, "eu-central-2": true, "us-gov-west-1": true, "ap-southeast-5": true,
		"": false, "eu-west": false, "EU-WEST-1": false, "eu west 1": false, "europe": false} {
		if err := identitycenter.ValidateRegion(r); (err == nil) != ok {
			t.Errorf("%q: %v", r, err)
		}
	}
}

func TestIdentityCenterInAnotherRegion(t *testing.T) {
	h := newHarness(t, simulator.NewAccount)
	run := h.RunStep("identity-center")
	run.WaitFor("Identity Center Region", "hard", "us-east-1")
	for range len("us-east-1") {
		run.Press("backspace")
	}
	run.Type("eu-west")
	run.Press("enter")
	run.WaitFor("is not an AWS Region name")
	run.Type("-1")
	run.Press("enter")
	run.WaitFor("In the AWS console", "https://console.aws.amazon.com/singlesignon/home?region=eu-west-1",
		"no Identity Center instance in eu-west-1 yet; checked once")

	// The operator enables it in the console; c checks at once.
	ic, err := h.Sim.Console().EnableIdentityCenter("eu-west-1")
	if err != nil {
		t.Fatal(err)
	}
	run.Press("c")
	rec := run.Finished()
	if rec.Outcome != checkpoint.Verified || rec.Resources["region"] != "eu-west-1" ||
		rec.Resources["instance_arn"] != ic.InstanceARN || rec.Resources["identity_store_id"] != ic.IdentityStoreID {
		t.Fatalf("record %+v", rec)
	}

	inst, err := identitycenter.LoadInstance(context.Background(), h.Env.Base())
	if err != nil || inst.Region != "eu-west-1" || inst.PortalURL() != "https://"+ic.IdentityStoreID+".awsapps.com/start" {
		t.Errorf("LoadInstance = %+v, %v", inst, err)
	}
}

func TestLoadInstanceFindsTheInstanceWhenTheRecordLacksIt(t *testing.T) {
	h := newHarness(t, simulator.HalfSetUp)
	if err := h.Env.Store.Record("identity-center", checkpoint.StepRecord{Outcome: checkpoint.InProgress,
		Resources: map[string]string{"region": "us-east-1"}}); err != nil {
		t.Fatal(err)
	}
	inst, err := identitycenter.LoadInstance(context.Background(), h.Env.Base())
	if err != nil || !strings.HasPrefix(inst.ARN, "arn:aws:sso:::instance/ssoins-") || !strings.HasPrefix(inst.IdentityStoreID, "d-") {
		t.Errorf("LoadInstance = %+v, %v", inst, err)
	}
	if err := h.Env.Store.Record("identity-center", checkpoint.StepRecord{Outcome: checkpoint.InProgress,
		Resources: map[string]string{"region": "ap-south-1"}}); err != nil {
		t.Fatal(err)
	}
	if _, err := identitycenter.LoadInstance(context.Background(), h.Env.Base()); err == nil ||
		!strings.Contains(err.Error(), "not enabled in ap-south-1") {
		t.Errorf("an empty Region: %v", err)
	}
}

func TestIdentityCenterAlreadyEnabledIsVerifiedAtOnce(t *testing.T) {
	h := newHarness(t, simulator.HalfSetUp)
	run := h.RunStep("identity-center")
	// Found where firstrun runs: nothing to ask.
	run.WaitFor("Instance", "arn:aws:sso:::instance/ssoins-", "Access portal")
	if strings.Contains(run.Frame(), "Identity Center Region") {
		t.Errorf("asked for the Region of an instance that is there:\n%s", run.Frame())
	}
	run.Press("enter")
	if rec := run.Finished(); rec.Outcome != checkpoint.Verified || !strings.HasPrefix(rec.Reason, "IAM Identity Center is enabled in us-east-1") ||
		!strings.HasPrefix(rec.Resources["instance_arn"], "arn:aws:sso:::instance/ssoins-") {
		t.Errorf("record %+v", rec)
	}
	if calls := h.MutatingCalls(); len(calls) != 0 {
		t.Errorf("changed %v", calls)
	}
}
