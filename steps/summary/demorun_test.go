package summary_test

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	tea "github.com/charmbracelet/bubbletea"

	"github.com/firstrun/firstrun/awsclient/simulator"
	"github.com/firstrun/firstrun/steps/checkpoint"
	"github.com/firstrun/firstrun/steps/step"
	"github.com/firstrun/firstrun/steps/steptest"
	"github.com/firstrun/firstrun/steps/summary"
	"github.com/firstrun/firstrun/ui"
)

// drivers take each step's screen to its end the way an operator would. A step without
// a driver is skipped with s; a chapter that lands a step whose screen s does not skip
// (a form, the QR code) adds its driver here.
var drivers = map[step.ID]func(p *steptest.Program){
	"connect": func(p *steptest.Program) {
		p.WaitFor("Acting as")
		p.Press("enter")
	},
	"contacts": func(p *steptest.Program) {
		p.WaitFor("Do the root user's email")
		p.Press("enter") // they reach me
		p.WaitFor("Billing contact: who AWS writes to")
		p.Press("esc") // no alternate contacts today
		p.WaitFor("You left the form")
		p.Press("s")
	},
	"root-mfa": func(p *steptest.Program) {
		p.WaitFor("Waiting for AWS to show it")
		p.Press("d")
	},
	"root-password": func(p *steptest.Program) {
		p.WaitFor("AWS offers no way to check this step")
		p.Press("d")
	},
	"root-access-keys": func(p *steptest.Program) {
		p.WaitFor("firstrun is running on one of them")
		p.Press("enter")
	},
	"billing-access": func(p *steptest.Program) {
		p.WaitFor("Select Activate IAM Access")
		p.Press("d")
	},
	"billing-role": func(p *steptest.Program) {
		p.WaitFor("Role name", "> Billing")
		p.Press("enter")
		p.WaitFor("What will change")
		p.Press("enter")
	},
	"budget": func(p *steptest.Program) {
		p.WaitFor("Set up a monthly budget alert?")
		p.Press("enter") // the default: no
	},
	"organization": func(p *steptest.Program) {
		p.WaitFor("Create the organization?")
		p.Press("enter")
		p.WaitFor("What will change")
		p.Press("enter")
	},
	"identity-center": func(p *steptest.Program) {
		p.WaitFor("Identity Center Region")
		p.Press("enter")
		p.WaitFor("Waiting for AWS to show it")
		p.Press("d")
	},
	"identity-source": func(p *steptest.Program) {
		p.WaitFor("Where will your people")
		p.Press("enter")
		p.WaitFor("firstrun records your choice")
		p.Press("enter")
	},
	"ic-mfa": func(p *steptest.Program) {
		p.WaitFor("AWS offers no way to check this step")
		p.Press("d")
	},
	"admin-user": func(p *steptest.Program) {
		p.WaitFor("User name")
		for _, field := range []struct{ focus, value string }{
			{"", "jane.doe"}, {"┃ Email", "jane@example.com"}, {"┃ Email again", "jane@example.com"},
			{"┃ First name", "Jane"}, {"┃ Last name", "Doe"}, {"┃ Display name", ""},
		} {
			if field.focus != "" {
				p.WaitFor(field.focus) // the form moves to the next field in a command of its own
			}
			p.Type(field.value)
			p.Press("enter")
		}
		p.WaitFor("What will change")
		p.Press("enter")
		p.WaitFor("Do one of the following in the console")
		p.Press("d")
	},
	"admin-group": func(p *steptest.Program) {
		p.WaitFor("Group name")
		p.Press("enter")
		p.WaitFor("What will change")
		p.Press("enter")
	},
	"admin-permission-set": func(p *steptest.Program) {
		p.WaitFor("Session duration")
		p.Press("enter")
		p.WaitFor("What will change")
		p.Press("enter")
	},
	"admin-assignment": func(p *steptest.Program) {
		p.WaitFor("What will change")
		p.Press("enter")
	},
	"portal-sign-in": func(p *steptest.Program) {
		p.WaitFor("Press enter to prove it works")
		p.Press("enter")
		p.WaitFor("Waiting for approval")
		p.Press("d")
		p.WaitFor("AWS CLI profile name")
		p.Press("esc")
	},
	"least-privilege": func(p *steptest.Program) {
		p.WaitFor("Permission set for daily work")
		p.Press("enter")
		p.WaitFor("┃ Session duration")
		p.Press("enter")
		p.WaitFor("What will change")
		p.Press("enter")
	},
	"emergency-admin": func(p *steptest.Program) {
		p.WaitFor("Create an emergency administrator?")
		p.Press("enter") // the default: no
	},
	"iam-users-mfa": func(p *steptest.Program) {
		p.WaitFor("Of those, without MFA", "Already in place")
		p.Press("enter")
	},
	"remove-root-keys": func(p *steptest.Program) {
		p.WaitFor("Delete the root user's access keys now?")
		p.Press("y")
		p.WaitFor("What will change")
		p.Press("enter")
	},
	"password-policy": func(p *steptest.Program) {
		p.WaitFor("Minimum password length")
		p.Press("enter")
		p.WaitFor("What will change")
		p.Press("enter")
	},
	"credential-report": func(p *steptest.Program) {
		p.WaitFor("What will change")
		p.Press("enter")
		p.WaitFor("Findings")
		p.Press("enter")
	},
	"access-analyzer": func(p *steptest.Program) {
		p.WaitFor("What will change")
		p.Press("enter")
	},
	"summary": func(p *steptest.Program) {
		p.WaitFor("Press e to save")
		p.Press("e")
		p.WaitFor("Save the report as")
		p.Press("enter")
		p.WaitFor("Report saved:")
		p.Press("enter")
	},
}

