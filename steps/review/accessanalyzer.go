package review

import (
	"context"
	"errors"
	"fmt"
	"regexp"
	"slices"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/accessanalyzer"
	aatypes "github.com/aws/aws-sdk-go-v2/service/accessanalyzer/types"
	"github.com/aws/aws-sdk-go-v2/service/organizations"

	"github.com/firstrun/firstrun/awsclient"
	step "github.com/firstrun/firstrun/steps/core"
)

// AnalyzerInput is what the analyzer firstrun creates is called.
type AnalyzerInput struct {
	Name string
}

// DefaultAnalyzerName names the analyzer after what it looks for.
const DefaultAnalyzerName = "firstrun-external-access"

// DefaultAnalyzerInput is the analyzer firstrun proposes.
func DefaultAnalyzerInput() AnalyzerInput { return AnalyzerInput{Name: DefaultAnalyzerName} }

// analyzerNameRE is Access Analyzer's AnalyzerName pattern and length.
var analyzerNameRE = regexp.MustCompile(`^[A-Za-z_][A-Za-z0-9_.-]{0,254}$`)

// Validate checks the name as Access Analyzer would.
func (in AnalyzerInput) Validate() error {
	if !analyzerNameRE.MatchString(in.Name) {
		return errors.New("use 1 to 255 letters, digits, _ . or -, starting with a letter or _")
	}
	return nil
}

// accessAnalyzerPrincipal is the service principal an organization analyzer needs
// trusted access for.
const accessAnalyzerPrincipal = "access-analyzer.amazonaws.com"

// AnalyzerSurvey is what IAM Access Analyzer has in one Region.
type AnalyzerSurvey struct {
	Region string
	// Organization is the ID of the organization this account manages; empty when it
	// manages none, and then the account is the zone of trust.
	Organization string
	// Analyzer is the external-access analyzer found; nil when there is none.
	Analyzer *Analyzer
	// Findings counts the analyzer's active findings by resource type.
	Findings map[string]int
}

// Analyzer is an external-access analyzer.
type Analyzer struct {
	Name    string
	ARN     string
	Type    aatypes.Type
	Status  aatypes.AnalyzerStatus
	Created time.Time
}

// ZoneType is the type of analyzer firstrun creates: the organization is the zone of
// trust in its management account, the account elsewhere.
func (s AnalyzerSurvey) ZoneType() aatypes.Type {
	if s.Organization != "" {
		return aatypes.TypeOrganization
	}
	return aatypes.TypeAccount
}

// ActiveFindings is the number of active findings.
func (s AnalyzerSurvey) ActiveFindings() int {
	n := 0
	for _, c := range s.Findings {
		n += c
	}
	return n
}

// SurveyAccessAnalyzer reads whether the account manages an organization and, in region,
// its external-access analyzer and that analyzer's active findings.
func SurveyAccessAnalyzer(ctx context.Context, orgs awsclient.OrganizationsAPI, aa awsclient.AccessAnalyzerAPI, account, region string) (AnalyzerSurvey, error) {
	s := AnalyzerSurvey{Region: region, Findings: map[string]int{}}
	org, err := orgs.DescribeOrganization(ctx, &organizations.DescribeOrganizationInput{})
	switch {
	case awsclient.ErrorCode(err) == "AWSOrganizationsNotInUseException":
	case err != nil:
		return s, err
	case aws.ToString(org.Organization.MasterAccountId) == account:
		s.Organization = aws.ToString(org.Organization.Id)
	}

	s.Analyzer, err = externalAccessAnalyzer(ctx, aa)
	if err != nil || s.Analyzer == nil || s.Analyzer.Status != aatypes.AnalyzerStatusActive {
		return s, err
	}
	pages := accessanalyzer.NewListFindingsV2Paginator(aa, &accessanalyzer.ListFindingsV2Input{
		AnalyzerArn: aws.String(s.Analyzer.ARN),
		Filter:      map[string]aatypes.Criterion{"status": {Eq: []string{string(aatypes.FindingStatusActive)}}},
	})
	for pages.HasMorePages() {
		page, err := pages.NextPage(ctx)
		if err != nil {
			return s, err
		}
		for _, f := range page.Findings {
			s.Findings[string(f.ResourceType)]++
		}
	}
	return s, nil
}

