package awsclient_test

import (
	"slices"
	"testing"

	"github.com/firstrun/firstrun/awsclient"
	"github.com/firstrun/firstrun/awsclient/simulator"
	"github.com/firstrun/firstrun/awsclient/simulator/simtest"
)

// Identity Center enabled in another Region than the one firstrun runs in is found there;
// where account:ListRegions is refused, the search says it is incomplete.
func TestFindIdentityCenterLooksInEveryEnabledRegion(t *testing.T) {
	sim, b := simtest.Start(t, simulator.Options{})
	ic, err := sim.Console().EnableIdentityCenter("eu-west-1")
	if err != nil {
		t.Fatal(err)
	}
	clients := awsclient.NewClients(simtest.Config(t, b, "us-east-1"))
	s, err := awsclient.FindIdentityCenter(t.Context(), clients, "us-east-1")
	if err != nil {
		t.Fatal(err)
	}
	if len(s.Instances) != 1 || s.Instances[0].Region != "eu-west-1" || s.Instances[0].ARN != ic.InstanceARN ||
		s.Instances[0].Owner != sim.AccountID() || s.Incomplete != nil || len(s.Searched) != 17 || s.Searched[0] != "us-east-1" {
		t.Errorf("search = %+v", s)
	}
	if !s.Instances[0].OrganizationInstance(sim.AccountID()) || s.Instances[0].OrganizationInstance("") {
		t.Errorf("the management account's instance is not taken for an organization instance")
	}

	if err := sim.Faults().Add(simulator.Fault{Target: "account:ListRegions", Kind: simulator.FaultDenied}); err != nil {
		t.Fatal(err)
	}
	s, err = awsclient.FindIdentityCenter(t.Context(), clients, "us-east-1")
	if err != nil || len(s.Instances) != 0 || !awsclient.IsAccessDenied(s.Incomplete) || !slices.Equal(s.Searched, []string{"us-east-1"}) {
		t.Errorf("without ListRegions: %+v, %v", s, err)
	}
}
