package simulator_test

import (
	"context"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/ssoadmin"

	"github.com/firstrun/firstrun/awsclient/simulator"
	"github.com/firstrun/firstrun/awsclient/simulator/simtest"
)

// Right after a create, an eventually consistent status read may not know the request
// yet: the notyet fault answers with the service's not-found error, N times, then the
// status is there.
func TestNotYetFaultAnswersNotFoundThenTheStatus(t *testing.T) {
	sim, b := simtest.Start(t, simulator.Options{})
	ic, err := sim.Console().EnableIdentityCenter("us-east-1")
	if err != nil {
		t.Fatal(err)
	}
	client := ssoadmin.NewFromConfig(simtest.Config(t, b, "us-east-1"))
	ctx := context.Background()
	ps, err := client.CreatePermissionSet(ctx, &ssoadmin.CreatePermissionSetInput{InstanceArn: aws.String(ic.InstanceARN),
		Name: aws.String("AdministratorAccess"), SessionDuration: aws.String("PT1H")})
	if err != nil {
		t.Fatal(err)
	}
	prov, err := client.ProvisionPermissionSet(ctx, &ssoadmin.ProvisionPermissionSetInput{InstanceArn: aws.String(ic.InstanceARN),
		PermissionSetArn: ps.PermissionSet.PermissionSetArn, TargetType: "ALL_PROVISIONED_ACCOUNTS"})
	if err != nil {
		t.Fatal(err)
	}
	if err := sim.Faults().Add(simulator.Fault{Target: "sso-admin:DescribePermissionSetProvisioningStatus", Kind: simulator.FaultNotYet, Times: 2}); err != nil {
		t.Fatal(err)
	}
	read := func() error {
		_, err := client.DescribePermissionSetProvisioningStatus(ctx, &ssoadmin.DescribePermissionSetProvisioningStatusInput{
			InstanceArn: aws.String(ic.InstanceARN), ProvisionPermissionSetRequestId: prov.PermissionSetProvisioningStatus.RequestId})
		return err
	}
	requireCode(t, read(), "ResourceNotFoundException")
	requireCode(t, read(), "ResourceNotFoundException")
	if err := read(); err != nil {
		t.Errorf("the third read: %v", err)
	}
}
