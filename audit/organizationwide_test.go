package audit_test

import (
	"context"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/accessanalyzer"
	aatypes "github.com/aws/aws-sdk-go-v2/service/accessanalyzer/types"
	"github.com/aws/aws-sdk-go-v2/service/identitystore"
	idtypes "github.com/aws/aws-sdk-go-v2/service/identitystore/types"
	"github.com/aws/aws-sdk-go-v2/service/organizations"
	"github.com/aws/aws-sdk-go-v2/service/ssoadmin"
	ssotypes "github.com/aws/aws-sdk-go-v2/service/ssoadmin/types"

	"github.com/firstrun/firstrun/answers"
	"github.com/firstrun/firstrun/audit"
	"github.com/firstrun/firstrun/awsclient/simulator"
	"github.com/firstrun/firstrun/awsclient/simulator/simtest"
	"github.com/firstrun/firstrun/steps"
	"github.com/firstrun/firstrun/steps/step"
)

// An organization's members rely on the management account's Identity Center and on its
// organization analyzer: their audit passes those controls and says where they are met.
// A member the administrators hold no access in still fails its assignment.
func TestMembersPassWhatTheManagementAccountMeetsForThem(t *testing.T) {
	sim, mgmt, cfg := connect(t, simulator.Options{Scenario: simulator.IAMAdminCaller})
	accounts := simtest.Organization(t, cfg, 4)
	members, unassigned := accounts[:3], accounts[3]
	centralAdministration(t, sim, cfg, members)

	sources, err := audit.Organization(t.Context(), mgmt, "OrganizationAccountAccessRole")
	if err != nil {
		t.Fatal(err)
	}
	results := audit.Accounts(t.Context(), sources, audit.Options{Sequence: steps.Sequence(), Answers: &answers.Answers{}})
	covered := []string{"identity-center", "admin-user", "admin-group", "admin-permission-set", "admin-assignment", "access-analyzer"}
	for _, r := range results {
		switch r.Account {
		case mgmt.Identity.Account:
			continue
		case unassigned:
			if c := control(t, r, "admin-assignment"); c.Status != step.Fail {
				t.Errorf("member %s without an assignment: admin-assignment %s %q", r.Account, c.Status, c.Detail)
			}
			if c := control(t, r, "identity-center"); c.Status != step.Pass {
				t.Errorf("member %s without an assignment: identity-center %s %q", r.Account, c.Status, c.Detail)
			}
			continue
		}
		for _, id := range covered {
			c := control(t, r, id)
			if c.Status != step.Pass || !strings.Contains(c.Detail, "Met in the management account "+mgmt.Identity.Account) {
				t.Errorf("member %s, %s: %s %q", r.Account, id, c.Status, c.Detail)
			}
		}
	}
}

// centralAdministration does in the management account what firstrun's Identity Center
// chapter does, for every member: an administrator in an Admins group, AdministratorAccess
// assigned to the group in each member, and an organization analyzer.
func centralAdministration(t *testing.T, sim *simulator.Simulator, cfg aws.Config, members []string) {
	t.Helper()
	ctx := context.Background()
	orgs := organizations.NewFromConfig(cfg)
	for _, principal := range []string{"sso.amazonaws.com", "access-analyzer.amazonaws.com"} {
		if _, err := orgs.EnableAWSServiceAccess(ctx, &organizations.EnableAWSServiceAccessInput{ServicePrincipal: aws.String(principal)}); err != nil {
			t.Fatal(err)
		}
	}
	ic, err := sim.Console().EnableIdentityCenter("us-east-1")
	if err != nil {
		t.Fatal(err)
	}
	store := identitystore.NewFromConfig(cfg)
	user, err := store.CreateUser(ctx, &identitystore.CreateUserInput{IdentityStoreId: aws.String(ic.IdentityStoreID), UserName: aws.String("jane"),
		DisplayName: aws.String("Jane Doe"), Name: &idtypes.Name{GivenName: aws.String("Jane"), FamilyName: aws.String("Doe")},
		Emails: []idtypes.Email{{Value: aws.String("jane@example.com"), Primary: true}}})
	if err != nil {
		t.Fatal(err)
	}
	group, err := store.CreateGroup(ctx, &identitystore.CreateGroupInput{IdentityStoreId: aws.String(ic.IdentityStoreID), DisplayName: aws.String("Admins")})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := store.CreateGroupMembership(ctx, &identitystore.CreateGroupMembershipInput{IdentityStoreId: aws.String(ic.IdentityStoreID),
		GroupId: group.GroupId, MemberId: &idtypes.MemberIdMemberUserId{Value: aws.ToString(user.UserId)}}); err != nil {
		t.Fatal(err)
	}
	sso := ssoadmin.NewFromConfig(cfg)
	ps, err := sso.CreatePermissionSet(ctx, &ssoadmin.CreatePermissionSetInput{InstanceArn: aws.String(ic.InstanceARN),
		Name: aws.String("AdministratorAccess"), SessionDuration: aws.String("PT1H")})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := sso.AttachManagedPolicyToPermissionSet(ctx, &ssoadmin.AttachManagedPolicyToPermissionSetInput{InstanceArn: aws.String(ic.InstanceARN),
		PermissionSetArn: ps.PermissionSet.PermissionSetArn, ManagedPolicyArn: aws.String("arn:aws:iam::aws:policy/AdministratorAccess")}); err != nil {
		t.Fatal(err)
	}
	for _, account := range members {
		if _, err := sso.CreateAccountAssignment(ctx, &ssoadmin.CreateAccountAssignmentInput{InstanceArn: aws.String(ic.InstanceARN),
			PermissionSetArn: ps.PermissionSet.PermissionSetArn, PrincipalType: ssotypes.PrincipalTypeGroup, PrincipalId: group.GroupId,
			TargetType: ssotypes.TargetTypeAwsAccount, TargetId: aws.String(account)}); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := accessanalyzer.NewFromConfig(cfg).CreateAnalyzer(ctx, &accessanalyzer.CreateAnalyzerInput{
		AnalyzerName: aws.String("organization"), Type: aatypes.TypeOrganization}); err != nil {
		t.Fatal(err)
	}
}

func control(t *testing.T, r audit.Result, id string) audit.Control {
	t.Helper()
	for _, c := range r.Controls {
		if c.ID == id {
			return c
		}
	}
	t.Fatalf("account %s has no control %s", r.Account, id)
	return audit.Control{}
}
