package review

import (
	"strconv"

	"github.com/firstrun/firstrun/answers"
)

// ValidateAnswers checks the answers this package's steps use, with the same checks as
// their form fields, so a bad value is refused before anything runs. The current policy
// is not known yet, so a length is checked against the benchmark and IAM's limit only.
func ValidateAnswers(a *answers.Answers) []answers.Problem {
	var problems []answers.Problem
	if n := a.PasswordPolicy.MinimumLength; n != 0 {
		if err := ValidateMinimumLength(nil)(strconv.Itoa(n)); err != nil {
			problems = append(problems, answers.Problem{Key: "password_policy.minimum_length", Err: err})
		}
	}
	return problems
}

// answeredPasswordPolicyInput is the input the answers give: their minimum length, or
// the proposed one when they give none or one shorter than the current policy's
// (firstrun never weakens a rule, and an answers file written for many accounts can't
// know each one's policy).
func answeredPasswordPolicyInput(a answers.PasswordPolicy, current *PasswordPolicy) PasswordPolicyInput {
	in := DefaultPasswordPolicyInput(current)
	in.MinimumLength = max(in.MinimumLength, int32(min(a.MinimumLength, MaxMinimumLength+1)))
	return in
}
