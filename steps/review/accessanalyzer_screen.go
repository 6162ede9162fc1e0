package review

import (
	"context"
	"fmt"
	"maps"
	"slices"
	"strconv"
	"time"

	aatypes "github.com/aws/aws-sdk-go-v2/service/accessanalyzer/types"

	"github.com/firstrun/firstrun/awsclient"
	"github.com/firstrun/firstrun/steps/step"
)

// AccessAnalyzerScreen makes sure an IAM Access Analyzer analyzer watches the current
// Region for resources shared outside the account or organization, and shows how many
// active findings it has, by resource type.
func AccessAnalyzerScreen(env *step.Env, def step.Definition) step.Screen {
	s := newAnalyzerStep(env)
	t := step.NewTask(env, def)
	t.Intro = "IAM Access Analyzer reads the policies on your resources (S3 buckets, KMS keys, IAM roles, " +
		"queues and more) and reports each one that lets someone outside your account, or outside your " +
		"organization, in. This analysis is free. An analyzer watches one Region: this one is for " + s.region + "."
	t.ConfirmLabel = "create the analyzer"
	t.Inspect = s.inspect
	t.Apply = s.apply
	return t
}

// analyzerStep holds what the step's inspection and change share, on screen and off.
// They run one after the other, never two at once.
type analyzerStep struct {
	orgs            awsclient.OrganizationsAPI
	aa              awsclient.AccessAnalyzerAPI
	account, region string
	in              AnalyzerInput
	now             func() time.Time
	survey          AnalyzerSurvey // from the last inspection
}

func newAnalyzerStep(env *step.Env) *analyzerStep {
	region := env.AWS.Region()
	return &analyzerStep{orgs: env.AWS.Organizations, aa: env.AWS.AccessAnalyzer(region), account: env.Identity.Account,
		region: region, in: DefaultAnalyzerInput(), now: env.Now}
}

func (s *analyzerStep) inspect(ctx context.Context) (step.Inspection, error) {
	survey, err := SurveyAccessAnalyzer(ctx, s.orgs, s.aa, s.account, s.region)
	if err != nil {
		return step.Inspection{}, err
	}
	s.survey = survey
	return analyzerInspection(survey, s.in, s.now()), nil
}

func (s *analyzerStep) apply(ctx context.Context) (map[string]string, error) {
	arn, err := CreateAnalyzer(ctx, s.orgs, s.aa, s.survey, s.in)
	if err != nil {
		return nil, err
	}
	return map[string]string{"analyzer_arn": arn}, nil
}

// scanTime is how long a new analyzer may take to report what it finds.
const scanTime = time.Hour

func analyzerInspection(s AnalyzerSurvey, in AnalyzerInput, now time.Time) step.Inspection {
	zone, zoneFact := "this account", "this account"
	if s.Organization != "" {
		zone = "the organization " + s.Organization
		zoneFact = zone + ", which this account manages"
	}
	facts := []step.Fact{{Label: "Region", Value: s.Region}, {Label: "Zone of trust", Value: zoneFact}}
	if !s.Working() {
		value := "none"
		if s.Analyzer != nil {
			value = fmt.Sprintf("%s is %s", s.Analyzer.Name, s.Analyzer.Status)
		}
		facts = append(facts, step.Fact{Label: "Analyzer", Value: value, Good: step.No()})
		changes := []string{fmt.Sprintf("Create the analyzer %s in %s, with %s as its zone of trust", in.Name, s.Region, zone)}
		if s.Organization != "" {
			changes = append([]string{"Turn on trusted access for IAM Access Analyzer in " + s.Organization +
				", so the analyzer can look into every account of the organization"}, changes...)
		}
		return step.Inspection{Facts: facts, Changes: changes}
	}

	a := s.Analyzer
	facts = append(facts, step.Fact{Label: "Analyzer", Value: fmt.Sprintf("%s (%s, %s)", a.Name, a.Type, a.Status), Good: step.Yes()})
	resources := map[string]string{"analyzer_arn": a.ARN}
	var note string
	switch {
	case a.Status == aatypes.AnalyzerStatusCreating:
		facts = append(facts, step.Fact{Label: "Active findings", Value: "not yet: the analyzer is being set up"})
		note = "Findings appear in the IAM console (Access analyzer, Findings) once the first scan is done."
	default:
		n := s.ActiveFindings()
		resources["active_findings"] = strconv.Itoa(n)
		facts = append(facts, step.Fact{Label: "Active findings", Value: countOrNone(n), Good: goodIf(n == 0)})
		for _, typ := range slices.Sorted(maps.Keys(s.Findings)) {
			facts = append(facts, step.Fact{Label: "  " + typ, Value: strconv.Itoa(s.Findings[typ])})
		}
		switch {
		case n > 0:
			note = "Review each finding in the IAM console (Access analyzer, Findings): archive the access you " +
				"intend, and remove the access you don't."
		case now.Sub(a.Created) < scanTime:
			note = "A new analyzer needs some minutes for its first scan: findings may still appear in the IAM " +
				"console (Access analyzer, Findings)."
		}
	}
	return step.Inspection{Facts: facts, Satisfied: true, Resources: resources, Note: note}
}

func countOrNone(n int) string {
	if n == 0 {
		return "none"
	}
	return strconv.Itoa(n)
}

func goodIf(ok bool) *bool {
	if ok {
		return step.Yes()
	}
	return step.No()
}
