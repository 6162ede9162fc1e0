package iamuser

import (
	"context"
	"strconv"

	"github.com/firstrun/firstrun/steps/checkpoint"
	"github.com/firstrun/firstrun/steps/step"
)

// everyoneHasMFA is the iam-users-mfa step's goal, as AWS shows it.
const everyoneHasMFA = "every IAM user with a console password has MFA"

// UsersMFAHeadless is the iam-users-mfa step without a screen. Each user scans their own
// QR code, so a run without a person changes nothing: it verifies that no one is
// missing MFA, or skips the step naming who is. Nothing to plan, then.
func UsersMFAHeadless() step.Headless {
	return step.Headless{
		Check: func(ctx context.Context, env *step.Env) (step.Control, error) {
			users, err := ReadConsoleUsers(ctx, env.AWS.IAM)
			if err != nil {
				return step.Control{}, err
			}
			if missing := WithoutMFA(users); len(missing) > 0 {
				return step.Control{Status: step.Fail, Detail: "console password and no MFA: " + Names(missing)}, nil
			}
			if len(users) == 0 {
				return step.Control{Status: step.Pass, Detail: "no IAM user has a console password"}, nil
			}
			n := strconv.Itoa(len(users)) + " users"
			if len(users) == 1 {
				n = "1 user"
			}
			return step.Control{Status: step.Pass, Detail: everyoneHasMFA + " (" + n + ")"}, nil
		},
		Run: func(ctx context.Context, env *step.Env) (checkpoint.StepRecord, error) {
			users, err := ReadConsoleUsers(ctx, env.AWS.IAM)
			if err != nil {
				return checkpoint.StepRecord{}, err
			}
			if missing := WithoutMFA(users); len(missing) > 0 {
				return checkpoint.StepRecord{Outcome: checkpoint.Skipped, Reason: needsPerson + "; still without MFA: " + Names(missing)}, nil
			}
			return checkpoint.StepRecord{Outcome: checkpoint.Verified, Reason: everyoneHasMFA}, nil
		},
	}
}
