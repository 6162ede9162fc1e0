package simulator_test

import (
	"context"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/iam"
	"github.com/aws/aws-sdk-go-v2/service/ssoadmin"
	"github.com/aws/aws-sdk-go-v2/service/sts"

	"github.com/firstrun/firstrun/awsclient/simulator"
	"github.com/firstrun/firstrun/awsclient/simulator/simtest"
)

// An account in AWS GovCloud (US) shows its partition in every ARN, and IAM and SSO
// Admin refuse ARNs of the commercial partition there: a trust policy naming one is
// malformed ('Partition "aws" is not valid for resource ...'), and arn:aws: managed
// policies do not exist.
func TestAGovCloudAccountRefusesCommercialARNs(t *testing.T) {
	sim, b := simtest.Start(t, simulator.Options{Partition: "aws-us-gov"})
	cfg := simtest.Config(t, b, "us-gov-west-1")
	ctx := context.Background()
	who, err := sts.NewFromConfig(cfg).GetCallerIdentity(ctx, &sts.GetCallerIdentityInput{})
	if err != nil {
		t.Fatal(err)
	}
	account := aws.ToString(who.Account)
	if want := "arn:aws-us-gov:iam::" + account + ":root"; aws.ToString(who.Arn) != want {
		t.Errorf("caller %s, want %s", aws.ToString(who.Arn), want)
	}

	api := iam.NewFromConfig(cfg)
	trust := func(partition string) *string {
		return aws.String(`{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"arn:` + partition +
			`:iam::` + account + `:root"},"Action":"sts:AssumeRole"}]}`)
	}
	_, err = api.CreateRole(ctx, &iam.CreateRoleInput{RoleName: aws.String("Billing"), AssumeRolePolicyDocument: trust("aws")})
	if msg := requireCode(t, err, "MalformedPolicyDocument"); !strings.Contains(msg, `Partition "aws" is not valid`) {
		t.Errorf("message %q", msg)
	}
	role, err := api.CreateRole(ctx, &iam.CreateRoleInput{RoleName: aws.String("Billing"), AssumeRolePolicyDocument: trust("aws-us-gov")})
	if err != nil {
		t.Fatal(err)
	}
	if arn := aws.ToString(role.Role.Arn); arn != "arn:aws-us-gov:iam::"+account+":role/Billing" {
		t.Errorf("role %s", arn)
	}
	_, err = api.AttachRolePolicy(ctx, &iam.AttachRolePolicyInput{RoleName: aws.String("Billing"),
		PolicyArn: aws.String("arn:aws:iam::aws:policy/job-function/Billing")})
	requireCode(t, err, "NoSuchEntity")
	if _, err := api.AttachRolePolicy(ctx, &iam.AttachRolePolicyInput{RoleName: aws.String("Billing"),
		PolicyArn: aws.String("arn:aws-us-gov:iam::aws:policy/job-function/Billing")}); err != nil {
		t.Errorf("the GovCloud policy: %v", err)
	}

	ic, err := sim.Console().EnableIdentityCenter("us-gov-west-1")
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(ic.InstanceARN, "arn:aws-us-gov:sso:::instance/") {
		t.Errorf("instance %s", ic.InstanceARN)
	}
	sso := ssoadmin.NewFromConfig(cfg)
	ps, err := sso.CreatePermissionSet(ctx, &ssoadmin.CreatePermissionSetInput{InstanceArn: aws.String(ic.InstanceARN), Name: aws.String("AdministratorAccess")})
	if err != nil {
		t.Fatal(err)
	}
	attach := func(policy string) error {
		_, err := sso.AttachManagedPolicyToPermissionSet(ctx, &ssoadmin.AttachManagedPolicyToPermissionSetInput{InstanceArn: aws.String(ic.InstanceARN),
			PermissionSetArn: ps.PermissionSet.PermissionSetArn, ManagedPolicyArn: aws.String(policy)})
		return err
	}
	requireCode(t, attach("arn:aws:iam::aws:policy/AdministratorAccess"), "ResourceNotFoundException")
	if err := attach("arn:aws-us-gov:iam::aws:policy/AdministratorAccess"); err != nil {
		t.Errorf("the GovCloud policy: %v", err)
	}
}
