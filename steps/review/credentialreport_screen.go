package review

import (
	"context"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/aws/aws-sdk-go-v2/service/iam/types"
	"github.com/charmbracelet/bubbles/key"
	"github.com/charmbracelet/bubbles/spinner"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"

	"github.com/firstrun/firstrun/awsclient"
	"github.com/firstrun/firstrun/steps/checkpoint"
	"github.com/firstrun/firstrun/steps/step"
	"github.com/firstrun/firstrun/ui/theme"
)

// How the screen waits for IAM: a check every reportPollEvery, for at most
// reportDeadline; each call may take reportCallLimit. IAM usually needs a few seconds.
const (
	reportPollEvery = time.Second
	reportDeadline  = 2 * time.Minute
	reportCallLimit = 30 * time.Second
)

// CredentialReportScreen has IAM generate the credential report, then shows what in it
// needs attention. It changes nothing in the account.
func CredentialReportScreen(env *step.Env, def step.Definition) step.Screen {
	return newCredentialReportScreen(env, def, reportPollEvery, reportDeadline)
}

func newCredentialReportScreen(env *step.Env, def step.Definition, every, deadline time.Duration) *credentialReportScreen {
	return &credentialReportScreen{env: env, id: def.ID, every: every, deadline: deadline,
		spin: spinner.New(spinner.WithSpinner(spinner.Dot))}
}

type credentialReportScreen struct {
	env             *step.Env
	id              step.ID
	every, deadline time.Duration

	started  time.Time
	elapsed  time.Duration
	state    types.ReportStateType
	checks   int // tells this screen's current round from stale ones
	waiting  bool
	report   *CredentialReport
	findings []Finding
	problem  *awsclient.Problem
	spin     spinner.Model
	width    int
}

type (
	reportCheckedMsg struct {
		id       step.ID
		n        int
		state    types.ReportStateType
		report   *CredentialReport
		findings []Finding
		err      error
	}
	reportPollMsg struct {
		id step.ID
		n  int
	}
)

func (s *credentialReportScreen) Init() tea.Cmd {
	return tea.Batch(s.spin.Tick, s.begin())
}

func (s *credentialReportScreen) begin() tea.Cmd {
	s.started, s.elapsed, s.state, s.problem, s.report = s.env.Now(), 0, "", nil, nil
	return s.check()
}

func (s *credentialReportScreen) check() tea.Cmd {
	s.checks++
	s.waiting = true
	ctx, cancel := context.WithTimeout(s.env.Ctx, reportCallLimit)
	id, n, api, now := s.id, s.checks, s.env.AWS.IAM, s.env.Now
	return func() tea.Msg {
		defer cancel()
		state, rep, err := CheckCredentialReport(ctx, api)
		var fs []Finding
		if rep != nil && err == nil {
			fs, err = CurrentFindings(ctx, api, rep, now())
		}
		return reportCheckedMsg{id: id, n: n, state: state, report: rep, findings: fs, err: err}
	}
}

func (s *credentialReportScreen) Update(msg tea.Msg) (step.Screen, tea.Cmd) {
	keys := s.env.Keys
	switch msg := msg.(type) {
	case spinner.TickMsg:
		var cmd tea.Cmd
		s.spin, cmd = s.spin.Update(msg)
		if s.waiting {
			s.elapsed = s.env.Now().Sub(s.started)
		}
		return s, cmd
	case reportCheckedMsg:
		if msg.id != s.id || msg.n != s.checks {
			return s, nil
		}
		return s, s.checked(msg)
	case reportPollMsg:
		if msg.id != s.id || msg.n != s.checks || !s.waiting {
			return s, nil
		}
		return s, s.check()
	case tea.KeyMsg:
		switch {
		case s.waiting:
		case s.report != nil && key.Matches(msg, keys.Continue):
			return s, step.Finish(s.env, s.id, checkpoint.StepRecord{Outcome: checkpoint.Verified,
				Resources: reportResources(s.report, s.findings)})
		case s.problem != nil && key.Matches(msg, keys.Retry):
			return s, s.begin()
		case key.Matches(msg, keys.Skip):
			reason := "skipped by the operator"
			if s.problem != nil {
				reason = "skipped after an error: " + s.problem.Summary()
			}
			return s, step.Finish(s.env, s.id, checkpoint.StepRecord{Outcome: checkpoint.Skipped, Reason: reason})
		}
	}
	return s, nil
}

