// Package engine runs a step's Flow. It is the one place that decides what a step does
// next and which outcome it saves, whoever the operator is: the screen, the plain prompts,
// or nobody (a run from the answers file). It also derives a step's audit check and its
// plan from the same Flow.
package engine

import (
	"context"
	"errors"
	"fmt"
	"maps"

	"github.com/firstrun/firstrun/awsclient"
	"github.com/firstrun/firstrun/steps/checkpoint"
	step "github.com/firstrun/firstrun/steps/core"
)

// Recorder is where a run saves progress and outcomes: the account's checkpoint.
type Recorder interface {
	Document() checkpoint.Document
	Record(id string, r checkpoint.StepRecord) error
}

// Reasons saved with outcomes, which the front-ends and the reports show.
const (
	SkippedByOperator = "skipped by the operator"
	skippedAfterError = "skipped after an error: "
	confirmedByWord   = "the operator confirmed it; AWS offers no way to check"
)

// Run runs step d for op, saving each side effect as it happens and the outcome at the
// end, and returns the record saved. The error is for a run that ended without a final
// outcome: a *step.WaitingError when only a person can go on, or must still do something
// outside firstrun (saved as waiting, and offered again on the next run); the error of a
// step that failed with nobody to retry it (saved as failed); or what stopped the run with
// nothing to save: the operator, the context, a checkpoint that can't be written.
func Run(ctx context.Context, d step.Definition, env step.Env, op step.Operator, rec Recorder) (checkpoint.StepRecord, error) {
	r := &run{id: d.ID, env: env, op: op, rec: rec}
	var out ending
	if reason := step.Blocked(d.Needs, env.Saved, env.Title); reason != "" {
		op.Begin("Skipped: " + reason)
		out = ending{rec: checkpoint.StepRecord{Outcome: checkpoint.Skipped, Reason: reason}}
	} else {
		out = r.flow(ctx, d.Flow(env))
	}
	switch {
	case out.err != nil && ctx.Err() != nil:
		return checkpoint.StepRecord{}, ctx.Err()
	case out.unsaved:
		return checkpoint.StepRecord{}, out.err
	}
	saved, err := r.save(out.rec)
	if err != nil {
		return saved, err
	}
	return saved, out.err
}

// run is one step being run.
type run struct {
	id  step.ID
	env step.Env
	op  step.Operator
	rec Recorder
	// made are the outputs saved as progress during this run.
	made map[string]string
}

// ending is how a part of a step ended: the record to save and, for a run that can't
// finish the step, why.
type ending struct {
	rec checkpoint.StepRecord
	err error
	// declined means the operator chose not to make the change (the step's Decline).
	declined bool
	// unsaved means the run stopped with nothing to save: the operator stopped it, or
	// progress could not be saved.
	unsaved bool
}

func finished(o checkpoint.Outcome, reason string, outputs ...step.Outputs) ending {
	return ending{rec: checkpoint.StepRecord{Outcome: o, Reason: reason, Resources: step.Merge(outputs...)}}
}

func (r *run) flow(ctx context.Context, f *step.Flow) ending {
	r.op.Begin(f.Intro)
	in, end := r.inspect(ctx, f, step.Reading)
	if end != nil {
		return *end
	}
	if in.Skip != "" {
		return finished(checkpoint.Skipped, in.Skip, in.Outputs)
	}
	if f.Questions != nil && (!in.Satisfied() || f.AskAlways) {
		if form := f.Questions(in); form != nil {
			if end := r.ask(ctx, form, in); end != nil {
				return *end
			}
			if f.Decline != nil {
				if reason := f.Decline(); reason != "" {
					e := finished(checkpoint.Skipped, reason, in.Outputs)
					e.declined = true
					return e
				}
			}
			if f.Revise != nil {
				in = f.Revise(in)
			} else if in, end = r.inspect(ctx, f, step.Reading); end != nil {
				return *end
			}
			if in.Skip != "" {
				return finished(checkpoint.Skipped, in.Skip, in.Outputs)
			}
		}
	}
	if in.Console != nil {
		return r.guide(ctx, f, in)
	}
	review := step.Review{Facts: in.Facts, Note: in.Note, Table: in.Table, Sections: in.Sections, ConfirmLabel: f.ConfirmLabel,
		ReadOnly: f.Apply == nil && in.Settle == nil, Decision: in.Decision}
	if !in.Satisfied() && in.Settle == nil {
		review.Changes = in.Changes
	}
	choice, err := r.op.Review(ctx, review)
	switch {
	case err != nil:
		return r.stopped(err, in.Outputs)
	case choice == step.Skip:
		return finished(checkpoint.Skipped, SkippedByOperator, in.Outputs)
	case in.Settle != nil:
		e := ending{rec: *in.Settle}
		e.rec.Resources = step.Merge(in.Outputs, e.rec.Resources)
		return e
	case in.Satisfied() || f.Apply == nil:
		return r.then(ctx, f, reached(in, checkpoint.Verified, in.Detail, in.Outputs))
	}
	made, end := r.apply(ctx, f)
	if end != nil {
		return *end
	}
	if f.Unverifiable != "" {
		return r.then(ctx, f, finished(checkpoint.Done, f.Unverifiable, in.Outputs, made))
	}
	after, end := r.inspect(ctx, f, step.Verifying)
	if end != nil {
		return *end
	}
	if after.Satisfied() {
		return r.then(ctx, f, reached(after, checkpoint.Verified, after.Detail, in.Outputs, made, after.Outputs))
	}
	// The change was made but AWS does not show it yet: say so instead of claiming it.
	reason := "the change was made, but AWS does not show it yet"
	if after.Detail != "" {
		reason += ": " + after.Detail
	}
	return r.then(ctx, f, reached(after, checkpoint.Done, reason, in.Outputs, made, after.Outputs))
}

