package identitycenter

import (
	"context"

	"github.com/firstrun/firstrun/steps/checkpoint"
	"github.com/firstrun/firstrun/steps/step"
)

// IdentitySourceHeadless is the identity-source step for audit, --plan and
// --non-interactive. AWS has no public API that reads the identity source: neither
// sso-admin DescribeInstance nor identitystore DescribeIdentityStore returns it. So a
// check leaves it to a person, and a run records the source the answers file names, as
// the operator's written word (confirmed); without that answer it waits.
func IdentitySourceHeadless() step.Headless {
	return step.Headless{
		Check: checkOnInstance(func(_ context.Context, _ *step.Env, inst Instance) (step.Control, error) {
			return manual("AWS offers no API that reads the identity source: see Settings, Identity source, in the IAM "+
				"Identity Center console in %s.", inst.Region), nil
		}),
		Plan: planGated(stepIdentitySource, func(_ context.Context, env *step.Env) ([]step.Change, error) {
			if _, ok := earlier(env, stepIdentitySource); ok {
				return nil, nil
			}
			_, err := answeredSource(env)
			return nil, err
		}),
		Run: runGated(stepIdentitySource, func(_ context.Context, env *step.Env) (checkpoint.StepRecord, error) {
			if rec, ok := earlier(env, stepIdentitySource); ok {
				return rec, nil
			}
			source, err := answeredSource(env)
			if err != nil {
				return checkpoint.StepRecord{}, err
			}
			rec := sourceRecord(source)
			rec.Reason = "from the answers file: " + rec.Reason
			return rec, nil
		}),
	}
}

// answeredSource is the identity source the answers file names, or what the operator
// must do when it names none.
func answeredSource(env *step.Env) (Source, error) {
	if s, ok := sourceAnswer(env.Answers.IdentityCenter.IdentitySource); ok {
		return s, nil
	}
	return "", step.Waiting("say where Identity Center's users come from: set identity_center.identity_source " +
		"(directory, active-directory or external) in the answers file")
}

// MFAHeadless is the ic-mfa step for audit, --plan and --non-interactive. AWS has no
// public API for Identity Center's MFA settings: a check leaves them to a person, and a
// run waits for the operator.
func MFAHeadless() step.Headless {
	return step.Headless{
		Check: checkOnInstance(func(_ context.Context, _ *step.Env, inst Instance) (step.Control, error) {
			return manual("AWS offers no API that reads Identity Center's MFA settings: see Settings, Authentication, in "+
				"the IAM Identity Center console in %s.", inst.Region), nil
		}),
		Plan: planGated(stepMFA, func(_ context.Context, env *step.Env) ([]step.Change, error) {
			if _, ok := earlier(env, stepMFA); ok {
				return nil, nil
			}
			return nil, step.Waiting(mfaWork(chosenRegion(env)))
		}),
		Run: runGated(stepMFA, func(_ context.Context, env *step.Env) (checkpoint.StepRecord, error) {
			if rec, ok := earlier(env, stepMFA); ok {
				return rec, nil
			}
			return checkpoint.StepRecord{}, step.Waiting(mfaWork(chosenRegion(env)))
		}),
	}
}

func mfaWork(region string) string {
	return "require MFA at every sign-in in the console: IAM Identity Center in " + region + ", Settings, Authentication, " +
		"Multi-factor authentication (AWS has no API for it)"
}
