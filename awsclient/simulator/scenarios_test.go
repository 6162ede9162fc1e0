package simulator_test

import (
	"context"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/organizations"

	"github.com/firstrun/firstrun/awsclient/simulator"
)

// TestScenariosAreDeterministic: the same scenario yields the same IDs, so
// demo recordings and golden files stay stable.
func TestScenariosAreDeterministic(t *testing.T) {
	orgID := func() string {
		_, cfg := start(t, simulator.Options{Scenario: simulator.HalfSetUp})
		out, err := organizations.NewFromConfig(cfg).DescribeOrganization(context.Background(), &organizations.DescribeOrganizationInput{})
		if err != nil {
			t.Fatal(err)
		}
		return aws.ToString(out.Organization.Id)
	}
	if a, b := orgID(), orgID(); a != b {
		t.Errorf("organization IDs %s and %s", a, b)
	}
	if _, err := simulator.New(simulator.Options{Scenario: "no-such-scenario"}); err == nil {
		t.Error("an unknown scenario was accepted")
	}
	if len(simulator.Scenarios()) != 5 {
		t.Errorf("Scenarios() = %v", simulator.Scenarios())
	}
}
