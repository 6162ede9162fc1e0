package billing_test

import (
	"testing"

	"github.com/firstrun/firstrun/steps/step"
	"github.com/firstrun/firstrun/steps/steptest"
)

// headless is step id's work without a screen, as the sequence wires it.
func headless(h *steptest.Harness, id step.ID) step.Headless { return h.Definition(id).Headless }

// auditEnv is the Env an audit gives a check: the account, and no checkpoint.
func auditEnv(h *steptest.Harness) *step.Env {
	env := *h.Env
	env.Store = nil
	return &env
}

// planLines writes a plan one change a line, as --plan prints it.
func planLines(changes []step.Change) []string {
	lines := make([]string, len(changes))
	for i, c := range changes {
		lines[i] = c.String()
	}
	return lines
}

// requireNoChange fails the test if the simulated account was changed.
func requireNoChange(t *testing.T, h *steptest.Harness, what string) {
	t.Helper()
	if m := h.MutatingCalls(); len(m) != 0 {
		t.Errorf("%s changed the account: %v", what, m)
	}
}
