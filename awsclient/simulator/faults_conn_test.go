package simulator_test

import (
	"context"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/iam"

	"github.com/firstrun/firstrun/awsclient/simulator"
	"github.com/firstrun/firstrun/awsclient/simulator/simtest"
)

func countCalls(sim *simulator.Simulator, op string) (all, dropped int) {
	for _, c := range sim.Calls() {
		if c.Operation == op {
			all++
			if c.ErrorCode == "ConnectionDropped" {
				dropped++
			}
		}
	}
	return all, dropped
}

func TestAResetConnectionIsRetriedAndTheCallRunsOnce(t *testing.T) {
	sim, b := simtest.Start(t, simulator.Options{Scenario: simulator.IAMAdminCaller})
	if err := sim.Faults().Add(simulator.Fault{Target: "iam:CreateUser", Kind: simulator.FaultReset, Times: 1}); err != nil {
		t.Fatal(err)
	}
	api := iam.NewFromConfig(simtest.Config(t, b, "us-east-1"))
	if _, err := api.CreateUser(context.Background(), &iam.CreateUserInput{UserName: aws.String("dana")}); err != nil {
		t.Fatalf("CreateUser after a reset: %v", err)
	}
	if all, dropped := countCalls(sim, "CreateUser"); all != 2 || dropped != 1 {
		t.Errorf("CreateUser calls %d (dropped %d), want 2 (1)", all, dropped)
	}
}

func TestALostAnswerLeavesTheChangeMade(t *testing.T) {
	sim, b := simtest.Start(t, simulator.Options{Scenario: simulator.IAMAdminCaller})
	if err := sim.Faults().Add(simulator.Fault{Target: "iam:CreateUser", Kind: simulator.FaultLost, Times: 1}); err != nil {
		t.Fatal(err)
	}
	api := iam.NewFromConfig(simtest.Config(t, b, "us-east-1"))
	_, err := api.CreateUser(context.Background(), &iam.CreateUserInput{UserName: aws.String("dana")})
	// The SDK retries the dropped call; the retry finds the user the first attempt made.
	requireCode(t, err, "EntityAlreadyExists")
	if _, err := api.GetUser(context.Background(), &iam.GetUserInput{UserName: aws.String("dana")}); err != nil {
		t.Errorf("the user the lost call made is not there: %v", err)
	}
}
