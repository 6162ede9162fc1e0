package billing

import (
	"context"

	"github.com/firstrun/firstrun/steps/checkpoint"
	"github.com/firstrun/firstrun/steps/step"
)

// AccessHeadless is billing access without a screen. No API reads or changes the
// setting, so there is nothing to plan, the audit can only ask a person to look, and a
// run without one never records it as done: it waits for the root user, or is skipped
// when firstrun does not run as root.
func AccessHeadless() step.Headless {
	return step.Headless{
		Check: func(context.Context, *step.Env) (step.Control, error) {
			return step.Control{Status: step.Manual, Detail: "AWS offers no API that reads this setting: " +
				"the root user sees it on the console's Account page, under IAM user and role access to Billing information."}, nil
		},
		Run: func(_ context.Context, env *step.Env) (checkpoint.StepRecord, error) {
			if !CanActivateAccess(env.Identity) {
				return checkpoint.StepRecord{Outcome: checkpoint.Skipped, Reason: ReasonNeedsRoot}, nil
			}
			return checkpoint.StepRecord{}, step.Waiting("activate IAM access to billing in the console (Account page, " + AccountPageURL + ")")
		},
	}
}
