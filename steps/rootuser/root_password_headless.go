package rootuser

import (
	"context"

	"github.com/firstrun/firstrun/steps/checkpoint"
	"github.com/firstrun/firstrun/steps/step"
)

// rootPasswordStep is the root-password step's ID in the sequence.
const rootPasswordStep step.ID = "root-password"

// RootPasswordHeadless is the root-password step without a screen. No API shows the root
// password's strength or age, so the audit leaves it to a person and a run without one
// never confirms it: it waits for the operator, unless the operator already confirmed it
// in the wizard, whose word the checkpoint keeps.
func RootPasswordHeadless() step.Headless {
	return step.Headless{
		Check: func(context.Context, *step.Env) (step.Control, error) {
			return step.Control{Status: step.Manual,
				Detail: "AWS has no API that shows the root password's strength or age: check it on the console's Security credentials page"}, nil
		},
		Run: func(_ context.Context, env *step.Env) (checkpoint.StepRecord, error) {
			if env.Store != nil {
				if rec, ok := env.Store.Document().Step(string(rootPasswordStep)); ok && rec.Outcome == checkpoint.Confirmed {
					return rec, nil
				}
			}
			return checkpoint.StepRecord{}, step.Waiting("check that the root user's password is strong and used nowhere else " +
				"(change it on the console's Security credentials page if not), then confirm it in the wizard")
		},
	}
}
