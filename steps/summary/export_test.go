package summary_test

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/firstrun/firstrun/steps/checkpoint"
	"github.com/firstrun/firstrun/steps/step"
	"github.com/firstrun/firstrun/steps/summary"
)

// sample is a setup part-way through, with every kind of outcome.
func sample() summary.Report {
	screen := func(*step.Env, step.Definition) step.Screen { return nil }
	seq := []step.Definition{
		{ID: "connect", Chapter: step.ChapterConnect, Title: "Connect to the account", Screen: screen},
		{ID: "root-mfa", Chapter: step.ChapterRootUser, Title: "Root user MFA", Screen: screen},
		{ID: "root-password", Chapter: step.ChapterRootUser, Title: "Root password", Screen: screen},
		{ID: "billing-access", Chapter: step.ChapterBilling, Title: "IAM access to billing", Screen: screen},
		{ID: "budget", Chapter: step.ChapterBilling, Title: "Budget alert", Optional: true, Screen: screen},
		{ID: "billing-role", Chapter: step.ChapterBilling, Title: "Billing role", Screen: screen},
		{ID: "password-policy", Chapter: step.ChapterReview, Title: "IAM password policy", Screen: screen},
		{ID: "credential-report", Chapter: step.ChapterReview, Title: "Credential report", Screen: screen},
		{ID: "access-analyzer", Chapter: step.ChapterReview, Title: "IAM Access Analyzer"},
		{ID: "summary", Chapter: step.ChapterReview, Title: "Summary", Screen: screen},
	}
	doc := checkpoint.Document{AccountID: "412318265094", CallerARN: "arn:aws:iam::412318265094:root", Region: "us-east-1",
		Steps: map[string]checkpoint.StepRecord{
			"connect":           {Outcome: checkpoint.Verified, Resources: map[string]string{"account_id": "412318265094"}},
			"root-mfa":          {Outcome: checkpoint.Verified},
			"root-password":     {Outcome: checkpoint.Confirmed, Reason: "the operator confirmed it; AWS offers no way to check"},
			"billing-access":    {Outcome: checkpoint.Skipped, Reason: "only the root user | not you"},
			"billing-role":      {Outcome: checkpoint.Failed, Reason: "iam:CreateRole failed: AccessDenied"},
			"password-policy":   {Outcome: checkpoint.Done, Resources: map[string]string{"minimum_length": "14"}},
			"credential-report": {Outcome: checkpoint.InProgress},
		}}
	return summary.Build(doc, seq, "1.2.3", time.Date(2025, 6, 2, 9, 30, 0, 0, time.UTC))
}

func TestJSONReport(t *testing.T) {
	data, err := sample().JSON()
	if err != nil {
		t.Fatal(err)
	}
	var got struct {
		SchemaVersion   int    `json:"schema_version"`
		AccountID       string `json:"account_id"`
		CallerARN       string `json:"caller_arn"`
		FirstrunVersion string `json:"firstrun_version"`
		GeneratedAt     string `json:"generated_at"`
		Steps           []struct {
			ID        string            `json:"id"`
			Chapter   string            `json:"chapter"`
			Outcome   string            `json:"outcome"`
			Reason    string            `json:"reason"`
			Optional  bool              `json:"optional"`
			Resources map[string]string `json:"resources"`
		} `json:"steps"`
		Remaining []string `json:"remaining"`
	}
	if err := json.Unmarshal(data, &got); err != nil {
		t.Fatalf("not JSON: %v\n%s", err, data)
	}
	if got.SchemaVersion != summary.ReportSchemaVersion || got.AccountID != "412318265094" || got.FirstrunVersion != "1.2.3" ||
		got.GeneratedAt != "2025-06-02T09:30:00Z" || got.CallerARN != "arn:aws:iam::412318265094:root" {
		t.Errorf("header %+v", got)
	}
	want := []struct{ id, outcome string }{
		{"connect", "verified"}, {"root-mfa", "verified"}, {"root-password", "confirmed"}, {"billing-access", "skipped"},
		{"budget", "not_started"}, {"billing-role", "failed"}, {"password-policy", "done"},
		{"credential-report", "in_progress"}, {"access-analyzer", "not_available"},
	}
	if len(got.Steps) != len(want) {
		t.Fatalf("%d steps, want %d (the summary itself is left out)", len(got.Steps), len(want))
	}
	for i, w := range want {
		if s := got.Steps[i]; s.ID != w.id || s.Outcome != w.outcome {
			t.Errorf("step %d = %s %s, want %s %s", i, s.ID, s.Outcome, w.id, w.outcome)
		}
	}
	if got.Steps[3].Reason != "only the root user | not you" || !got.Steps[4].Optional ||
		got.Steps[6].Resources["minimum_length"] != "14" || got.Steps[0].Chapter != "Connect" {
		t.Errorf("details lost: %+v", got.Steps)
	}
	// Skipped optional steps are a choice; everything not finished is left to do.
	if strings.Join(got.Remaining, ",") != "billing-access,budget,billing-role,credential-report,access-analyzer" {
		t.Errorf("remaining %v", got.Remaining)
	}
}

