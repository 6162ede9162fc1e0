package review

import (
	"context"
	"fmt"
	"maps"
	"slices"
	"strconv"
	"time"

	aatypes "github.com/aws/aws-sdk-go-v2/service/accessanalyzer/types"

	step "github.com/firstrun/firstrun/steps/core"
)

// AccessAnalyzerOutputs are what the access-analyzer step records.
type AccessAnalyzerOutputs struct {
	AnalyzerARN string `json:"analyzer_arn,omitempty"`
	// ActiveFindings counts the analyzer's active findings, once it is active.
	ActiveFindings string `json:"active_findings,omitempty"`
}

// AccessAnalyzerFlow makes sure an IAM Access Analyzer analyzer watches the current Region
// for resources shared outside the account or organization, and shows how many active
// findings it has, by resource type. A run without a person creates the analyzer when
// there is none: it is free and changes no access, so it needs no answer.
//
// The check passes for an analyzer that is active, or being created (AWS makes it active
// within moments). It looks at firstrun's Region; CIS 1.20 asks for one in every Region in
// use.
func AccessAnalyzerFlow(env step.Env) *step.Flow {
	region := env.AWS.Region()
	s := &analyzerStep{env: env, region: region, in: DefaultAnalyzerInput()}
	return &step.Flow{
		Intro: "IAM Access Analyzer reads the policies on your resources (S3 buckets, KMS keys, IAM roles, " +
			"queues and more) and reports each one that lets someone outside your account, or outside your " +
			"organization, in. This analysis is free. An analyzer watches one Region: this one is for " + region + ".",
		Inspect:      s.inspect,
		Apply:        s.apply,
		ConfirmLabel: "create the analyzer",
	}
}

// analyzerStep is the step's state between the Flow's calls.
type analyzerStep struct {
	env    step.Env
	region string
	in     AnalyzerInput
	survey AnalyzerSurvey // from the last inspection
}

// organizationThisRunCreates names, in a plan, the organization an earlier step creates.
const organizationThisRunCreates = "(the one this run creates)"

func (s *analyzerStep) inspect(ctx context.Context) (step.Inspection, error) {
	aws := s.env.AWS
	survey, err := SurveyAccessAnalyzer(ctx, aws.Organizations, aws.AccessAnalyzer(s.region), s.env.Identity.Account, s.region)
	if err != nil {
		return step.Inspection{}, err
	}
	s.survey = survey
	if survey.Organization == "" && s.env.Plans("organizations", "CreateOrganization") {
		// In a plan: an earlier step creates the organization, so this account manages it
		// by this step's turn, and the run makes an ORGANIZATION analyzer, with trusted
		// access for Access Analyzer first.
		survey.Organization = organizationThisRunCreates
	}
	return analyzerInspection(survey, s.in, s.env.Now()), nil
}

func (s *analyzerStep) apply(ctx context.Context, _ *step.Act) (step.Outputs, error) {
	aws := s.env.AWS
	arn, err := CreateAnalyzer(ctx, aws.Organizations, aws.AccessAnalyzer(s.region), s.survey, s.in)
	if err != nil {
		return nil, err
	}
	return AccessAnalyzerOutputs{AnalyzerARN: arn}, nil
}

// scanTime is how long a new analyzer may take to report what it finds.
const scanTime = time.Hour

func analyzerInspection(s AnalyzerSurvey, in AnalyzerInput, now time.Time) step.Inspection {
	zoneFact := "this account"
	if s.Organization != "" {
		zoneFact = "the organization " + s.Organization + ", which this account manages"
	}
	facts := []step.Fact{{Label: "Region", Value: s.Region}, {Label: "Zone of trust", Value: zoneFact}}
	a := s.Analyzer
	if !s.Working() {
		value, detail := "none", fmt.Sprintf("No analyzer of external access watches %s.", s.Region)
		if a != nil {
			value = fmt.Sprintf("%s is %s", a.Name, a.Status)
			detail = fmt.Sprintf("The analyzer %s in %s is %s, not active: "+
				"see why on the IAM Access Analyzer console's Analyzer settings page.", a.Name, s.Region, a.Status)
		}
		facts = append(facts, step.Fact{Label: "Analyzer", Value: value, Good: step.No()})
		return step.Inspection{Facts: facts, Detail: detail, Changes: AnalyzerChanges(s, in)}
	}

	facts = append(facts, step.Fact{Label: "Analyzer", Value: fmt.Sprintf("%s (%s, %s)", a.Name, a.Type, a.Status), Good: step.Yes()})
	out := AccessAnalyzerOutputs{AnalyzerARN: a.ARN}
	var note, detail string
	switch {
	case a.Status == aatypes.AnalyzerStatusCreating:
		facts = append(facts, step.Fact{Label: "Active findings", Value: "not yet: the analyzer is being set up"})
		note = "Findings appear in the IAM console (Access analyzer, Findings) once the first scan is done."
		detail = fmt.Sprintf("The analyzer %s (%s) in %s is being created; AWS makes it active within moments.",
			a.Name, a.Type, s.Region)
	default:
		n := s.ActiveFindings()
		out.ActiveFindings = strconv.Itoa(n)
		detail = fmt.Sprintf("The analyzer %s (%s) is active in %s, with %s.", a.Name, a.Type, s.Region, plural(n, "active finding"))
		facts = append(facts, step.Fact{Label: "Active findings", Value: countOrNone(n), Good: step.GoodIf(n == 0)})
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
	return step.Inspection{Facts: facts, Holds: true, Detail: detail, Outputs: out, Note: note}
}

func countOrNone(n int) string {
	if n == 0 {
		return "none"
	}
	return strconv.Itoa(n)
}
