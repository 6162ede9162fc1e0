package review

import (
	"context"
	"fmt"
	"strconv"
	"strings"

	"github.com/firstrun/firstrun/answers"
	step "github.com/firstrun/firstrun/steps/core"
)

// PasswordPolicyOutputs are what the password-policy step records: the policy's rules as
// AWS showed them last.
type PasswordPolicyOutputs struct {
	MinimumLength   string `json:"minimum_length,omitempty"`
	ReusePrevention string `json:"reuse_prevention,omitempty"`
}

const passwordPolicyIntro = "Rules for the console passwords of IAM users (not the root user, whose rules AWS " +
	"sets, nor Identity Center users, who follow Identity Center's). Proposed, from the CIS AWS " +
	"Foundations Benchmark: 14 or more characters, all four character types, none of the last " +
	"24 passwords. Passwords already set keep working."

// notChosen is why the password policy is left alone when the answers say no.
const notChosen = "not chosen in the answers (set password_policy.apply: true to set the CIS policy)"

// passwordPolicyDecision is what a run without a person waits for when the answers don't
// say whether to set the policy: it changes how every IAM user picks a password.
const passwordPolicyDecision = "decide on the IAM password policy: set it in the wizard, or answer " +
	"password_policy.apply: true to set the CIS policy (false leaves it as it is)"

// PasswordPolicyFlow shows the IAM password policy beside the one the CIS benchmark
// recommends, asks for the minimum length (prefilled from the answers, never below the
// current one), and sets the policy once the operator confirms. Setting it changes how
// every IAM user picks a password, so a run without a person sets it only when the answers
// say password_policy.apply: true, waits for a person when they say nothing, and leaves it
// when they say false (the wizard then asks whether to set it, starting from no).
func PasswordPolicyFlow(env step.Env) *step.Flow {
	s := &passwordPolicyStep{env: env, answer: env.Answers.PasswordPolicy, want: !answers.False(env.Answers.PasswordPolicy.Apply)}
	return &step.Flow{
		Intro:        passwordPolicyIntro,
		Inspect:      s.inspect,
		Questions:    s.questions,
		Decline:      s.decline,
		Revise:       s.revise,
		Apply:        s.apply,
		ConfirmLabel: "set the password policy",
	}
}

// passwordPolicyStep is the step's state between the Flow's calls.
type passwordPolicyStep struct {
	env     step.Env
	answer  answers.PasswordPolicy // prefills the questions
	current *PasswordPolicy        // the policy as last read; nil when there is none
	length  string                 // the minimum length entered
	asked   bool                   // length holds the operator's answer
	want    bool                   // set the policy
}

func (s *passwordPolicyStep) inspect(ctx context.Context) (step.Inspection, error) {
	current, err := ReadPasswordPolicy(ctx, s.env.AWS.IAM)
	if err != nil {
		return step.Inspection{}, err
	}
	s.current = current
	in := DefaultPasswordPolicyInput(current)
	if s.asked {
		in = s.input()
	}
	return s.judge(in), nil
}

// judge shows the policy last read beside the one in would set.
func (s *passwordPolicyStep) judge(in PasswordPolicyInput) step.Inspection {
	insp := passwordPolicyInspection(s.current, ProposePasswordPolicy(s.current, in))
	if len(insp.Changes) > 0 && s.answer.Apply == nil {
		insp.Decision = passwordPolicyDecision
	}
	return insp
}

