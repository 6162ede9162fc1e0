package review_test

import (
	"context"
	"slices"
	"testing"

	"github.com/firstrun/firstrun/steps/checkpoint"
	"github.com/firstrun/firstrun/steps/step"
	"github.com/firstrun/firstrun/steps/steptest"
)

// The helpers below run a step's Headless side from the sequence, as audit, --plan and
// --non-interactive do, and fail the test on an error.

// check runs the step's check as an audit does, without a checkpoint, and proves it
// changed nothing.
func check(t *testing.T, h *steptest.Harness, id step.ID) step.Control {
	t.Helper()
	before := len(h.MutatingCalls())
	audit := *h.Env
	audit.Store = nil
	c, err := h.Definition(id).Headless.Check(context.Background(), &audit)
	if err != nil {
		t.Fatalf("%s check: %v", id, err)
	}
	if calls := h.MutatingCalls()[before:]; len(calls) != 0 {
		t.Errorf("%s check made mutating calls: %+v", id, calls)
	}
	return c
}

// plan runs the step's plan and proves it changed nothing.
func plan(t *testing.T, h *steptest.Harness, id step.ID) []string {
	t.Helper()
	before := len(h.MutatingCalls())
	changes, err := h.Definition(id).Headless.Plan(context.Background(), h.Env)
	if err != nil {
		t.Fatalf("%s plan: %v", id, err)
	}
	if calls := h.MutatingCalls()[before:]; len(calls) != 0 {
		t.Errorf("%s plan made mutating calls: %+v", id, calls)
	}
	var out []string
	for _, c := range changes {
		out = append(out, c.String())
	}
	return out
}

// runStep runs the step without a person.
func runStep(t *testing.T, h *steptest.Harness, id step.ID) checkpoint.StepRecord {
	t.Helper()
	rec, err := h.Definition(id).Headless.Run(context.Background(), h.Env)
	if err != nil {
		t.Fatalf("%s run: %v", id, err)
	}
	return rec
}

// planThenRun proves that the plan lists the mutating calls the run then makes: the
// same operations, in order. It returns the plan and the run's record.
func planThenRun(t *testing.T, h *steptest.Harness, id step.ID) ([]string, checkpoint.StepRecord) {
	t.Helper()
	h.Sim.ResetCalls()
	changes, err := h.Definition(id).Headless.Plan(context.Background(), h.Env)
	if err != nil {
		t.Fatalf("%s plan: %v", id, err)
	}
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
