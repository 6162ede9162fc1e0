package audit_test

import (
	"context"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/iam"
	"github.com/aws/aws-sdk-go-v2/service/organizations"
	"github.com/aws/aws-sdk-go-v2/service/sts"

	"github.com/firstrun/firstrun/audit"
	"github.com/firstrun/firstrun/awsclient"
	"github.com/firstrun/firstrun/awsclient/simulator"
	"github.com/firstrun/firstrun/awsclient/simulator/simtest"
	"github.com/firstrun/firstrun/steps/step"
)

// connect starts a simulated account and connects to it as the audit does.
func connect(t *testing.T, opts simulator.Options) (*simulator.Simulator, audit.Target, aws.Config) {
	t.Helper()
	sim, b := simtest.Start(t, opts)
	cfg := simtest.Config(t, b, "us-east-1")
	clients := awsclient.NewClients(cfg)
	id, err := clients.WhoAmI(t.Context())
	if err != nil {
		t.Fatal(err)
	}
	return sim, audit.Target{AWS: clients, Identity: id}, cfg
}

// built stands for a step's screen: it makes a definition available.
func built(*step.Env, step.Definition) step.Screen { return nil }

// readChecks is a sequence of real read-only checks, one or two AWS calls each, standing
// in for the chapters' checks so the engine is measured on calls whatever this build's
// steps can check.
func readChecks() []step.Definition {
	check := func(f func(ctx context.Context, env *step.Env) (step.Control, error)) step.Headless {
		return step.Headless{Check: f}
	}
	return []step.Definition{
		{ID: "caller", Title: "Who the audit runs as", Screen: built, Headless: check(func(ctx context.Context, env *step.Env) (step.Control, error) {
			out, err := env.AWS.STS.GetCallerIdentity(ctx, &sts.GetCallerIdentityInput{})
			if err != nil {
				return step.Control{}, err
			}
			return step.Control{Status: step.Pass, Detail: "Runs as " + aws.ToString(out.Arn)}, nil
		})},
		{ID: "root-mfa", Title: "Root user MFA", CIS: "1.5", Screen: built, Headless: check(func(ctx context.Context, env *step.Env) (step.Control, error) {
			out, err := env.AWS.IAM.GetAccountSummary(ctx, &iam.GetAccountSummaryInput{})
			if err != nil {
				return step.Control{}, err
			}
			if out.SummaryMap["AccountMFAEnabled"] == 1 {
				return step.Control{Status: step.Pass, Detail: "AccountMFAEnabled is 1"}, nil
			}
			return step.Control{Status: step.Fail, Detail: "AccountMFAEnabled is 0"}, nil
		})},
		{ID: "password-policy", Title: "IAM password policy", CIS: "1.8", Screen: built, Headless: check(func(ctx context.Context, env *step.Env) (step.Control, error) {
			_, err := env.AWS.IAM.GetAccountPasswordPolicy(ctx, &iam.GetAccountPasswordPolicyInput{})
			switch {
			case awsclient.IsNotFound(err):
				return step.Control{Status: step.Fail, Detail: "No password policy is set."}, nil
			case err != nil:
				return step.Control{}, err
			}
			return step.Control{Status: step.Pass, Detail: "A password policy is set."}, nil
		})},
		{ID: "organization", Title: "Organization", Screen: built, Headless: check(func(ctx context.Context, env *step.Env) (step.Control, error) {
			_, err := env.AWS.Organizations.DescribeOrganization(ctx, &organizations.DescribeOrganizationInput{})
			switch {
			case awsclient.IsNotFound(err):
				return step.Control{Status: step.Fail, Detail: "The account is in no organization."}, nil
			case err != nil:
				return step.Control{}, err
			}
			return step.Control{Status: step.Pass, Detail: "The account is in an organization."}, nil
		})},
		{ID: "iam-users", Title: "IAM users", Screen: built, Headless: check(func(ctx context.Context, env *step.Env) (step.Control, error) {
			if _, err := env.AWS.IAM.ListUsers(ctx, &iam.ListUsersInput{}); err != nil {
				return step.Control{}, err
			}
			return step.Control{Status: step.Pass, Detail: "Listed the IAM users."}, nil
		})},
		{ID: "root-password", Title: "Root password", Purpose: "Give the root user a strong, unique password.", Screen: built},
		{ID: "not-built", Title: "A step this build lacks"},
	}
}

// fixedNow is the time audits in these tests report.
func fixedNow() time.Time { return time.Date(2026, 5, 1, 9, 30, 0, 0, time.UTC) }
