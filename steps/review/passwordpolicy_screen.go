package review

import (
	"context"
	"fmt"
	"strconv"
	"strings"

	"github.com/charmbracelet/huh"

	"github.com/firstrun/firstrun/answers"
	"github.com/firstrun/firstrun/awsclient"
	"github.com/firstrun/firstrun/steps/step"
)

// PasswordPolicyScreen shows the IAM password policy beside the one the CIS benchmark
// recommends, asks for the minimum length, and sets the policy once the operator confirms.
func PasswordPolicyScreen(env *step.Env, def step.Definition) step.Screen {
	s := &passwordPolicyStep{api: env.AWS.IAM, answer: env.Answers.PasswordPolicy}
	t := step.NewTask(env, def)
	t.Intro = "Rules for the console passwords of IAM users (not the root user, whose rules AWS " +
		"sets, nor Identity Center users, who follow Identity Center's). Proposed, from the CIS AWS " +
		"Foundations Benchmark: 14 or more characters, all four character types, none of the last " +
		"24 passwords. Passwords already set keep working."
	t.ConfirmLabel = "set the password policy"
	t.Inspect = s.inspect
	t.Form = s.form
	t.Revise = s.revise
	t.Apply = s.apply
	return t
}

// passwordPolicyStep holds what the task's functions share. The task runs them one
// after another (inspect, form, revise, apply), never two at once.
type passwordPolicyStep struct {
	api     awsclient.IAMAPI
	answer  answers.PasswordPolicy // prefills the form
	current *PasswordPolicy        // the policy as last read; nil when there is none
	length  string                 // the minimum length entered in the form
}

func (s *passwordPolicyStep) inspect(ctx context.Context) (step.Inspection, error) {
	current, err := ReadPasswordPolicy(ctx, s.api)
	if err != nil {
		return step.Inspection{}, err
	}
	s.current = current
	return passwordPolicyInspection(current, ProposePasswordPolicy(current, DefaultPasswordPolicyInput(current))), nil
}

func (s *passwordPolicyStep) form(step.Inspection) *huh.Form {
	floor := DefaultPasswordPolicyInput(s.current).MinimumLength
	s.length = strconv.Itoa(int(answeredPasswordPolicyInput(s.answer, s.current).MinimumLength))
	hint := fmt.Sprintf("CIS asks for %d or more; IAM allows up to %d.", CISMinimumLength, MaxMinimumLength)
	if floor > CISMinimumLength {
		hint = fmt.Sprintf("The policy now asks for %d, so %d or more; IAM allows up to %d.", floor, floor, MaxMinimumLength)
	}
	return huh.NewForm(huh.NewGroup(
		huh.NewInput().
			Title("Minimum password length").
			Description(hint).
			Value(&s.length).
			Validate(ValidateMinimumLength(s.current)),
	))
}

func (s *passwordPolicyStep) input() PasswordPolicyInput {
	n, _ := strconv.Atoi(strings.TrimSpace(s.length)) // the form's validator accepted it
	return PasswordPolicyInput{MinimumLength: int32(n)}
}

func (s *passwordPolicyStep) revise(step.Inspection) step.Inspection {
	return passwordPolicyInspection(s.current, ProposePasswordPolicy(s.current, s.input()))
}

func (s *passwordPolicyStep) apply(ctx context.Context) (map[string]string, error) {
	in := s.input()
	if err := in.Validate(s.current); err != nil {
		return nil, err
	}
	return nil, ApplyPasswordPolicy(ctx, s.api, ProposePasswordPolicy(s.current, in))
}

// passwordPolicyInspection shows each rule as it is and as proposed.
func passwordPolicyInspection(current *PasswordPolicy, proposed PasswordPolicy) step.Inspection {
	now := PasswordPolicy{}
	if current != nil {
		now = *current
	}
	type rule struct {
		label, now, next string
		cis              *bool // whether the current value meets the benchmark; nil if it has no say
	}
	meets := func(ok bool) *bool {
		if ok {
			return step.Yes()
		}
		return step.No()
	}
	rules := []rule{
		{"Minimum length", count(now.MinimumLength, "characters"), count(proposed.MinimumLength, "characters"),
			meets(now.MinimumLength >= CISMinimumLength)},
		{"Reuse prevention", count(now.ReusePrevention, "passwords"), count(proposed.ReusePrevention, "passwords"),
			meets(now.ReusePrevention >= CISReusePrevention)},
		{"Character types", now.CharacterTypes(), proposed.CharacterTypes(),
			meets(now.RequireUppercase && now.RequireLowercase && now.RequireNumbers && now.RequireSymbols)},
		{"Users change own", yesNo(now.AllowUsersToChange), yesNo(proposed.AllowUsersToChange), nil},
		{"Expiry", expiry(now), expiry(proposed), nil},
	}
	facts := []step.Fact{{Label: "Policy now", Value: "none: AWS's default (8 characters, 3 of 4 types)"}}
	if current != nil {
		facts[0].Value = "set"
		if current.MeetsCIS() {
			facts[0].Value = "set, and it meets the CIS benchmark"
		}
	}
	var changes []string
	for _, r := range rules {
		var value string
		var good *bool
		switch {
		case current == nil:
			value = "— → " + r.next
		case r.now == r.next:
			value, good = r.now+" (unchanged)", r.cis
		default:
			value, good = r.now+" → "+r.next, r.cis
		}
		if current == nil || r.now != r.next {
			changes = append(changes, r.label+": "+value)
		}
		facts = append(facts, step.Fact{Label: r.label, Value: value, Good: good})
	}
	in := step.Inspection{Facts: facts, Satisfied: current.MeetsCIS(), Changes: changes}
	if current != nil {
		in.Resources = map[string]string{
			"minimum_length":   strconv.Itoa(int(current.MinimumLength)),
			"reuse_prevention": strconv.Itoa(int(current.ReusePrevention)),
		}
	}
	return in
}

func count(n int32, unit string) string {
	if n == 0 {
		return "none"
	}
	return strings.TrimSpace(fmt.Sprintf("%d %s", n, unit))
}

func yesNo(b bool) string {
	if b {
		return "yes"
	}
	return "no"
}

func expiry(p PasswordPolicy) string {
	switch {
	case p.MaxAge == 0:
		return "never"
	case p.HardExpiry:
		return fmt.Sprintf("after %d days; then an administrator resets it", p.MaxAge)
	default:
		return fmt.Sprintf("after %d days", p.MaxAge)
	}
}
