package engine

import (
	"context"

	"github.com/firstrun/firstrun/awsclient"
	"github.com/firstrun/firstrun/steps/checkpoint"
	step "github.com/firstrun/firstrun/steps/core"
)

// Check is step d's audit control: its Flow's inspection, which only reads, judged as AWS
// shows it. Something an earlier step makes that is missing is a failed control; a check
// that could not be made is an error. An optional step whose goal does not hold, and which
// env.Answers decline (its questions, answered as a run without a person answers them,
// give a Decline reason), was not run: not wanting it is no failure.
func Check(ctx context.Context, d step.Definition, env step.Env) step.Control {
	if !d.Available() {
		return step.Control{Status: step.NotRun, Detail: "This version of firstrun does not have this step yet."}
	}
	f := d.Flow(env)
	in, err := f.Inspect(ctx)
	if err != nil {
		if finding, ok := step.Finding(err); ok {
			return step.Control{Status: step.Fail, Detail: finding}
		}
		return step.Control{Status: step.Errored, Detail: awsclient.Explain(err).Summary()}
	}
	if d.Optional && !in.Holds && in.Skip == "" {
		if reason := declined(ctx, f, in); reason != "" {
			return step.Control{Status: step.NotRun, Detail: "Optional; " + reason}
		}
	}
	return control(in)
}

// declined is the reason f's Decline gives once its questions for in are answered as a
// run without a person answers them, or "" when they don't decline the step. It only
// reads: the questions write into the Flow's own state.
func declined(ctx context.Context, f *step.Flow, in step.Inspection) string {
	if f.Questions == nil || f.Decline == nil {
		return ""
	}
	form := f.Questions(in)
	if form == nil || (Nobody{}).Ask(ctx, form) != nil {
		return ""
	}
	return f.Decline()
}

// control judges an inspection.
func control(in step.Inspection) step.Control {
	switch {
	case in.Skip != "":
		return step.Control{Status: step.NotRun, Detail: in.Skip}
	case in.Holds:
		return step.Control{Status: step.Pass, Detail: in.Detail}
	case in.Unknown != "":
		return step.Control{Status: step.Manual, Detail: in.Unknown}
	case Manual(in):
		return step.Control{Status: step.Manual, Detail: in.Detail}
	}
	return step.Control{Status: step.Fail, Detail: in.Detail}
}

// Manual reports whether an inspection leaves console work that AWS can't check.
func Manual(in step.Inspection) bool { return in.Console != nil && in.Console.Check == nil }

// PlanKind says what a run would do with a step.
type PlanKind string

const (
	PlanInPlace  PlanKind = "in place"  // nothing to do: the goal holds
	PlanSkipped  PlanKind = "skipped"   // the step does not apply, or the answers decline it
	PlanManual   PlanKind = "manual"    // only a person can go on: console work, a decision
	PlanNoChange PlanKind = "no change" // the step runs and changes nothing
	PlanChange   PlanKind = "change"    // the step makes changes
)

// Plan is what a run without a person would do with a step.
type Plan struct {
	Kind PlanKind
	// Detail says why, in a sentence.
	Detail string
	// Changes are the changes the run would make, in order, with Kind PlanChange; a Manual
	// plan may list the changes that precede what waits.
	Changes []step.Change
}

// PlanStep says, reading only, what a run from env.Answers would do with step d.
func PlanStep(ctx context.Context, d step.Definition, env step.Env) (Plan, error) {
	if reason := step.Blocked(d.Needs, env.Saved, env.Title); reason != "" {
		return Plan{Kind: PlanSkipped, Detail: reason}, nil
	}
	f := d.Flow(env)
	in, err := f.Inspect(ctx)
	if err != nil {
		return planStopped(err)
	}
	prev, _ := env.Record(d.ID)
	switch {
	case in.Skip != "":
		return Plan{Kind: PlanSkipped, Detail: in.Skip}, nil
	case Manual(in) && prev.Outcome == checkpoint.Confirmed:
		return Plan{Kind: PlanInPlace, Detail: confirmedByWord}, nil
	case in.Satisfied() && !f.AskAlways:
		return Plan{Kind: PlanInPlace, Detail: in.Detail}, nil
	}
	if f.Questions != nil {
		if form := f.Questions(in); form != nil {
			if err := (Nobody{}).Ask(ctx, form); err != nil {
				// What waits for the operator, and the changes that would follow it.
				p, err := planStopped(err)
				p.Changes = in.Changes
				return p, err
			}
			if f.Decline != nil {
				if reason := f.Decline(); reason != "" {
					return Plan{Kind: PlanSkipped, Detail: reason}, nil
				}
			}
			if f.Revise != nil {
				in = f.Revise(in)
			} else if in, err = f.Inspect(ctx); err != nil {
				return planStopped(err)
			}
		}
	}
	switch {
	case in.Skip != "":
		return Plan{Kind: PlanSkipped, Detail: in.Skip}, nil
	case in.Satisfied() && in.Pending != "":
		return Plan{Kind: PlanManual, Detail: in.Pending}, nil
	case in.Satisfied():
		return Plan{Kind: PlanInPlace, Detail: in.Detail}, nil
	case in.Console != nil:
		return Plan{Kind: PlanManual, Detail: in.Console.Work}, nil
	case in.Settle != nil:
		return Plan{Kind: PlanNoChange, Detail: in.Settle.Reason}, nil
	case in.Decision != "":
		return Plan{Kind: PlanManual, Detail: in.Decision, Changes: in.Changes}, nil
	case len(in.Changes) == 0:
		return Plan{Kind: PlanNoChange, Detail: in.Detail}, nil
	}
	return Plan{Kind: PlanChange, Changes: in.Changes}, nil
}

// planStopped is the plan of a step whose inspection or questions stopped it: waiting for
// the operator is a manual step; anything else is an error.
func planStopped(err error) (Plan, error) {
	if what, ok := step.IsWaiting(err); ok {
		return Plan{Kind: PlanManual, Detail: what}, nil
	}
	return Plan{}, err
}
