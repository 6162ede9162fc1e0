package simulator_test

import (
	"bytes"
	"context"
	"encoding/csv"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/iam"
	iamtypes "github.com/aws/aws-sdk-go-v2/service/iam/types"
	"github.com/aws/aws-sdk-go-v2/service/organizations"
	orgtypes "github.com/aws/aws-sdk-go-v2/service/organizations/types"
)

func contractPasswordPolicy(t *testing.T, b contractBackend) {
	client := iam.NewFromConfig(b.cfg)
	ctx := context.Background()
	_, err := client.GetAccountPasswordPolicy(ctx, &iam.GetAccountPasswordPolicyInput{})
	requireType[*iamtypes.NoSuchEntityException](t, err)
	requireStatus(t, err, 404)

	cis := &iam.UpdateAccountPasswordPolicyInput{
		MinimumPasswordLength: aws.Int32(14), PasswordReusePrevention: aws.Int32(24),
		RequireUppercaseCharacters: true, RequireLowercaseCharacters: true, RequireNumbers: true, RequireSymbols: true,
		AllowUsersToChangePassword: true,
	}
	if _, err := client.UpdateAccountPasswordPolicy(ctx, cis); err != nil {
		t.Fatal(err)
	}
	got, err := client.GetAccountPasswordPolicy(ctx, &iam.GetAccountPasswordPolicyInput{})
	if err != nil {
		t.Fatal(err)
	}
	p := got.PasswordPolicy
	if aws.ToInt32(p.MinimumPasswordLength) != 14 || aws.ToInt32(p.PasswordReusePrevention) != 24 || !p.RequireSymbols ||
		!p.RequireNumbers || !p.RequireUppercaseCharacters || !p.RequireLowercaseCharacters || !p.AllowUsersToChangePassword ||
		p.ExpirePasswords || aws.ToInt32(p.MaxPasswordAge) != 0 {
		t.Errorf("policy %+v", p)
	}

	_, err = client.UpdateAccountPasswordPolicy(ctx, &iam.UpdateAccountPasswordPolicyInput{MinimumPasswordLength: aws.Int32(129)})
	requireCode(t, err, "ValidationError")
	requireStatus(t, err, 400)

	if _, err := client.DeleteAccountPasswordPolicy(ctx, &iam.DeleteAccountPasswordPolicyInput{}); err != nil {
		t.Fatal(err)
	}
	_, err = client.GetAccountPasswordPolicy(ctx, &iam.GetAccountPasswordPolicyInput{})
	requireCode(t, err, "NoSuchEntity")
}

func contractCredentialReport(t *testing.T, b contractBackend) {
	client := iam.NewFromConfig(b.cfg)
	ctx := context.Background()
	_, err := client.GetCredentialReport(ctx, &iam.GetCredentialReportInput{})
	requireType[*iamtypes.CredentialReportNotPresentException](t, err)

	if _, err := client.CreateUser(ctx, &iam.CreateUserInput{UserName: aws.String("alice")}); err != nil {
		t.Fatal(err)
	}
	gen, err := client.GenerateCredentialReport(ctx, &iam.GenerateCredentialReportInput{})
	if err != nil || gen.State != iamtypes.ReportStateTypeStarted {
		t.Fatalf("GenerateCredentialReport = %v, %v", gen, err)
	}
	for range 10 { // both backends finish at once here; AWS takes seconds
		if gen.State == iamtypes.ReportStateTypeComplete {
			break
		}
		if gen, err = client.GenerateCredentialReport(ctx, &iam.GenerateCredentialReportInput{}); err != nil {
			t.Fatal(err)
		}
	}
	if gen.State != iamtypes.ReportStateTypeComplete {
		t.Fatalf("report state %s", gen.State)
	}
	out, err := client.GetCredentialReport(ctx, &iam.GetCredentialReportInput{})
	if err != nil {
		t.Fatal(err)
	}
	records, err := csv.NewReader(bytes.NewReader(out.Content)).ReadAll()
	if err != nil {
		t.Fatalf("not CSV: %v", err)
	}
	if got := strings.Join(records[0], ","); got != reportHeader {
		t.Errorf("header %s", got)
	}
	var alice []string
	for _, r := range records[1:] {
		if r[0] == "alice" {
			alice = r
		}
	}
	if alice == nil || alice[3] != "false" || alice[7] != "false" || alice[8] != "false" || alice[9] != "N/A" {
		t.Errorf("alice's row %v", alice)
	}
	if out.ReportFormat != iamtypes.ReportFormatTypeTextCsv || out.GeneratedTime == nil {
		t.Errorf("format %s, generated %v", out.ReportFormat, out.GeneratedTime)
	}
}

func contractTrustedAccess(t *testing.T, b contractBackend) {
	client := organizations.NewFromConfig(b.cfg)
	ctx := context.Background()
	if _, err := client.CreateOrganization(ctx, &organizations.CreateOrganizationInput{FeatureSet: orgtypes.OrganizationFeatureSetAll}); err != nil {
		t.Fatal(err)
	}
	for range 2 {
		if _, err := client.EnableAWSServiceAccess(ctx, &organizations.EnableAWSServiceAccessInput{
			ServicePrincipal: aws.String("access-analyzer.amazonaws.com")}); err != nil {
			t.Fatal(err)
		}
	}
}
