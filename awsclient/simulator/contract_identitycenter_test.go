package simulator_test

import (
	"context"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/identitystore"
	idtypes "github.com/aws/aws-sdk-go-v2/service/identitystore/types"
	"github.com/aws/aws-sdk-go-v2/service/organizations"
	"github.com/aws/aws-sdk-go-v2/service/ssoadmin"
	ssotypes "github.com/aws/aws-sdk-go-v2/service/ssoadmin/types"

	"github.com/firstrun/firstrun/awsclient/simulator"
	"github.com/firstrun/firstrun/awsclient/simulator/simtest"
)

// icBackend is an Identity Center instance on one backend under the
// contract.
type icBackend struct {
	cfg             aws.Config
	instanceARN     string
	identityStoreID string
	account         string
}

// TestContractIdentityCenter runs the Identity Center operations firstrun
// uses against the simulator and moto_server: both must agree with AWS on
// shapes and error codes.
func TestContractIdentityCenter(t *testing.T) {
	cases := []struct {
		name string
		run  func(*testing.T, icBackend)
	}{
		{"identitystore users", contractStoreUsers},
		{"identitystore groups", contractStoreGroups},
		{"sso-admin permission sets", contractPermissionSets},
		{"sso-admin account assignment", contractAccountAssignment},
		{"identitystore listings", contractStoreListings},
		{"sso-admin provisioning", contractProvisioning},
	}
	t.Run("simulator", func(t *testing.T) {
		for _, c := range cases {
			t.Run(c.name, func(t *testing.T) {
				sim, b := simtest.Start(t, simulator.Options{})
				ic, err := sim.Console().EnableIdentityCenter("us-east-1")
				if err != nil {
					t.Fatal(err)
				}
				c.run(t, icBackend{cfg: simtest.Config(t, b, "us-east-1"), instanceARN: ic.InstanceARN,
					identityStoreID: ic.IdentityStoreID, account: sim.AccountID()})
			})
		}
	})
	t.Run("moto", func(t *testing.T) {
		moto := simtest.StartMoto(t)
		for _, c := range cases {
			t.Run(c.name, func(t *testing.T) {
				moto.Reset(t)
				cfg := simtest.Config(t, moto.Backend, "us-east-1")
				// moto has an instance from the start; AWS needs the console.
				inst := listInstances(t, cfg, "us-east-1")[0]
				org, err := organizations.NewFromConfig(cfg).CreateOrganization(context.Background(), &organizations.CreateOrganizationInput{})
				if err != nil {
					t.Fatal(err)
				}
				c.run(t, icBackend{cfg: cfg, instanceARN: aws.ToString(inst.InstanceArn),
					identityStoreID: aws.ToString(inst.IdentityStoreId), account: aws.ToString(org.Organization.MasterAccountId)})
			})
		}
	})
}

func contractStoreUsers(t *testing.T, b icBackend) {
	client := identitystore.NewFromConfig(b.cfg)
	ctx := context.Background()
	store := aws.String(b.identityStoreID)
	_, err := client.GetUserId(ctx, &identitystore.GetUserIdInput{IdentityStoreId: store, AlternateIdentifier: byUserName("jane")})
	requireCode(t, err, "ResourceNotFoundException")

	created, err := client.CreateUser(ctx, newUserInput(b.identityStoreID, "jane"))
	if err != nil {
		t.Fatal(err)
	}
	got, err := client.GetUserId(ctx, &identitystore.GetUserIdInput{IdentityStoreId: store, AlternateIdentifier: byUserName("jane")})
	if err != nil || aws.ToString(got.UserId) != aws.ToString(created.UserId) {
		t.Fatalf("GetUserId = %v, %v", got, err)
	}
	u, err := client.DescribeUser(ctx, &identitystore.DescribeUserInput{IdentityStoreId: store, UserId: created.UserId})
	if err != nil {
		t.Fatal(err)
	}
	if aws.ToString(u.UserName) != "jane" || aws.ToString(u.DisplayName) != "Jane Doe" || aws.ToString(u.Name.FamilyName) != "Doe" ||
		len(u.Emails) != 1 || aws.ToString(u.Emails[0].Value) != "jane@example.com" {
		t.Errorf("DescribeUser = %+v", u)
	}
	_, err = client.CreateUser(ctx, newUserInput(b.identityStoreID, "jane"))
	requireCode(t, err, "ConflictException")
	_, err = client.DescribeUser(ctx, &identitystore.DescribeUserInput{IdentityStoreId: store, UserId: aws.String("90677c7b8d-00000000-0000-0000-0000-000000000000")})
	requireCode(t, err, "ResourceNotFoundException")
}

