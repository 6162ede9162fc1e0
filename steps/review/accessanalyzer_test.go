package review_test

import (
	"context"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/accessanalyzer"
	aatypes "github.com/aws/aws-sdk-go-v2/service/accessanalyzer/types"

	"github.com/firstrun/firstrun/awsclient/simulator"
	"github.com/firstrun/firstrun/steps/checkpoint"
	"github.com/firstrun/firstrun/steps/review"
	"github.com/firstrun/firstrun/steps/steptest"
)

// shareSome shares three resources outside the account, as an owner might have in the
// console: a public bucket, a key and a role used by a partner account.
func shareSome(t *testing.T, h *steptest.Harness) {
	t.Helper()
	acct := h.Env.Identity.Account
	for _, sr := range []simulator.SharedResource{
		{Type: "AWS::S3::Bucket", ARN: "arn:aws:s3:::example-public-site", Region: "us-east-1", Principal: "*"},
		{Type: "AWS::KMS::Key", ARN: "arn:aws:kms:us-east-1:" + acct + ":key/partner", Region: "us-east-1", Principal: "111122223333"},
		{Type: "AWS::IAM::Role", ARN: "arn:aws:iam::" + acct + ":role/partner-deploy", Principal: "111122223333"},
		{Type: "AWS::S3::Bucket", ARN: "arn:aws:s3:::example-eu", Region: "eu-west-1", Principal: "*"}, // another Region
	} {
		if err := h.Sim.Console().ShareResource(sr); err != nil {
			t.Fatal(err)
		}
	}
}

func TestAccessAnalyzerStepCreatesAnAccountAnalyzer(t *testing.T) {
	h := steptest.New(t, simulator.Options{})
	shareSome(t, h)
	run := h.RunStep("access-analyzer")
	run.WaitFor("Zone of trust this account", "Analyzer none", "What will change",
		"Create the analyzer firstrun-external-access in us-east-1, with this account as its zone of trust")
	if n := len(h.MutatingCalls()); n != 0 {
		t.Fatalf("%d mutating calls before the operator confirmed", n)
	}
	run.Press("enter")
	rec := run.Finished()
	wantARN := "arn:aws:access-analyzer:us-east-1:" + h.Env.Identity.Account + ":analyzer/firstrun-external-access"
	if rec.Outcome != checkpoint.Verified || rec.Resources["analyzer_arn"] != wantARN || rec.Resources["active_findings"] != "3" {
		t.Errorf("record %+v", rec)
	}
	out, err := h.Env.AWS.AccessAnalyzer("us-east-1").GetAnalyzer(context.Background(),
		&accessanalyzer.GetAnalyzerInput{AnalyzerName: aws.String("firstrun-external-access")})
	if err != nil || out.Analyzer.Type != aatypes.TypeAccount {
		t.Errorf("GetAnalyzer = %+v, %v", out, err)
	}

	// A second run finds it and changes nothing, and shows the findings by type.
	h.Restart()
	h.Sim.ResetCalls()
	again := h.RunStep("access-analyzer")
	again.WaitFor("Analyzer firstrun-external-access (ACCOUNT, ACTIVE)", "Active findings 3",
		"AWS::IAM::Role 1", "AWS::KMS::Key 1", "AWS::S3::Bucket 1", "Review each finding")
	again.Press("enter")
	if rec := again.Finished(); rec.Outcome != checkpoint.Verified {
		t.Errorf("outcome %s", rec.Outcome)
	}
	if calls := h.MutatingCalls(); len(calls) != 0 {
		t.Errorf("a re-run made mutating calls: %+v", calls)
	}
}

func TestAccessAnalyzerStepUsesTheOrganizationInAManagementAccount(t *testing.T) {
	h := steptest.New(t, simulator.Options{Scenario: simulator.HalfSetUp})
	run := h.RunStep("access-analyzer")
	run.WaitFor("which this account manages", "Turn on trusted access for IAM Access Analyzer",
		"with the organization")
	run.Press("enter")
	rec := run.Finished()
	if rec.Outcome != checkpoint.Verified || rec.Resources["active_findings"] != "0" {
		t.Errorf("record %+v", rec)
	}
	var ops []string
	for _, c := range h.MutatingCalls() {
		ops = append(ops, c.Operation)
	}
	if len(ops) != 2 || ops[0] != "EnableAWSServiceAccess" || ops[1] != "CreateAnalyzer" {
		t.Errorf("mutating calls %v", ops)
	}
	out, err := h.Env.AWS.AccessAnalyzer("us-east-1").GetAnalyzer(context.Background(),
		&accessanalyzer.GetAnalyzerInput{AnalyzerName: aws.String(review.DefaultAnalyzerName)})
	if err != nil || out.Analyzer.Type != aatypes.TypeOrganization {
		t.Errorf("GetAnalyzer = %+v, %v", out, err)
	}
}

func TestAccessAnalyzerStepKeepsAnExistingAnalyzer(t *testing.T) {
	h := steptest.New(t, simulator.Options{})
	aa := h.Env.AWS.AccessAnalyzer("us-east-1")
	if _, err := aa.CreateAnalyzer(context.Background(), &accessanalyzer.CreateAnalyzerInput{
		AnalyzerName: aws.String("ConsoleAnalyzer-1"), Type: aatypes.TypeAccount}); err != nil {
		t.Fatal(err)
	}
	h.Sim.ResetCalls()
	run := h.RunStep("access-analyzer")
	run.WaitFor("Analyzer ConsoleAnalyzer-1 (ACCOUNT, ACTIVE)", "Already in place")
	run.Press("enter")
	if rec := run.Finished(); rec.Outcome != checkpoint.Verified {
		t.Errorf("outcome %s", rec.Outcome)
	}
	if calls := h.MutatingCalls(); len(calls) != 0 {
		t.Errorf("mutating calls %+v", calls)
	}
}

func TestCreateAnalyzerTakesOneMadeEarlier(t *testing.T) {
	h := steptest.New(t, simulator.Options{})
	ctx := context.Background()
	aa := h.Env.AWS.AccessAnalyzer("us-east-1")
	s := review.AnalyzerSurvey{Region: "us-east-1"}
	first, err := review.CreateAnalyzer(ctx, h.Env.AWS.Organizations, aa, s, review.DefaultAnalyzerInput())
	if err != nil {
		t.Fatal(err)
	}
	// As after a crash between CreateAnalyzer and saving: the survey is stale.
	second, err := review.CreateAnalyzer(ctx, h.Env.AWS.Organizations, aa, s, review.DefaultAnalyzerInput())
	if err != nil || second != first {
		t.Errorf("again: %s %v, want %s", second, err, first)
	}
	if _, err := review.CreateAnalyzer(ctx, h.Env.AWS.Organizations, aa, s, review.AnalyzerInput{Name: "9lives"}); err == nil {
		t.Error("a name Access Analyzer refuses was accepted")
	}
}
