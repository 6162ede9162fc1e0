package rootuser_test

import (
	"errors"
	"testing"

	"github.com/firstrun/firstrun/steps/checkpoint"
	step "github.com/firstrun/firstrun/steps/core"
	"github.com/firstrun/firstrun/steps/steptest"
)

// The helpers below take a step from the sequence and run it through the engine as the
// audit, --plan and --non-interactive do, so its wiring is tested too.

// check runs step id's check as an audit does: without a checkpoint, reading only.
func check(t *testing.T, h *steptest.Harness, id step.ID) step.Control {
	t.Helper()
	before := len(h.MutatingCalls())
	c := h.Audit(id)
	if c.Status == step.Errored {
		t.Fatalf("%s: check: %s", id, c.Detail)
	}
	if n := len(h.MutatingCalls()) - before; n != 0 {
		t.Fatalf("%s: the check made %d mutating calls", id, n)
	}
	return c
}

// plan lists the changes --plan shows for step id, and fails the test if it changed
// anything.
func plan(t *testing.T, h *steptest.Harness, id step.ID) []step.Change {
	t.Helper()
	before := len(h.MutatingCalls())
	p, err := h.Plan(id)
	if err != nil {
		t.Fatalf("%s: plan: %v", id, err)
	}
	if n := len(h.MutatingCalls()) - before; n != 0 {
		t.Fatalf("%s: the plan made %d mutating calls", id, n)
	}
	return p.Changes
}

// runHeadless runs step id without a person, as --non-interactive does.
func runHeadless(t *testing.T, h *steptest.Harness, id step.ID) (checkpoint.StepRecord, error) {
	t.Helper()
	return h.Unattended(id)
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
	rec, err := runHeadless(t, h, id)
	var w *step.WaitingError
	if !errors.As(err, &w) {
		t.Fatalf("%s: Run: %v, want waiting for the operator", id, err)
	}
	if rec.Outcome != checkpoint.Waiting || rec.Reason != w.For {
		t.Errorf("%s: saved %+v while waiting for %q", id, rec, w.For)
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
