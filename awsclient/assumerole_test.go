package awsclient_test

import (
	"testing"

	"github.com/firstrun/firstrun/awsclient"
	"github.com/firstrun/firstrun/awsclient/simulator"
	"github.com/firstrun/firstrun/awsclient/simulator/simtest"
)

func TestListAccountsReadsEveryPageAndAssumeRoleReachesEachMember(t *testing.T) {
	sim, b := simtest.Start(t, simulator.Options{Scenario: simulator.IAMAdminCaller})
	cfg := simtest.Config(t, b, "us-east-1")
	members := simtest.Organization(t, cfg, 23) // ListAccounts answers 20 at most per page
	mgmt := awsclient.NewClients(cfg)
	sim.ResetCalls()

	accounts, err := awsclient.ListAccounts(t.Context(), mgmt.Organizations)
	if err != nil {
		t.Fatal(err)
	}
	if len(accounts) != len(members)+1 || accounts[0].ID != sim.AccountID() {
		t.Fatalf("%d accounts, the first %+v", len(accounts), accounts[0])
	}
	for i, a := range accounts[1:] {
		if a.ID != members[i] || a.Name == "" || a.Email == "" || !a.Active() {
			t.Errorf("account %d: %+v", i+1, a)
		}
	}
	if pages := len(sim.Calls()); pages != 2 {
		t.Errorf("%d ListAccounts calls, want 2 pages", pages)
	}

	me, err := mgmt.WhoAmI(t.Context())
	if err != nil {
		t.Fatal(err)
	}
	role := awsclient.RoleARN(me.Partition(), members[4], "OrganizationAccountAccessRole")
	if role != "arn:aws:iam::"+members[4]+":role/OrganizationAccountAccessRole" {
		t.Errorf("role ARN %s", role)
	}
	sim.ResetCalls()
	member := mgmt.AssumeRole(role, "firstrun-test")
	if calls := sim.Calls(); len(calls) != 0 {
		t.Errorf("AssumeRole called AWS before the first use: %+v", calls)
	}
	who, err := member.WhoAmI(t.Context())
	if err != nil {
		t.Fatal(err)
	}
	if who.Account != members[4] || who.ARN != "arn:aws:sts::"+members[4]+":assumed-role/OrganizationAccountAccessRole/firstrun-test" ||
		who.LongTermKeys || who.Region != "us-east-1" {
		t.Errorf("identity in the member: %+v", who)
	}
	if _, err := member.WhoAmI(t.Context()); err != nil {
		t.Fatal(err)
	}
	assumed := 0
	for _, c := range sim.Calls() {
		if c.Operation == "AssumeRole" {
			assumed++
		}
	}
	if assumed != 1 {
		t.Errorf("the role was assumed %d times for two calls, want once", assumed)
	}

	_, err = mgmt.AssumeRole(awsclient.RoleARN("aws", members[4], "NoSuchRole"), "firstrun-test").WhoAmI(t.Context())
	if p := awsclient.Explain(err); p.Operation != "sts:AssumeRole" || p.Code != "AccessDenied" {
		t.Errorf("a role that does not exist: %+v", p)
	}
}

func TestPartition(t *testing.T) {
	for arn, want := range map[string]string{
		"arn:aws:iam::111122223333:user/admin":                     "aws",
		"arn:aws-us-gov:sts::111122223333:assumed-role/Admin/alex": "aws-us-gov",
		"arn:aws-cn:iam::111122223333:root":                        "aws-cn",
		"":                                                         "aws",
	} {
		if got := (awsclient.Identity{ARN: arn}).Partition(); got != want {
			t.Errorf("Partition of %q = %q, want %q", arn, got, want)
		}
	}
}

// ARNs follow the caller's partition: GovCloud and China ARNs are not "arn:aws:".
func TestARNsFollowThePartition(t *testing.T) {
	gov := awsclient.Identity{ARN: "arn:aws-us-gov:iam::123456789012:root"}
	for got, want := range map[string]string{
		awsclient.RoleARN(gov.Partition(), "123456789012", "Billing"):            "arn:aws-us-gov:iam::123456789012:role/Billing",
		awsclient.ManagedPolicyARN(gov.Partition(), "AdministratorAccess"):       "arn:aws-us-gov:iam::aws:policy/AdministratorAccess",
		awsclient.ManagedPolicyARN("aws-cn", "job-function/Billing"):             "arn:aws-cn:iam::aws:policy/job-function/Billing",
		awsclient.ARN("aws", "budgets", "123456789012", "budget/Monthly"):        "arn:aws:budgets::123456789012:budget/Monthly",
		awsclient.RoleARN(awsclient.Identity{}.Partition(), "123456789012", "R"): "arn:aws:iam::123456789012:role/R",
	} {
		if got != want {
			t.Errorf("%s, want %s", got, want)
		}
	}
}