// reached is the ending of a part whose change is made (or needed none), as in shows it:
// waiting when the operator must still do something outside firstrun.
func reached(in step.Inspection, o checkpoint.Outcome, reason string, outputs ...step.Outputs) ending {
	if in.Pending != "" {
		e := finished(checkpoint.Waiting, in.Pending, outputs...)
		e.err = step.Waiting(in.Pending)
		return e
	}
	return finished(o, reason, outputs...)
}

// inspect reads AWS for kind of work, offering a retry after an error; a non-nil ending
// means the step ends there.
func (r *run) inspect(ctx context.Context, f *step.Flow, kind step.WorkKind) (step.Inspection, *ending) {
	for {
		r.op.Working(step.Work{Kind: kind})
		in, err := f.Inspect(ctx)
		if err == nil {
			return in, nil
		}
		if end := r.problem(ctx, err, kind, nil); end != nil {
			return step.Inspection{}, end
		}
	}
}

func (r *run) ask(ctx context.Context, form *step.Form, in step.Inspection) *ending {
	if form.Facts == nil {
		form.Facts = in.Facts
	}
	err := r.op.Ask(ctx, form)
	switch {
	case err == nil:
		return nil
	case errors.Is(err, step.ErrSkipped):
		e := finished(checkpoint.Skipped, SkippedByOperator, in.Outputs)
		return &e
	case operatorStop(ctx, err):
		e := r.stopped(err, in.Outputs)
		return &e
	}
	// A value nobody is there to correct (an answers file's).
	return &ending{err: err, rec: checkpoint.StepRecord{Outcome: checkpoint.Failed, Reason: err.Error(),
		Resources: step.Merge(in.Outputs)}}
}

// apply makes the change, saving each side effect as Apply reports it and what it made
// before anything else, and offers a retry after an error.
func (r *run) apply(ctx context.Context, f *step.Flow) (map[string]string, *ending) {
	for {
		r.op.Working(step.Work{Kind: step.Changing})
		made, err := f.Apply(ctx, step.NewAct(r.id, r.op, r.progress))
		if err == nil {
			m := step.Encode(made)
			if len(m) > 0 {
				if err := r.progress(m); err != nil {
					return nil, &ending{err: err, unsaved: true}
				}
			}
			return m, nil
		}
		switch {
		case errors.Is(err, step.ErrSkipped):
			e := finished(checkpoint.Skipped, SkippedByOperator, r.made)
			return nil, &e
		case operatorStop(ctx, err):
			e := r.stopped(err, nil)
			return nil, &e
		}
		if end := r.problem(ctx, err, step.Changing, nil); end != nil {
			return nil, end
		}
	}
}

// problem explains err to the operator: nil means retry. A step skipped after an error
// keeps what it saved so far, so the next run knows what exists.
func (r *run) problem(ctx context.Context, err error, during step.WorkKind, outputs step.Outputs) *ending {
	if ctx.Err() != nil {
		return &ending{err: ctx.Err()}
	}
	p := step.Problem{Problem: awsclient.Explain(err).WithCaller(r.env.Identity.ARN), During: during}
	choice, perr := r.op.Problem(ctx, p)
	switch {
	case perr == nil && choice == step.Retry:
		return nil
	case perr == nil:
		e := finished(checkpoint.Skipped, skippedAfterError+p.Summary(), outputs)
		return &e
	}
	if operatorStop(ctx, perr) {
		e := r.stopped(perr, outputs)
		return &e
	}
	// Nobody is there to retry: the step failed, and the next run tries it again.
	return &ending{err: perr, rec: checkpoint.StepRecord{Outcome: checkpoint.Failed, Reason: p.Summary(),
		Resources: step.Merge(outputs)}}
}

// operatorStop reports whether err stops the step for a reason other than a failed AWS
// call: only a person can go on, the operator stopped, the run was abandoned, or progress
// could not be saved.
func operatorStop(ctx context.Context, err error) bool {
	_, waiting := step.IsWaiting(err)
	return waiting || ctx.Err() != nil || errors.Is(err, step.ErrStopped) || errors.Is(err, errProgress)
}

