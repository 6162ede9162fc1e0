package step_test

import (
	"testing"

	"github.com/charmbracelet/huh"

	"github.com/firstrun/firstrun/awsclient/simulator"
	"github.com/firstrun/firstrun/steps/checkpoint"
	"github.com/firstrun/firstrun/steps/step"
	"github.com/firstrun/firstrun/steps/steptest"
)

func TestTaskPlanSaysWhatTheAnswersChange(t *testing.T) {
	h := steptest.New(t, simulator.Options{})
	var r fakeResource
	task := taskFor(h, &r)
	name := "thing"
	task.Form = func(step.Inspection) *huh.Form {
		return huh.NewForm(huh.NewGroup(huh.NewInput().Title("Name").Value(&name)))
	}
	task.Plan = func() []string {
		if name == "thing" {
			return nil
		}
		return []string{"Rename the thing to " + name}
	}
	run := h.RunScreen("test-task", task)
	run.WaitFor("Name")
	run.Press("enter") // keep the name: nothing to change
	run.WaitFor("Already in place: nothing to change.")
	run.Press("enter")
	if rec := run.Finished(); rec.Outcome != checkpoint.Verified || r.applied.Load() != 0 {
		t.Errorf("record %+v after %d applies", rec, r.applied.Load())
	}

	other := taskFor(h, &r)
	other.Form, other.Plan = task.Form, task.Plan
	name = "thing"
	run = h.RunScreen("test-task", other)
	run.WaitFor("Name")
	run.Type("2")
	run.Press("enter")
	run.WaitFor("What will change", "Rename the thing to thing2")
}
