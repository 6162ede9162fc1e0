package billing_test

import (
	"testing"

	"github.com/firstrun/firstrun/steps/checkpoint"
	step "github.com/firstrun/firstrun/steps/core"
	"github.com/firstrun/firstrun/steps/steptest"
)

// The helpers below run a step of the sequence through the engine as firstrun audit,
// --plan and --non-interactive do, so its wiring is tested too.

// audit is step id's audit control; it fails the test if the check changed anything.
func audit(t *testing.T, h *steptest.Harness, id step.ID) step.Control {
	t.Helper()
	before := len(h.MutatingCalls())
	c := h.Audit(id)
	if n := len(h.MutatingCalls()) - before; n != 0 {
		t.Fatalf("%s: the check made %d mutating calls", id, n)
	}
	return c
}

// plan is what --plan says of step id, one change a line as it prints them; it fails the
// test if the plan changed anything.
func planOf(t *testing.T, h *steptest.Harness, id step.ID) ([]string, error) {
	t.Helper()
	before := len(h.MutatingCalls())
	p, err := h.Plan(id)
	if n := len(h.MutatingCalls()) - before; n != 0 {
		t.Fatalf("%s: the plan made %d mutating calls", id, n)
	}
	lines := make([]string, len(p.Changes))
	for i, c := range p.Changes {
		lines[i] = c.String()
	}
	return lines, err
}

// unattended runs step id as --non-interactive does.
func unattended(h *steptest.Harness, id step.ID) (checkpoint.StepRecord, error) {
	return h.Unattended(id)
}

// isWaiting reports whether err says the step waits for the operator.
func isWaiting(err error) bool { _, ok := step.IsWaiting(err); return ok }

// requireNoChange fails the test if the simulated account was changed.
func requireNoChange(t *testing.T, h *steptest.Harness, what string) {
	t.Helper()
	if calls := h.MutatingCalls(); len(calls) != 0 {
		t.Errorf("%s made %d mutating calls: %+v", what, len(calls), calls)
	}
}
