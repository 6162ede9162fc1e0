package audit_test

import (
	"context"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/credentials"
	"github.com/aws/aws-sdk-go-v2/service/iam"
	"github.com/aws/aws-sdk-go-v2/service/organizations"
	orgtypes "github.com/aws/aws-sdk-go-v2/service/organizations/types"
	"github.com/aws/aws-sdk-go-v2/service/sts"
	ststypes "github.com/aws/aws-sdk-go-v2/service/sts/types"

	"github.com/firstrun/firstrun/answers"
	"github.com/firstrun/firstrun/audit"
	"github.com/firstrun/firstrun/awsclient"
	"github.com/firstrun/firstrun/awsclient/simulator"
	"github.com/firstrun/firstrun/awsclient/simulator/simtest"
	"github.com/firstrun/firstrun/steps"
	"github.com/firstrun/firstrun/steps/step"
)

// With centralized root access, a member whose root user has no credentials meets the
// root user's controls, and the audit says why; a member whose root user still has a
// password is judged on its own.
func TestMembersWithoutRootCredentialsMeetTheRootControls(t *testing.T) {
	_, mgmt, cfg := connect(t, simulator.Options{Scenario: simulator.IAMAdminCaller})
	ctx := context.Background()
	orgs := organizations.NewFromConfig(cfg)
	if _, err := orgs.CreateOrganization(ctx, &organizations.CreateOrganizationInput{FeatureSet: orgtypes.OrganizationFeatureSetAll}); err != nil {
		t.Fatal(err)
	}
	before := simtest.Members(t, cfg, 1)[0] // made with a root password, as AWS did before
	if _, err := orgs.EnableAWSServiceAccess(ctx, &organizations.EnableAWSServiceAccessInput{ServicePrincipal: aws.String("iam.amazonaws.com")}); err != nil {
		t.Fatal(err)
	}
	api := iam.NewFromConfig(cfg)
	if _, err := api.EnableOrganizationsRootCredentialsManagement(ctx, &iam.EnableOrganizationsRootCredentialsManagementInput{}); err != nil {
		t.Fatal(err)
	}
	if _, err := api.EnableOrganizationsRootSessions(ctx, &iam.EnableOrganizationsRootSessionsInput{}); err != nil {
		t.Fatal(err)
	}
	after := simtest.Members(t, cfg, 2) // made without root credentials
	// The management account deletes the first member's root password, as the console's
	// Root access management page does.
	if _, err := iam.NewFromConfig(rootSession(t, cfg, before, "IAMDeleteRootUserCredentials")).DeleteLoginProfile(ctx, &iam.DeleteLoginProfileInput{}); err != nil {
		t.Fatal(err)
	}
	withPassword := simtest.Members(t, cfg, 1)[0]
	if _, err := iam.NewFromConfig(rootSession(t, cfg, withPassword, "IAMCreateRootUserPassword")).CreateLoginProfile(ctx,
		&iam.CreateLoginProfileInput{Password: aws.String("Correct-Horse-7-Battery")}); err != nil {
		t.Fatal(err)
	}

	sources, err := audit.Organization(t.Context(), mgmt, "OrganizationAccountAccessRole")
	if err != nil {
		t.Fatal(err)
	}
	results := audit.Accounts(t.Context(), sources, audit.Options{Sequence: steps.Sequence(), Answers: &answers.Answers{}})
	for _, r := range results {
		switch r.Account {
		case before, after[0], after[1]:
			for _, id := range []string{"root-mfa", "root-password"} {
				c := control(t, r, id)
				if c.Status != step.Pass || !strings.Contains(c.Detail, "centralized root access management") {
					t.Errorf("member %s without root credentials, %s: %s %q", r.Account, id, c.Status, c.Detail)
				}
			}
			if c := control(t, r, "root-access-keys"); c.Status != step.Pass {
				t.Errorf("member %s without root credentials, root-access-keys: %s %q", r.Account, c.Status, c.Detail)
			}
		case withPassword:
			if c := control(t, r, "root-mfa"); c.Status != step.Fail {
				t.Errorf("member %s with a root password and no MFA: root-mfa %s %q", r.Account, c.Status, c.Detail)
			}
		}
	}
}

// A root session is limited to its task: the audit's can read the root user's
// credentials and change nothing.
func TestARootSessionDoesOnlyItsTask(t *testing.T) {
	_, mgmt, cfg := connect(t, simulator.Options{Scenario: simulator.IAMAdminCaller})
	ctx := context.Background()
	orgs := organizations.NewFromConfig(cfg)
	if _, err := orgs.CreateOrganization(ctx, &organizations.CreateOrganizationInput{FeatureSet: orgtypes.OrganizationFeatureSetAll}); err != nil {
		t.Fatal(err)
	}
	member := simtest.Members(t, cfg, 1)[0]
	audit := mgmt.AWS.AssumeRoot(member, "aws", awsclient.AuditRootCredentialsTask)
	if _, err := audit.IAM.ListAccessKeys(ctx, &iam.ListAccessKeysInput{}); err == nil || !awsclient.IsAccessDenied(err) {
		t.Errorf("AssumeRoot before root sessions are on: %v", err)
	}
	if _, err := orgs.EnableAWSServiceAccess(ctx, &organizations.EnableAWSServiceAccessInput{ServicePrincipal: aws.String("iam.amazonaws.com")}); err != nil {
		t.Fatal(err)
	}
	if _, err := iam.NewFromConfig(cfg).EnableOrganizationsRootSessions(ctx, &iam.EnableOrganizationsRootSessionsInput{}); err != nil {
		t.Fatal(err)
	}
	audit = mgmt.AWS.AssumeRoot(member, "aws", awsclient.AuditRootCredentialsTask)
	if _, err := audit.IAM.ListAccessKeys(ctx, &iam.ListAccessKeysInput{}); err != nil {
		t.Errorf("ListAccessKeys in the audit task: %v", err)
	}
	_, err := iam.NewFromConfig(rootSession(t, cfg, member, awsclient.AuditRootCredentialsTask)).CreateAccessKey(ctx, &iam.CreateAccessKeyInput{})
	if p := awsclient.Explain(err); p.Kind != awsclient.KindAccessDenied || p.Action != "iam:CreateAccessKey" {
		t.Errorf("CreateAccessKey in the audit task: %v", err)
	}
}

// rootSession is cfg acting as the root user of member through sts:AssumeRoot, limited
// to task.
func rootSession(t *testing.T, cfg aws.Config, member, task string) aws.Config {
	t.Helper()
	out, err := sts.NewFromConfig(cfg).AssumeRoot(t.Context(), &sts.AssumeRootInput{TargetPrincipal: aws.String(member),
		TaskPolicyArn: &ststypes.PolicyDescriptorType{Arn: aws.String("arn:aws:iam::aws:policy/root-task/" + task)}})
	if err != nil {
		t.Fatal(err)
	}
	c := out.Credentials
	root := cfg.Copy()
	root.Credentials = credentials.NewStaticCredentialsProvider(aws.ToString(c.AccessKeyId), aws.ToString(c.SecretAccessKey), aws.ToString(c.SessionToken))
	return root
}
