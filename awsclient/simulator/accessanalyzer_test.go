package simulator_test

import (
	"context"
	"errors"
	"regexp"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/accessanalyzer"
	"github.com/aws/aws-sdk-go-v2/service/accessanalyzer/types"
	"github.com/aws/aws-sdk-go-v2/service/organizations"
	orgtypes "github.com/aws/aws-sdk-go-v2/service/organizations/types"

	"github.com/firstrun/firstrun/awsclient/simulator"
)

func analyzerClient(cfg aws.Config, region string) *accessanalyzer.Client {
	return accessanalyzer.NewFromConfig(cfg, func(o *accessanalyzer.Options) { o.Region = region })
}

func createAnalyzer(t *testing.T, c *accessanalyzer.Client, name string, typ types.Type) string {
	t.Helper()
	out, err := c.CreateAnalyzer(context.Background(), &accessanalyzer.CreateAnalyzerInput{AnalyzerName: aws.String(name), Type: typ})
	if err != nil {
		t.Fatal(err)
	}
	return aws.ToString(out.Arn)
}

func TestAnalyzerLifecycle(t *testing.T) {
	clk := newClock()
	sim, cfg := start(t, simulator.Options{Clock: clk.Now, AsyncDelay: 5 * time.Second})
	c := analyzerClient(cfg, "eu-west-1")
	ctx := context.Background()

	arn := createAnalyzer(t, c, "external", types.TypeAccount)
	if want := "arn:aws:access-analyzer:eu-west-1:" + sim.AccountID() + ":analyzer/external"; arn != want {
		t.Errorf("ARN %s, want %s", arn, want)
	}
	got, err := c.GetAnalyzer(ctx, &accessanalyzer.GetAnalyzerInput{AnalyzerName: aws.String("external")})
	if err != nil {
		t.Fatal(err)
	}
	an := got.Analyzer
	if aws.ToString(an.Arn) != arn || an.Type != types.TypeAccount || an.Status != types.AnalyzerStatusCreating ||
		!an.CreatedAt.Equal(clk.Now()) {
		t.Errorf("GetAnalyzer while creating = %+v", an)
	}
	clk.Advance(5 * time.Second)
	if got, err = c.GetAnalyzer(ctx, &accessanalyzer.GetAnalyzerInput{AnalyzerName: aws.String("external")}); err != nil ||
		got.Analyzer.Status != types.AnalyzerStatusActive {
		t.Errorf("GetAnalyzer once created: %v %v", got, err)
	}

	// Analyzers are Regional.
	_, err = analyzerClient(cfg, "us-east-1").GetAnalyzer(ctx, &accessanalyzer.GetAnalyzerInput{AnalyzerName: aws.String("external")})
	requireType[*types.ResourceNotFoundException](t, err)
	requireStatus(t, err, 404)

	// One account analyzer per type and Region; the name is unique per Region.
	_, err = c.CreateAnalyzer(ctx, &accessanalyzer.CreateAnalyzerInput{AnalyzerName: aws.String("second"), Type: types.TypeAccount})
	requireType[*types.ServiceQuotaExceededException](t, err)
	requireStatus(t, err, 402)
	_, err = c.CreateAnalyzer(ctx, &accessanalyzer.CreateAnalyzerInput{AnalyzerName: aws.String("external"), Type: types.TypeAccountUnusedAccess})
	requireType[*types.ConflictException](t, err)
	requireStatus(t, err, 409)

	// The SDK fills in a client token; the same request again is not a conflict.
	again := &accessanalyzer.CreateAnalyzerInput{AnalyzerName: aws.String("unused"), Type: types.TypeAccountUnusedAccess, ClientToken: aws.String("token-1")}
	first, err := c.CreateAnalyzer(ctx, again)
	if err != nil {
		t.Fatal(err)
	}
	second, err := c.CreateAnalyzer(ctx, again)
	if err != nil || aws.ToString(second.Arn) != aws.ToString(first.Arn) {
		t.Errorf("repeated CreateAnalyzer = %v %v", second, err)
	}

	for _, bad := range []*accessanalyzer.CreateAnalyzerInput{
		{AnalyzerName: aws.String("9starts-with-a-digit"), Type: types.TypeAccount},
		{AnalyzerName: aws.String("fine"), Type: "EVERYTHING"},
	} {
		_, err := c.CreateAnalyzer(ctx, bad)
		requireType[*types.ValidationException](t, err)
		if ve, _ := errors.AsType[*types.ValidationException](err); ve.Reason != types.ValidationExceptionReasonFieldValidationFailed {
			t.Errorf("ValidationException reason %q: %v", ve.Reason, err)
		}
	}
}

