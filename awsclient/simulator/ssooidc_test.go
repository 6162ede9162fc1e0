package simulator_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/identitystore"
	idtypes "github.com/aws/aws-sdk-go-v2/service/identitystore/types"
	"github.com/aws/aws-sdk-go-v2/service/sso"
	ssotypes "github.com/aws/aws-sdk-go-v2/service/sso/types"
	"github.com/aws/aws-sdk-go-v2/service/ssoadmin"
	admintypes "github.com/aws/aws-sdk-go-v2/service/ssoadmin/types"
	"github.com/aws/aws-sdk-go-v2/service/ssooidc"
	"github.com/aws/aws-sdk-go-v2/service/ssooidc/types"
)

const deviceGrant = "urn:ietf:params:oauth:grant-type:device_code"

// signInWorld is assignmentWorld with a user "jane" in the Admins group,
// assigned, and the device-flow clients.
type signInWorld struct {
	assignmentWorld
	oidc     *ssooidc.Client
	portal   *sso.Client
	startURL string
}

func newSignInWorld(t *testing.T) signInWorld {
	t.Helper()
	w := newAssignmentWorld(t)
	ctx := context.Background()
	cfg := w.cfg
	ids := identitystore.NewFromConfig(cfg)
	store := storeOf(t, w.client, w.inst)
	user, err := ids.CreateUser(ctx, newUserInput(store, "jane"))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := ids.CreateGroupMembership(ctx, &identitystore.CreateGroupMembershipInput{
		IdentityStoreId: aws.String(store), GroupId: aws.String(w.groupID), MemberId: &idtypes.MemberIdMemberUserId{Value: aws.ToString(user.UserId)}}); err != nil {
		t.Fatal(err)
	}
	w.assign(t)
	w.clock.Advance(10 * time.Second)
	return signInWorld{assignmentWorld: w, oidc: ssooidc.NewFromConfig(cfg), portal: sso.NewFromConfig(cfg),
		startURL: "https://" + store + ".awsapps.com/start"}
}

func storeOf(t *testing.T, client *ssoadmin.Client, inst string) string {
	t.Helper()
	out, err := client.ListInstances(context.Background(), &ssoadmin.ListInstancesInput{})
	if err != nil {
		t.Fatal(err)
	}
	for _, i := range out.Instances {
		if aws.ToString(i.InstanceArn) == inst {
			return aws.ToString(i.IdentityStoreId)
		}
	}
	t.Fatalf("no instance %s", inst)
	return ""
}

func (w signInWorld) startDevice(t *testing.T) (*ssooidc.RegisterClientOutput, *ssooidc.StartDeviceAuthorizationOutput) {
	t.Helper()
	ctx := context.Background()
	client, err := w.oidc.RegisterClient(ctx, &ssooidc.RegisterClientInput{ClientName: aws.String("firstrun"), ClientType: aws.String("public")})
	if err != nil {
		t.Fatal(err)
	}
	dev, err := w.oidc.StartDeviceAuthorization(ctx, &ssooidc.StartDeviceAuthorizationInput{
		ClientId: client.ClientId, ClientSecret: client.ClientSecret, StartUrl: aws.String(w.startURL)})
	if err != nil {
		t.Fatal(err)
	}
	return client, dev
}

func (w signInWorld) token(c *ssooidc.RegisterClientOutput, d *ssooidc.StartDeviceAuthorizationOutput) (*ssooidc.CreateTokenOutput, error) {
	return w.oidc.CreateToken(context.Background(), &ssooidc.CreateTokenInput{
		ClientId: c.ClientId, ClientSecret: c.ClientSecret, GrantType: aws.String(deviceGrant), DeviceCode: d.DeviceCode})
}

