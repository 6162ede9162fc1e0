package simulator_test

import (
	"testing"

	"github.com/firstrun/firstrun/awsclient/simulator"
)

func TestParseFailFault(t *testing.T) {
	faults, err := simulator.ParseFaults("sso-admin:CreateAccountAssignment=fail:Policy arn:aws:iam::aws:policy/Nope is not supported*2")
	if err != nil {
		t.Fatal(err)
	}
	f := faults[0]
	if len(faults) != 1 || f.Kind != simulator.FaultFail || f.Times != 2 || f.Reason != "Policy arn:aws:iam::aws:policy/Nope is not supported" {
		t.Fatalf("parsed %+v", faults)
	}
	again, err := simulator.ParseFaults(f.String())
	if err != nil || again[0] != f {
		t.Errorf("String %q parses back as %+v, %v", f.String(), again, err)
	}
	for _, bad := range []string{"sso-admin:CreateAccountAssignment=fail", "sso-admin:CreateAccountAssignment=fail:"} {
		if _, err := simulator.ParseFaults(bad); err == nil {
			t.Errorf("%q: accepted a failure without a reason", bad)
		}
	}
}
