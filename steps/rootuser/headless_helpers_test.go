package rootuser_test

import (
	"context"
	"errors"
	"testing"

	"github.com/firstrun/firstrun/steps/checkpoint"
	"github.com/firstrun/firstrun/steps/step"
	"github.com/firstrun/firstrun/steps/steptest"
)

// The helpers below take a step's Headless from the sequence, so its wiring is tested too.

// check runs step id's check as an audit does: without a checkpoint, reading only.
func check(t *testing.T, h *steptest.Harness, id step.ID) step.Control {
	t.Helper()
	env := *h.Env
	env.Store = nil
	before := len(h.MutatingCalls())
	c, err := h.Definition(id).Headless.Check(context.Background(), &env)
	if err != nil {
		t.Fatalf("%s: Check: %v", id, err)
	}
	if n := len(h.MutatingCalls()) - before; n != 0 {
		t.Fatalf("%s: Check made %d mutating calls", id, n)
	}
	return c
}

// plan runs step id's plan and fails the test if it changed anything.
func plan(t *testing.T, h *steptest.Harness, id step.ID) []step.Change {
	t.Helper()
	before := len(h.MutatingCalls())
	changes, err := h.Definition(id).Headless.Plan(context.Background(), h.Env)
	if err != nil {
		t.Fatalf("%s: Plan: %v", id, err)
	}
	if n := len(h.MutatingCalls()) - before; n != 0 {
		t.Fatalf("%s: Plan made %d mutating calls", id, n)
	}
	return changes
}

// runHeadless runs step id without a person, as --non-interactive does.
func runHeadless(t *testing.T, h *steptest.Harness, id step.ID) (checkpoint.StepRecord, error) {
	t.Helper()
	return h.Definition(id).Headless.Run(context.Background(), h.Env)
}

// mustRun runs step id without a person and fails the test on any error, waiting included.
func mustRun(t *testing.T, h *steptest.Harness, id step.ID) checkpoint.StepRecord {
	t.Helper()
	rec, err := runHeadless(t, h, id)
	if err != nil {
		t.Fatalf("%s: Run: %v", id, err)
	}
	return rec
}

// mustWait runs step id without a person and fails the test unless it waits for the
// operator; it returns what the operator is asked to do.
func mustWait(t *testing.T, h *steptest.Harness, id step.ID) string {
	t.Helper()
	_, err := runHeadless(t, h, id)
	var w *step.WaitingError
	if !errors.As(err, &w) {
		t.Fatalf("%s: Run: %v, want waiting for the operator", id, err)
	}
	return w.For
}

// secondRunChangesNothing runs step id again and fails the test on a mutating call.
func secondRunChangesNothing(t *testing.T, h *steptest.Harness, id step.ID) checkpoint.StepRecord {
	t.Helper()
	before := len(h.MutatingCalls())
	rec := mustRun(t, h, id)
	if n := len(h.MutatingCalls()) - before; n != 0 {
		t.Errorf("%s: the second run made %d mutating calls", id, n)
	}
	return rec
}

func yes() *bool { b := true; return &b }
func no() *bool  { b := false; return &b }