func TestDeviceFlowStates(t *testing.T) {
	w := newSignInWorld(t)
	client, dev := w.startDevice(t)
	if dev.Interval != 1 || dev.ExpiresIn != 600 || !strings.HasPrefix(aws.ToString(dev.VerificationUri), "https://device.sso.us-east-1.amazonaws.com/") ||
		aws.ToString(dev.VerificationUriComplete) != aws.ToString(dev.VerificationUri)+"?user_code="+aws.ToString(dev.UserCode) {
		t.Errorf("StartDeviceAuthorization = %+v", dev)
	}

	_, err := w.token(client, dev)
	requireCode(t, err, "AuthorizationPendingException")
	requireType[*types.AuthorizationPendingException](t, err)
	requireStatus(t, err, 400)

	// Polling again at once is too soon: slow down, and the interval grows by
	// five seconds, so a poll a second later is still too soon.
	_, err = w.token(client, dev)
	requireType[*types.SlowDownException](t, err)
	w.clock.Advance(time.Second)
	_, err = w.token(client, dev)
	requireType[*types.SlowDownException](t, err)
	w.clock.Advance(11 * time.Second)
	_, err = w.token(client, dev)
	requireType[*types.AuthorizationPendingException](t, err)

	if err := w.sim.Console().ApproveDeviceSignIn("us-east-1", "jane"); err != nil {
		t.Fatal(err)
	}
	w.clock.Advance(11 * time.Second)
	tok, err := w.token(client, dev)
	if err != nil {
		t.Fatal(err)
	}
	if aws.ToString(tok.TokenType) != "Bearer" || tok.ExpiresIn != 8*3600 || aws.ToString(tok.AccessToken) == "" {
		t.Errorf("CreateToken = %+v", tok)
	}
	w.clock.Advance(11 * time.Second)
	_, err = w.token(client, dev)
	requireType[*types.InvalidGrantException](t, err)

	accounts, err := w.portal.ListAccounts(context.Background(), &sso.ListAccountsInput{AccessToken: tok.AccessToken})
	if err != nil {
		t.Fatal(err)
	}
	if len(accounts.AccountList) != 1 || aws.ToString(accounts.AccountList[0].AccountId) != w.account ||
		aws.ToString(accounts.AccountList[0].AccountName) != "Example Corp" {
		t.Errorf("ListAccounts = %+v", accounts.AccountList)
	}
	roles, err := w.portal.ListAccountRoles(context.Background(), &sso.ListAccountRolesInput{AccessToken: tok.AccessToken, AccountId: aws.String(w.account)})
	if err != nil {
		t.Fatal(err)
	}
	if len(roles.RoleList) != 1 || aws.ToString(roles.RoleList[0].RoleName) != "AdministratorAccess" {
		t.Errorf("ListAccountRoles = %+v", roles.RoleList)
	}

	_, err = w.portal.ListAccounts(context.Background(), &sso.ListAccountsInput{AccessToken: aws.String("not-a-token")})
	requireCode(t, err, "UnauthorizedException")
	requireType[*ssotypes.UnauthorizedException](t, err)
	requireStatus(t, err, 401)
	w.clock.Advance(8 * time.Hour)
	_, err = w.portal.ListAccounts(context.Background(), &sso.ListAccountsInput{AccessToken: tok.AccessToken})
	requireType[*ssotypes.UnauthorizedException](t, err)
}

func TestDeviceCodeExpires(t *testing.T) {
	w := newSignInWorld(t)
	client, dev := w.startDevice(t)
	w.clock.Advance(10 * time.Minute)
	_, err := w.token(client, dev)
	requireCode(t, err, "ExpiredTokenException")
	requireType[*types.ExpiredTokenException](t, err)
	if err := w.sim.Console().ApproveDeviceSignIn("us-east-1", "jane"); err == nil {
		t.Error("approved an expired request")
	}
}

func TestDeviceFlowRefusesBadClientsAndStartURLs(t *testing.T) {
	w := newSignInWorld(t)
	ctx := context.Background()
	client, dev := w.startDevice(t)
	_, err := w.oidc.CreateToken(ctx, &ssooidc.CreateTokenInput{ClientId: client.ClientId, ClientSecret: aws.String("wrong"),
		GrantType: aws.String(deviceGrant), DeviceCode: dev.DeviceCode})
	requireType[*types.InvalidClientException](t, err)
	requireStatus(t, err, 401)
	_, err = w.oidc.StartDeviceAuthorization(ctx, &ssooidc.StartDeviceAuthorizationInput{
		ClientId: client.ClientId, ClientSecret: client.ClientSecret, StartUrl: aws.String("https://d-0000000000.awsapps.com/start")})
	requireType[*types.InvalidRequestException](t, err)
	_, err = w.oidc.RegisterClient(ctx, &ssooidc.RegisterClientInput{ClientName: aws.String("x"), ClientType: aws.String("confidential")})
	requireType[*types.InvalidClientMetadataException](t, err)
}

func TestPortalListsOnlyWhatTheUserIsAssigned(t *testing.T) {
	w := newSignInWorld(t)
	ctx := context.Background()
	// A second permission set assigned to the group shows as a second role;
	// one assigned to nobody does not.
	readOnly := createPermissionSet(t, w.client, w.inst, "ReadOnlyAccess")
	createPermissionSet(t, w.client, w.inst, "Unused")
	if _, err := w.client.CreateAccountAssignment(ctx, &ssoadmin.CreateAccountAssignmentInput{
		InstanceArn: aws.String(w.inst), PermissionSetArn: aws.String(readOnly),
		PrincipalType: admintypes.PrincipalTypeGroup, PrincipalId: aws.String(w.groupID),
		TargetType: admintypes.TargetTypeAwsAccount, TargetId: aws.String(w.account)}); err != nil {
		t.Fatal(err)
	}
	w.clock.Advance(10 * time.Second)
	client, dev := w.startDevice(t)
	if err := w.sim.Console().ApproveDeviceSignIn("us-east-1", "jane"); err != nil {
		t.Fatal(err)
	}
	tok, err := w.token(client, dev)
	if err != nil {
		t.Fatal(err)
	}
	var roles []string
	p := sso.NewListAccountRolesPaginator(w.portal, &sso.ListAccountRolesInput{AccessToken: tok.AccessToken, AccountId: aws.String(w.account), MaxResults: aws.Int32(1)})
	for p.HasMorePages() {
		out, err := p.NextPage(ctx)
		if err != nil {
			t.Fatal(err)
		}
		for _, r := range out.RoleList {
			roles = append(roles, aws.ToString(r.RoleName))
		}
	}
	if strings.Join(roles, ",") != "AdministratorAccess,ReadOnlyAccess" {
		t.Errorf("roles %v", roles)
	}
}