func TestListAnalyzersPaginates(t *testing.T) {
	_, cfg := start(t, simulator.Options{})
	c := analyzerClient(cfg, "us-east-1")
	createAnalyzer(t, c, "a", types.TypeAccount)
	createAnalyzer(t, c, "b", types.TypeAccountUnusedAccess)
	createAnalyzer(t, c, "c", types.TypeAccountInternalAccess)
	createAnalyzer(t, analyzerClient(cfg, "eu-west-1"), "elsewhere", types.TypeAccount)

	var names []string
	pages := 0
	p := accessanalyzer.NewListAnalyzersPaginator(c, &accessanalyzer.ListAnalyzersInput{MaxResults: aws.Int32(2)})
	for p.HasMorePages() {
		out, err := p.NextPage(context.Background())
		if err != nil {
			t.Fatal(err)
		}
		pages++
		for _, an := range out.Analyzers {
			names = append(names, aws.ToString(an.Name))
		}
	}
	if pages != 2 || len(names) != 3 || names[0] != "a" || names[2] != "c" {
		t.Errorf("%d pages: %v", pages, names)
	}
	out, err := c.ListAnalyzers(context.Background(), &accessanalyzer.ListAnalyzersInput{Type: types.TypeAccount})
	if err != nil || len(out.Analyzers) != 1 || aws.ToString(out.Analyzers[0].Name) != "a" {
		t.Errorf("ListAnalyzers by type = %v %v", out, err)
	}
	_, err = c.ListAnalyzers(context.Background(), &accessanalyzer.ListAnalyzersInput{NextToken: aws.String("forged")})
	requireType[*types.ValidationException](t, err)
}

// share puts a resource outside the zone of trust, as the owner would in the console.
func share(t *testing.T, sim *simulator.Simulator, typ, arn, region, principal string) {
	t.Helper()
	if err := sim.Console().ShareResource(simulator.SharedResource{Type: typ, ARN: arn, Region: region, Principal: principal}); err != nil {
		t.Fatal(err)
	}
}

func activeFindings(t *testing.T, c *accessanalyzer.Client, analyzerARN string, pageSize int32) map[string]int {
	t.Helper()
	byType := map[string]int{}
	p := accessanalyzer.NewListFindingsV2Paginator(c, &accessanalyzer.ListFindingsV2Input{
		AnalyzerArn: aws.String(analyzerARN), MaxResults: aws.Int32(pageSize),
		Filter: map[string]types.Criterion{"status": {Eq: []string{"ACTIVE"}}},
	})
	for p.HasMorePages() {
		out, err := p.NextPage(context.Background())
		if err != nil {
			t.Fatal(err)
		}
		for _, f := range out.Findings {
			if f.Status != types.FindingStatusActive || f.Id == nil || f.CreatedAt == nil || f.ResourceOwnerAccount == nil {
				t.Errorf("finding %+v", f)
			}
			byType[string(f.ResourceType)]++
		}
	}
	return byType
}

func TestListFindingsV2ReportsExternalAccess(t *testing.T) {
	sim, cfg := start(t, simulator.Options{})
	const outsider = "111122223333"
	share(t, sim, "AWS::S3::Bucket", "arn:aws:s3:::example-public", "us-east-1", "*")
	share(t, sim, "AWS::S3::Bucket", "arn:aws:s3:::example-partner", "us-east-1", outsider)
	share(t, sim, "AWS::KMS::Key", "arn:aws:kms:us-east-1:"+sim.AccountID()+":key/1", "us-east-1", outsider)
	share(t, sim, "AWS::IAM::Role", "arn:aws:iam::"+sim.AccountID()+":role/partner", "", outsider)
	share(t, sim, "AWS::SQS::Queue", "arn:aws:sqs:eu-west-1:"+sim.AccountID()+":q", "eu-west-1", "*")
	share(t, sim, "AWS::SNS::Topic", "arn:aws:sns:us-east-1:"+sim.AccountID()+":own", "us-east-1", sim.AccountID())

	c := analyzerClient(cfg, "us-east-1")
	arn := createAnalyzer(t, c, "external", types.TypeAccount)
	got := activeFindings(t, c, arn, 2)
	want := map[string]int{"AWS::S3::Bucket": 2, "AWS::KMS::Key": 1, "AWS::IAM::Role": 1}
	if len(got) != len(want) {
		t.Errorf("findings by type %v, want %v", got, want)
	}
	for k, n := range want {
		if got[k] != n {
			t.Errorf("findings by type %v, want %v", got, want)
		}
	}

	out, err := c.ListFindingsV2(context.Background(), &accessanalyzer.ListFindingsV2Input{AnalyzerArn: aws.String(arn),
		Filter: map[string]types.Criterion{"resourceType": {Eq: []string{"AWS::KMS::Key"}}}})
	if err != nil || len(out.Findings) != 1 || !regexp.MustCompile(`^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$`).MatchString(aws.ToString(out.Findings[0].Id)) {
		t.Errorf("ListFindingsV2 by resource type = %+v %v", out, err)
	}
	_, err = c.ListFindingsV2(context.Background(), &accessanalyzer.ListFindingsV2Input{AnalyzerArn: aws.String(arn + "-gone")})
	requireType[*types.ResourceNotFoundException](t, err)

	if err := sim.Console().ShareResource(simulator.SharedResource{Type: "AWS::Nothing", ARN: "x", Principal: "*"}); err == nil {
		t.Error("ShareResource took an unknown resource type")
	}
}

