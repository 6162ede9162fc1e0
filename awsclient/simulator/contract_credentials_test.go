package simulator_test

import (
	"context"
	"encoding/base32"
	"net/url"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/account"
	accounttypes "github.com/aws/aws-sdk-go-v2/service/account/types"
	"github.com/aws/aws-sdk-go-v2/service/iam"
	iamtypes "github.com/aws/aws-sdk-go-v2/service/iam/types"
)

// credentialContractCases are the contract cases of the root user and
// IAM user credentials chapter: virtual MFA, console passwords, user
// policies and alternate contacts.
func credentialContractCases() []contractCase {
	return []contractCase{
		{"iam virtual MFA lifecycle", contractVirtualMFA},
		{"iam login profile", contractLoginProfile},
		{"iam user policies", contractUserPolicies},
		{"account alternate contacts", contractAlternateContacts},
		{"iam account summary", contractAccountSummary},
		{"iam UpdateLoginProfile", contractUpdateLoginProfile},
		{"iam access keys", contractAccessKeys},
		{"sts AssumeRole", contractAssumeRole},
	}
}

// credentialGaps are where moto 5.2 departs from AWS in these cases; the
// simulator follows AWS, and its own tests pin that down.
type credentialGaps struct {
	// loginProfileResetFlag: moto answers CreateLoginProfile with
	// PasswordResetRequired false whatever was asked.
	loginProfileResetFlag bool
	// managedPolicies: moto has no AWS managed policies unless started with
	// MOTO_IAM_LOAD_MANAGED_POLICIES, which makes every reset take seconds.
	managedPolicies bool
	// notFoundStatus: moto answers the Account API's
	// ResourceNotFoundException with HTTP 400; the model says 404.
	notFoundStatus bool
}

var motoCredentialGaps = credentialGaps{loginProfileResetFlag: true, managedPolicies: true, notFoundStatus: true}

func serialsOf(t *testing.T, client *iam.Client, status iamtypes.AssignmentStatusType) []string {
	t.Helper()
	out, err := client.ListVirtualMFADevices(context.Background(), &iam.ListVirtualMFADevicesInput{AssignmentStatus: status})
	if err != nil {
		t.Fatal(err)
	}
	var serials []string
	for _, d := range out.VirtualMFADevices {
		serials = append(serials, aws.ToString(d.SerialNumber))
	}
	return serials
}

func contractVirtualMFA(t *testing.T, b contractBackend) {
	client := iam.NewFromConfig(b.cfg)
	ctx := context.Background()
	serial, seed := createUserAndDevice(t, client, "alice")
	if _, err := base32.StdEncoding.WithPadding(base32.NoPadding).DecodeString(strings.TrimRight(seed, "=")); err != nil || !strings.HasSuffix(serial, ":mfa/alice") {
		t.Errorf("device %s with seed %q (%v)", serial, seed, err)
	}
	if got := serialsOf(t, client, iamtypes.AssignmentStatusTypeUnassigned); !slices.Contains(got, serial) {
		t.Errorf("unassigned %v lacks %s", got, serial)
	}
	_, err := client.CreateVirtualMFADevice(ctx, &iam.CreateVirtualMFADeviceInput{VirtualMFADeviceName: aws.String("alice")})
	requireCode(t, err, "EntityAlreadyExists")

	now := time.Now()
	if _, err := client.EnableMFADevice(ctx, &iam.EnableMFADeviceInput{
		UserName: aws.String("alice"), SerialNumber: aws.String(serial),
		AuthenticationCode1: aws.String(code(t, seed, now.Add(-30*time.Second))), AuthenticationCode2: aws.String(code(t, seed, now)),
	}); err != nil {
		t.Fatal(err)
	}
	if got := serialsOf(t, client, iamtypes.AssignmentStatusTypeAssigned); !slices.Contains(got, serial) {
		t.Errorf("assigned %v lacks %s", got, serial)
	}
	if got := serialsOf(t, client, iamtypes.AssignmentStatusTypeUnassigned); slices.Contains(got, serial) {
		t.Errorf("unassigned %v still has %s", got, serial)
	}
	mfa, err := client.ListMFADevices(ctx, &iam.ListMFADevicesInput{UserName: aws.String("alice")})
	if err != nil || len(mfa.MFADevices) != 1 || aws.ToString(mfa.MFADevices[0].SerialNumber) != serial {
		t.Errorf("ListMFADevices = %+v, %v", mfa, err)
	}
	if _, err := client.DeactivateMFADevice(ctx, &iam.DeactivateMFADeviceInput{UserName: aws.String("alice"), SerialNumber: aws.String(serial)}); err != nil {
		t.Fatal(err)
	}
	if _, err := client.DeleteVirtualMFADevice(ctx, &iam.DeleteVirtualMFADeviceInput{SerialNumber: aws.String(serial)}); err != nil {
		t.Fatal(err)
	}
	_, err = client.DeleteVirtualMFADevice(ctx, &iam.DeleteVirtualMFADeviceInput{SerialNumber: aws.String(serial)})
	requireCode(t, err, "NoSuchEntity")
	requireStatus(t, err, 404)
}

