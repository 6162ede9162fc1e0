package identitycenter_test

import (
	"context"
	"slices"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/identitystore"
	idtypes "github.com/aws/aws-sdk-go-v2/service/identitystore/types"
	"github.com/aws/aws-sdk-go-v2/service/organizations"
	"github.com/aws/aws-sdk-go-v2/service/ssoadmin"

	"github.com/firstrun/firstrun/awsclient/simulator"
	"github.com/firstrun/firstrun/awsclient/simulator/simtest"
	"github.com/firstrun/firstrun/steps/checkpoint"
	"github.com/firstrun/firstrun/steps/steptest"
)

// endState is what the account holds after the chapter, read through the real SDK.
type endState struct {
	organizations  int
	instances      int
	users          []string
	groups         []string
	members        int // memberships of the first user
	permissionSets []string
	policies       []string // of the first permission set
	session        string   // of the first permission set
	assignments    int      // of the first permission set in this account
}

func readEndState(t *testing.T, h *steptest.Harness) endState {
	t.Helper()
	ctx := context.Background()
	cfg := simtest.Config(t, simtest.Backend{URL: h.Sim.URL(), Credentials: h.Sim.Credentials()}, "us-east-1")
	var s endState
	if _, err := organizations.NewFromConfig(cfg).DescribeOrganization(ctx, &organizations.DescribeOrganizationInput{}); err == nil {
		s.organizations = 1
	}
	admin := ssoadmin.NewFromConfig(cfg)
	inst, err := admin.ListInstances(ctx, &ssoadmin.ListInstancesInput{})
	if err != nil {
		t.Fatal(err)
	}
	s.instances = len(inst.Instances)
	if s.instances == 0 {
		return s
	}
	arn, store := inst.Instances[0].InstanceArn, inst.Instances[0].IdentityStoreId
	ids := identitystore.NewFromConfig(cfg)
	users, err := ids.ListUsers(ctx, &identitystore.ListUsersInput{IdentityStoreId: store})
	if err != nil {
		t.Fatal(err)
	}
	for _, u := range users.Users {
		s.users = append(s.users, aws.ToString(u.UserName))
	}
	groups, err := ids.ListGroups(ctx, &identitystore.ListGroupsInput{IdentityStoreId: store})
	if err != nil {
		t.Fatal(err)
	}
	for _, g := range groups.Groups {
		s.groups = append(s.groups, aws.ToString(g.DisplayName))
	}
	if len(users.Users) > 0 {
		m, err := ids.ListGroupMembershipsForMember(ctx, &identitystore.ListGroupMembershipsForMemberInput{
			IdentityStoreId: store, MemberId: &idtypes.MemberIdMemberUserId{Value: aws.ToString(users.Users[0].UserId)}})
		if err != nil {
			t.Fatal(err)
		}
		s.members = len(m.GroupMemberships)
	}
	sets, err := admin.ListPermissionSets(ctx, &ssoadmin.ListPermissionSetsInput{InstanceArn: arn})
	if err != nil {
		t.Fatal(err)
	}
	for _, ps := range sets.PermissionSets {
		d, err := admin.DescribePermissionSet(ctx, &ssoadmin.DescribePermissionSetInput{InstanceArn: arn, PermissionSetArn: aws.String(ps)})
		if err != nil {
			t.Fatal(err)
		}
		s.permissionSets = append(s.permissionSets, aws.ToString(d.PermissionSet.Name))
	}
	if len(sets.PermissionSets) == 0 {
		return s
	}
	first := aws.String(sets.PermissionSets[0])
	d, _ := admin.DescribePermissionSet(ctx, &ssoadmin.DescribePermissionSetInput{InstanceArn: arn, PermissionSetArn: first})
	s.session = aws.ToString(d.PermissionSet.SessionDuration)
	pol, err := admin.ListManagedPoliciesInPermissionSet(ctx, &ssoadmin.ListManagedPoliciesInPermissionSetInput{InstanceArn: arn, PermissionSetArn: first})
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range pol.AttachedManagedPolicies {
		s.policies = append(s.policies, aws.ToString(p.Name))
	}
	as, err := admin.ListAccountAssignments(ctx, &ssoadmin.ListAccountAssignmentsInput{InstanceArn: arn, PermissionSetArn: first, AccountId: aws.String(h.Sim.AccountID())})
	if err != nil {
		t.Fatal(err)
	}
	s.assignments = len(as.AccountAssignments)
	return s
}

// checkOneOfEach asserts the acceptance: one organization, one instance, one user, one
// group with that user, one AdministratorAccess permission set of PT1H, one assignment.
func checkOneOfEach(t *testing.T, s endState) {
	t.Helper()
	if s.organizations != 1 || s.instances != 1 || len(s.users) != 1 || s.users[0] != "jane.doe" ||
		len(s.groups) != 1 || s.groups[0] != "Admins" || s.members != 1 ||
		len(s.permissionSets) != 1 || s.permissionSets[0] != "AdministratorAccess" ||
		len(s.policies) != 1 || s.policies[0] != "AdministratorAccess" || s.session != "PT1H" || s.assignments != 1 {
		t.Errorf("end state %+v", s)
	}
}

func TestChapterFromANewAccount(t *testing.T) {
	h, clock := newChapterHarness(t, simulator.NewAccount)
	d := newDriver(t, h, clock)
	d.runChapter(chapter)

	want := map[string]checkpoint.Outcome{
		"organization": checkpoint.Verified, "identity-center": checkpoint.Verified, "identity-source": checkpoint.Confirmed,
		"ic-mfa": checkpoint.Confirmed, "admin-user": checkpoint.Confirmed, "admin-group": checkpoint.Verified,
		"admin-permission-set": checkpoint.Verified, "admin-assignment": checkpoint.Verified, "portal-sign-in": checkpoint.Verified,
	}
	for id, o := range outcomes(h, chapter) {
		if want[string(id)] != o {
			t.Errorf("%s: %s, want %s", id, o, want[string(id)])
		}
	}
	checkOneOfEach(t, readEndState(t, h))
	// The sign-in polled on the fast clock as AWS asks: never too soon.
	if answers := tokenAnswers(h); slices.Contains(answers, "SlowDownException") || !slices.Contains(answers, "") {
		t.Errorf("CreateToken answered %v", answers)
	}

	// A second pass through every screen finds everything in place and changes nothing
	// in the account (the sign-in check only talks to SSO OIDC).
	h.Sim.ResetCalls()
	d.runAgain(chapter)
	for _, c := range h.MutatingCalls() {
		if c.Service != "sso-oidc" {
			t.Errorf("the second run called %s:%s", c.Service, c.Operation)
		}
	}
	checkOneOfEach(t, readEndState(t, h))
}