func TestOrganizationAnalyzer(t *testing.T) {
	t.Run("standalone account", func(t *testing.T) {
		_, cfg := start(t, simulator.Options{})
		_, err := analyzerClient(cfg, "us-east-1").CreateAnalyzer(context.Background(),
			&accessanalyzer.CreateAnalyzerInput{AnalyzerName: aws.String("org"), Type: types.TypeOrganization})
		if msg := requireCode(t, err, "ValidationException"); msg != "Service not enabled for AWS Organizations" {
			t.Errorf("message %q", msg)
		}
	})
	t.Run("member account", func(t *testing.T) {
		_, cfg := start(t, simulator.Options{Scenario: simulator.ExistingOrganization})
		_, err := analyzerClient(cfg, "us-east-1").CreateAnalyzer(context.Background(),
			&accessanalyzer.CreateAnalyzerInput{AnalyzerName: aws.String("org"), Type: types.TypeOrganization})
		requireType[*types.AccessDeniedException](t, err)
		requireStatus(t, err, 403)
	})
	t.Run("management account", func(t *testing.T) {
		sim, cfg := start(t, simulator.Options{Scenario: simulator.HalfSetUp})
		c := analyzerClient(cfg, "us-east-1")
		ctx := context.Background()
		in := &accessanalyzer.CreateAnalyzerInput{AnalyzerName: aws.String("org"), Type: types.TypeOrganization}
		_, err := c.CreateAnalyzer(ctx, in)
		requireCode(t, err, "ValidationException") // trusted access first

		orgs := organizations.NewFromConfig(cfg)
		for range 2 { // enabling it again is fine
			if _, err := orgs.EnableAWSServiceAccess(ctx, &organizations.EnableAWSServiceAccessInput{
				ServicePrincipal: aws.String("access-analyzer.amazonaws.com")}); err != nil {
				t.Fatal(err)
			}
		}
		arn := createAnalyzer(t, c, "org", types.TypeOrganization)

		// Access from inside the organization is inside the zone of trust.
		share(t, sim, "AWS::S3::Bucket", "arn:aws:s3:::public", "us-east-1", "*")
		share(t, sim, "AWS::S3::Bucket", "arn:aws:s3:::own", "us-east-1", sim.AccountID())
		if got := activeFindings(t, c, arn, 100); len(got) != 1 || got["AWS::S3::Bucket"] != 1 {
			t.Errorf("findings %v, want one bucket", got)
		}
	})
}

func TestEnableAWSServiceAccess(t *testing.T) {
	enable := func(cfg aws.Config, principal string) error {
		_, err := organizations.NewFromConfig(cfg).EnableAWSServiceAccess(context.Background(),
			&organizations.EnableAWSServiceAccessInput{ServicePrincipal: aws.String(principal)})
		return err
	}
	_, standalone := start(t, simulator.Options{})
	requireType[*orgtypes.AWSOrganizationsNotInUseException](t, enable(standalone, "access-analyzer.amazonaws.com"))

	_, member := start(t, simulator.Options{Scenario: simulator.ExistingOrganization})
	requireType[*orgtypes.AccessDeniedException](t, enable(member, "access-analyzer.amazonaws.com"))

	sim, mgmt := start(t, simulator.Options{Scenario: simulator.HalfSetUp})
	err := enable(mgmt, "nothing.example.com")
	requireType[*orgtypes.InvalidInputException](t, err)
	if ie, _ := errors.AsType[*orgtypes.InvalidInputException](err); ie.Reason != orgtypes.InvalidInputExceptionReasonUnrecognizedServicePrincipal {
		t.Errorf("reason %s", ie.Reason)
	}
	if err := enable(mgmt, "access-analyzer.amazonaws.com"); err != nil {
		t.Fatal(err)
	}
	for _, c := range sim.Calls() {
		if c.Operation == "EnableAWSServiceAccess" && !c.Mutating {
			t.Error("EnableAWSServiceAccess logged as read-only")
		}
	}
}