func TestMarkdownReport(t *testing.T) {
	md := string(sample().Markdown())
	for _, want := range []string{
		"# AWS account setup: 412318265094",
		"| Account | 412318265094 |",
		"| Date | 2 June 2025, 09:30 UTC |",
		"| firstrun version | 1.2.3 |",
		"## Root user",
		"| Root password | `root-password` | confirmed | the operator confirmed it; AWS offers no way to check |",
		`| IAM access to billing | ` + "`billing-access`" + ` | skipped | only the root user \| not you |`,
		"| Budget alert | `budget` | not started | optional |",
		"| Billing role | `billing-role` | failed | iam:CreateRole failed: AccessDenied |",
		"| Credential report | `credential-report` | started, not finished |  |",
		"| IAM Access Analyzer | `access-analyzer` | not available |  |",
		"- IAM Access Analyzer (`access-analyzer`): not available",
		"- IAM password policy: minimum_length `14`",
	} {
		if !strings.Contains(md, want) {
			t.Errorf("the Markdown lacks %q:\n%s", want, md)
		}
	}
	if strings.Contains(md, "`summary`") {
		t.Error("the summary lists itself")
	}
}

func TestValidateReportPath(t *testing.T) {
	dir := t.TempDir()
	file := filepath.Join(dir, "file")
	if err := os.WriteFile(file, nil, 0o600); err != nil {
		t.Fatal(err)
	}
	if err := os.Mkdir(filepath.Join(dir, "old.md"), 0o700); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct{ path, want string }{
		{filepath.Join(dir, "report.md"), ""},
		{"report.md", ""}, // the current directory
		{"  ", "enter a file name"},
		{filepath.Join(dir, "report.txt"), "end the name with .md"},
		{filepath.Join(dir, "missing", "report.md"), "does not exist"},
		{filepath.Join(file, "report.md"), "is not a folder"},
		{filepath.Join(dir, "old.md"), "is a folder"},
	} {
		err := summary.ValidateReportPath(tc.path)
		if (err == nil) != (tc.want == "") || (err != nil && !strings.Contains(err.Error(), tc.want)) {
			t.Errorf("ValidateReportPath(%q) = %v, want %q", tc.path, err, tc.want)
		}
	}
	t.Setenv("HOME", dir)
	if err := summary.ValidateReportPath("~/report.md"); err != nil {
		t.Errorf("a path in the home folder: %v", err)
	}
}

func TestExportWritesBothFiles(t *testing.T) {
	dir := t.TempDir()
	t.Setenv("HOME", dir)
	files, err := summary.Export(sample(), "~/client.md")
	if err != nil {
		t.Fatal(err)
	}
	if files.Markdown != filepath.Join(dir, "client.md") || files.JSON != filepath.Join(dir, "client.json") {
		t.Errorf("files %+v", files)
	}
	for _, f := range []string{files.Markdown, files.JSON} {
		info, err := os.Stat(f)
		if err != nil {
			t.Fatal(err)
		}
		if info.Mode().Perm() != 0o600 || info.Size() == 0 {
			t.Errorf("%s: mode %v, %d bytes", f, info.Mode().Perm(), info.Size())
		}
	}
	if _, err := summary.Export(sample(), filepath.Join(dir, "nowhere", "r.md")); err == nil {
		t.Error("exported into a folder that does not exist")
	}
	if got := summary.DefaultReportPath(sample()); !strings.HasPrefix(got, "firstrun-report-412318265094-2025-06-0") || !strings.HasSuffix(got, ".md") {
		t.Errorf("default path %s", got)
	}
}
