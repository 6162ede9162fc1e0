package awsclient_test

import (
	"sync"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/credentials"
	"github.com/aws/aws-sdk-go-v2/service/iam"
	"github.com/aws/aws-sdk-go-v2/service/organizations"

	"github.com/firstrun/firstrun/awsclient"
	"github.com/firstrun/firstrun/awsclient/simulator"
	"github.com/firstrun/firstrun/awsclient/simulator/simtest"
)

// remembering returns clients of a simulated account that remember reads.
func remembering(t *testing.T, scenario simulator.Scenario) (*simulator.Simulator, *awsclient.Clients) {
	t.Helper()
	sim, b := simtest.Start(t, simulator.Options{Scenario: scenario})
	cfg, err := awsclient.LoadConfig(t.Context(), awsclient.Options{Isolated: true, EndpointURL: b.URL,
		Credentials: credentials.StaticCredentialsProvider{Value: b.Credentials}, RememberReads: true})
	if err != nil {
		t.Fatal(err)
	}
	return sim, awsclient.NewClients(cfg)
}

func count(sim *simulator.Simulator, op string) int {
	n := 0
	for _, c := range sim.Calls() {
		if c.Operation == op {
			n++
		}
	}
	return n
}

// TestReadsAreRememberedUntilAChange shows a repeated read answered without AWS, a
// "not found" remembered as a fact, and any change sending the next read to AWS again.
func TestReadsAreRememberedUntilAChange(t *testing.T) {
	sim, c := remembering(t, simulator.NewAccount)
	ctx := t.Context()
	for range 3 {
		out, err := c.IAM.GetAccountSummary(ctx, &iam.GetAccountSummaryInput{})
		if err != nil || out.SummaryMap["Users"] != 0 {
			t.Fatalf("summary %v, %v", out, err)
		}
		if _, err := c.Organizations.DescribeOrganization(ctx, &organizations.DescribeOrganizationInput{}); !awsclient.IsNotFound(err) {
			t.Fatalf("DescribeOrganization on a new account: %v", err)
		}
	}
	if n, m := count(sim, "GetAccountSummary"), count(sim, "DescribeOrganization"); n != 1 || m != 1 {
		t.Errorf("AWS answered GetAccountSummary %d times and DescribeOrganization %d times, want once each", n, m)
	}

	if _, err := c.IAM.CreateUser(ctx, &iam.CreateUserInput{UserName: aws.String("alice")}); err != nil {
		t.Fatal(err)
	}
	out, err := c.IAM.GetAccountSummary(ctx, &iam.GetAccountSummaryInput{})
	if err != nil || out.SummaryMap["Users"] != 1 {
		t.Errorf("after CreateUser the summary says %v users (%v): a change must be seen", out.SummaryMap["Users"], err)
	}
	if n := count(sim, "GetAccountSummary"); n != 2 {
		t.Errorf("AWS answered GetAccountSummary %d times, want 2", n)
	}
}

// TestAnotherAccountHasItsOwnMemory shows that clients acting in a member account through
// AssumeRole never get the management account's remembered answers.
func TestAnotherAccountHasItsOwnMemory(t *testing.T) {
	sim, mgmt := remembering(t, simulator.IAMAdminCaller)
	members := simtest.Organization(t, simtest.Config(t, simtest.Backend{URL: sim.URL(), Credentials: sim.Credentials()}, "us-east-1"), 1)
	ctx := t.Context()
	own, err := mgmt.IAM.GetAccountSummary(ctx, &iam.GetAccountSummaryInput{})
	if err != nil {
		t.Fatal(err)
	}
	member := mgmt.AssumeRole(awsclient.RoleARN("aws", members[0], "OrganizationAccountAccessRole"), "firstrun-test")
	theirs, err := member.IAM.GetAccountSummary(ctx, &iam.GetAccountSummaryInput{})
	if err != nil {
		t.Fatal(err)
	}
	if own.SummaryMap["Users"] == theirs.SummaryMap["Users"] {
		t.Errorf("both accounts have %d IAM users: the member got the management account's answer", own.SummaryMap["Users"])
	}
}

// TestRememberedAnswersAreNotShared reads a remembered answer from many goroutines at
// once, as the audit's checks do: under the race detector, a shared output would show.
func TestRememberedAnswersAreNotShared(t *testing.T) {
	_, c := remembering(t, simulator.NewAccount)
	if _, err := c.IAM.GetAccountSummary(t.Context(), &iam.GetAccountSummaryInput{}); err != nil {
		t.Fatal(err)
	}
	var wg sync.WaitGroup
	for range 8 {
		wg.Go(func() {
			if _, err := c.IAM.GetAccountSummary(t.Context(), &iam.GetAccountSummaryInput{}); err != nil {
				t.Error(err)
			}
		})
	}
	wg.Wait()
}
