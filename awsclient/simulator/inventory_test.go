package simulator_test

import (
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/iam"
	"github.com/aws/aws-sdk-go-v2/service/organizations"

	"github.com/firstrun/firstrun/awsclient/simulator"
)

// TestInventoryNamesResourcesNotIDs shows that two accounts holding the same things list
// the same inventory, whatever order they were made in, and that a change shows.
func TestInventoryNamesResourcesNotIDs(t *testing.T) {
	build := func(users ...string) *simulator.Simulator {
		sim, cfg := start(t, simulator.Options{})
		client := iam.NewFromConfig(cfg)
		for _, u := range users {
			if _, err := client.CreateUser(t.Context(), &iam.CreateUserInput{UserName: aws.String(u)}); err != nil {
				t.Fatal(err)
			}
		}
		return sim
	}
	ab, ba := build("alice", "bob"), build("bob", "alice")
	if !slices.Equal(ab.Inventory(), ba.Inventory()) {
		t.Errorf("same users, different inventories:\n%s\n---\n%s", strings.Join(ab.Inventory(), "\n"), strings.Join(ba.Inventory(), "\n"))
	}
	if !slices.IsSorted(ab.Inventory()) {
		t.Error("the inventory is not sorted")
	}
	for _, line := range ab.Inventory() {
		if strings.Contains(line, ab.AccountID()) || strings.Contains(line, "arn:") {
			t.Errorf("an inventory line holds an ID: %s", line)
		}
	}
	if a := build("alice"); slices.Equal(a.Inventory(), ab.Inventory()) {
		t.Error("one user fewer, yet the same inventory")
	}
}

// TestInterceptHoldsACallAtBothStages holds a mutating call before it runs and after it
// ran, as the crash matrix does, and shows what AWS holds at each point.
func TestInterceptHoldsACallAtBothStages(t *testing.T) {
	sim, cfg := start(t, simulator.Options{})
	type seen struct {
		stage simulator.Stage
		users int
	}
	var points []seen
	sim.Intercept(func(c simulator.Call, at simulator.Stage) {
		if c.Operation == "CreateUser" {
			points = append(points, seen{at, strings.Count(strings.Join(sim.Inventory(), "\n"), "IAM user")})
		}
	})
	if _, err := iam.NewFromConfig(cfg).CreateUser(t.Context(), &iam.CreateUserInput{UserName: aws.String("alice")}); err != nil {
		t.Fatal(err)
	}
	sim.Intercept(nil)
	want := []seen{{simulator.BeforeRun, 0}, {simulator.AfterRun, 1}}
	if !slices.Equal(points, want) {
		t.Errorf("intercepted %v, want %v", points, want)
	}
}

// TestConsoleIdentityCenterKeepsAnOrganizationMadeThisSecond enables Identity Center in the
// same second as CreateOrganization: the console must use that organization, not make a
// second one.
func TestConsoleIdentityCenterKeepsAnOrganizationMadeThisSecond(t *testing.T) {
	clk := newClock()
	clk.Advance(300 * time.Millisecond)
	sim, cfg := start(t, simulator.Options{Clock: clk.Now})
	orgs := organizations.NewFromConfig(cfg)
	out, err := orgs.CreateOrganization(t.Context(), &organizations.CreateOrganizationInput{})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := sim.Console().EnableIdentityCenter("us-east-1"); err != nil {
		t.Fatal(err)
	}
	now, err := orgs.DescribeOrganization(t.Context(), &organizations.DescribeOrganizationInput{})
	if err != nil {
		t.Fatal(err)
	}
	if got, want := aws.ToString(now.Organization.Id), aws.ToString(out.Organization.Id); got != want {
		t.Errorf("the account is in organization %s after enabling Identity Center, want %s", got, want)
	}
}