func contractStoreGroups(t *testing.T, b icBackend) {
	client := identitystore.NewFromConfig(b.cfg)
	ctx := context.Background()
	store := aws.String(b.identityStoreID)
	user, err := client.CreateUser(ctx, newUserInput(b.identityStoreID, "jane"))
	if err != nil {
		t.Fatal(err)
	}
	group, err := client.CreateGroup(ctx, &identitystore.CreateGroupInput{IdentityStoreId: store, DisplayName: aws.String("Admins")})
	if err != nil {
		t.Fatal(err)
	}
	found, err := client.GetGroupId(ctx, &identitystore.GetGroupIdInput{IdentityStoreId: store, AlternateIdentifier: byDisplayName("Admins")})
	if err != nil || aws.ToString(found.GroupId) != aws.ToString(group.GroupId) {
		t.Fatalf("GetGroupId = %v, %v", found, err)
	}
	_, err = client.CreateGroup(ctx, &identitystore.CreateGroupInput{IdentityStoreId: store, DisplayName: aws.String("Admins")})
	requireCode(t, err, "ConflictException")

	member := &idtypes.MemberIdMemberUserId{Value: aws.ToString(user.UserId)}
	m, err := client.CreateGroupMembership(ctx, &identitystore.CreateGroupMembershipInput{IdentityStoreId: store, GroupId: group.GroupId, MemberId: member})
	if err != nil {
		t.Fatal(err)
	}
	list, err := client.ListGroupMembershipsForMember(ctx, &identitystore.ListGroupMembershipsForMemberInput{IdentityStoreId: store, MemberId: member})
	if err != nil {
		t.Fatal(err)
	}
	if len(list.GroupMemberships) != 1 || aws.ToString(list.GroupMemberships[0].MembershipId) != aws.ToString(m.MembershipId) ||
		aws.ToString(list.GroupMemberships[0].GroupId) != aws.ToString(group.GroupId) {
		t.Errorf("ListGroupMembershipsForMember = %+v", list.GroupMemberships)
	}
}

