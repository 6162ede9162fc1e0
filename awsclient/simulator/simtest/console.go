package simtest

import (
	"testing"

	"github.com/firstrun/firstrun/awsclient/simulator"
)

// ConsoleWork does on sim, through its console, what the owner does between two
// unattended runs of the whole setup: root MFA, IAM access to billing, Identity Center in
// region and MFA at every sign-in to it.
func ConsoleWork(t testing.TB, sim *simulator.Simulator, region string) {
	t.Helper()
	c := sim.Console()
	_, err := c.EnableIdentityCenter(region)
	for _, e := range []error{c.EnableRootMFA(), c.ActivateIAMBillingAccess(), err, c.RequireIdentityCenterMFA(region)} {
		if e != nil {
			t.Fatal(e)
		}
	}
}
