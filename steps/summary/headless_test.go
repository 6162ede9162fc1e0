package summary_test

import (
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/firstrun/firstrun/answers"
	"github.com/firstrun/firstrun/awsclient/simulator"
	"github.com/firstrun/firstrun/steps/checkpoint"
	"github.com/firstrun/firstrun/steps/steptest"
	"github.com/firstrun/firstrun/steps/summary"
)

func TestSummaryHeadlessSavesTheReportWhereTheAnswersSay(t *testing.T) {
	h := steptest.New(t, simulator.Options{})
	hl := h.Definition(summary.ID).Headless
	if hl.Check != nil || hl.Plan != nil {
		t.Error("the summary checks and changes nothing in AWS, yet has a check or a plan")
	}
	if err := h.Env.Store.Record("password-policy", checkpoint.StepRecord{Outcome: checkpoint.Verified,
		Resources: map[string]string{"minimum_length": "14"}}); err != nil {
		t.Fatal(err)
	}

	// No report.path: nothing to save.
	rec, err := hl.Run(context.Background(), h.Env)
	if err != nil || rec.Outcome != checkpoint.Done || len(rec.Resources) != 0 {
		t.Errorf("run without report.path = %+v, %v", rec, err)
	}

	path := filepath.Join(t.TempDir(), "client.md")
	h.Env.Answers.Report.Path = path
	rec, err = hl.Run(context.Background(), h.Env)
	if err != nil || rec.Outcome != checkpoint.Done || rec.Resources["report_markdown"] != path ||
		rec.Resources["report_json"] != strings.TrimSuffix(path, ".md")+".json" {
		t.Fatalf("run = %+v, %v", rec, err)
	}
	md, err := os.ReadFile(path)
	if err != nil || !strings.Contains(string(md), "# AWS account setup: "+h.Env.Identity.Account) ||
		!strings.Contains(string(md), "| IAM password policy | `password-policy` | verified |") {
		t.Errorf("Markdown report (%v):\n%s", err, md)
	}
	var js struct {
		AccountID string `json:"account_id"`
	}
	data, err := os.ReadFile(rec.Resources["report_json"])
	if err != nil || json.Unmarshal(data, &js) != nil || js.AccountID != h.Env.Identity.Account {
		t.Errorf("JSON report (%v): %s", err, data)
	}
	if n := len(h.MutatingCalls()); n != 0 {
		t.Errorf("%d mutating calls", n)
	}

	// A folder gone since the answers were checked: an error naming the key, no record.
	h.Env.Answers.Report.Path = filepath.Join(t.TempDir(), "gone", "client.md")
	if _, err := hl.Run(context.Background(), h.Env); err == nil || !strings.Contains(err.Error(), "report.path") ||
		!strings.Contains(err.Error(), "does not exist") {
		t.Errorf("run into a missing folder: %v", err)
	}
}

func TestSummaryScreenProposesTheAnswersReportPath(t *testing.T) {
	h := steptest.New(t, simulator.Options{})
	path := filepath.Join(t.TempDir(), "client.md")
	h.Env.Answers.Report.Path = path
	run := h.RunStep(summary.ID)
	run.WaitFor("Press e to save")
	run.Press("e")
	run.WaitFor("Save the report as", "client.md")
	run.Press("enter")
	run.WaitFor("Report saved:")
	run.Press("enter")
	if rec := run.Finished(); rec.Resources["report_markdown"] != path {
		t.Errorf("record %+v", rec)
	}
}

func TestValidateAnswers(t *testing.T) {
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "file"), nil, 0o600); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		path, wantErr string
	}{
		{"", ""}, // not answered: the wizard proposes a name
		{filepath.Join(dir, "client.md"), ""},
		{filepath.Join(dir, "client.MD"), ""},
		{filepath.Join(dir, "client.txt"), "end the name with .md; the JSON copy goes beside it with .json"},
		{filepath.Join(dir, "missing", "client.md"), "the folder " + filepath.Join(dir, "missing") + " does not exist"},
		{filepath.Join(dir, "file", "client.md"), filepath.Join(dir, "file") + " is not a folder"},
		{"   ", "enter a file name, such as firstrun-report.md"},
	} {
		problems := summary.ValidateAnswers(&answers.Answers{Report: answers.Report{Path: tc.path}})
		switch {
		case tc.wantErr == "" && len(problems) != 0:
			t.Errorf("path %q: %v", tc.path, problems)
		case tc.wantErr != "" && (len(problems) != 1 || problems[0].Key != "report.path" || problems[0].Err.Error() != tc.wantErr):
			t.Errorf("path %q: %+v, want %q", tc.path, problems, tc.wantErr)
		}
	}
}
