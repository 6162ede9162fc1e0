package simulator_test

import (
	"context"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/iam"
	"github.com/aws/aws-sdk-go-v2/service/sts"

	"github.com/firstrun/firstrun/awsclient/simulator"
)

func TestCallLog(t *testing.T) {
	clock := newClock()
	sim, cfg := start(t, simulator.Options{Clock: clock.Now})
	ctx := context.Background()
	acct := sim.AccountID()
	if _, err := sts.NewFromConfig(cfg).GetCallerIdentity(ctx, &sts.GetCallerIdentityInput{}); err != nil {
		t.Fatal(err)
	}
	clock.Advance(time.Minute)
	client := iam.NewFromConfig(cfg)
	if _, err := client.CreateUser(ctx, &iam.CreateUserInput{UserName: aws.String("dave")}); err != nil {
		t.Fatal(err)
	}
	_, err := client.CreateUser(ctx, &iam.CreateUserInput{UserName: aws.String("dave")})
	requireCode(t, err, "EntityAlreadyExists")

	want := []simulator.Call{
		{Time: newClock().Now(), Service: "sts", Operation: "GetCallerIdentity", Account: acct, Region: "us-east-1"},
		{Time: newClock().Now().Add(time.Minute), Service: "iam", Operation: "CreateUser", Account: acct, Region: "us-east-1", Mutating: true},
		{Time: newClock().Now().Add(time.Minute), Service: "iam", Operation: "CreateUser", Account: acct, Region: "us-east-1", Mutating: true, ErrorCode: "EntityAlreadyExists"},
	}
	got := sim.Calls()
	if len(got) != len(want) {
		t.Fatalf("calls %+v", got)
	}
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("call %d = %+v, want %+v", i, got[i], want[i])
		}
	}
	if n := simulator.CountMutating(got); n != 2 {
		t.Errorf("CountMutating = %d, want 2", n)
	}
	sim.ResetCalls()
	if got := sim.Calls(); len(got) != 0 {
		t.Errorf("after ResetCalls: %+v", got)
	}
}

func TestReadOnlyScenarioMakesNoMutatingCall(t *testing.T) {
	sim, cfg := start(t, simulator.Options{Scenario: simulator.HalfSetUp})
	ctx := context.Background()
	if _, err := iam.NewFromConfig(cfg).GetAccountSummary(ctx, &iam.GetAccountSummaryInput{}); err != nil {
		t.Fatal(err)
	}
	if _, err := iam.NewFromConfig(cfg).ListUsers(ctx, &iam.ListUsersInput{}); err != nil {
		t.Fatal(err)
	}
	if n := simulator.CountMutating(sim.Calls()); n != 0 {
		t.Errorf("%d mutating calls", n)
	}
}
