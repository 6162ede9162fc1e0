package audit_test

import (
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/firstrun/firstrun/audit"
	"github.com/firstrun/firstrun/awsclient/simulator"
	"github.com/firstrun/firstrun/awsclient/simulator/simtest"
	"github.com/firstrun/firstrun/steps/step"
)

// TestTwentyMemberAccountsAuditedConcurrently is issue 8's acceptance test: an audit of
// 20 member accounts, with 100 ms of latency on every call, takes far less than the sum
// of its calls, and changes nothing.
func TestTwentyMemberAccountsAuditedConcurrently(t *testing.T) {
	const members, latency = 20, 100 * time.Millisecond
	sim, mgmt, cfg := connect(t, simulator.Options{Scenario: simulator.IAMAdminCaller})
	ids := simtest.Organization(t, cfg, members)
	sim.ResetCalls()
	if err := sim.Faults().Add(simulator.Fault{Target: "*:*", Kind: simulator.FaultLatency, Latency: latency}); err != nil {
		t.Fatal(err)
	}

	start := time.Now()
	sources, err := audit.Organization(t.Context(), mgmt, "OrganizationAccountAccessRole")
	if err != nil {
		t.Fatal(err)
	}
	results := audit.Accounts(t.Context(), sources, audit.Options{Sequence: readChecks()})
	wall := time.Since(start)

	calls := sim.Calls()
	sum := time.Duration(len(calls)) * latency
	t.Logf("%d accounts, %d calls, each delayed %v: sum of the calls %v, wall time %v (%.1fx faster)",
		len(results), len(calls), latency, sum, wall.Round(time.Millisecond), float64(sum)/float64(wall))
	if wall > sum/5 {
		t.Errorf("wall time %v is not far below the sum of the calls, %v", wall, sum)
	}

	if n := simulator.CountMutating(calls); n != 0 {
		t.Errorf("the audit made %d mutating calls", n)
	}
	assumed := 0
	for _, c := range calls {
		if c.Operation == "AssumeRole" {
			assumed++
		}
	}
	if assumed != members {
		t.Errorf("%d AssumeRole calls, want one per member, %d", assumed, members)
	}

	if len(results) != members+1 {
		t.Fatalf("%d results, want the management account and %d members", len(results), members)
	}
	if r := results[0]; r.Account != mgmt.Identity.Account || r.Role != "" || r.Caller != mgmt.Identity.ARN {
		t.Errorf("the management account's result %+v", r)
	}
	for i, r := range results[1:] {
		role := "arn:aws:iam::" + ids[i] + ":role/OrganizationAccountAccessRole"
		if r.Error != "" || r.Account != ids[i] || r.Role != role || r.Name == "" ||
			r.Caller != "arn:aws:sts::"+ids[i]+":assumed-role/OrganizationAccountAccessRole/firstrun-audit" {
			t.Errorf("member %d: %+v", i, r)
			continue
		}
		// A member created by the organization: in it, without root MFA or a password policy.
		if got := statuses(r); !slices.Equal(got, []step.ControlStatus{step.Pass, step.Fail, step.Fail, step.Pass, step.Pass, step.Manual, step.NotRun}) {
			t.Errorf("member %s: %v", r.Account, got)
		}
	}
}

func TestAnUnreachableMemberIsReportedAndTheOthersAudited(t *testing.T) {
	sim, mgmt, cfg := connect(t, simulator.Options{Scenario: simulator.IAMAdminCaller})
	ids := simtest.Organization(t, cfg, 3)
	if err := sim.Faults().Add(simulator.Fault{Target: "sts:AssumeRole", Kind: simulator.FaultDenied, Times: 1}); err != nil {
		t.Fatal(err)
	}
	sources, err := audit.Organization(t.Context(), mgmt, "OrganizationAccountAccessRole")
	if err != nil {
		t.Fatal(err)
	}
	// One account at a time, so the refusal falls on the first member.
	results := audit.Accounts(t.Context(), sources, audit.Options{Sequence: readChecks(), Parallel: 1, AccountsAtOnce: 1})
	if len(results) != 4 {
		t.Fatalf("%d results", len(results))
	}
	refused := results[1]
	if refused.Account != ids[0] || len(refused.Controls) != 0 || !refused.Failed() ||
		!strings.Contains(refused.Error, "sts:AssumeRole failed: AccessDenied") {
		t.Errorf("the refused member's result %+v", refused)
	}
	for _, r := range append(results[:1:1], results[2:]...) {
		if r.Error != "" || len(r.Controls) != len(readChecks()) {
			t.Errorf("account %s was not audited: %+v", r.Account, r)
		}
	}
}

func TestRoleNameAndAnAccountOutsideAnOrganization(t *testing.T) {
	t.Run("another role", func(t *testing.T) {
		_, mgmt, cfg := connect(t, simulator.Options{Scenario: simulator.IAMAdminCaller})
		ids := simtest.Organization(t, cfg, 1)
		sources, err := audit.Organization(t.Context(), mgmt, "AuditRole")
		if err != nil {
			t.Fatal(err)
		}
		results := audit.Accounts(t.Context(), sources, audit.Options{Sequence: readChecks()})
		if r := results[1]; r.Role != "arn:aws:iam::"+ids[0]+":role/AuditRole" ||
			!strings.Contains(r.Error, "is not authorized to perform: sts:AssumeRole on resource: arn:aws:iam::"+ids[0]+":role/AuditRole") {
			t.Errorf("a member without the role: %+v", r)
		}
	})
	t.Run("no organization", func(t *testing.T) {
		_, target, _ := connect(t, simulator.Options{Scenario: simulator.NewAccount})
		_, err := audit.Organization(t.Context(), target, "OrganizationAccountAccessRole")
		if err == nil || !strings.Contains(err.Error(), "AWSOrganizationsNotInUseException") {
			t.Errorf("err = %v", err)
		}
	})
}

func statuses(r audit.Result) []step.ControlStatus {
	out := make([]step.ControlStatus, len(r.Controls))
	for i, c := range r.Controls {
		out[i] = c.Status
	}
	return out
}