// stopped is the ending of a step that can't go on: saved as waiting when only a person
// can go on; otherwise (the operator stopped, the run was abandoned) nothing is saved.
func (r *run) stopped(err error, outputs step.Outputs) ending {
	if what, ok := step.IsWaiting(err); ok {
		return ending{err: &step.WaitingError{For: what}, rec: checkpoint.StepRecord{
			Outcome: checkpoint.Waiting, Reason: what, Resources: step.Merge(outputs)}}
	}
	return ending{err: err, unsaved: true}
}

// guide has the operator do console work, and records how it ended.
func (r *run) guide(ctx context.Context, f *step.Flow, in step.Inspection) ending {
	g := *in.Console
	if g.Action.Step == "" {
		g.Action.Step = r.id
	}
	res, err := r.op.Guide(ctx, g)
	if err != nil {
		if operatorStop(ctx, err) {
			return r.stopped(err, in.Outputs)
		}
		// The guide's check failed and the operator could not retry it (nobody is there).
		if end := r.problem(ctx, err, step.Reading, in.Outputs); end != nil {
			return *end
		}
		return r.guide(ctx, f, in)
	}
	switch res.Outcome {
	case checkpoint.Verified:
		return r.then(ctx, f, finished(checkpoint.Verified, res.Detail, in.Outputs, res.Found.Outputs))
	case checkpoint.Confirmed:
		reason := res.Detail
		if reason == "" {
			reason = confirmedByWord
		}
		return r.then(ctx, f, finished(checkpoint.Confirmed, reason, in.Outputs))
	}
	return finished(checkpoint.Skipped, SkippedByOperator, in.Outputs)
}

// then runs the part of the step that follows a part that reached its goal, and combines
// the two outcomes.
func (r *run) then(ctx context.Context, f *step.Flow, first ending) ending {
	if f.Then == nil || first.err != nil {
		return first
	}
	second := r.flow(ctx, f.Then(first.rec.Resources))
	res := maps.Clone(first.rec.Resources)
	if res == nil {
		res = map[string]string{}
	}
	maps.Copy(res, second.rec.Resources)
	if second.err == nil && second.declined {
		first.rec.Resources = res
		return first
	}
	if second.err == nil && rank(first.rec.Outcome) < rank(second.rec.Outcome) {
		second.rec.Outcome, second.rec.Reason = first.rec.Outcome, first.rec.Reason
	}
	second.rec.Resources = res
	return second
}

// rank orders final outcomes from the weakest claim to the strongest.
func rank(o checkpoint.Outcome) int {
	switch o {
	case checkpoint.Verified:
		return 3
	case checkpoint.Confirmed:
		return 2
	case checkpoint.Done:
		return 1
	case checkpoint.Skipped, checkpoint.Failed, checkpoint.Waiting, checkpoint.InProgress:
	}
	return 0
}

// errProgress wraps a failure to save progress: the run stops, as nothing may go on that
// the checkpoint does not know of.
var errProgress = errors.New("progress could not be saved")

// progress saves outputs of a side effect beside what the step saved before, as in
// progress, so a resumed run knows what already exists.
func (r *run) progress(o step.Outputs) error {
	m := step.Encode(o)
	if len(m) == 0 || r.rec == nil {
		return nil
	}
	if r.made == nil {
		r.made = map[string]string{}
	}
	maps.Copy(r.made, m)
	prev := r.rec.Document().Steps[string(r.id)]
	merged := make(map[string]string, len(prev.Resources)+len(m))
	maps.Copy(merged, prev.Resources)
	maps.Copy(merged, m)
	if prev.Outcome == checkpoint.InProgress && maps.Equal(merged, prev.Resources) {
		return nil // saved already
	}
	if err := r.rec.Record(string(r.id), checkpoint.StepRecord{Outcome: checkpoint.InProgress, Resources: merged}); err != nil {
		return fmt.Errorf("%w: %w", errProgress, err)
	}
	return nil
}

// save records how the step ended. A step that did not reach its goal keeps what earlier
// runs saved beside what this one found; one that did keeps what this run made.
func (r *run) save(rec checkpoint.StepRecord) (checkpoint.StepRecord, error) {
	if r.rec == nil {
		return rec, nil
	}
	keep := r.made
	switch rec.Outcome {
	case checkpoint.Verified, checkpoint.Done, checkpoint.Confirmed:
	default:
		keep = r.rec.Document().Steps[string(r.id)].Resources
	}
	if len(keep) > 0 {
		merged := maps.Clone(keep)
		maps.Copy(merged, rec.Resources)
		rec.Resources = merged
	}
	if err := r.rec.Record(string(r.id), rec); err != nil {
		return rec, err
	}
	return r.rec.Document().Steps[string(r.id)], nil
}