func (s *credentialReportScreen) checked(msg reportCheckedMsg) tea.Cmd {
	s.elapsed = s.env.Now().Sub(s.started)
	switch {
	case msg.err != nil:
		s.fail(step.Explain(s.env, msg.err))
		return nil
	case msg.report != nil:
		s.waiting, s.report, s.findings = false, msg.report, msg.findings
		return nil
	case s.elapsed >= s.deadline:
		s.fail(awsclient.Problem{
			Operation: "iam:GenerateCredentialReport",
			Err:       fmt.Errorf("IAM was still generating the credential report after %s", s.deadline),
			Fix:       "IAM is slow to generate the report today. Retry in a minute: IAM keeps working on it meanwhile.",
		})
		return nil
	}
	s.state = msg.state
	id, n := s.id, s.checks
	return tea.Tick(s.every, func(time.Time) tea.Msg { return reportPollMsg{id: id, n: n} })
}

func (s *credentialReportScreen) fail(p awsclient.Problem) {
	s.waiting, s.problem = false, &p
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

func (s *credentialReportScreen) View() string {
	th, w := s.env.Theme, s.width
	blocks := []string{step.Paragraphs(th, w, "The credential report lists every user of the account, the root "+
		"user too, with the state of their passwords, MFA and access keys. firstrun asks IAM for it and "+
		"points out what to fix. It changes nothing.")}
	switch {
	case s.problem != nil:
		blocks = append(blocks, step.ProblemView(th, w, *s.problem))
	case s.report == nil:
		state := "asking"
		switch s.state {
		case types.ReportStateTypeStarted:
			state = "started"
		case types.ReportStateTypeInprogress:
			state = "in progress"
		case types.ReportStateTypeComplete:
			state = "downloading"
		}
		blocks = append(blocks, fmt.Sprintf("%s IAM is generating the report (%s, %ds)…", s.spin.View(), state,
			int(s.elapsed.Seconds())))
	default:
		blocks = append(blocks, s.reportView())
	}
	return step.Sections(blocks...)
}

func (s *credentialReportScreen) reportView() string {
	th, w := s.env.Theme, s.width
	facts := step.Facts(th, w, []step.Fact{
		{Label: "Generated", Value: s.report.Generated.Local().Format("2 Jan 2006 15:04")},
		{Label: "Covers", Value: "the root user and " + plural(s.report.IAMUsers(), "IAM user")},
		{Label: "Findings", Value: findingsSummary(s.findings)},
	})
	if len(s.findings) == 0 {
		return step.Sections(facts, th.Success.Width(w).Render("Nothing to fix: every credential is as AWS recommends."))
	}
	return step.Sections(facts, findingsTable(th, w, s.findings),
		th.Muted.Width(w).Render(fmt.Sprintf("Checked: root access keys and MFA, use of the root user in the last %d "+
			"days, console passwords without MFA, access keys older than %d days, and passwords or keys unused for %d "+
			"days or more (CIS AWS Foundations). Fix them in the IAM console; the steps for root MFA, root access keys "+
			"and MFA for IAM users help too.", RecentRootDays, KeyRotationDays, UnusedDays)))
}

func plural(n int, noun string) string {
	if n == 1 {
		return "1 " + noun
	}
	return strconv.Itoa(n) + " " + noun + "s"
}

// findingsTable lays the findings out in three columns within width. Long names and
// details wrap inside their column, so no line is wider than width; the root model
// scrolls a table taller than the window.
func findingsTable(th *theme.Theme, width int, fs []Finding) string {
	const severityWidth = 9 // "critical" and a space
	whoWidth := min(20, max(10, width/4))
	detailWidth := max(10, width-severityWidth-whoWidth-2)
	rows := []string{lipgloss.JoinHorizontal(lipgloss.Top,
		th.Heading.Width(severityWidth).Render("Severity"), " ",
		th.Heading.Width(whoWidth).Render("Who"), " ",
		th.Heading.Width(detailWidth).Render("Finding"))}
	for _, f := range fs {
		rows = append(rows, lipgloss.JoinHorizontal(lipgloss.Top,
			severityStyle(th, f.Severity).Width(severityWidth).Render(f.Severity.String()), " ",
			th.Text.Width(whoWidth).Render(f.Principal), " ",
			th.Text.Width(detailWidth).Render(f.Detail)))
	}
	return strings.Join(rows, "\n")
}

func severityStyle(th *theme.Theme, s Severity) lipgloss.Style {
	switch s {
	case SeverityCritical:
		return th.Error.Bold(true)
	case SeverityHigh:
		return th.Error
	case SeverityMedium:
		return th.Warning
	case SeverityLow:
	}
	return th.Muted
}

func (s *credentialReportScreen) SetSize(width, _ int) { s.width = width }
func (s *credentialReportScreen) Busy() bool           { return s.waiting }
func (s *credentialReportScreen) Typing() bool         { return false }

func (s *credentialReportScreen) ShortHelp() []key.Binding {
	k := s.env.Keys
	switch {
	case s.waiting:
		return nil
	case s.problem != nil:
		return []key.Binding{k.Retry, k.Skip}
	}
	return []key.Binding{k.Continue, k.Skip}
}

func (s *credentialReportScreen) FullHelp() [][]key.Binding { return [][]key.Binding{s.ShortHelp()} }
