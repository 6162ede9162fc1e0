package plain

import (
	"context"
	"maps"

	"github.com/firstrun/firstrun/steps/checkpoint"
	"github.com/firstrun/firstrun/steps/step"
)

// task runs a Task screen as prompts: read AWS, ask its questions, say what will change,
// confirm, change, and read AWS again to verify, as the screen does.
func (r *Runner) task(ctx context.Context, t *step.Task) (checkpoint.StepRecord, error) {
	p := r.P
	p.Intro(t.Intro)
	found, err := r.inspect(ctx, t)
	if err != nil {
		return r.save(t.ID, checkpoint.StepRecord{Outcome: checkpoint.Skipped, Reason: "skipped after an error"})
	}
	p.Facts(found.Facts)
	if found.Note != "" {
		p.Say(found.Note)
	}
	if !found.Satisfied && t.Form != nil {
		if err := p.Form(t.Form(found)); err != nil {
			return checkpoint.StepRecord{}, err
		}
		if t.Decline != nil {
			if reason := t.Decline(); reason != "" {
				return r.save(t.ID, checkpoint.StepRecord{Outcome: checkpoint.Skipped, Reason: reason, Resources: found.Resources})
			}
		}
		if t.Revise != nil {
			found = t.Revise(found)
		}
	}
	made := map[string]string{}
	switch {
	case found.Satisfied && t.Apply != nil:
		p.Say("Already in place: nothing to change.")
	case t.Apply != nil:
		p.Say("What will change:")
		for _, c := range found.Changes {
			p.Say("  - " + c)
		}
		label := t.ConfirmLabel
		if label == "" {
			label = "make these changes"
		}
		choice, err := p.Choose("Go ahead?", "yes, "+label, "no, skip this step")
		if err != nil {
			return checkpoint.StepRecord{}, err
		}
		if choice == 1 {
			return r.save(t.ID, checkpoint.StepRecord{Outcome: checkpoint.Skipped, Reason: "skipped by the operator"})
		}
		if made, err = r.apply(ctx, t); err != nil {
			return r.save(t.ID, checkpoint.StepRecord{Outcome: checkpoint.Skipped, Reason: "skipped after an error"})
		}
		p.Say("Done. Checking with AWS…")
		if found, err = r.inspect(ctx, t); err != nil {
			return r.save(t.ID, checkpoint.StepRecord{Outcome: checkpoint.Done, Resources: made})
		}
	}
	res := maps.Clone(found.Resources)
	if res == nil {
		res = map[string]string{}
	}
	maps.Copy(res, made)
	if t.Then != nil && found.Satisfied {
		return r.screen(ctx, t.ID, t.Then(res))
	}
	outcome := checkpoint.Verified
	if t.Apply != nil && !found.Satisfied {
		outcome = checkpoint.Done // made, but AWS does not show it yet
	}
	return r.save(t.ID, checkpoint.StepRecord{Outcome: outcome, Resources: res})
}

// inspect reads AWS, offering a retry after an error; err means the operator gave up.
func (r *Runner) inspect(ctx context.Context, t *step.Task) (step.Inspection, error) {
	for {
		r.P.Say("Reading what AWS has…")
		found, err := t.Inspect(ctx)
		if err == nil {
			return found, nil
		}
		if !r.retry(err) {
			return step.Inspection{}, err
		}
	}
}

// apply makes the change and saves what it made before anything else, as the screen does.
func (r *Runner) apply(ctx context.Context, t *step.Task) (map[string]string, error) {
	for {
		r.P.Say("Working…")
		made, err := t.Apply(ctx)
		if err == nil && len(made) > 0 {
			err = step.Progress(r.Env, t.ID, made)
		}
		if err == nil {
			return made, nil
		}
		if !r.retry(err) {
			return nil, err
		}
	}
}

// retry explains err and asks whether to try again.
func (r *Runner) retry(err error) bool {
	r.P.Problem(step.Explain(r.Env, err))
	choice, cerr := r.P.Choose("Try again?", "yes, retry", "no, skip this step")
	return cerr == nil && choice == 0
}

func (r *Runner) save(id step.ID, rec checkpoint.StepRecord) (checkpoint.StepRecord, error) {
	return rec, r.Env.Store.Record(string(id), rec)
}
