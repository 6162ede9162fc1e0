package review

import (
	"context"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/aws/aws-sdk-go-v2/service/iam"
	"github.com/aws/smithy-go"

	step "github.com/firstrun/firstrun/steps/core"
)

// CredentialReportOutputs are what the credential-report step records: when the report
// was made and what it found. The findings themselves are in the report IAM keeps.
type CredentialReportOutputs struct {
	ReportGenerated string `json:"report_generated,omitempty"`
	Findings        string `json:"findings,omitempty"`
}

// How a run waits for IAM to make a report: pauses growing up to reportPollEvery, for at
// most reportDeadline. IAM usually needs a few seconds.
const (
	reportPollEvery = time.Second
	reportDeadline  = 2 * time.Minute
)

const credentialReportIntro = "The credential report lists every user of the account, the root " +
	"user too, with the state of their passwords, MFA and access keys. firstrun asks IAM for it and " +
	"points out what to fix. It changes no setting."

// What the audit says when there is no report to read: nothing failed, and the remedy is
// a run of firstrun (or the IAM console), which makes one.
const (
	noRecentReport   = "There is no credential report from the last four hours; run firstrun to generate one (an audit only reads)."
	reportInProgress = "IAM is generating a credential report; audit again in a minute."
)

// CredentialReportFlow gets IAM's credential report and shows what in it needs attention.
// It reuses a report under four hours old, so a second run makes no call that counts as a
// change; otherwise it has IAM generate one (a write --plan lists, though it changes no
// setting) and waits for it. Findings are for the operator to act on: they fail the
// audit's check, not the step.
func CredentialReportFlow(env step.Env) *step.Flow {
	return newCredentialReportFlow(env, reportPollEvery, reportDeadline)
}

func newCredentialReportFlow(env step.Env, every, deadline time.Duration) *step.Flow {
	s := &reportStep{env: env, every: every, deadline: deadline}
	f := &step.Flow{Intro: credentialReportIntro, ConfirmLabel: "generate the report"}
	f.Inspect = func(ctx context.Context) (step.Inspection, error) { return s.inspect(ctx, f) }
	return f
}

// reportStep is the step's state between the Flow's calls.
type reportStep struct {
	env             step.Env
	every, deadline time.Duration
	// fetched means this run had IAM make the report: it is shown in the part that follows.
	fetched bool
	// none means the last inspection found no report from the last four hours.
	none     bool
	report   *CredentialReport
	findings []Finding
}

// inspect reads the report IAM has, changing nothing. With a report to show, the step is
// read-only; without one, its change is to have IAM make one, and the report is shown
// once it is there.
func (s *reportStep) inspect(ctx context.Context, f *step.Flow) (step.Inspection, error) {
	if s.fetched {
		// The report fetch just downloaded: this part's goal, a report to show, holds, and
		// the next part shows it.
		fs, err := CurrentFindings(ctx, s.env.AWS.IAM, s.report, s.env.Now())
		if err != nil {
			return step.Inspection{}, err
		}
		s.findings, f.Then = fs, s.then
		return step.Inspection{Holds: true, Detail: "IAM has the credential report of " + reportTime(s.report) + ".",
			Outputs: reportOutputs(s.report, fs)}, nil
	}
	rep, err := ReadCredentialReport(ctx, s.env.AWS.IAM)
	s.none = errors.Is(err, ErrNoRecentReport)
	switch {
	case s.none:
		f.Apply = s.fetch
		return step.Inspection{Unknown: noRecentReport, Detail: "IAM has no credential report from the last four hours.",
			Facts:   []step.Fact{{Label: "Credential report", Value: "none from the last four hours"}},
			Changes: []step.Change{generateReport}}, nil
	case errors.Is(err, ErrReportInProgress):
		f.Apply = s.fetch // nothing to make: wait for it
		return step.Inspection{Unknown: reportInProgress, Detail: "IAM is generating a credential report.",
			Facts: []step.Fact{{Label: "Credential report", Value: "IAM is generating one"}},
			Note:  "firstrun waits for it; IAM usually needs a few seconds."}, nil
	case err != nil:
		return step.Inspection{}, err
	}
	fs, err := CurrentFindings(ctx, s.env.AWS.IAM, rep, s.env.Now())
	if err != nil {
		return step.Inspection{}, err
	}
	f.Apply = nil // read-only: verified once the operator has read it
	return reportInspection(rep, fs), nil
}

// generateReport is the change of a run that finds no report to reuse.
var generateReport = step.Change{Service: "iam", Operation: "GenerateCredentialReport",
	Resource: "credential report (makes a report; changes no setting)",
	Say:      "Have IAM generate a credential report (it changes no setting)"}