func contractPermissionSets(t *testing.T, b icBackend) {
	client := ssoadmin.NewFromConfig(b.cfg)
	ctx := context.Background()
	inst := aws.String(b.instanceARN)
	created, err := client.CreatePermissionSet(ctx, &ssoadmin.CreatePermissionSetInput{
		InstanceArn: inst, Name: aws.String("AdministratorAccess"), SessionDuration: aws.String("PT1H")})
	if err != nil {
		t.Fatal(err)
	}
	arn := created.PermissionSet.PermissionSetArn
	desc, err := client.DescribePermissionSet(ctx, &ssoadmin.DescribePermissionSetInput{InstanceArn: inst, PermissionSetArn: arn})
	if err != nil || aws.ToString(desc.PermissionSet.Name) != "AdministratorAccess" || aws.ToString(desc.PermissionSet.SessionDuration) != "PT1H" {
		t.Fatalf("DescribePermissionSet = %+v, %v", desc, err)
	}
	list, err := client.ListPermissionSets(ctx, &ssoadmin.ListPermissionSetsInput{InstanceArn: inst})
	if err != nil || len(list.PermissionSets) != 1 || list.PermissionSets[0] != aws.ToString(arn) {
		t.Fatalf("ListPermissionSets = %+v, %v", list, err)
	}
	if _, err := client.AttachManagedPolicyToPermissionSet(ctx, &ssoadmin.AttachManagedPolicyToPermissionSetInput{
		InstanceArn: inst, PermissionSetArn: arn, ManagedPolicyArn: aws.String(adminPolicy)}); err != nil {
		t.Fatal(err)
	}
	policies, err := client.ListManagedPoliciesInPermissionSet(ctx, &ssoadmin.ListManagedPoliciesInPermissionSetInput{InstanceArn: inst, PermissionSetArn: arn})
	if err != nil || len(policies.AttachedManagedPolicies) != 1 || aws.ToString(policies.AttachedManagedPolicies[0].Arn) != adminPolicy ||
		aws.ToString(policies.AttachedManagedPolicies[0].Name) != "AdministratorAccess" {
		t.Errorf("ListManagedPoliciesInPermissionSet = %+v, %v", policies, err)
	}
	_, err = client.DescribePermissionSet(ctx, &ssoadmin.DescribePermissionSetInput{InstanceArn: inst, PermissionSetArn: aws.String(aws.ToString(arn) + "0")})
	requireCode(t, err, "ResourceNotFoundException")
}

func contractAccountAssignment(t *testing.T, b icBackend) {
	client := ssoadmin.NewFromConfig(b.cfg)
	ids := identitystore.NewFromConfig(b.cfg)
	ctx := context.Background()
	inst := aws.String(b.instanceARN)
	group, err := ids.CreateGroup(ctx, &identitystore.CreateGroupInput{IdentityStoreId: aws.String(b.identityStoreID), DisplayName: aws.String("Admins")})
	if err != nil {
		t.Fatal(err)
	}
	// firstrun always names the session duration; moto 5.2 answers a
	// permission set created without one with the number 3600, which the
	// model's Duration string can't hold.
	ps, err := client.CreatePermissionSet(ctx, &ssoadmin.CreatePermissionSetInput{
		InstanceArn: inst, Name: aws.String("AdministratorAccess"), SessionDuration: aws.String("PT1H")})
	if err != nil {
		t.Fatal(err)
	}
	arn := ps.PermissionSet.PermissionSetArn
	created, err := client.CreateAccountAssignment(ctx, &ssoadmin.CreateAccountAssignmentInput{
		InstanceArn: inst, PermissionSetArn: arn, PrincipalType: ssotypes.PrincipalTypeGroup, PrincipalId: group.GroupId,
		TargetType: ssotypes.TargetTypeAwsAccount, TargetId: aws.String(b.account)})
	if err != nil {
		t.Fatal(err)
	}
	status := created.AccountAssignmentCreationStatus
	deadline := time.Now().Add(10 * time.Second)
	for status.Status == ssotypes.StatusValuesInProgress && time.Now().Before(deadline) {
		out, err := client.DescribeAccountAssignmentCreationStatus(ctx, &ssoadmin.DescribeAccountAssignmentCreationStatusInput{
			InstanceArn: inst, AccountAssignmentCreationRequestId: status.RequestId})
		if err != nil {
			t.Fatal(err)
		}
		status = out.AccountAssignmentCreationStatus
	}
	if status.Status != ssotypes.StatusValuesSucceeded {
		t.Fatalf("assignment ended %+v", status)
	}
	list, err := client.ListAccountAssignments(ctx, &ssoadmin.ListAccountAssignmentsInput{InstanceArn: inst, PermissionSetArn: arn, AccountId: aws.String(b.account)})
	if err != nil || len(list.AccountAssignments) != 1 || aws.ToString(list.AccountAssignments[0].PrincipalId) != aws.ToString(group.GroupId) {
		t.Errorf("ListAccountAssignments = %+v, %v", list, err)
	}
}
