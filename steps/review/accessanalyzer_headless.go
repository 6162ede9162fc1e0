package review

import (
	"context"
	"fmt"

	aatypes "github.com/aws/aws-sdk-go-v2/service/accessanalyzer/types"

	"github.com/firstrun/firstrun/steps/checkpoint"
	"github.com/firstrun/firstrun/steps/step"
)

// AccessAnalyzerHeadless is the access-analyzer step for audit, --plan and
// --non-interactive. A run creates the analyzer when there is none: it is free and
// changes no access, so it needs no answer.
func AccessAnalyzerHeadless() step.Headless {
	return step.Headless{Check: checkAccessAnalyzer, Plan: planAccessAnalyzer, Run: runAccessAnalyzer}
}

// checkAccessAnalyzer passes for an analyzer that is active, or being created (AWS makes it
// active within moments, and the step counts it as in place too). It looks at firstrun's
// Region; CIS 1.20 asks for one in every Region in use.
func checkAccessAnalyzer(ctx context.Context, env *step.Env) (step.Control, error) {
	s := newAnalyzerStep(env)
	if _, err := s.inspect(ctx); err != nil {
		return step.Control{}, err
	}
	switch a := s.survey.Analyzer; {
	case a == nil:
		return step.Control{Status: step.Fail, Detail: fmt.Sprintf("No analyzer of external access watches %s.", s.region)}, nil
	case a.Status == aatypes.AnalyzerStatusCreating:
		return step.Control{Status: step.Pass, Detail: fmt.Sprintf("The analyzer %s (%s) in %s is being created; AWS makes it active within moments.",
			a.Name, a.Type, s.region)}, nil
	case a.Status != aatypes.AnalyzerStatusActive:
		return step.Control{Status: step.Fail, Detail: fmt.Sprintf("The analyzer %s in %s is %s, not active: "+
			"see why on the IAM Access Analyzer console's Analyzer settings page.", a.Name, s.region, a.Status)}, nil
	default:
		return step.Control{Status: step.Pass, Detail: fmt.Sprintf("The analyzer %s (%s) is active in %s, with %s.",
			a.Name, a.Type, s.region, plural(s.survey.ActiveFindings(), "active finding"))}, nil
	}
}

// planAccessAnalyzer plans the analyzer the run would make. When the same run creates the
// organization (an earlier step plans CreateOrganization), this account manages it by
// the access-analyzer step's turn, and the run makes an ORGANIZATION analyzer, with
// trusted access for Access Analyzer first.
func planAccessAnalyzer(ctx context.Context, env *step.Env) ([]step.Change, error) {
	s := newAnalyzerStep(env)
	if _, err := s.inspect(ctx); err != nil {
		return nil, err
	}
	if s.survey.Organization == "" && env.Plans("organizations", "CreateOrganization") {
		s.survey.Organization = organizationThisRunCreates
	}
	return AnalyzerChanges(s.survey, s.in), nil
}

// organizationThisRunCreates names, in a plan, the organization an earlier step creates.
const organizationThisRunCreates = "(the one this run creates)"

func runAccessAnalyzer(ctx context.Context, env *step.Env) (checkpoint.StepRecord, error) {
	s := newAnalyzerStep(env)
	return runTask(ctx, s.inspect, s.apply, "")
}
