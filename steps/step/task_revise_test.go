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

// TestTaskReviewShowsWhatTheFormChose: with Revise, the review describes the change with
// the value entered, not the one proposed before the form.
func TestTaskReviewShowsWhatTheFormChose(t *testing.T) {
	h := steptest.New(t, simulator.Options{})
	name := "proposed-name"
	var made string
	task := step.NewTask(h.Env, step.Definition{ID: "test-task", Title: "Test task"})
	task.Intro = "Makes a named thing."
	task.Inspect = func(context.Context) (step.Inspection, error) {
		if made != "" {
			return step.Inspection{Satisfied: true}, nil
		}
		return step.Inspection{Changes: []string{"Create the thing " + name}}, nil
	}
	task.Form = func(step.Inspection) *huh.Form {
		return huh.NewForm(huh.NewGroup(huh.NewInput().Title("Name").Value(&name)))
	}
	task.Revise = func(in step.Inspection) step.Inspection {
		in.Changes = []string{"Create the thing " + name}
		return in
	}
	task.Apply = func(context.Context) (map[string]string, error) {
		made = name
		return map[string]string{"thing": name}, nil
	}
	run := h.RunScreen("test-task", task)
	run.WaitFor("Name")
	run.Type("-changed")
	run.Press("enter")
	run.WaitFor("What will change", "Create the thing proposed-name-changed")
	run.Press("enter")
	if rec := run.Finished(); rec.Outcome != checkpoint.Verified || rec.Resources["thing"] != "proposed-name-changed" {
		t.Errorf("record %+v", rec)
	}
}
