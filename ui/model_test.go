package ui_test

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"

	"github.com/firstrun/firstrun/awsclient/simulator"
	"github.com/firstrun/firstrun/steps/checkpoint"
	core "github.com/firstrun/firstrun/steps/core"
	"github.com/firstrun/firstrun/steps/step"
	"github.com/firstrun/firstrun/steps/steptest"
	"github.com/firstrun/firstrun/ui"
)

// frame keeps only Connect and the Summary of the real sequence, so these tests of the
// root model don't change as chapters land; every other step shows as not available.
func frame(seq []step.Definition) []step.Definition {
	out := make([]step.Definition, len(seq))
	for i, d := range seq {
		if d.ID != "connect" && d.ID != "summary" {
			d.Screen, d.Flow = nil, nil
		}
		out[i] = d
	}
	return out
}

func start(t *testing.T, h *steptest.Harness, w, ht int) (*steptest.Program, *ui.Model) {
	t.Helper()
	ctx, cancel := context.WithCancel(h.Env.Ctx)
	env := *h.Env
	env.Ctx = ctx
	env.Sequence = frame(env.Sequence)
	m := ui.New(&env, cancel)
	return steptest.Run(t, m, w, ht), m
}

func finalModel(t *testing.T, p *steptest.Program) *ui.Model {
	t.Helper()
	m, ok := p.Wait().(*ui.Model)
	if !ok {
		t.Fatal("final model is not the root model")
	}
	return m
}

func TestANewSetupWalksFromWelcomeThroughConnectToTheSummary(t *testing.T) {
	h := steptest.New(t, simulator.Options{})
	p, _ := start(t, h, 80, 24)
	p.WaitFor("Welcome", "account 412318265094", "Nothing in the account changes until you confirm it")
	p.Press("enter")
	p.WaitFor("Connect to the account", "step 1 of 25", "arn:aws:iam::412318265094:root", "Root MFA not enabled",
		"Organization none: this is a standalone account")
	p.Press("enter")
	p.WaitFor("Summary", "step 25 of 25", "Connect to the account verified", "Root user MFA not available yet")
	p.Press("enter")
	m := finalModel(t, p)
	if exit, _, _ := m.Exit(); exit != ui.ExitFinished {
		t.Errorf("exit = %v, want finished", exit)
	}
	doc := h.Env.Store.Document()
	if got := doc.Steps["connect"]; got.Outcome != checkpoint.Verified || got.Resources["account_id"] != "412318265094" {
		t.Errorf("connect = %+v", got)
	}
	for id, rec := range doc.Steps {
		if id != "connect" && id != "summary" {
			t.Errorf("step %s recorded %s although it is not available yet", id, rec.Outcome)
		}
	}
	if n := len(h.MutatingCalls()); n != 0 {
		t.Errorf("%d mutating calls; Connect and Summary change nothing", n)
	}
}

func TestAKilledRunResumesAfterTheLastFinishedStep(t *testing.T) {
	h := steptest.New(t, simulator.Options{})
	p, _ := start(t, h, 80, 24)
	p.WaitFor("Welcome")
	p.Press("enter")
	p.WaitFor("Connect to the account", "Root MFA")
	p.Press("enter")
	p.WaitFor("Summary", "step 25 of 25")
	p.Kill()

	h.Restart()
	h.Sim.ResetCalls()
	p, _ = start(t, h, 80, 24)
	p.WaitFor("Resume", "was interrupted", "Resume at: Summary", "Last saved: Connect to the account, verified")
	p.Press("enter")
	p.WaitFor("Summary", "Connect to the account verified")
	for _, c := range h.Sim.Calls() {
		t.Errorf("resuming at the summary called %s:%s", c.Service, c.Operation)
	}
}

func TestGoingThroughFromTheBeginningShowsFinishedStepsAgain(t *testing.T) {
	h := steptest.New(t, simulator.Options{})
	if err := h.Env.Store.Record("connect", checkpoint.StepRecord{Outcome: checkpoint.Verified}); err != nil {
		t.Fatal(err)
	}
	p, _ := start(t, h, 80, 24)
	p.WaitFor("Resume at: Summary")
	p.Press("b")
	p.WaitFor("Connect to the account", "step 1 of 25", "Root MFA")
}

