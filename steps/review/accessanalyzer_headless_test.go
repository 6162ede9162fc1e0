package review_test

import (
	"slices"
	"strings"
	"testing"

	"github.com/firstrun/firstrun/awsclient/simulator"
	"github.com/firstrun/firstrun/steps/checkpoint"
	step "github.com/firstrun/firstrun/steps/core"
	"github.com/firstrun/firstrun/steps/steptest"
)

func TestAccessAnalyzerHeadlessOnANewAccount(t *testing.T) {
	h := steptest.New(t, simulator.Options{})
	shareSome(t, h)
	if c := check(t, h, "access-analyzer"); c.Status != step.Fail || c.Detail != "No analyzer of external access watches us-east-1." {
		t.Errorf("check on a new account: %+v", c)
	}

	changes, rec := planThenRun(t, h, "access-analyzer")
	want := "accessanalyzer:CreateAnalyzer analyzer firstrun-external-access Type=ACCOUNT Region=us-east-1"
	if len(changes) != 1 || changes[0] != want {
		t.Errorf("plan %q, want %q", changes, want)
	}
	wantARN := "arn:aws:access-analyzer:us-east-1:" + h.Env.Identity.Account + ":analyzer/firstrun-external-access"
	if rec.Outcome != checkpoint.Verified || rec.Resources["analyzer_arn"] != wantARN || rec.Resources["active_findings"] != "3" {
		t.Errorf("record %+v", rec)
	}
	c := check(t, h, "access-analyzer")
	if c.Status != step.Pass || c.Detail != "The analyzer firstrun-external-access (ACCOUNT) is active in us-east-1, with 3 active findings." {
		t.Errorf("check after the run: %+v", c)
	}

	if rec := noChangeOnRerun(t, h, "access-analyzer"); rec.Outcome != checkpoint.Verified || rec.Resources["analyzer_arn"] != wantARN {
		t.Errorf("second run: %+v", rec)
	}
	if changes := plan(t, h, "access-analyzer"); len(changes) != 0 {
		t.Errorf("planned %v with an analyzer in place", changes)
	}
}

func TestAccessAnalyzerHeadlessPlansTrustedAccessInAManagementAccount(t *testing.T) {
	h := steptest.New(t, simulator.Options{Scenario: simulator.HalfSetUp})
	changes, rec := planThenRun(t, h, "access-analyzer")
	if len(changes) != 2 ||
		!strings.HasPrefix(changes[0], "organizations:EnableAWSServiceAccess organization o-") ||
		!strings.HasSuffix(changes[0], " ServicePrincipal=access-analyzer.amazonaws.com") ||
		changes[1] != "accessanalyzer:CreateAnalyzer analyzer firstrun-external-access Type=ORGANIZATION Region=us-east-1" {
		t.Errorf("plan %q", changes)
	}
	if rec.Outcome != checkpoint.Verified {
		t.Errorf("record %+v", rec)
	}
	if c := check(t, h, "access-analyzer"); c.Status != step.Pass || !strings.Contains(c.Detail, "(ORGANIZATION) is active") ||
		!strings.HasSuffix(c.Detail, "with 0 active findings.") {
		t.Errorf("check after the run: %+v", c)
	}
	noChangeOnRerun(t, h, "access-analyzer")
}

// When an earlier step of the plan creates the organization, this account manages it by
// the analyzer's turn: the plan lists trusted access and an ORGANIZATION analyzer.
func TestAccessAnalyzerPlansTheOrganizationAnEarlierStepCreates(t *testing.T) {
	h := steptest.New(t, simulator.Options{})
	h.Env.Planned = []string{"organizations:CreateOrganization"}
	changes := plan(t, h, "access-analyzer")
	want := []string{
		"organizations:EnableAWSServiceAccess organization (the one this run creates) ServicePrincipal=access-analyzer.amazonaws.com",
		"accessanalyzer:CreateAnalyzer analyzer firstrun-external-access Type=ORGANIZATION Region=us-east-1",
	}
	if !slices.Equal(changes, want) {
		t.Errorf("plan %q, want %q", changes, want)
	}
}
