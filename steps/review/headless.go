package review

import (
	"context"
	"maps"

	"github.com/firstrun/firstrun/steps/checkpoint"
	"github.com/firstrun/firstrun/steps/step"
)

// runTask does without a person what a step.Task screen does once the operator has
// confirmed: inspect; apply unless the goal already holds; inspect again to verify. A
// non-empty declined says why the answers don't allow the change: the step is then
// skipped, unless its goal already holds.
func runTask(ctx context.Context, inspect func(context.Context) (step.Inspection, error),
	apply func(context.Context) (map[string]string, error), declined string) (checkpoint.StepRecord, error) {
	found, err := inspect(ctx)
	switch {
	case err != nil:
		return checkpoint.StepRecord{}, err
	case found.Satisfied:
		return checkpoint.StepRecord{Outcome: checkpoint.Verified, Resources: found.Resources}, nil
	case declined != "":
		return checkpoint.StepRecord{Outcome: checkpoint.Skipped, Reason: declined, Resources: found.Resources}, nil
	}
	made, err := apply(ctx)
	if err != nil {
		return checkpoint.StepRecord{}, err
	}
	if found, err = inspect(ctx); err != nil {
		return checkpoint.StepRecord{}, err
	}
	rec := checkpoint.StepRecord{Outcome: checkpoint.Done, Resources: maps.Clone(found.Resources)}
	if found.Satisfied {
		// As the screen does: verified only when AWS shows it.
		rec.Outcome = checkpoint.Verified
	}
	if len(made) > 0 {
		if rec.Resources == nil {
			rec.Resources = map[string]string{}
		}
		maps.Copy(rec.Resources, made)
	}
	return rec, nil
}
