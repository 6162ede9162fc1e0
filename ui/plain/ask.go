package plain

import (
	"context"

	"github.com/firstrun/firstrun/steps/checkpoint"
	"github.com/firstrun/firstrun/steps/step"
)

// ask runs an Ask screen as prompts: its questions, then wherever the answers lead.
func (r *Runner) ask(ctx context.Context, a *step.Ask) (checkpoint.StepRecord, error) {
	r.P.Intro(a.Intro)
	r.P.Facts(a.Facts)
	asked := true
	if a.Look != nil && a.Look(ctx) {
		asked = false
	} else if err := r.P.Form(a.Form); err != nil {
		return checkpoint.StepRecord{}, err
	}
	next, cmd := a.Then(asked)
	if next != step.Screen(a) {
		return r.screen(ctx, a.ID, next)
	}
	return finished(cmd)
}
