package connect_test

import (
	"context"
	"strings"
	"testing"

	"github.com/firstrun/firstrun/awsclient/simulator"
	"github.com/firstrun/firstrun/steps/checkpoint"
	"github.com/firstrun/firstrun/steps/connect"
	"github.com/firstrun/firstrun/steps/steptest"
)

func TestReadDescribesEachKindOfAccount(t *testing.T) {
	for _, tc := range []struct {
		scenario                 simulator.Scenario
		root, rootKeys, rootMFA  bool
		caller, organization, ic string
	}{
		{simulator.NewAccount, true, false, false, "the root user, in a console session", "standalone", ""},
		{simulator.RootAccessKeys, true, true, false, "the root user, with root access keys", "standalone", ""},
		{simulator.IAMAdminCaller, false, false, false, "an IAM user, with access keys", "standalone", ""},
		{simulator.HalfSetUp, true, false, true, "the root user, in a console session", "management account", "arn:aws:sso:::instance/ssoins-"},
		{simulator.ExistingOrganization, true, false, false, "the root user, in a console session", "member account", ""},
	} {
		t.Run(string(tc.scenario), func(t *testing.T) {
			h := steptest.New(t, simulator.Options{Scenario: tc.scenario})
			s, err := connect.Read(context.Background(), h.Env.AWS, h.Env.Identity)
			if err != nil {
				t.Fatal(err)
			}
			if s.Identity.IsRoot != tc.root || s.RootAccessKeys != tc.rootKeys || s.RootMFA != tc.rootMFA {
				t.Errorf("root=%v keys=%v mfa=%v", s.Identity.IsRoot, s.RootAccessKeys, s.RootMFA)
			}
			if got := connect.CallerKind(s.Identity); got != tc.caller {
				t.Errorf("caller = %q, want %q", got, tc.caller)
			}
			if got := s.OrganizationText(); !strings.Contains(got, tc.organization) {
				t.Errorf("organization = %q, want it to say %q", got, tc.organization)
			}
			found := s.IdentityCenter.Instances
			switch {
			case tc.ic == "" && len(found) != 0:
				t.Errorf("Identity Center = %v, want none", found)
			case tc.ic != "" && (len(found) != 1 || !strings.HasPrefix(found[0].ARN, tc.ic)):
				t.Errorf("Identity Center = %v, want one %s…", found, tc.ic)
			}
		})
	}
}

func TestConnectRecordsWhoAndWhereAndChangesNothing(t *testing.T) {
	h := steptest.New(t, simulator.Options{Scenario: simulator.RootAccessKeys})
	run := h.RunStep("connect")
	run.WaitFor("Acting as the root user, with root access keys", "Root access keys present",
		"firstrun is running on root access keys")
	run.Press("enter")
	rec := run.Finished()
	if rec.Outcome != checkpoint.Verified || rec.Resources["account_id"] != h.Env.Identity.Account ||
		rec.Resources["caller_arn"] != h.Env.Identity.ARN {
		t.Errorf("record = %+v", rec)
	}
	if n := len(h.MutatingCalls()); n != 0 {
		t.Errorf("%d mutating calls", n)
	}
}

func TestAnIdentityCenterReadFailureIsShownNotFatal(t *testing.T) {
	h := steptest.New(t, simulator.Options{})
	if err := h.Sim.Faults().Add(simulator.Fault{Target: "sso-admin:ListInstances", Kind: simulator.FaultDenied}); err != nil {
		t.Fatal(err)
	}
	run := h.RunStep("connect")
	run.WaitFor("Identity Center could not be read here", "AccessDenied")
}

// An account has one Identity Center instance across all Regions: connect finds it in
// another Region than its own, and tells an account instance from the organization's.
func TestConnectFindsIdentityCenterInAnotherRegion(t *testing.T) {
	h := steptest.New(t, simulator.Options{})
	if _, err := h.Sim.Console().EnableIdentityCenter("ap-southeast-2"); err != nil {
		t.Fatal(err)
	}
	run := h.RunStep("connect")
	run.WaitFor("Identity Center", "enabled in ap-southeast-2", "the organization's instance")
}

func TestConnectSaysWhereItLookedForIdentityCenter(t *testing.T) {
	h := steptest.New(t, simulator.Options{})
	run := h.RunStep("connect")
	run.WaitFor("not enabled in any of the 17 Regions this account uses")
}

// An account instance (made in a standalone or member account) serves applications only:
// connect says so, rather than showing it as the Identity Center the setup needs.
func TestConnectTellsAnAccountInstanceFromTheOrganizations(t *testing.T) {
	h := steptest.New(t, simulator.Options{})
	if _, err := h.Sim.Console().EnableAccountInstance("eu-west-1"); err != nil {
		t.Fatal(err)
	}
	run := h.RunStep("connect")
	run.WaitFor("enabled in eu-west-1", "an account instance")
}