// TestReportOfAFullDemoRun walks every available step through the root model, as an
// operator on the demo account would, saves the report from the summary, and checks
// that both files give every step's ID and outcome and hold no secret.
func TestReportOfAFullDemoRun(t *testing.T) {
	t.Chdir(t.TempDir()) // the report's default place is the current directory
	// Root access keys: the run itself holds a secret that must not leak.
	h := steptest.New(t, simulator.Options{Scenario: simulator.RootAccessKeys})
	if err := h.Sim.Console().ShareResource(simulator.SharedResource{Type: "AWS::S3::Bucket",
		ARN: "arn:aws:s3:::example-public-site", Region: "us-east-1", Principal: "*"}); err != nil {
		t.Fatal(err)
	}

	m := ui.New(h.Env, h.Cancel)
	p := steptest.Run(t, m, ui.MinWidth, ui.MinHeight)
	p.WaitFor("Welcome")
	p.Press("enter")
	seq := h.Env.Sequence
	for i, d := range seq {
		if !d.Available() {
			continue
		}
		p.WaitFor(d.Title, fmt.Sprintf("step %d of %d", i+1, len(seq)))
		if drive, ok := drivers[d.ID]; ok {
			drive(p)
		} else {
			p.Press("s")
		}
	}
	p.Wait()
	if exit, _, err := m.Exit(); exit != ui.ExitFinished || err != nil {
		t.Fatalf("the wizard ended with %v %v", exit, err)
	}

	for id, want := range map[step.ID]checkpoint.Outcome{
		"connect": checkpoint.Verified, "billing-access": checkpoint.Confirmed, "billing-role": checkpoint.Verified,
		"budget": checkpoint.Skipped, "organization": checkpoint.Verified, "identity-center": checkpoint.Verified,
		"admin-user": checkpoint.Confirmed, "admin-assignment": checkpoint.Verified, "portal-sign-in": checkpoint.Verified,
		"least-privilege": checkpoint.Verified, "password-policy": checkpoint.Verified,
		"credential-report": checkpoint.Verified, "access-analyzer": checkpoint.Verified, "summary": checkpoint.Done,
	} {
		if got := h.Record(id).Outcome; got != want {
			t.Errorf("%s: %s, want %s", id, got, want)
		}
	}
	md, js := readReport(t, h)

	var report struct {
		AccountID       string `json:"account_id"`
		FirstrunVersion string `json:"firstrun_version"`
		GeneratedAt     string `json:"generated_at"`
		Steps           []struct {
			ID      step.ID `json:"id"`
			Outcome string  `json:"outcome"`
		} `json:"steps"`
	}
	if err := json.Unmarshal(js, &report); err != nil {
		t.Fatal(err)
	}
	if report.AccountID != h.Env.Identity.Account || report.FirstrunVersion != h.Env.Version || report.GeneratedAt == "" {
		t.Errorf("JSON header %+v", report)
	}
	outcomes := map[step.ID]string{}
	for _, s := range report.Steps {
		outcomes[s.ID] = s.Outcome
	}
	for _, d := range seq {
		if d.ID == summary.ID {
			continue // the report is the summary's work
		}
		want := outcomeCode(h.Record(d.ID), d)
		if got, ok := outcomes[d.ID]; !ok || got != want {
			t.Errorf("JSON: %s is %q, want %q", d.ID, got, want)
		}
		row := fmt.Sprintf("| `%s` | %s |", d.ID, strings.ReplaceAll(want, "_", " "))
		if !strings.Contains(string(md), row) {
			t.Errorf("Markdown has no row with %s", row)
		}
	}
	if !strings.Contains(string(md), "| Account | "+h.Env.Identity.Account+" |") ||
		!strings.Contains(string(md), "| firstrun version | "+h.Env.Version+" |") {
		t.Errorf("the Markdown lacks the account or the version:\n%s", md)
	}

	// No secret, and not even the access key ID, reaches a report.
	creds := h.Sim.Credentials()
	secretish := regexp.MustCompile(`(AKIA|ASIA)[A-Z2-7]{16}|[A-Z2-7]{32,}`)
	for name, content := range map[string][]byte{"Markdown": md, "JSON": js} {
		for _, secret := range []string{creds.SecretAccessKey, creds.AccessKeyID} {
			if secret != "" && strings.Contains(string(content), secret) {
				t.Errorf("the %s report holds a credential", name)
			}
		}
		if m := secretish.Find(content); m != nil {
			t.Errorf("the %s report holds something like a key or seed: %s", name, m)
		}
	}
}

