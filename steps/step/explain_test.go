package step_test

import (
	"strings"
	"testing"

	"github.com/firstrun/firstrun/awsclient/simulator"
	"github.com/firstrun/firstrun/steps/steptest"
)

// waitForProblem waits until the problem panel says every one of phrases; the panel's
// borders are taken out first, so a sentence wrapped inside it reads whole.
func waitForProblem(run *steptest.Step, phrases ...string) {
	run.WaitUntil(func(frame string) bool {
		text := strings.Join(strings.Fields(strings.NewReplacer("│", " ", "╭", " ", "╰", " ", "─", " ", "╮", " ", "╯", " ").Replace(frame)), " ")
		for _, p := range phrases {
			if !strings.Contains(text, p) {
				return false
			}
		}
		return true
	}, "the problem to say "+strings.Join(phrases, " + "))
}

func TestAccessDeniedNamesTheOperationTheActionAndTheCaller(t *testing.T) {
	h := steptest.New(t, simulator.Options{Scenario: simulator.IAMAdminCaller})
	if err := h.Sim.Faults().Add(simulator.Fault{Target: "iam:CreateRole", Kind: simulator.FaultDenied}); err != nil {
		t.Fatal(err)
	}
	run := h.RunStep("billing-role")
	run.WaitFor("Role name")
	run.Press("enter")
	run.WaitFor("What will change")
	run.Press("enter")
	waitForProblem(run, "iam:CreateRole failed: AccessDenied",
		"The caller is not allowed to perform iam:CreateRole",
		"ask an administrator to allow iam:CreateRole to "+h.Env.Identity.ARN)
	if rec := h.Record("billing-role"); rec.Outcome != "" {
		t.Errorf("a refused change saved %+v", rec)
	}
}

func TestExpiredCredentialsSayHowToRefreshThemAndThatFirstrunResumes(t *testing.T) {
	h := steptest.New(t, simulator.Options{})
	run := h.RunStep("billing-role")
	run.WaitFor("Role name")
	h.Sim.ExpireCredentials(h.Sim.Credentials().AccessKeyID)
	run.Press("enter")
	run.WaitFor("What will change") // from the role read before the question
	run.Press("enter")
	waitForProblem(run, "failed: ExpiredToken",
		"aws sso login --profile NAME", "a new CloudShell tab", "AWS_SESSION_TOKEN",
		"run firstrun again: it resumes where it stopped")
}
