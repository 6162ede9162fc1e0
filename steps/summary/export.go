package summary

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/firstrun/firstrun/steps/checkpoint"
	"github.com/firstrun/firstrun/steps/step"
)

// ReportSchemaVersion is the version of the JSON report's format. Bump it when a field
// changes meaning or goes away; adding a field needs no bump.
const ReportSchemaVersion = 1

// OutcomeCode is the entry's outcome as the JSON report names it: verified, done,
// confirmed, skipped, failed, in_progress, not_started or not_available.
func (e Entry) OutcomeCode() string {
	switch {
	case e.Outcome != "":
		return string(e.Outcome)
	case !e.Available:
		return "not_available"
	default:
		return "not_started"
	}
}

type jsonReport struct {
	SchemaVersion   int        `json:"schema_version"`
	AccountID       string     `json:"account_id"`
	CallerARN       string     `json:"caller_arn,omitempty"`
	Region          string     `json:"region,omitempty"`
	FirstrunVersion string     `json:"firstrun_version"`
	Generated       time.Time  `json:"generated_at"`
	Steps           []jsonStep `json:"steps"`
	Remaining       []step.ID  `json:"remaining"`
}

type jsonStep struct {
	ID        step.ID           `json:"id"`
	Chapter   step.Chapter      `json:"chapter"`
	Title     string            `json:"title"`
	Optional  bool              `json:"optional"`
	Outcome   string            `json:"outcome"`
	Reason    string            `json:"reason,omitempty"`
	Resources map[string]string `json:"resources,omitempty"`
}

// JSON renders the report for tools: every step with its outcome, reason and recorded
// identifiers, and the IDs of the steps left to do.
func (r Report) JSON() ([]byte, error) {
	out := jsonReport{
		SchemaVersion: ReportSchemaVersion, AccountID: r.AccountID, CallerARN: r.CallerARN, Region: r.Region,
		FirstrunVersion: r.Version, Generated: r.Generated.Truncate(time.Second), Steps: []jsonStep{}, Remaining: []step.ID{},
	}
	for _, e := range r.Entries {
		s := jsonStep{ID: e.ID, Chapter: e.Chapter, Title: e.Title, Optional: e.Optional, Outcome: e.OutcomeCode(), Reason: e.Reason}
		if len(e.Resources) > 0 {
			s.Resources = make(map[string]string, len(e.Resources))
			for _, res := range e.Resources {
				s.Resources[res.Name] = res.Value
			}
		}
		out.Steps = append(out.Steps, s)
	}
	for _, e := range r.Remaining() {
		out.Remaining = append(out.Remaining, e.ID)
	}
	b, err := json.MarshalIndent(out, "", "  ")
	if err != nil {
		return nil, err
	}
	return append(b, '\n'), nil
}

// Markdown renders the report for a client or a ticket: the account, the date and the
// firstrun version, each chapter's steps with their outcomes, what is left to do, and
// what was created or found.
func (r Report) Markdown() []byte {
	var b bytes.Buffer
	fmt.Fprintf(&b, "# AWS account setup: %s\n\n", r.AccountID)
	b.WriteString("| | |\n|---|---|\n")
	for _, row := range [][2]string{
		{"Account", r.AccountID},
		{"Signed in as", r.CallerARN},
		{"Region", r.Region},
		{"Date", r.Generated.Format("2 January 2006, 15:04 MST")},
		{"firstrun version", r.Version},
	} {
		if row[1] != "" {
			fmt.Fprintf(&b, "| %s | %s |\n", row[0], cell(row[1]))
		}
	}
	b.WriteString("\nOutcomes: **verified** means AWS confirmed it with a read-only check; **done** means the AWS " +
		"call succeeded; **confirmed** means the operator said so where AWS offers no check; **skipped** gives " +
		"the reason.\n")

	var chapter step.Chapter
	for _, e := range r.Entries {
		if e.Chapter != chapter {
			chapter = e.Chapter
			fmt.Fprintf(&b, "\n## %s\n\n| Step | ID | Outcome | Note |\n|---|---|---|---|\n", chapter)
		}
		note := e.Reason
		if note == "" && e.Optional && e.Outcome == "" {
			note = "optional"
		}
		fmt.Fprintf(&b, "| %s | `%s` | %s | %s |\n", cell(e.Title), e.ID, outcomeWords(e), cell(note))
	}

	b.WriteString("\n## Left to do\n\n")
	left := r.Remaining()
	if len(left) == 0 {
		b.WriteString("Nothing: every step is complete.\n")
	}
	for _, e := range left {
		fmt.Fprintf(&b, "- %s (`%s`): %s\n", e.Title, e.ID, outcomeWords(e))
	}

	b.WriteString("\n## Created or found\n\n")
	made := r.Created()
	if len(made) == 0 {
		b.WriteString("Nothing was created in this account.\n")
	}
	for _, e := range made {
		for _, res := range e.Resources {
			fmt.Fprintf(&b, "- %s: %s `%s`\n", e.Title, res.Name, res.Value)
		}
	}
	return b.Bytes()
}

