package review

import (
	"context"
	"fmt"
	"strconv"
	"strings"

	"github.com/firstrun/firstrun/answers"
	"github.com/firstrun/firstrun/steps/checkpoint"
	"github.com/firstrun/firstrun/steps/step"
)

// PasswordPolicyHeadless is the password-policy step for audit, --plan and
// --non-interactive. Setting a policy changes how every IAM user picks a password, so a
// run without a person sets it only when the answers say password_policy.apply: true.
func PasswordPolicyHeadless() step.Headless {
	return step.Headless{Check: checkPasswordPolicy, Plan: planPasswordPolicy, Run: runPasswordPolicy}
}

func checkPasswordPolicy(ctx context.Context, env *step.Env) (step.Control, error) {
	p, err := ReadPasswordPolicy(ctx, env.AWS.IAM)
	if err != nil {
		return step.Control{}, err
	}
	if short := p.ShortOfCIS(); len(short) > 0 {
		return step.Control{Status: step.Fail, Detail: sentence(strings.Join(short, "; "))}, nil
	}
	return step.Control{Status: step.Pass, Detail: fmt.Sprintf("The password policy asks for %d or more characters of "+
		"all four types and refuses the last %d passwords.", p.MinimumLength, p.ReusePrevention)}, nil
}

func planPasswordPolicy(ctx context.Context, env *step.Env) ([]step.Change, error) {
	if !answers.True(env.Answers.PasswordPolicy.Apply) {
		return nil, nil // Run skips the step
	}
	current, err := ReadPasswordPolicy(ctx, env.AWS.IAM)
	if err != nil || current.MeetsCIS() {
		return nil, err
	}
	in := answeredPasswordPolicyInput(env.Answers.PasswordPolicy, current)
	if err := in.Validate(current); err != nil {
		return nil, fmt.Errorf("password_policy.minimum_length: %w", err)
	}
	return []step.Change{ProposePasswordPolicy(current, in).Change()}, nil
}

// notChosen is why a run without a person leaves the password policy alone.
const notChosen = "not chosen in the answers (set password_policy.apply: true to set the CIS policy)"

func runPasswordPolicy(ctx context.Context, env *step.Env) (checkpoint.StepRecord, error) {
	s := &passwordPolicyStep{api: env.AWS.IAM, answer: env.Answers.PasswordPolicy}
	declined := ""
	if !answers.True(s.answer.Apply) {
		declined = notChosen
	}
	apply := func(ctx context.Context) (map[string]string, error) {
		// What the form would hold, prefilled from the answers, after the inspection.
		s.length = strconv.Itoa(int(answeredPasswordPolicyInput(s.answer, s.current).MinimumLength))
		return s.apply(ctx)
	}
	return runTask(ctx, s.inspect, apply, declined)
}

// sentence makes a phrase a sentence: a capital first letter and a full stop.
func sentence(s string) string {
	if s == "" {
		return s
	}
	return strings.ToUpper(s[:1]) + s[1:] + "."
}
