package steptest

import (
	"context"

	"github.com/firstrun/firstrun/steps"
	"github.com/firstrun/firstrun/steps/step"
	"github.com/firstrun/firstrun/ui"
)

// RunWizard runs the root model, as the operator sees it in an 80x24 window, over the
// steps ids and the summary, and starts past the welcome screen. Its frames are the whole
// window: header, the visible part of the body, and footer.
func (h *Harness) RunWizard(ids ...step.ID) *Program {
	h.t.Helper()
	all := steps.Sequence()
	var seq []step.Definition
	for _, id := range append(ids, "summary") {
		d, ok := steps.Find(all, id)
		if !ok {
			h.t.Fatalf("no step %q in the sequence", id)
		}
		seq = append(seq, d)
	}
	h.Env.Sequence = seq
	ctx, cancel := context.WithCancel(h.Env.Ctx)
	h.Env.Ctx = ctx
	run := Run(h.t, ui.New(h.Env, cancel), ui.MinWidth, ui.MinHeight)
	run.WaitFor("Welcome")
	run.Press("enter")
	return run
}