// outcomeWords is the outcome as the Markdown report words it.
func outcomeWords(e Entry) string {
	if e.Outcome == checkpoint.InProgress {
		return "started, not finished"
	}
	return strings.ReplaceAll(e.OutcomeCode(), "_", " ")
}

// cell makes text safe inside a Markdown table cell.
func cell(s string) string {
	return strings.NewReplacer("|", `\|`, "\r\n", " ", "\n", " ").Replace(s)
}

// ReportFiles are the files Export wrote.
type ReportFiles struct {
	Markdown, JSON string
}

// resources are the files as the summary step records them.
func (f ReportFiles) resources() map[string]string {
	return map[string]string{"report_markdown": f.Markdown, "report_json": f.JSON}
}

// DefaultReportPath names the report after the account and the day, in the current
// directory: firstrun-report-<account>-<date>.md.
func DefaultReportPath(r Report) string {
	return fmt.Sprintf("firstrun-report-%s-%s.md", r.AccountID, r.Generated.Local().Format("2006-01-02"))
}

// ValidateReportPath checks a path typed for the Markdown report: a .md file in a folder
// that exists. The JSON copy goes beside it.
func ValidateReportPath(path string) error {
	p, err := expandHome(strings.TrimSpace(path))
	switch {
	case err != nil:
		return err
	case p == "":
		return errors.New("enter a file name, such as firstrun-report.md")
	case !strings.EqualFold(filepath.Ext(p), ".md"):
		return errors.New("end the name with .md; the JSON copy goes beside it with .json")
	}
	dir := filepath.Dir(p)
	switch info, err := os.Stat(dir); {
	case errors.Is(err, fs.ErrNotExist):
		return fmt.Errorf("the folder %s does not exist", dir)
	case err != nil:
		return err
	case !info.IsDir():
		return fmt.Errorf("%s is not a folder", dir)
	}
	if info, err := os.Stat(p); err == nil && info.IsDir() {
		return fmt.Errorf("%s is a folder; add a file name ending in .md", p)
	}
	return nil
}

// Export writes the report as Markdown to path and as JSON beside it, readable only by
// the operator (the report names the account and its resources). A report already there
// is replaced.
func Export(r Report, path string) (ReportFiles, error) {
	if err := ValidateReportPath(path); err != nil {
		return ReportFiles{}, err
	}
	p, err := expandHome(strings.TrimSpace(path))
	if err == nil {
		p, err = filepath.Abs(p)
	}
	if err != nil {
		return ReportFiles{}, err
	}
	files := ReportFiles{Markdown: p, JSON: strings.TrimSuffix(p, filepath.Ext(p)) + ".json"}
	data, err := r.JSON()
	if err != nil {
		return ReportFiles{}, err
	}
	if err := os.WriteFile(files.Markdown, r.Markdown(), 0o600); err != nil {
		return ReportFiles{}, err
	}
	if err := os.WriteFile(files.JSON, data, 0o600); err != nil {
		return ReportFiles{}, err
	}
	return files, nil
}

// expandHome turns a leading ~ into the home directory, as a shell would.
func expandHome(p string) (string, error) {
	if p != "~" && !strings.HasPrefix(p, "~/") {
		return p, nil
	}
	home, err := os.UserHomeDir()
	if err != nil {
		return "", fmt.Errorf("the home folder is unknown: %w", err)
	}
	return filepath.Join(home, strings.TrimPrefix(p, "~")), nil
}
