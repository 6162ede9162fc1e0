package simulator_test

import (
	"context"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/credentials"
	"github.com/aws/aws-sdk-go-v2/service/iam"
	iamtypes "github.com/aws/aws-sdk-go-v2/service/iam/types"
	"github.com/aws/aws-sdk-go-v2/service/identitystore"
	idtypes "github.com/aws/aws-sdk-go-v2/service/identitystore/types"
	"github.com/aws/aws-sdk-go-v2/service/ssoadmin"
	ssotypes "github.com/aws/aws-sdk-go-v2/service/ssoadmin/types"
	"github.com/aws/aws-sdk-go-v2/service/sts"
)

// The cases below cover the operations firstrun calls that moto 5.2 also implements
// and the other contract cases leave out. moto has no IAM Access Analyzer, SSO OIDC or
// access portal, no DescribePermissionSetProvisioningStatus or GetGroupMembershipId, and
// no Budgets notifications or Account contact information: the simulator's own tests
// pin those down against the service models.

func contractAccountSummary(t *testing.T, b contractBackend) {
	client := iam.NewFromConfig(b.cfg)
	ctx := context.Background()
	users := func() int32 {
		t.Helper()
		out, err := client.GetAccountSummary(ctx, &iam.GetAccountSummaryInput{})
		if err != nil {
			t.Fatal(err)
		}
		if _, ok := out.SummaryMap["AccountMFAEnabled"]; !ok {
			t.Errorf("GetAccountSummary has no AccountMFAEnabled: %v", out.SummaryMap)
		}
		return out.SummaryMap["Users"]
	}
	before := users()
	if _, err := client.CreateUser(ctx, &iam.CreateUserInput{UserName: aws.String("alice")}); err != nil {
		t.Fatal(err)
	}
	if after := users(); after != before+1 {
		t.Errorf("Users %d after one CreateUser, was %d", after, before)
	}
}

func contractUpdateLoginProfile(t *testing.T, b contractBackend) {
	client := iam.NewFromConfig(b.cfg)
	ctx := context.Background()
	if _, err := client.CreateUser(ctx, &iam.CreateUserInput{UserName: aws.String("alice")}); err != nil {
		t.Fatal(err)
	}
	_, err := client.UpdateLoginProfile(ctx, &iam.UpdateLoginProfileInput{UserName: aws.String("alice"), PasswordResetRequired: aws.Bool(true)})
	requireCode(t, err, "NoSuchEntity")
	requireStatus(t, err, 404)
	if _, err := client.CreateLoginProfile(ctx, &iam.CreateLoginProfileInput{UserName: aws.String("alice"), Password: aws.String("Correct-Horse-7-Battery")}); err != nil {
		t.Fatal(err)
	}
	if _, err := client.UpdateLoginProfile(ctx, &iam.UpdateLoginProfileInput{UserName: aws.String("alice"), Password: aws.String("Staple-9-Battery-Horse"), PasswordResetRequired: aws.Bool(true)}); err != nil {
		t.Fatal(err)
	}
	got, err := client.GetLoginProfile(ctx, &iam.GetLoginProfileInput{UserName: aws.String("alice")})
	if err != nil || (!got.LoginProfile.PasswordResetRequired && !b.motoGaps.loginProfileResetFlag) {
		t.Errorf("GetLoginProfile after UpdateLoginProfile = %+v, %v", got, err)
	}
}

func contractAccessKeys(t *testing.T, b contractBackend) {
	client := iam.NewFromConfig(b.cfg)
	ctx := context.Background()
	if _, err := client.CreateUser(ctx, &iam.CreateUserInput{UserName: aws.String("alice")}); err != nil {
		t.Fatal(err)
	}
	created, err := client.CreateAccessKey(ctx, &iam.CreateAccessKeyInput{UserName: aws.String("alice")})
	if err != nil {
		t.Fatal(err)
	}
	id := aws.ToString(created.AccessKey.AccessKeyId)
	if !regexp.MustCompile(`^AKIA[A-Z0-9]{16}$`).MatchString(id) || aws.ToString(created.AccessKey.SecretAccessKey) == "" ||
		created.AccessKey.Status != iamtypes.StatusTypeActive {
		t.Errorf("CreateAccessKey = %s %s", id, created.AccessKey.Status)
	}
	keys := func() []string {
		t.Helper()
		out, err := client.ListAccessKeys(ctx, &iam.ListAccessKeysInput{UserName: aws.String("alice")})
		if err != nil {
			t.Fatal(err)
		}
		var ids []string
		for _, k := range out.AccessKeyMetadata {
			ids = append(ids, aws.ToString(k.AccessKeyId))
		}
		return ids
	}
	if got := keys(); !slices.Equal(got, []string{id}) {
		t.Errorf("ListAccessKeys = %v, want [%s]", got, id)
	}
	if _, err := client.DeleteAccessKey(ctx, &iam.DeleteAccessKeyInput{UserName: aws.String("alice"), AccessKeyId: aws.String(id)}); err != nil {
		t.Fatal(err)
	}
	if got := keys(); len(got) != 0 {
		t.Errorf("ListAccessKeys after DeleteAccessKey = %v", got)
	}
	_, err = client.DeleteAccessKey(ctx, &iam.DeleteAccessKeyInput{UserName: aws.String("alice"), AccessKeyId: aws.String(id)})
	requireCode(t, err, "NoSuchEntity")
	requireStatus(t, err, 404)
}