// externalAccessAnalyzer finds the Region's analyzer of external access, preferring a
// working one; nil when there is none.
func externalAccessAnalyzer(ctx context.Context, aa awsclient.AccessAnalyzerAPI) (*Analyzer, error) {
	var found []Analyzer
	pages := accessanalyzer.NewListAnalyzersPaginator(aa, &accessanalyzer.ListAnalyzersInput{})
	for pages.HasMorePages() {
		page, err := pages.NextPage(ctx)
		if err != nil {
			return nil, err
		}
		for _, a := range page.Analyzers {
			if a.Type != aatypes.TypeAccount && a.Type != aatypes.TypeOrganization {
				continue // unused or internal access: another question
			}
			found = append(found, Analyzer{Name: aws.ToString(a.Name), ARN: aws.ToString(a.Arn), Type: a.Type,
				Status: a.Status, Created: aws.ToTime(a.CreatedAt)})
		}
	}
	if len(found) == 0 {
		return nil, nil
	}
	working := func(a Analyzer) bool {
		return a.Status == aatypes.AnalyzerStatusActive || a.Status == aatypes.AnalyzerStatusCreating
	}
	if i := slices.IndexFunc(found, working); i >= 0 {
		return &found[i], nil
	}
	return &found[0], nil
}

// Working reports whether the survey found an analyzer that is, or soon will be, active.
func (s AnalyzerSurvey) Working() bool {
	return s.Analyzer != nil && (s.Analyzer.Status == aatypes.AnalyzerStatusActive || s.Analyzer.Status == aatypes.AnalyzerStatusCreating)
}

// CreateAnalyzer creates the analyzer the survey calls for and returns its ARN. In a
// management account it first gives Access Analyzer trusted access to the organization,
// which an organization analyzer needs. An analyzer of the same name that already
// analyzes external access is taken as made by an earlier run.
func CreateAnalyzer(ctx context.Context, orgs awsclient.OrganizationsAPI, aa awsclient.AccessAnalyzerAPI, s AnalyzerSurvey, in AnalyzerInput) (string, error) {
	if err := in.Validate(); err != nil {
		return "", fmt.Errorf("analyzer name %q: %w", in.Name, err)
	}
	typ := s.ZoneType()
	if typ == aatypes.TypeOrganization {
		// Enabling it again is not an error, so this needs no look-up first.
		if _, err := orgs.EnableAWSServiceAccess(ctx, &organizations.EnableAWSServiceAccessInput{
			ServicePrincipal: aws.String(accessAnalyzerPrincipal)}); err != nil {
			return "", err
		}
	}
	out, err := aa.CreateAnalyzer(ctx, &accessanalyzer.CreateAnalyzerInput{AnalyzerName: aws.String(in.Name), Type: typ})
	if err == nil {
		return aws.ToString(out.Arn), nil
	}
	if awsclient.ErrorCode(err) != "ConflictException" {
		return "", err
	}
	got, getErr := aa.GetAnalyzer(ctx, &accessanalyzer.GetAnalyzerInput{AnalyzerName: aws.String(in.Name)})
	if getErr != nil {
		return "", err
	}
	if t := got.Analyzer.Type; t != aatypes.TypeAccount && t != aatypes.TypeOrganization {
		return "", fmt.Errorf("an analyzer named %s exists but analyzes %s, not external access: %w", in.Name, t, err)
	}
	return aws.ToString(got.Analyzer.Arn), nil
}

// AnalyzerChanges are the changes CreateAnalyzer makes for the survey, as --plan lists
// them: none when the survey found a working analyzer.
func AnalyzerChanges(s AnalyzerSurvey, in AnalyzerInput) []step.Change {
	if s.Working() {
		return nil
	}
	typ := s.ZoneType()
	zone := "this account"
	var changes []step.Change
	if typ == aatypes.TypeOrganization {
		zone = "the organization " + s.Organization
		changes = append(changes, step.Change{Service: "organizations", Operation: "EnableAWSServiceAccess",
			Resource: "organization " + s.Organization, Params: []step.Param{{Name: "ServicePrincipal", Value: accessAnalyzerPrincipal}},
			Say: "Turn on trusted access for IAM Access Analyzer in " + s.Organization +
				", so the analyzer can look into every account of the organization"})
	}
	return append(changes, step.Change{Service: "accessanalyzer", Operation: "CreateAnalyzer", Resource: "analyzer " + in.Name,
		Params: []step.Param{{Name: "Type", Value: string(typ)}, {Name: "Region", Value: s.Region}},
		Say:    fmt.Sprintf("Create the analyzer %s in %s, with %s as its zone of trust", in.Name, s.Region, zone)})
}