// readReport reads the files the summary saved, from where its record says.
func readReport(t *testing.T, h *steptest.Harness) (md, js []byte) {
	t.Helper()
	rec := h.Record(summary.ID)
	mdPath, jsPath := rec.Resources["report_markdown"], rec.Resources["report_json"]
	if filepath.Dir(mdPath) != mustGetwd(t) || filepath.Ext(jsPath) != ".json" {
		t.Fatalf("report saved as %s and %s, want them in the current directory", mdPath, jsPath)
	}
	md, err := os.ReadFile(mdPath)
	if err != nil {
		t.Fatal(err)
	}
	js, err = os.ReadFile(jsPath)
	if err != nil {
		t.Fatal(err)
	}
	return md, js
}

func mustGetwd(t *testing.T) string {
	t.Helper()
	wd, err := os.Getwd()
	if err != nil {
		t.Fatal(err)
	}
	return wd
}

// outcomeCode is what the report should say of a step with this record.
func outcomeCode(rec checkpoint.StepRecord, d step.Definition) string {
	return summary.Entry{Outcome: rec.Outcome, Available: d.Available()}.OutcomeCode()
}

func TestSummaryRefusesABadPathAndFinishesWithoutSaving(t *testing.T) {
	t.Chdir(t.TempDir())
	h := steptest.New(t, simulator.Options{})
	run := h.RunStep(summary.ID)
	run.WaitFor("Press e to save")
	run.Press("e")
	run.WaitFor("Save the report as", "firstrun-report-"+h.Env.Identity.Account)
	run.Send(tea.KeyMsg{Type: tea.KeyCtrlU}) // clear the field
	run.Type("no-such-folder/report.md")
	run.Press("enter")
	run.WaitFor("the folder no-such-folder does not exist")
	run.Press("esc")
	run.WaitFor("Press e to save")
	run.Press("enter")
	rec := run.Finished()
	if rec.Outcome != checkpoint.Done || len(rec.Resources) != 0 {
		t.Errorf("record %+v", rec)
	}
	if entries, _ := os.ReadDir("."); len(entries) != 0 {
		t.Errorf("files written: %v", entries)
	}
}