func (s *passwordPolicyStep) questions(step.Inspection) *step.Form {
	floor := DefaultPasswordPolicyInput(s.current).MinimumLength
	s.length = strconv.Itoa(int(answeredPasswordPolicyInput(s.answer, s.current).MinimumLength))
	hint := fmt.Sprintf("CIS asks for %d or more; IAM allows up to %d.", CISMinimumLength, MaxMinimumLength)
	if floor > CISMinimumLength {
		hint = fmt.Sprintf("The policy now asks for %d, so %d or more; IAM allows up to %d.", floor, floor, MaxMinimumLength)
	}
	length := step.Group{Fields: []step.Field{&step.Input{
		Common:   step.Common{Title: "Minimum password length", Description: hint},
		Value:    &s.length,
		Validate: ValidateMinimumLength(s.current),
	}}}
	if !answers.False(s.answer.Apply) {
		return step.NewForm(length)
	}
	// The answers say no: the operator may still say yes.
	length.Hide = func() bool { return !s.want }
	return step.NewForm(
		step.Group{Fields: []step.Field{&step.Confirm{
			Common: step.Common{Title: "Set the CIS password policy?",
				Description: "The answers file says no (password_policy.apply: false)."},
			Affirmative: "Yes, set it", Negative: "No, leave it", Value: &s.want,
		}}},
		length,
	)
}

func (s *passwordPolicyStep) decline() string {
	s.asked = true
	if !s.want {
		return notChosen
	}
	return ""
}

func (s *passwordPolicyStep) input() PasswordPolicyInput {
	n, _ := strconv.Atoi(strings.TrimSpace(s.length)) // the field's validator accepted it
	return PasswordPolicyInput{MinimumLength: int32(n)}
}

func (s *passwordPolicyStep) revise(step.Inspection) step.Inspection { return s.judge(s.input()) }

func (s *passwordPolicyStep) apply(ctx context.Context, _ *step.Act) (step.Outputs, error) {
	in := s.input()
	if err := in.Validate(s.current); err != nil {
		return nil, fmt.Errorf("password_policy.minimum_length: %w", err)
	}
	return nil, ApplyPasswordPolicy(ctx, s.env.AWS.IAM, ProposePasswordPolicy(s.current, in))
}

// passwordPolicyInspection shows each rule as it is and as proposed, judged against the
// benchmark.
func passwordPolicyInspection(current *PasswordPolicy, proposed PasswordPolicy) step.Inspection {
	now := PasswordPolicy{}
	if current != nil {
		now = *current
	}
	type rule struct {
		label, now, next string
		cis              *bool // whether the current value meets the benchmark; nil if it has no say
	}
	rules := []rule{
		{"Minimum length", count(now.MinimumLength, "characters"), count(proposed.MinimumLength, "characters"),
			step.GoodIf(now.MinimumLength >= CISMinimumLength)},
		{"Reuse prevention", count(now.ReusePrevention, "passwords"), count(proposed.ReusePrevention, "passwords"),
			step.GoodIf(now.ReusePrevention >= CISReusePrevention)},
		{"Character types", now.CharacterTypes(), proposed.CharacterTypes(),
			step.GoodIf(now.RequireUppercase && now.RequireLowercase && now.RequireNumbers && now.RequireSymbols)},
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
	var lines []string
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
			lines = append(lines, r.label+": "+value)
		}
		facts = append(facts, step.Fact{Label: r.label, Value: value, Good: good})
	}
	in := step.Inspection{Facts: facts, Holds: current.MeetsCIS(), Detail: passwordPolicyDetail(current)}
	if !in.Holds {
		c := proposed.Change()
		c.Say = "Set the account password policy (IAM replaces every rule):"
		c.Detail = strings.Join(lines, "\n")
		in.Changes = []step.Change{c}
	}
	if current != nil {
		in.Outputs = PasswordPolicyOutputs{
			MinimumLength:   strconv.Itoa(int(current.MinimumLength)),
			ReusePrevention: strconv.Itoa(int(current.ReusePrevention)),
		}
	}
	return in
}

// passwordPolicyDetail says in a sentence how p stands against the benchmark.
func passwordPolicyDetail(p *PasswordPolicy) string {
	if short := p.ShortOfCIS(); len(short) > 0 {
		return sentence(strings.Join(short, "; "))
	}
	return fmt.Sprintf("The password policy asks for %d or more characters of all four types and refuses the last %d passwords.",
		p.MinimumLength, p.ReusePrevention)
}

// sentence makes a phrase a sentence: a capital first letter and a full stop.
func sentence(s string) string {
	if s == "" {
		return s
	}
	return strings.ToUpper(s[:1]) + s[1:] + "."
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
