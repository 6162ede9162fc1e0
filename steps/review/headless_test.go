package review_test

import (
	"slices"
	"testing"

	"github.com/firstrun/firstrun/steps/checkpoint"
	step "github.com/firstrun/firstrun/steps/core"
	"github.com/firstrun/firstrun/steps/engine"
	"github.com/firstrun/firstrun/steps/steptest"
)

// The helpers below run a step of the sequence through the engine as firstrun audit,
// --plan and --non-interactive do, and fail the test on an error.

// check is the step's audit control, without a checkpoint; it proves the check changed
// nothing.
func check(t *testing.T, h *steptest.Harness, id step.ID) step.Control {
	t.Helper()
	before := len(h.MutatingCalls())
	c := h.Audit(id)
	if calls := h.MutatingCalls()[before:]; len(calls) != 0 {
		t.Errorf("%s check made mutating calls: %+v", id, calls)
	}
	return c
}

// planOf is what --plan says of the step; it proves the plan changed nothing.
func planOf(t *testing.T, h *steptest.Harness, id step.ID) engine.Plan {
	t.Helper()
	before := len(h.MutatingCalls())
	p, err := h.Plan(id)
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
	rec, err := h.Unattended(id)
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
