package runner

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/firstrun/firstrun/steps/checkpoint"
	"github.com/firstrun/firstrun/steps/engine"
	"github.com/firstrun/firstrun/steps/step"
)

// Plan writes, reading only, what Run would do with env.Answers. For each available step
// of seq, in order: "in place" when its Check passes; else one "change" line for every
// change its Plan lists (service:operation resource key=value...), or "manual" and the
// console work it needs (a step without Plan changes nothing through the API). A step AWS could not be read for is written as "error"; Plan goes
// on with the others and then returns an error naming them. Each step is planned knowing
// the calls the earlier steps' plans make (env.Planned), as a run would find their work
// done by its turn.
func Plan(ctx context.Context, seq []step.Definition, env *step.Env, w io.Writer) error {
	out := newPrinter(w, seq)
	planning := *env
	env = &planning
	var unread []string
	for _, d := range seq {
		if !d.Available() {
			continue
		}
		if err := ctx.Err(); err != nil {
			return err
		}
		calls, err := planStep(ctx, d, env, out)
		if err != nil {
			if ctx.Err() != nil {
				return ctx.Err()
			}
			out.line(d.ID, "error", describe(err))
			unread = append(unread, string(d.ID))
		}
		env.Planned = append(env.Planned, calls...)
	}
	if len(unread) > 0 {
		return fmt.Errorf("AWS could not be read for step %s", strings.Join(unread, ", "))
	}
	return nil
}

// planStep writes the plan of step d and returns the calls it lists, as service:Operation.
func planStep(ctx context.Context, d step.Definition, env *step.Env, out *printer) ([]string, error) {
	if d.Flow != nil {
		return planFlow(ctx, d, env, out)
	}
	h := d.Headless
	var c step.Control
	if h.Check != nil {
		var err error
		if c, err = check(ctx, d, env); err != nil {
			return nil, err
		}
	}
	switch {
	case h.Check != nil && c.Status == step.Pass:
		out.line(d.ID, "in place", cmp.Or(c.Detail, d.Title))
		return nil, nil
	case h.Check != nil && c.Status == step.NotRun:
		out.line(d.ID, "skipped", cmp.Or(c.Detail, d.Title))
		return nil, nil
	case (h.Check == nil || c.Status == step.Manual) && confirmed(env, d.ID):
		out.line(d.ID, "in place", "the operator confirmed it; AWS offers no way to check")
		return nil, nil
	case h.Plan == nil && h.Run == nil:
		out.line(d.ID, "manual", "this step needs a person; firstrun without --plan guides it")
		return nil, nil
	case h.Plan == nil && h.Check == nil:
		out.line(d.ID, "no change", d.Title+": nothing changes in AWS")
		return nil, nil
	case h.Plan == nil: // nothing a run could change through the API: the goal is console work
		out.line(d.ID, "manual", d.Title+": "+cmp.Or(c.Detail, "needs a person"))
		return nil, nil
	}
	changes, err := h.Plan(ctx, env)
	var wait *step.WaitingError
	switch {
	case errors.As(err, &wait):
		out.line(d.ID, "manual", wait.For)
	case err != nil:
		return nil, err
	case len(changes) == 0:
		out.line(d.ID, "no change", d.Title)
	}
	var calls []string
	for _, ch := range changes {
		out.line(d.ID, "change", ch.String())
		calls = append(calls, ch.Service+":"+ch.Operation)
	}
	return calls, nil
}

// confirmed reports whether the checkpoint holds the operator's word for step id.
func confirmed(env *step.Env, id step.ID) bool {
	if env.Store == nil {
		return false
	}
	r, _ := env.Store.Document().Step(string(id))
	return r.Outcome == checkpoint.Confirmed
}

// planFlow writes the plan of a step that has a Flow.
func planFlow(ctx context.Context, d step.Definition, env *step.Env, out *printer) ([]string, error) {
	p, err := engine.PlanStep(ctx, d.Core(), env.Base())
	if err != nil {
		return nil, err
	}
	var calls []string
	for _, c := range p.Changes {
		calls = append(calls, c.Service+":"+c.Operation)
	}
	if p.Kind != engine.PlanChange {
		for _, c := range p.Changes {
			out.line(d.ID, string(engine.PlanChange), c.String())
		}
		out.line(d.ID, string(p.Kind), cmp.Or(p.Detail, d.Title))
		return calls, nil
	}
	for _, c := range p.Changes {
		out.line(d.ID, string(p.Kind), c.String())
	}
	return calls, nil
}