func TestCtrlCDuringAChangeAsksBeforeAbandoningIt(t *testing.T) {
	h := steptest.New(t, simulator.Options{})
	abandoned := make(chan error, 1)
	ctx, cancel := context.WithCancel(h.Env.Ctx)
	env := *h.Env
	env.Ctx = ctx
	env.Sequence = frame(env.Sequence)
	env.Sequence[1].Flow = func(core.Env) *core.Flow {
		return &core.Flow{
			Inspect: func(context.Context) (core.Inspection, error) {
				return core.Inspection{Changes: []core.Change{{Say: "Change something slowly"}}}, nil
			},
			Apply: func(ctx context.Context, _ *core.Act) (core.Outputs, error) {
				<-ctx.Done() // a call that only ends when abandoned
				abandoned <- ctx.Err()
				return nil, ctx.Err()
			},
		}
	}
	m := ui.New(&env, cancel)
	p := steptest.Run(t, m, 80, 24)
	p.WaitFor("Welcome")
	p.Press("enter")
	p.WaitFor("Connect to the account", "Root MFA")
	p.Press("enter")
	p.WaitFor("Change something slowly")
	p.Press("enter")
	p.WaitFor("Working")
	p.Press("ctrl+c")
	p.WaitFor("Abandon the call in progress?")
	p.Press("n")
	p.WaitUntil(func(f string) bool { return !strings.Contains(f, "Abandon") && strings.Contains(f, "Working") },
		"the step screen again")
	p.Press("ctrl+c")
	p.WaitFor("Abandon the call in progress?")
	p.Press("y")
	finalModel(t, p)
	if err := <-abandoned; !errors.Is(err, context.Canceled) {
		t.Errorf("the call in flight saw %v, want it canceled", err)
	}
	exit, next, _ := m.Exit()
	if exit != ui.ExitInterrupted || next.ID != env.Sequence[1].ID {
		t.Errorf("exit = %v at %s, want interrupted at %s", exit, next.ID, env.Sequence[1].ID)
	}
	if rec := h.Record(env.Sequence[1].ID); rec.Outcome != "" {
		t.Errorf("an abandoned step saved %q", rec.Outcome)
	}
}

func TestReadingAWSNeedsNoConfirmationToQuit(t *testing.T) {
	h := steptest.New(t, simulator.Options{})
	if err := h.Sim.Faults().Add(simulator.Fault{Target: "iam:GetAccountSummary", Kind: simulator.FaultLatency, Latency: time.Minute}); err != nil {
		t.Fatal(err)
	}
	p, m := start(t, h, 80, 24)
	p.WaitFor("Welcome")
	p.Press("enter")
	p.WaitFor("Reading what AWS has")
	p.Press("ctrl+c")
	finalModel(t, p)
	if exit, _, _ := m.Exit(); exit != ui.ExitInterrupted {
		t.Errorf("exit = %v, want interrupted", exit)
	}
}

func TestQuitBetweenActionsNeedsNoConfirmation(t *testing.T) {
	h := steptest.New(t, simulator.Options{})
	p, m := start(t, h, 80, 24)
	p.WaitFor("Welcome")
	p.Press("q")
	finalModel(t, p)
	if exit, _, _ := m.Exit(); exit != ui.ExitStopped {
		t.Errorf("exit = %v, want stopped", exit)
	}
}

func TestASmallWindowSaysSoUntilItGrows(t *testing.T) {
	h := steptest.New(t, simulator.Options{})
	p, _ := start(t, h, 70, 20)
	p.WaitFor("needs a window of at least 80x24; this one is 70x20", "progress is saved")
	p.Send(tea.WindowSizeMsg{Width: 80, Height: 24})
	p.WaitFor("Welcome")
}

func TestHelpShowsTheKeysAndTheMarks(t *testing.T) {
	h := steptest.New(t, simulator.Options{})
	p, _ := start(t, h, 80, 24)
	p.WaitFor("Welcome")
	p.Press("?")
	p.WaitFor("Help", "Marks", "not started", "Progress is saved after every change")
	p.Press("?")
	p.WaitFor("Welcome", "firstrun takes you through")
}

func TestEveryScreenFitsTheWindow(t *testing.T) {
	for _, size := range [][2]int{{80, 24}, {120, 40}} {
		h := steptest.New(t, simulator.Options{})
		p, _ := start(t, h, size[0], size[1])
		fits := func(frame string) {
			t.Helper()
			lines := strings.Split(frame, "\n")
			if len(lines) > size[1] {
				t.Errorf("%dx%d: %d rows", size[0], size[1], len(lines))
			}
			for _, l := range lines {
				if w := lipgloss.Width(l); w > size[0] {
					t.Errorf("%dx%d: a row is %d wide: %q", size[0], size[1], w, l)
				}
			}
		}
		p.WaitFor("Welcome")
		fits(p.Frame())
		p.Press("enter")
		p.WaitFor("Root MFA")
		fits(p.Frame())
		p.Press("enter")
		p.WaitFor("Summary", "Connect to the account verified")
		fits(p.Frame())
		if size[0] >= 110 {
			p.WaitFor("Least privilege and review") // the rail beside the body
		}
	}
}

func TestProgressCanBeShownAtAnyWidth(t *testing.T) {
	h := steptest.New(t, simulator.Options{})
	p, _ := start(t, h, 80, 24)
	p.WaitFor("Welcome")
	p.Press("p")
	p.WaitFor("Progress", "Connect to the account", "Contact details (not available yet)")
	p.Press("esc")
	p.WaitFor("Welcome")
}