// fetch has IAM make the report, or waits for the one it is making, and then shows it.
func (s *reportStep) fetch(ctx context.Context, a *step.Act) (step.Outputs, error) {
	a.Status("IAM is generating the credential report; it usually needs a few seconds")
	waitCtx, cancel := context.WithTimeout(ctx, s.deadline)
	defer cancel()
	if s.none {
		// The inspection just found none: IAM starts one, or reuses one another caller
		// started since.
		if _, err := s.env.AWS.IAM.GenerateCredentialReport(ctx, &iam.GenerateCredentialReportInput{}); err != nil {
			return nil, err
		}
		s.none = false // a retry waits for this one
	}
	rep, err := FetchCredentialReport(waitCtx, s.env.AWS.IAM, s.every)
	if errors.Is(err, context.DeadlineExceeded) && ctx.Err() == nil {
		// Said as the call's failure, not as a network's: IAM keeps working on it meanwhile.
		return nil, &smithy.OperationError{ServiceID: "IAM", OperationName: "GenerateCredentialReport",
			Err: fmt.Errorf("IAM was still generating the credential report after %s; it keeps working on it: "+
				"retry in a minute", s.deadline)}
	}
	if err != nil {
		return nil, err
	}
	s.fetched, s.report = true, rep
	return nil, nil
}

// Then shows the report this run had IAM make.
func (s *reportStep) then(step.Outputs) *step.Flow {
	return &step.Flow{Intro: credentialReportIntro, Inspect: func(context.Context) (step.Inspection, error) {
		return reportInspection(s.report, s.findings), nil
	}}
}

// reportInspection shows the report and its findings, judged as the audit judges them.
func reportInspection(rep *CredentialReport, fs []Finding) step.Inspection {
	in := step.Inspection{
		Facts: []step.Fact{
			{Label: "Generated", Value: rep.Generated.Local().Format("2 Jan 2006 15:04")},
			{Label: "Covers", Value: "the root user and " + plural(rep.IAMUsers(), "IAM user")},
			{Label: "Findings", Value: findingsSummary(fs), Good: step.GoodIf(len(fs) == 0)},
		},
		Outputs: reportOutputs(rep, fs),
	}
	of := "The credential report of " + reportTime(rep)
	if failing := failingSummary(fs); failing != "" {
		in.Detail = of + " shows " + failing + "."
	} else {
		in.Holds = true
		in.Detail = fmt.Sprintf("%s shows nothing to fix for the root user and %s.", of, plural(rep.IAMUsers(), "IAM user"))
	}
	if len(fs) == 0 {
		in.Note = "Nothing to fix: every credential is as AWS recommends."
		return in
	}
	in.Table = findingsTable(fs)
	in.Note = fmt.Sprintf("Checked: root access keys and MFA, use of the root user in the last %d "+
		"days, console passwords without MFA, access keys older than %d days, and passwords or keys unused for %d "+
		"days or more (CIS AWS Foundations). Fix them in the IAM console; the steps for root MFA, root access keys "+
		"and MFA for IAM users help too.", RecentRootDays, KeyRotationDays, UnusedDays)
	return in
}

func reportTime(rep *CredentialReport) string {
	return rep.Generated.UTC().Format("2006-01-02 15:04 MST")
}

// reportOutputs record when the report was made and what it found.
func reportOutputs(rep *CredentialReport, fs []Finding) CredentialReportOutputs {
	return CredentialReportOutputs{ReportGenerated: rep.Generated.UTC().Format(time.RFC3339), Findings: findingsSummary(fs)}
}

// findingsSummary counts findings in words: "3 (1 critical, 2 medium)" or "none".
func findingsSummary(fs []Finding) string {
	if len(fs) == 0 {
		return "none"
	}
	counts := CountBySeverity(fs)
	var parts []string
	for sev := SeverityCritical; sev >= SeverityLow; sev-- {
		if n := counts[sev]; n > 0 {
			parts = append(parts, fmt.Sprintf("%d %s", n, sev))
		}
	}
	return fmt.Sprintf("%d (%s)", len(fs), strings.Join(parts, ", "))
}

// findingsTable lays the findings out by severity, principal and detail.
func findingsTable(fs []Finding) *step.Table {
	t := &step.Table{Columns: []string{"Severity", "Who", "Finding"}}
	for _, f := range fs {
		t.Rows = append(t.Rows, step.Row{Cells: []string{f.Severity.String(), f.Principal, f.Detail}, Tone: severityTone(f.Severity)})
	}
	return t
}

func severityTone(s Severity) step.Tone {
	switch s {
	case SeverityCritical:
		return step.Critical
	case SeverityHigh:
		return step.Bad
	case SeverityMedium:
		return step.Attention
	case SeverityLow:
	}
	return step.Muted
}

func plural(n int, noun string) string {
	if n == 1 {
		return "1 " + noun
	}
	return strconv.Itoa(n) + " " + noun + "s"
}
