package plain_test

import (
	"bytes"
	"context"
	"strings"
	"testing"

	"github.com/firstrun/firstrun/awsclient/simulator"
	"github.com/firstrun/firstrun/steps"
	"github.com/firstrun/firstrun/steps/checkpoint"
	"github.com/firstrun/firstrun/steps/step"
	"github.com/firstrun/firstrun/steps/steptest"
	"github.com/firstrun/firstrun/ui/plain"
)

// only keeps the named steps of the sequence available.
func only(ids ...step.ID) []step.Definition {
	seq := steps.Sequence()
	keep := map[step.ID]bool{}
	for _, id := range ids {
		keep[id] = true
	}
	for i := range seq {
		if !keep[seq[i].ID] {
			seq[i].Screen, seq[i].Flow = nil, nil
		}
	}
	return seq
}

func TestPlainPromptsWalkTaskAskAndGuidedSteps(t *testing.T) {
	h := steptest.New(t, simulator.Options{})
	h.Env.Sequence = only("connect", "root-mfa", "billing-role")
	answers := strings.Join([]string{
		"3", // root MFA: do it in the simulated console
		"",  // billing role name: keep Billing
		"1", // go ahead and create it
	}, "\n") + "\n"
	var out bytes.Buffer
	r := plain.Runner{Env: h.Env, P: plain.NewPrompter(strings.NewReader(answers), &out)}
	if err := r.Run(context.Background()); err != nil {
		t.Fatalf("Run: %v\n%s", err, out.String())
	}
	for _, want := range []string{
		"Step 1 of 25: Connect to the account", "Account: " + h.Env.Identity.Account,
		"Step 3 of 25: Root user MFA", "In the AWS console:", "Root user MFA: verified",
		"Step 7 of 25: Billing role", "What will change:", "Billing role: verified",
	} {
		if !strings.Contains(out.String(), want) {
			t.Errorf("the transcript lacks %q:\n%s", want, out.String())
		}
	}
	for id, want := range map[step.ID]checkpoint.Outcome{
		"connect": checkpoint.Verified, "root-mfa": checkpoint.Verified, "billing-role": checkpoint.Verified,
	} {
		if got := h.Record(id).Outcome; got != want {
			t.Errorf("%s saved %q, want %q", id, got, want)
		}
	}
	if strings.Contains(out.String(), "\x1b[") {
		t.Error("the transcript has escape sequences")
	}
}

func TestPlainStopsWhenTheInputEnds(t *testing.T) {
	h := steptest.New(t, simulator.Options{})
	h.Env.Sequence = only("connect", "root-mfa")
	var out bytes.Buffer
	r := plain.Runner{Env: h.Env, P: plain.NewPrompter(strings.NewReader(""), &out)}
	if err := r.Run(context.Background()); err != plain.ErrStopped {
		t.Fatalf("Run = %v, want ErrStopped", err)
	}
	if got := h.Record("root-mfa").Outcome; got != "" {
		t.Errorf("root-mfa saved %q with nobody to answer", got)
	}
}

func TestPlainFormsReaskBadValues(t *testing.T) {
	h := steptest.New(t, simulator.Options{})
	h.Env.Sequence = only("budget")
	answers := strings.Join([]string{
		"y",              // set up a budget
		"1e",             // not an amount: asked again
		"100",            // the amount
		"me@example.com", // the email
		"1",              // go ahead
	}, "\n") + "\n"
	var out bytes.Buffer
	r := plain.Runner{Env: h.Env, P: plain.NewPrompter(strings.NewReader(answers), &out)}
	if err := r.Run(context.Background()); err != nil {
		t.Fatalf("Run: %v\n%s", err, out.String())
	}
	if !strings.Contains(out.String(), "use digits, with at most two decimals") {
		t.Errorf("the bad amount was not refused:\n%s", out.String())
	}
	if got := h.Record("budget").Outcome; got != checkpoint.Verified {
		t.Errorf("budget %q", got)
	}
}

func TestPlainFormsDoNotAskWhatTheAnswersHide(t *testing.T) {
	h := steptest.New(t, simulator.Options{})
	h.Env.Sequence = only("budget")
	var out bytes.Buffer
	r := plain.Runner{Env: h.Env, P: plain.NewPrompter(strings.NewReader("\n"), &out)} // no budget, the default
	if err := r.Run(context.Background()); err != nil {
		t.Fatalf("Run: %v\n%s", err, out.String())
	}
	if strings.Contains(out.String(), "Monthly amount") {
		t.Errorf("a question the answer hides was asked:\n%s", out.String())
	}
	if got := h.Record("budget"); got.Outcome != checkpoint.Skipped {
		t.Errorf("budget %+v", got)
	}
}

func TestPlainDrivesOtherScreensThroughTheirOwnKeys(t *testing.T) {
	t.Chdir(t.TempDir())
	h := steptest.New(t, simulator.Options{Scenario: simulator.IAMAdminCaller})
	h.Env.Sequence = only("credential-report", "summary")
	answers := strings.Join([]string{
		"1", // credential report: go ahead, generate the report
		"e", // summary: save the report (the key is named in the choices)
		"",  // keep the suggested path
		"1", // finish
	}, "\n") + "\n"
	var out bytes.Buffer
	r := plain.Runner{Env: h.Env, P: plain.NewPrompter(strings.NewReader(answers), &out)}
	if err := r.Run(context.Background()); err != nil {
		t.Fatalf("Run: %v\n%s", err, out.String())
	}
	for id, want := range map[step.ID]checkpoint.Outcome{
		"credential-report": checkpoint.Verified, "summary": checkpoint.Done,
	} {
		if got := h.Record(id).Outcome; got != want {
			t.Errorf("%s saved %q, want %q\n%s", id, got, want, out.String())
		}
	}
	if h.Record("summary").Resources["report_markdown"] == "" {
		t.Errorf("the summary saved no report:\n%s", out.String())
	}
	for _, want := range []string{"Severity: critical; Who: root user", "Report saved:"} {
		if !strings.Contains(out.String(), want) {
			t.Errorf("the transcript lacks %q\n%s", want, out.String())
		}
	}
}
