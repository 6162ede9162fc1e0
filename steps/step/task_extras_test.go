package step_test

import (
	"context"
	"testing"

	"github.com/charmbracelet/huh"

	"github.com/firstrun/firstrun/awsclient/simulator"
	"github.com/firstrun/firstrun/steps/checkpoint"
	"github.com/firstrun/firstrun/steps/step"
	"github.com/firstrun/firstrun/steps/steptest"
)

func TestTaskShowsTheProgressApplyReports(t *testing.T) {
	h := steptest.New(t, simulator.Options{})
	var r fakeResource
	task := taskFor(h, &r)
	task.Working = &step.Status{}
	reported, release := make(chan struct{}), make(chan struct{})
	task.Apply = func(context.Context) (map[string]string, error) {
		task.Working.Set("Assignment IN_PROGRESS (3s of at most 5m)")
		close(reported)
		<-release
		r.exists.Store(true)
		return map[string]string{"thing_id": "t-1"}, nil
	}
	run := h.RunScreen("test-task", task)
	run.WaitFor("Create the thing")
	run.Press("enter")
	<-reported
	run.WaitFor("Assignment IN_PROGRESS (3s of at most 5m)")
	close(release)
	if rec := run.Finished(); rec.Outcome != checkpoint.Verified {
		t.Errorf("outcome %s", rec.Outcome)
	}
}

func TestTaskDeclinedInTheFormIsSkippedWithTheReason(t *testing.T) {
	h := steptest.New(t, simulator.Options{})
	var r fakeResource
	task := taskFor(h, &r)
	keep := true
	task.Form = func(step.Inspection) *huh.Form {
		return huh.NewForm(huh.NewGroup(huh.NewConfirm().Title("Make the thing?").Affirmative("Yes").Negative("No").Value(&keep)))
	}
	task.Decline = func() string {
		if keep {
			return ""
		}
		return "the operator keeps the old thing"
	}
	run := h.RunScreen("test-task", task)
	run.WaitFor("Make the thing?")
	run.Press("h", "enter") // huh's confirm: toggle to No, submit
	rec := run.Finished()
	if rec.Outcome != checkpoint.Skipped || rec.Reason != "the operator keeps the old thing" {
		t.Errorf("record = %+v", rec)
	}
	if r.applied.Load() != 0 {
		t.Error("a declined change was applied")
	}
}

func TestTaskThenHandsTheStepToAFollowUpScreen(t *testing.T) {
	h := steptest.New(t, simulator.Options{})
	var r fakeResource
	task := taskFor(h, &r)
	task.Then = func(found map[string]string) step.Screen {
		g := step.NewGuided(h.Env, step.Definition{ID: "test-task", Title: "Test task"})
		g.Intro = "Now invite " + found["thing_id"] + " in the console."
		g.Instructions = []string{"Send the invitation."}
		g.Resources = func() map[string]string { return found }
		return g
	}
	run := h.RunScreen("test-task", task)
	run.WaitFor("Create the thing")
	run.Press("enter")
	run.WaitFor("Now invite t-1 in the console.")
	if got := h.Record("test-task"); got.Outcome != checkpoint.InProgress || got.Resources["thing_id"] != "t-1" {
		t.Errorf("before the follow-up finished: %+v", got)
	}
	run.Press("enter")
	rec := run.Finished()
	if rec.Outcome != checkpoint.Confirmed || rec.Resources["thing_id"] != "t-1" {
		t.Errorf("record = %+v, want confirmed with what was made", rec)
	}
}

func TestTaskThenAlsoFollowsAGoalAlreadyInPlace(t *testing.T) {
	h := steptest.New(t, simulator.Options{})
	var r fakeResource
	r.exists.Store(true)
	task := taskFor(h, &r)
	task.Then = func(found map[string]string) step.Screen {
		g := step.NewGuided(h.Env, step.Definition{ID: "test-task", Title: "Test task"})
		g.Intro = "Follow-up for " + found["thing_id"] + "."
		return g
	}
	run := h.RunScreen("test-task", task)
	run.WaitFor("Already in place")
	run.Press("enter")
	run.WaitFor("Follow-up for t-1.")
	run.Press("enter")
	if rec := run.Finished(); rec.Outcome != checkpoint.Confirmed {
		t.Errorf("outcome %s", rec.Outcome)
	}
}
