package awsclient_test

import (
	"slices"
	"testing"

	"github.com/firstrun/firstrun/awsclient"
	"github.com/firstrun/firstrun/awsclient/simulator"
	"github.com/firstrun/firstrun/awsclient/simulator/simtest"
)

// The enabled Regions leave out the opt-in Regions the account has not enabled.
func TestEnabledRegions(t *testing.T) {
	_, b := simtest.Start(t, simulator.Options{})
	regions, err := awsclient.EnabledRegions(t.Context(), awsclient.NewClients(simtest.Config(t, b, "us-east-1")).Account)
	if err != nil {
		t.Fatal(err)
	}
	if len(regions) != 17 || !slices.Contains(regions, "eu-west-1") || !slices.Contains(regions, "us-west-2") ||
		slices.Contains(regions, "me-south-1") || !slices.IsSorted(regions) {
		t.Errorf("EnabledRegions = %v", regions)
	}
}
