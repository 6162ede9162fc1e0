package review_test

import (
	"context"
	"slices"
	"testing"

	"github.com/firstrun/firstrun/steps/checkpoint"
	step "github.com/firstrun/firstrun/steps/core"
	"github.com/firstrun/firstrun/steps/engine"
	legacy "github.com/firstrun/firstrun/steps/step"
	"github.com/firstrun/firstrun/steps/steptest"
)

// The helpers below run a step of the sequence through the engine as firstrun audit,
// --plan and --non-interactive do, and fail the test on an error.

// check is the step's audit control, without a checkpoint; it proves the check changed
// nothing.
func check(t *testing.T, h *steptest.Harness, id step.ID) step.Control {
	t.Helper()
	before := len(h.MutatingCalls())
	var c step.Control
	if d := h.Definition(id); d.Flow == nil { // not on the engine yet
		audit := *h.Env
		audit.Store = nil
		lc, err := d.Headless.Check(context.Background(), &audit)
		if err != nil {
			t.Fatalf("%s check: %v", id, err)
		}
		c = step.Control{Status: step.ControlStatus(lc.Status), Detail: lc.Detail}
	} else {
		c = h.Audit(id)
	}
	if calls := h.MutatingCalls()[before:]; len(calls) != 0 {
		t.Errorf("%s check made mutating calls: %+v", id, calls)
	}
	return c
}

// planOf is what --plan says of the step; it proves the plan changed nothing.
func planOf(t *testing.T, h *steptest.Harness, id step.ID) engine.Plan {
	t.Helper()
	before := len(h.MutatingCalls())
	var p engine.Plan
	var err error
	if d := h.Definition(id); d.Flow == nil { // not on the engine yet
		var changes []legacy.Change
		changes, err = d.Headless.Plan(context.Background(), h.Env)
		for _, c := range changes {
			var params []step.Param
			for _, f := range c.Fields {
				params = append(params, step.Param{Name: f.Name, Value: f.Value})
			}
			p.Changes = append(p.Changes, step.Change{Service: c.Service, Operation: c.Operation, Resource: c.Resource, Params: params})
		}
	} else {
		p, err = h.Plan(id)
	}
	if err != nil {
		t.Fatalf("%s plan: %v", id, err)
	}
	if calls := h.MutatingCalls()[before:]; len(calls) != 0 {
		t.Errorf("%s plan made mutating calls: %+v", id, calls)
	}
	return p
}

// plan is the changes the step's plan lists, as --plan prints them.
func plan(t *testing.T, h *steptest.Harness, id step.ID) []string {
	t.Helper()
	var out []string
	for _, c := range planOf(t, h, id).Changes {
		out = append(out, c.String())
	}
	return out
}

// runStep runs the step without a person; a run that ends waiting is no failure.
func runStep(t *testing.T, h *steptest.Harness, id step.ID) checkpoint.StepRecord {
	t.Helper()
	var rec checkpoint.StepRecord
	var err error
	if d := h.Definition(id); d.Flow == nil { // not on the engine yet
		rec, err = d.Headless.Run(context.Background(), h.Env)
	} else {
		rec, err = h.Unattended(id)
	}
	if _, waiting := step.IsWaiting(err); err != nil && !waiting {
		t.Fatalf("%s run: %v", id, err)
	}
	return rec
}

// planThenRun proves that the plan lists the mutating calls the run then makes: the
// same operations, in order. It returns the plan and the run's record.
func planThenRun(t *testing.T, h *steptest.Harness, id step.ID) ([]string, checkpoint.StepRecord) {
	t.Helper()
	h.Sim.ResetCalls()
	changes := planOf(t, h, id).Changes
	rec := runStep(t, h, id)
	var planned, made, listed []string
	for _, c := range changes {
		planned = append(planned, c.Service+":"+c.Operation)
		listed = append(listed, c.String())
	}
	for _, c := range h.MutatingCalls() {
		made = append(made, c.Service+":"+c.Operation)
	}
	if !slices.Equal(planned, made) {
		t.Errorf("%s planned %v but made %v", id, planned, made)
	}
	return listed, rec
}

// noChangeOnRerun runs the step again and proves it changes nothing.
func noChangeOnRerun(t *testing.T, h *steptest.Harness, id step.ID) checkpoint.StepRecord {
	t.Helper()
	h.Sim.ResetCalls()
	rec := runStep(t, h, id)
	if calls := h.MutatingCalls(); len(calls) != 0 {
		t.Errorf("%s: a second run made mutating calls: %+v", id, calls)
	}
	return rec
}
