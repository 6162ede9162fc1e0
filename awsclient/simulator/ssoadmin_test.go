package simulator_test

import (
	"context"
	"regexp"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/organizations"
	"github.com/aws/aws-sdk-go-v2/service/ssoadmin"
	"github.com/aws/aws-sdk-go-v2/service/ssoadmin/types"

	"github.com/firstrun/firstrun/awsclient/simulator"
)

// listInstances calls ListInstances in a Region.
func listInstances(t *testing.T, cfg aws.Config, region string) []types.InstanceMetadata {
	t.Helper()
	client := ssoadmin.NewFromConfig(cfg, func(o *ssoadmin.Options) { o.Region = region })
	var all []types.InstanceMetadata
	p := ssoadmin.NewListInstancesPaginator(client, &ssoadmin.ListInstancesInput{})
	for p.HasMorePages() {
		out, err := p.NextPage(context.Background())
		if err != nil {
			t.Fatal(err)
		}
		all = append(all, out.Instances...)
	}
	return all
}

func TestListInstancesIsRegional(t *testing.T) {
	sim, cfg := start(t, simulator.Options{Scenario: simulator.HalfSetUp, HomeRegion: "eu-west-1"})
	if got := listInstances(t, cfg, "us-east-1"); len(got) != 0 {
		t.Errorf("us-east-1 has %d instances, want none", len(got))
	}
	got := listInstances(t, cfg, "eu-west-1")
	if len(got) != 1 {
		t.Fatalf("eu-west-1 has %d instances, want 1", len(got))
	}
	inst := got[0]
	if !regexp.MustCompile(`^arn:aws:sso:::instance/ssoins-[0-9a-f]{16}$`).MatchString(aws.ToString(inst.InstanceArn)) ||
		!regexp.MustCompile(`^d-[0-9a-f]{10}$`).MatchString(aws.ToString(inst.IdentityStoreId)) ||
		aws.ToString(inst.OwnerAccountId) != sim.AccountID() || inst.Status != types.InstanceStatusActive || inst.CreatedDate == nil {
		t.Errorf("instance %+v", inst)
	}
	for _, c := range sim.Calls() {
		if c.Operation == "ListInstances" && c.Service != "sso-admin" {
			t.Errorf("ListInstances logged as service %q", c.Service)
		}
	}
}

func TestConsoleEnableIdentityCenter(t *testing.T) {
	sim, cfg := start(t, simulator.Options{})
	if got := listInstances(t, cfg, "eu-central-1"); len(got) != 0 {
		t.Fatalf("a new account has %d instances", len(got))
	}

	ic, err := sim.Console().EnableIdentityCenter("eu-central-1")
	if err != nil {
		t.Fatal(err)
	}
	got := listInstances(t, cfg, "eu-central-1")
	if len(got) != 1 || aws.ToString(got[0].InstanceArn) != ic.InstanceARN || aws.ToString(got[0].IdentityStoreId) != ic.IdentityStoreID {
		t.Errorf("after enabling: %+v, console said %+v", got, ic)
	}
	// As in the console, enabling Identity Center created the organization.
	org, err := organizations.NewFromConfig(cfg).DescribeOrganization(context.Background(), &organizations.DescribeOrganizationInput{})
	if err != nil {
		t.Fatal(err)
	}
	if org.Organization.FeatureSet != "ALL" {
		t.Errorf("feature set %s", org.Organization.FeatureSet)
	}

	again, err := sim.Console().EnableIdentityCenter("eu-central-1")
	if err != nil || again != ic {
		t.Errorf("enabling again in the same Region: %+v, %v", again, err)
	}
	if _, err := sim.Console().EnableIdentityCenter("us-west-2"); err == nil {
		t.Error("enabled a second instance in another Region")
	}

	var console []simulator.Call
	for _, c := range sim.Calls() {
		if c.Service == "console" {
			console = append(console, c)
		}
	}
	if len(console) != 3 || console[0].Operation != "EnableIdentityCenter" || !console[0].Mutating ||
		console[0].Region != "eu-central-1" || console[0].ErrorCode != "" || console[2].ErrorCode == "" {
		t.Errorf("console calls %+v", console)
	}
}

func TestConsoleEnableIdentityCenterInMemberAccount(t *testing.T) {
	sim, _ := start(t, simulator.Options{Scenario: simulator.ExistingOrganization})
	if _, err := sim.Console().EnableIdentityCenter("us-east-1"); err == nil {
		t.Error("a member account enabled the organization instance")
	}
}

func TestListInstancesBadToken(t *testing.T) {
	_, cfg := start(t, simulator.Options{})
	_, err := ssoadmin.NewFromConfig(cfg).ListInstances(context.Background(), &ssoadmin.ListInstancesInput{NextToken: aws.String("bogus")})
	requireCode(t, err, "ValidationException")
	requireType[*types.ValidationException](t, err)
}

// An account instance, as a standalone or member account may have one: AWS refuses it in
// a management account, allows one instance per account, and ListInstances shows it
// owned by the account, not by any management account.
func TestConsoleEnableAccountInstance(t *testing.T) {
	t.Run("standalone", func(t *testing.T) {
		sim, cfg := start(t, simulator.Options{})
		ic, err := sim.Console().EnableAccountInstance("eu-west-1")
		if err != nil {
			t.Fatal(err)
		}
		got := listInstances(t, cfg, "eu-west-1")
		if len(got) != 1 || aws.ToString(got[0].InstanceArn) != ic.InstanceARN || aws.ToString(got[0].OwnerAccountId) != sim.AccountID() {
			t.Errorf("instances %+v, console said %+v", got, ic)
		}
		_, err = organizations.NewFromConfig(cfg).DescribeOrganization(context.Background(), &organizations.DescribeOrganizationInput{})
		requireCode(t, err, "AWSOrganizationsNotInUseException")
		if _, err := sim.Console().EnableAccountInstance("us-east-1"); err == nil {
			t.Error("a second instance in another Region")
		}
		if _, err := sim.Console().EnableIdentityCenter("eu-west-1"); err == nil {
			t.Error("enabled the organization instance over an account instance")
		}
	})
	t.Run("member", func(t *testing.T) {
		sim, cfg := start(t, simulator.Options{Scenario: simulator.ExistingOrganization})
		if _, err := sim.Console().EnableAccountInstance("us-east-1"); err != nil {
			t.Fatal(err)
		}
		got := listInstances(t, cfg, "us-east-1")
		if len(got) != 1 || aws.ToString(got[0].OwnerAccountId) != sim.AccountID() {
			t.Errorf("instances %+v", got)
		}
	})
	t.Run("management account", func(t *testing.T) {
		sim, _ := start(t, simulator.Options{Scenario: simulator.HalfSetUp})
		if _, err := sim.Console().EnableAccountInstance("us-west-2"); err == nil {
			t.Error("a management account got an account instance")
		}
	})
}
