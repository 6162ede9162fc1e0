// Package runner runs the documented sequence without a screen, through each step's
// Headless side: a non-interactive run that does every step needing no person, and a plan
// that lists, reading only, what such a run would change. Both write a plain log, one line
// per step (or per change), that people and scripts read alike.
package runner

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"io"
	"maps"

	"github.com/firstrun/firstrun/steps/checkpoint"
	"github.com/firstrun/firstrun/steps/engine"
	"github.com/firstrun/firstrun/steps/step"
)

// Status is how a run ended.
type Status int

const (
	// Complete: every step finished.
	Complete Status = iota
	// Waiting: the run went as far as it could; the steps in Result.Waiting need the
	// operator, and the next run retries them.
	Waiting
	// Failed: a step failed, and the run stopped there.
	Failed
)

// Result is how a run ended, and which steps that concerns.
type Result struct {
	Status  Status
	Waiting []step.ID // the steps that wait for the operator, in order
	Failed  step.ID   // the step that stopped the run
	Err     error     // why it failed
}

// Run does every available step of seq in order, from env.Answers, through its Headless
// side, saves each outcome in env.Store and writes one line per step to w. A step already
// finished in the checkpoint is kept only when its Check still passes (or, for the
// operator's word, when AWS has nothing to check it against); otherwise it runs again,
// which steps make safe. A step waiting for the operator is not saved as finished and
// does not stop the run; a failed step is saved and stops it. The error is for what ends
// the run early other than a step: a canceled ctx, a checkpoint that can't be written.
func Run(ctx context.Context, seq []step.Definition, env *step.Env, w io.Writer) (Result, error) {
	out := newPrinter(w, seq)
	var res Result
	for _, d := range seq {
		if !d.Available() {
			continue
		}
		if err := ctx.Err(); err != nil {
			return res, err
		}
		settleStep := settle
		if d.Flow != nil {
			settleStep = settleFlow
		}
		o, err := settleStep(ctx, d, env)
		switch {
		case err != nil && ctx.Err() != nil:
			return res, ctx.Err() // abandoned, not failed: the next run does it again
		case step.IsWaiting(err):
			var wait *step.WaitingError
			errors.As(err, &wait)
			out.line(d.ID, "waiting", "for the operator: "+wait.For)
			res.Waiting = append(res.Waiting, d.ID)
			continue
		case err != nil && o.saved && o.rec.Outcome != checkpoint.Failed:
			return res, fmt.Errorf("save the progress of step %s: %w", d.ID, err)
		case err != nil && o.saved:
			res.Err = err
		case err != nil:
			o = outcome{rec: checkpoint.StepRecord{Outcome: checkpoint.Failed, Reason: describe(err)}}
			res.Err = err
		case !o.rec.Outcome.Final() && o.rec.Outcome != checkpoint.Failed:
			res.Err = fmt.Errorf("the step ended without an outcome (%q)", o.rec.Outcome)
			o = outcome{rec: checkpoint.StepRecord{Outcome: checkpoint.Failed, Reason: res.Err.Error()}}
		}
		if !o.kept && !o.saved {
			if err := env.Store.Record(string(d.ID), keepResources(env, d.ID, o.rec)); err != nil {
				return res, fmt.Errorf("save the outcome of step %s: %w", d.ID, err)
			}
		}
		out.line(d.ID, string(o.rec.Outcome), o.detail(d))
		if o.rec.Outcome == checkpoint.Failed {
			if res.Err == nil { // the step saw the failure itself
				res.Err = errors.New(cmp.Or(o.rec.Reason, "failed"))
			}
			res.Status, res.Failed = Failed, d.ID
			return res, nil
		}
	}
	if len(res.Waiting) > 0 {
		res.Status = Waiting
	}
	return res, nil
}

// outcome is what became of one step in a run.
type outcome struct {
	rec   checkpoint.StepRecord
	kept  bool   // the checkpoint's record stands; nothing to save
	saved bool   // the engine saved rec
	note  string // what the check saw, for the log
}

func (o outcome) detail(d step.Definition) string {
	switch {
	case o.kept && o.note != "":
		return "unchanged; AWS still shows it: " + o.note
	case o.kept:
		return "unchanged; confirmed earlier (AWS offers no way to check it)"
	case o.rec.Reason != "":
		return d.Title + ": " + o.rec.Reason
	case o.note != "":
		return d.Title + ": " + o.note
	}
	return d.Title
}

// settle decides one step: keep what the checkpoint says, or run it.
func settle(ctx context.Context, d step.Definition, env *step.Env) (outcome, error) {
	h := d.Headless
	prev, _ := env.Store.Document().Step(string(d.ID))
	var c step.Control
	var checked bool // c holds what the check saw
	var checkErr error
	if h.Check != nil && (prev.Outcome.Final() || h.Run == nil) {
		c, checkErr = check(ctx, d, env)
		checked = checkErr == nil
	}
	switch {
	case prev.Outcome.Final() && checked && c.Status == step.Pass:
		return outcome{rec: prev, kept: true, note: c.Detail}, nil
	case prev.Outcome == checkpoint.Confirmed && (h.Check == nil || checked && c.Status == step.Manual):
		return outcome{rec: prev, kept: true}, nil
	case h.Run != nil:
		rec, err := h.Run(ctx, env)
		return outcome{rec: rec}, err
	case checkErr != nil:
		return outcome{}, checkErr
	case checked && c.Status == step.Pass:
		return outcome{rec: checkpoint.StepRecord{Outcome: checkpoint.Verified}, note: c.Detail}, nil
	case checked && c.Status == step.NotRun:
		return outcome{rec: checkpoint.StepRecord{Outcome: checkpoint.Skipped, Reason: c.Detail}}, nil
	}
	return outcome{}, step.Waiting("run firstrun without --non-interactive to do this step")
}

// settleFlow decides one step that has a Flow: keep what the checkpoint says while AWS
// still shows it (or, for the operator's word, while AWS has nothing to check it against),
// else run the Flow with nobody at the keyboard. The engine saves what it does.
func settleFlow(ctx context.Context, d step.Definition, env *step.Env) (outcome, error) {
	base := env.Base()
	if prev, _ := base.Record(d.ID); prev.Outcome.Final() {
		c := engine.Check(ctx, d.Core(), base)
		switch {
		case c.Status == step.Pass:
			return outcome{rec: prev, kept: true, note: c.Detail}, nil
		case prev.Outcome == checkpoint.Confirmed && c.Status == step.Manual:
			return outcome{rec: prev, kept: true}, nil
		}
	}
	rec, err := engine.Run(ctx, d.Core(), base, engine.Nobody{}, env.Store)
	return outcome{rec: rec, saved: true}, err
}

// check runs a step's Check, turning a check that could not be made into an error.
func check(ctx context.Context, d step.Definition, env *step.Env) (step.Control, error) {
	c, err := d.Headless.Check(ctx, env)
	if err == nil && c.Status == step.Errored {
		err = errors.New(c.Detail)
	}
	return c, err
}

// keepResources carries over the identifiers a step saved while in progress into a
// failed record, so that the next run still knows what already exists.
func keepResources(env *step.Env, id step.ID, r checkpoint.StepRecord) checkpoint.StepRecord {
	if r.Outcome != checkpoint.Failed {
		return r
	}
	saved := env.Store.Document().Steps[string(id)].Resources
	if len(saved) == 0 {
		return r
	}
	merged := maps.Clone(saved)
	maps.Copy(merged, r.Resources)
	r.Resources = merged
	return r
}