func contractLoginProfile(t *testing.T, b contractBackend) {
	client := iam.NewFromConfig(b.cfg)
	ctx := context.Background()
	if _, err := client.CreateUser(ctx, &iam.CreateUserInput{UserName: aws.String("alice")}); err != nil {
		t.Fatal(err)
	}
	_, err := client.GetLoginProfile(ctx, &iam.GetLoginProfileInput{UserName: aws.String("alice")})
	requireCode(t, err, "NoSuchEntity")
	requireStatus(t, err, 404)
	out, err := client.CreateLoginProfile(ctx, &iam.CreateLoginProfileInput{
		UserName: aws.String("alice"), Password: aws.String("Correct-Horse-7-Battery"), PasswordResetRequired: true,
	})
	if err != nil {
		t.Fatal(err)
	}
	if aws.ToString(out.LoginProfile.UserName) != "alice" || (!out.LoginProfile.PasswordResetRequired && !b.motoGaps.loginProfileResetFlag) {
		t.Errorf("CreateLoginProfile = %+v", out.LoginProfile)
	}
	got, err := client.GetLoginProfile(ctx, &iam.GetLoginProfileInput{UserName: aws.String("alice")})
	if err != nil || aws.ToString(got.LoginProfile.UserName) != "alice" {
		t.Errorf("GetLoginProfile = %+v, %v", got, err)
	}
	_, err = client.CreateLoginProfile(ctx, &iam.CreateLoginProfileInput{UserName: aws.String("alice"), Password: aws.String("Correct-Horse-7-Battery")})
	requireCode(t, err, "EntityAlreadyExists")
	requireStatus(t, err, 409)
}

func contractUserPolicies(t *testing.T, b contractBackend) {
	client := iam.NewFromConfig(b.cfg)
	ctx := context.Background()
	if _, err := client.CreateUser(ctx, &iam.CreateUserInput{UserName: aws.String("alice")}); err != nil {
		t.Fatal(err)
	}
	if !b.motoGaps.managedPolicies {
		admin := "arn:aws:iam::aws:policy/AdministratorAccess"
		if _, err := client.AttachUserPolicy(ctx, &iam.AttachUserPolicyInput{UserName: aws.String("alice"), PolicyArn: aws.String(admin)}); err != nil {
			t.Fatal(err)
		}
		attached, err := client.ListAttachedUserPolicies(ctx, &iam.ListAttachedUserPoliciesInput{UserName: aws.String("alice")})
		if err != nil || len(attached.AttachedPolicies) != 1 || aws.ToString(attached.AttachedPolicies[0].PolicyArn) != admin ||
			aws.ToString(attached.AttachedPolicies[0].PolicyName) != "AdministratorAccess" {
			t.Errorf("ListAttachedUserPolicies = %+v, %v", attached, err)
		}
	}
	doc := `{"Version":"2012-10-17","Statement":[{"Effect":"Deny","NotAction":"iam:ChangePassword","Resource":"*"}]}`
	if _, err := client.PutUserPolicy(ctx, &iam.PutUserPolicyInput{UserName: aws.String("alice"), PolicyName: aws.String("Block"), PolicyDocument: aws.String(doc)}); err != nil {
		t.Fatal(err)
	}
	got, err := client.GetUserPolicy(ctx, &iam.GetUserPolicyInput{UserName: aws.String("alice"), PolicyName: aws.String("Block")})
	if err != nil {
		t.Fatal(err)
	}
	if decoded, err := url.PathUnescape(aws.ToString(got.PolicyDocument)); err != nil || strings.Join(strings.Fields(decoded), "") != doc {
		t.Errorf("GetUserPolicy document %q (%v)", aws.ToString(got.PolicyDocument), err)
	}
	names, err := client.ListUserPolicies(ctx, &iam.ListUserPoliciesInput{UserName: aws.String("alice")})
	if err != nil || strings.Join(names.PolicyNames, ",") != "Block" {
		t.Errorf("ListUserPolicies = %+v, %v", names, err)
	}
	_, err = client.GetUserPolicy(ctx, &iam.GetUserPolicyInput{UserName: aws.String("alice"), PolicyName: aws.String("Other")})
	requireCode(t, err, "NoSuchEntity")
}

func contractAlternateContacts(t *testing.T, b contractBackend) {
	client := account.NewFromConfig(b.cfg)
	ctx := context.Background()
	_, err := client.GetAlternateContact(ctx, &account.GetAlternateContactInput{AlternateContactType: accounttypes.AlternateContactTypeOperations})
	requireCode(t, err, "ResourceNotFoundException")
	if !b.motoGaps.notFoundStatus {
		requireStatus(t, err, 404)
	}
	if _, err := client.PutAlternateContact(ctx, &account.PutAlternateContactInput{
		AlternateContactType: accounttypes.AlternateContactTypeOperations,
		EmailAddress:         aws.String("ops@example.com"), PhoneNumber: aws.String("+1 206 555 0100"),
		Name: aws.String("Ops Team"), Title: aws.String("On call"),
	}); err != nil {
		t.Fatal(err)
	}
	got, err := client.GetAlternateContact(ctx, &account.GetAlternateContactInput{AlternateContactType: accounttypes.AlternateContactTypeOperations})
	if err != nil {
		t.Fatal(err)
	}
	if c := got.AlternateContact; aws.ToString(c.EmailAddress) != "ops@example.com" || aws.ToString(c.Name) != "Ops Team" ||
		aws.ToString(c.Title) != "On call" || aws.ToString(c.PhoneNumber) != "+1 206 555 0100" {
		t.Errorf("GetAlternateContact = %+v", c)
	}
}
