package simulator_test

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/identitystore"
	"github.com/aws/aws-sdk-go-v2/service/ssoadmin"
	"github.com/aws/aws-sdk-go-v2/service/ssoadmin/types"
	"github.com/aws/aws-sdk-go-v2/service/ssooidc"

	"github.com/firstrun/firstrun/awsclient/simulator"
	"github.com/firstrun/firstrun/awsclient/simulator/simtest"
)

// TestIdentityCenterSurvivesRestart: users, permission sets and an assignment still in
// progress are in the state file; the device flow's secrets are not, and die with the
// process.
func TestIdentityCenterSurvivesRestart(t *testing.T) {
	path := filepath.Join(t.TempDir(), "demo.json")
	ctx := context.Background()
	c := newClock()
	opts := simulator.Options{StateFile: path, Clock: c.Now, AsyncDelay: time.Minute}
	first, b := simtest.Start(t, opts)
	cfg := simtest.Config(t, b, "us-east-1")
	ic, err := first.Console().EnableIdentityCenter("us-east-1")
	if err != nil {
		t.Fatal(err)
	}
	user, err := identitystore.NewFromConfig(cfg).CreateUser(ctx, newUserInput(ic.IdentityStoreID, "jane"))
	if err != nil {
		t.Fatal(err)
	}
	admin := ssoadmin.NewFromConfig(cfg)
	psArn := createPermissionSet(t, admin, ic.InstanceARN, "AdministratorAccess")
	started, err := admin.CreateAccountAssignment(ctx, &ssoadmin.CreateAccountAssignmentInput{
		InstanceArn: aws.String(ic.InstanceARN), PermissionSetArn: aws.String(psArn),
		PrincipalType: types.PrincipalTypeUser, PrincipalId: user.UserId,
		TargetType: types.TargetTypeAwsAccount, TargetId: aws.String(first.AccountID())})
	if err != nil {
		t.Fatal(err)
	}
	client, err := ssooidc.NewFromConfig(cfg).RegisterClient(ctx, &ssooidc.RegisterClientInput{ClientName: aws.String("firstrun"), ClientType: aws.String("public")})
	if err != nil {
		t.Fatal(err)
	}
	if err := first.Close(); err != nil {
		t.Fatal(err)
	}
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if strings.Contains(string(data), aws.ToString(client.ClientSecret)) || strings.Contains(string(data), aws.ToString(client.ClientId)) {
		t.Error("the state file holds the OIDC client's credentials")
	}

	_, b2 := simtest.Start(t, opts)
	cfg2 := simtest.Config(t, b2, "us-east-1")
	got, err := identitystore.NewFromConfig(cfg2).DescribeUser(ctx, &identitystore.DescribeUserInput{IdentityStoreId: aws.String(ic.IdentityStoreID), UserId: user.UserId})
	if err != nil || aws.ToString(got.UserName) != "jane" {
		t.Fatalf("after restart: %+v, %v", got, err)
	}
	admin2 := ssoadmin.NewFromConfig(cfg2)
	c.Advance(time.Minute)
	status, err := admin2.DescribeAccountAssignmentCreationStatus(ctx, &ssoadmin.DescribeAccountAssignmentCreationStatusInput{
		InstanceArn: aws.String(ic.InstanceARN), AccountAssignmentCreationRequestId: started.AccountAssignmentCreationStatus.RequestId})
	if err != nil || status.AccountAssignmentCreationStatus.Status != types.StatusValuesSucceeded {
		t.Errorf("the assignment after restart: %+v, %v", status, err)
	}
	_, err = ssooidc.NewFromConfig(cfg2).StartDeviceAuthorization(ctx, &ssooidc.StartDeviceAuthorizationInput{
		ClientId: client.ClientId, ClientSecret: client.ClientSecret, StartUrl: aws.String("https://" + ic.IdentityStoreID + ".awsapps.com/start")})
	requireCode(t, err, "InvalidClientException")
}
