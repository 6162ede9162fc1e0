package rootuser

import (
	"context"

	"github.com/firstrun/firstrun/steps/checkpoint"
	"github.com/firstrun/firstrun/steps/step"
)

// RootMFAHeadless is the root-mfa step without a screen. AWS has no API that turns root
// MFA on, so there is nothing to plan: a run verifies it, or waits for the operator to
// assign a device in the console.
func RootMFAHeadless() step.Headless {
	return step.Headless{
		Check: func(ctx context.Context, env *step.Env) (step.Control, error) {
			on, detail, err := RootMFAEnabled(ctx, env.AWS.IAM)
			if err != nil {
				return step.Control{}, err
			}
			return step.Control{Status: passIf(on), Detail: detail}, nil
		},
		Run: func(ctx context.Context, env *step.Env) (checkpoint.StepRecord, error) {
			on, detail, err := RootMFAEnabled(ctx, env.AWS.IAM)
			switch {
			case err != nil:
				return checkpoint.StepRecord{}, err
			case !on:
				return checkpoint.StepRecord{}, step.Waiting("sign in to the console as the root user and assign an MFA device on the Security credentials page")
			}
			return checkpoint.StepRecord{Outcome: checkpoint.Verified, Reason: detail}, nil
		},
	}
}

// passIf is Pass when the goal holds as AWS shows it, else Fail.
func passIf(ok bool) step.ControlStatus {
	if ok {
		return step.Pass
	}
	return step.Fail
}
