package step_test

import (
	"context"
	"testing"

	"github.com/aws/aws-sdk-go-v2/service/iam"

	"github.com/firstrun/firstrun/awsclient/simulator"
	"github.com/firstrun/firstrun/steps/checkpoint"
	"github.com/firstrun/firstrun/steps/steptest"
)

func TestTheScreenSaysWhenAWSIsAskedAgain(t *testing.T) {
	h := steptest.New(t, simulator.Options{})
	if err := h.Sim.Faults().Add(simulator.Fault{Target: "iam:GetAccountSummary", Kind: simulator.FaultThrottle, Times: 2}); err != nil {
		t.Fatal(err)
	}
	var r fakeResource
	task := taskFor(h, &r)
	release := make(chan struct{})
	task.Apply = func(ctx context.Context) (map[string]string, error) {
		if _, err := h.Env.AWS.IAM.GetAccountSummary(ctx, &iam.GetAccountSummaryInput{}); err != nil {
			return nil, err
		}
		<-release // still working: the screen shows what the call went through
		r.exists.Store(true)
		return map[string]string{"thing_id": "t-1"}, nil
	}
	run := h.RunScreen("test-task", task)
	run.WaitFor("Create the thing")
	run.Press("enter")
	run.WaitFor("Working", "AWS answered Throttling; asking again, attempt 3 of 4")
	close(release)
	if rec := run.Finished(); rec.Outcome != checkpoint.Verified {
		t.Errorf("outcome %s", rec.Outcome)
	}
}