func contractAssumeRole(t *testing.T, b contractBackend) {
	ctx := context.Background()
	who, err := sts.NewFromConfig(b.cfg).GetCallerIdentity(ctx, &sts.GetCallerIdentityInput{})
	if err != nil {
		t.Fatal(err)
	}
	account := aws.ToString(who.Account)
	client := iam.NewFromConfig(b.cfg)
	trust := `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::` + account + `:root"},"Action":"sts:AssumeRole"}]}`
	role, err := client.CreateRole(ctx, &iam.CreateRoleInput{RoleName: aws.String("Billing"), AssumeRolePolicyDocument: aws.String(trust)})
	if err != nil {
		t.Fatal(err)
	}
	if strings.HasSuffix(aws.ToString(who.Arn), ":root") {
		// AWS refuses AssumeRole to the root user; moto's caller is an IAM user.
		_, err := sts.NewFromConfig(b.cfg).AssumeRole(ctx, &sts.AssumeRoleInput{RoleArn: role.Role.Arn, RoleSessionName: aws.String("firstrun")})
		requireCode(t, err, "AccessDenied")
	}
	// An IAM user allowed to assume it, as the billing role's users are.
	if _, err := client.CreateUser(ctx, &iam.CreateUserInput{UserName: aws.String("alice")}); err != nil {
		t.Fatal(err)
	}
	allow := `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"sts:AssumeRole","Resource":"*"}]}`
	if _, err := client.PutUserPolicy(ctx, &iam.PutUserPolicyInput{UserName: aws.String("alice"), PolicyName: aws.String("Assume"), PolicyDocument: aws.String(allow)}); err != nil {
		t.Fatal(err)
	}
	key, err := client.CreateAccessKey(ctx, &iam.CreateAccessKeyInput{UserName: aws.String("alice")})
	if err != nil {
		t.Fatal(err)
	}
	alice := b.cfg.Copy()
	alice.Credentials = credentials.NewStaticCredentialsProvider(aws.ToString(key.AccessKey.AccessKeyId), aws.ToString(key.AccessKey.SecretAccessKey), "")
	out, err := sts.NewFromConfig(alice).AssumeRole(ctx, &sts.AssumeRoleInput{RoleArn: role.Role.Arn, RoleSessionName: aws.String("firstrun")})
	if err != nil {
		t.Fatal(err)
	}
	if c := out.Credentials; c == nil || aws.ToString(c.AccessKeyId) == "" || aws.ToString(c.SessionToken) == "" || c.Expiration == nil || !c.Expiration.After(time.Now()) {
		t.Errorf("AssumeRole credentials = %+v", out.Credentials)
	}
	if got, want := aws.ToString(out.AssumedRoleUser.Arn), "arn:aws:sts::"+account+":assumed-role/Billing/firstrun"; got != want {
		t.Errorf("AssumedRoleUser %s, want %s", got, want)
	}
}

