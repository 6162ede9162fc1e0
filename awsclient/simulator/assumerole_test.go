package simulator_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/credentials"
	"github.com/aws/aws-sdk-go-v2/credentials/stscreds"
	"github.com/aws/aws-sdk-go-v2/service/iam"
	"github.com/aws/aws-sdk-go-v2/service/organizations"
	"github.com/aws/aws-sdk-go-v2/service/sts"

	"github.com/firstrun/firstrun/awsclient/simulator"
)

// memberAccount makes the caller's account a management account with one
// member created by CreateAccount, and returns the member's ID.
func memberAccount(t *testing.T, cfg aws.Config) string {
	t.Helper()
	ctx := context.Background()
	client := organizations.NewFromConfig(cfg)
	if _, err := client.CreateOrganization(ctx, &organizations.CreateOrganizationInput{}); err != nil {
		t.Fatal(err)
	}
	out, err := client.CreateAccount(ctx, &organizations.CreateAccountInput{AccountName: aws.String("Workloads"), Email: aws.String("aws-workloads@example.com")})
	if err != nil {
		t.Fatal(err)
	}
	status, err := client.DescribeCreateAccountStatus(ctx, &organizations.DescribeCreateAccountStatusInput{CreateAccountRequestId: out.CreateAccountStatus.Id})
	if err != nil {
		t.Fatal(err)
	}
	return aws.ToString(status.CreateAccountStatus.AccountId)
}

func TestAssumeOrganizationAccountAccessRole(t *testing.T) {
	clock := newClock()
	sim, cfg := start(t, simulator.Options{Scenario: simulator.IAMAdminCaller, Clock: clock.Now})
	member := memberAccount(t, cfg)
	sim.ResetCalls()

	roleARN := "arn:aws:iam::" + member + ":role/OrganizationAccountAccessRole"
	memberCfg := cfg.Copy()
	memberCfg.Credentials = aws.NewCredentialsCache(stscreds.NewAssumeRoleProvider(sts.NewFromConfig(cfg), roleARN,
		func(o *stscreds.AssumeRoleOptions) { o.RoleSessionName = "firstrun-audit" }))
	ctx := context.Background()

	who, err := sts.NewFromConfig(memberCfg).GetCallerIdentity(ctx, &sts.GetCallerIdentityInput{})
	if err != nil {
		t.Fatal(err)
	}
	if aws.ToString(who.Account) != member ||
		aws.ToString(who.Arn) != "arn:aws:sts::"+member+":assumed-role/OrganizationAccountAccessRole/firstrun-audit" ||
		!strings.HasPrefix(aws.ToString(who.UserId), "AROA") || !strings.HasSuffix(aws.ToString(who.UserId), ":firstrun-audit") {
		t.Errorf("GetCallerIdentity in the member: %s %s %s", aws.ToString(who.Account), aws.ToString(who.Arn), aws.ToString(who.UserId))
	}
	summary, err := iam.NewFromConfig(memberCfg).GetAccountSummary(ctx, &iam.GetAccountSummaryInput{})
	if err != nil {
		t.Fatal(err)
	}
	if summary.SummaryMap["Roles"] != 3 || summary.SummaryMap["Users"] != 0 {
		t.Errorf("member account summary: roles %d, users %d", summary.SummaryMap["Roles"], summary.SummaryMap["Users"])
	}

	calls := sim.Calls()
	if n := simulator.CountMutating(calls); n != 0 {
		t.Errorf("the audit made %d mutating calls", n)
	}
	if last := calls[len(calls)-1]; last.Operation != "GetAccountSummary" || last.Account != member {
		t.Errorf("last call %+v", last)
	}

	// The session runs out after its hour, as on AWS.
	out, err := sts.NewFromConfig(cfg).AssumeRole(ctx, &sts.AssumeRoleInput{RoleArn: aws.String(roleARN), RoleSessionName: aws.String("short")})
	if err != nil {
		t.Fatal(err)
	}
	if want := clock.Now().Add(time.Hour); !out.Credentials.Expiration.Equal(want) {
		t.Errorf("expiration %v, want %v", out.Credentials.Expiration, want)
	}
	session := cfg.Copy()
	session.Credentials = credentials.NewStaticCredentialsProvider(
		aws.ToString(out.Credentials.AccessKeyId), aws.ToString(out.Credentials.SecretAccessKey), aws.ToString(out.Credentials.SessionToken))
	clock.Advance(time.Hour)
	_, err = sts.NewFromConfig(session).GetCallerIdentity(ctx, &sts.GetCallerIdentityInput{})
	requireCode(t, err, "ExpiredToken")
}

func TestAssumeRoleRefusals(t *testing.T) {
	ctx := context.Background()
	t.Run("root", func(t *testing.T) {
		_, cfg := start(t, simulator.Options{Scenario: simulator.HalfSetUp})
		_, err := sts.NewFromConfig(cfg).AssumeRole(ctx, &sts.AssumeRoleInput{
			RoleArn: aws.String("arn:aws:iam::725940381627:role/aws-service-role/support.amazonaws.com/AWSServiceRoleForSupport"), RoleSessionName: aws.String("x1"),
		})
		if msg := requireCode(t, err, "AccessDenied"); msg != "Roles may not be assumed by root accounts." {
			t.Errorf("message %q", msg)
		}
	})
	t.Run("not trusted or missing", func(t *testing.T) {
		_, cfg := start(t, simulator.Options{Scenario: simulator.IAMAdminCaller})
		client := sts.NewFromConfig(cfg)
		for _, arn := range []string{
			"arn:aws:iam::609174283512:role/aws-service-role/support.amazonaws.com/AWSServiceRoleForSupport", // trusts a service
			"arn:aws:iam::609174283512:role/NoSuchRole",
			"arn:aws:iam::111122223333:role/OrganizationAccountAccessRole",
		} {
			_, err := client.AssumeRole(ctx, &sts.AssumeRoleInput{RoleArn: aws.String(arn), RoleSessionName: aws.String("audit")})
			msg := requireCode(t, err, "AccessDenied")
			if want := "is not authorized to perform: sts:AssumeRole on resource: " + arn; !strings.Contains(msg, want) {
				t.Errorf("message %q lacks %q", msg, want)
			}
		}
		_, err := client.AssumeRole(ctx, &sts.AssumeRoleInput{RoleArn: aws.String("not-an-arn"), RoleSessionName: aws.String("audit")})
		requireCode(t, err, "ValidationError")
		_, err = client.AssumeRole(ctx, &sts.AssumeRoleInput{RoleArn: aws.String("arn:aws:iam::609174283512:role/x"), RoleSessionName: aws.String("bad name")})
		requireCode(t, err, "ValidationError")
	})
	t.Run("duration", func(t *testing.T) {
		_, cfg := start(t, simulator.Options{Scenario: simulator.IAMAdminCaller})
		member := memberAccount(t, cfg)
		_, err := sts.NewFromConfig(cfg).AssumeRole(ctx, &sts.AssumeRoleInput{
			RoleArn: aws.String("arn:aws:iam::" + member + ":role/OrganizationAccountAccessRole"), RoleSessionName: aws.String("audit"), DurationSeconds: aws.Int32(7200),
		})
		requireCode(t, err, "ValidationError")
	})
}