// contractStoreListings: the listings and DescribeGroup that the audit and the admin
// group step read.
func contractStoreListings(t *testing.T, b icBackend) {
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
	if _, err := client.CreateGroupMembership(ctx, &identitystore.CreateGroupMembershipInput{IdentityStoreId: store, GroupId: group.GroupId,
		MemberId: &idtypes.MemberIdMemberUserId{Value: aws.ToString(user.UserId)}}); err != nil {
		t.Fatal(err)
	}
	users, err := client.ListUsers(ctx, &identitystore.ListUsersInput{IdentityStoreId: store})
	if err != nil || len(users.Users) != 1 || aws.ToString(users.Users[0].UserName) != "jane" {
		t.Errorf("ListUsers = %+v, %v", users, err)
	}
	groups, err := client.ListGroups(ctx, &identitystore.ListGroupsInput{IdentityStoreId: store})
	if err != nil || len(groups.Groups) != 1 || aws.ToString(groups.Groups[0].DisplayName) != "Admins" {
		t.Errorf("ListGroups = %+v, %v", groups, err)
	}
	desc, err := client.DescribeGroup(ctx, &identitystore.DescribeGroupInput{IdentityStoreId: store, GroupId: group.GroupId})
	if err != nil || aws.ToString(desc.DisplayName) != "Admins" || aws.ToString(desc.GroupId) != aws.ToString(group.GroupId) {
		t.Errorf("DescribeGroup = %+v, %v", desc, err)
	}
	members, err := client.ListGroupMemberships(ctx, &identitystore.ListGroupMembershipsInput{IdentityStoreId: store, GroupId: group.GroupId})
	if err != nil || len(members.GroupMemberships) != 1 {
		t.Fatalf("ListGroupMemberships = %+v, %v", members, err)
	}
	if m, ok := members.GroupMemberships[0].MemberId.(*idtypes.MemberIdMemberUserId); !ok || m.Value != aws.ToString(user.UserId) {
		t.Errorf("ListGroupMemberships member = %#v", members.GroupMemberships[0].MemberId)
	}
}

// contractProvisioning: a permission set's session duration changed, then provisioned
// again to the accounts it is assigned in (moto lists an account as provisioned only
// after ProvisionPermissionSet; AWS already after the assignment).
func contractProvisioning(t *testing.T, b icBackend) {
	client := ssoadmin.NewFromConfig(b.cfg)
	ctx := context.Background()
	inst := aws.String(b.instanceARN)
	ps, err := client.CreatePermissionSet(ctx, &ssoadmin.CreatePermissionSetInput{
		InstanceArn: inst, Name: aws.String("DailyAccess"), SessionDuration: aws.String("PT8H")})
	if err != nil {
		t.Fatal(err)
	}
	arn := ps.PermissionSet.PermissionSetArn
	if _, err := client.UpdatePermissionSet(ctx, &ssoadmin.UpdatePermissionSetInput{InstanceArn: inst, PermissionSetArn: arn, SessionDuration: aws.String("PT1H")}); err != nil {
		t.Fatal(err)
	}
	desc, err := client.DescribePermissionSet(ctx, &ssoadmin.DescribePermissionSetInput{InstanceArn: inst, PermissionSetArn: arn})
	if err != nil || aws.ToString(desc.PermissionSet.SessionDuration) != "PT1H" {
		t.Errorf("DescribePermissionSet after UpdatePermissionSet = %+v, %v", desc, err)
	}
	group, err := identitystore.NewFromConfig(b.cfg).CreateGroup(ctx, &identitystore.CreateGroupInput{
		IdentityStoreId: aws.String(b.identityStoreID), DisplayName: aws.String("Everyone")})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := client.CreateAccountAssignment(ctx, &ssoadmin.CreateAccountAssignmentInput{
		InstanceArn: inst, PermissionSetArn: arn, PrincipalType: ssotypes.PrincipalTypeGroup, PrincipalId: group.GroupId,
		TargetType: ssotypes.TargetTypeAwsAccount, TargetId: aws.String(b.account)}); err != nil {
		t.Fatal(err)
	}
	prov, err := client.ProvisionPermissionSet(ctx, &ssoadmin.ProvisionPermissionSetInput{InstanceArn: inst, PermissionSetArn: arn,
		TargetType: ssotypes.ProvisionTargetTypeAllProvisionedAccounts})
	if err != nil {
		t.Fatal(err)
	}
	if s := prov.PermissionSetProvisioningStatus; s == nil || aws.ToString(s.RequestId) == "" || aws.ToString(s.PermissionSetArn) != aws.ToString(arn) ||
		s.Status == "" || s.Status == ssotypes.StatusValuesFailed {
		t.Errorf("ProvisionPermissionSet = %+v", prov.PermissionSetProvisioningStatus)
	}
	deadline := time.Now().Add(10 * time.Second)
	var accounts []string
	for len(accounts) == 0 && time.Now().Before(deadline) {
		out, err := client.ListAccountsForProvisionedPermissionSet(ctx, &ssoadmin.ListAccountsForProvisionedPermissionSetInput{InstanceArn: inst, PermissionSetArn: arn})
		if err != nil {
			t.Fatal(err)
		}
		accounts = out.AccountIds
	}
	if !slices.Equal(accounts, []string{b.account}) {
		t.Errorf("ListAccountsForProvisionedPermissionSet = %v, want [%s]", accounts, b.account)
	}
}
