package review

import (
	"context"
	"fmt"
	"strconv"
	"strings"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/iam"

	"github.com/firstrun/firstrun/awsclient"
	step "github.com/firstrun/firstrun/steps/core"
)

// PasswordPolicy is an IAM account password policy: the rules for IAM users' console
// passwords. A zero MaxAge or ReusePrevention means the rule is off.
type PasswordPolicy struct {
	MinimumLength      int32
	ReusePrevention    int32 // how many earlier passwords can't be used again
	RequireUppercase   bool
	RequireLowercase   bool
	RequireNumbers     bool
	RequireSymbols     bool
	AllowUsersToChange bool
	MaxAge             int32 // days before a password expires
	HardExpiry         bool  // an expired password can only be reset by an administrator
}

// The CIS AWS Foundations Benchmark's password rules, and IAM's upper limits.
const (
	CISMinimumLength   = 14
	CISReusePrevention = 24
	MaxMinimumLength   = 128
)

// ReadPasswordPolicy returns the account's password policy, or nil when none is set (IAM
// then applies its default rules).
func ReadPasswordPolicy(ctx context.Context, api awsclient.IAMAPI) (*PasswordPolicy, error) {
	out, err := api.GetAccountPasswordPolicy(ctx, &iam.GetAccountPasswordPolicyInput{})
	if awsclient.IsNotFound(err) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	p := out.PasswordPolicy
	return &PasswordPolicy{
		MinimumLength:      aws.ToInt32(p.MinimumPasswordLength),
		ReusePrevention:    aws.ToInt32(p.PasswordReusePrevention),
		RequireUppercase:   p.RequireUppercaseCharacters,
		RequireLowercase:   p.RequireLowercaseCharacters,
		RequireNumbers:     p.RequireNumbers,
		RequireSymbols:     p.RequireSymbols,
		AllowUsersToChange: p.AllowUsersToChangePassword,
		MaxAge:             aws.ToInt32(p.MaxPasswordAge),
		HardExpiry:         aws.ToBool(p.HardExpiry),
	}, nil
}

// MeetsCIS reports whether p meets the benchmark; a missing policy does not.
func (p *PasswordPolicy) MeetsCIS() bool { return len(p.ShortOfCIS()) == 0 }

// ShortOfCIS says, a phrase each, where p falls short of the benchmark; nothing when it
// meets it.
func (p *PasswordPolicy) ShortOfCIS() []string {
	if p == nil {
		return []string{"no password policy is set, so IAM's default of 8 characters applies and passwords may be reused"}
	}
	var short []string
	if p.MinimumLength < CISMinimumLength {
		short = append(short, fmt.Sprintf("the minimum length is %d, not %d or more", p.MinimumLength, CISMinimumLength))
	}
	switch {
	case p.ReusePrevention == 0:
		short = append(short, fmt.Sprintf("reuse prevention is off, not the last %d passwords", CISReusePrevention))
	case p.ReusePrevention < CISReusePrevention:
		short = append(short, fmt.Sprintf("reuse prevention covers %d passwords, not %d", p.ReusePrevention, CISReusePrevention))
	}
	var missing []string
	for _, k := range p.characterTypes() {
		if !k.on {
			missing = append(missing, k.words)
		}
	}
	if len(missing) > 0 {
		short = append(short, "it does not require "+strings.Join(missing, ", "))
	}
	return short
}

// PasswordPolicyInput is what the operator chooses. The other rules follow the benchmark.
type PasswordPolicyInput struct {
	MinimumLength int32
}

// DefaultPasswordPolicyInput proposes the benchmark's length, or the current one if it is
// longer: firstrun never weakens a rule.
func DefaultPasswordPolicyInput(current *PasswordPolicy) PasswordPolicyInput {
	return PasswordPolicyInput{MinimumLength: minimumLengthFloor(current)}
}

// Validate checks the input against the benchmark and the current policy.
func (in PasswordPolicyInput) Validate(current *PasswordPolicy) error {
	return ValidateMinimumLength(current)(strconv.Itoa(int(in.MinimumLength)))
}

// ValidateMinimumLength checks a typed minimum length: a number from the benchmark's 14
// (or the current policy's length, if longer) to IAM's 128.
func ValidateMinimumLength(current *PasswordPolicy) func(string) error {
	floor := minimumLengthFloor(current)
	return func(s string) error {
		n, err := strconv.Atoi(strings.TrimSpace(s))
		switch {
		case err != nil:
			return fmt.Errorf("enter a number of characters, such as %d", floor)
		case n > MaxMinimumLength:
			return fmt.Errorf("IAM allows at most %d characters", MaxMinimumLength)
		case current != nil && n < int(current.MinimumLength):
			return fmt.Errorf("the current policy asks for %d; firstrun does not weaken it", current.MinimumLength)
		case n < CISMinimumLength:
			return fmt.Errorf("the CIS benchmark asks for at least %d", CISMinimumLength)
		}
		return nil
	}
}

func minimumLengthFloor(current *PasswordPolicy) int32 {
	if current != nil && current.MinimumLength > CISMinimumLength {
		return current.MinimumLength
	}
	return CISMinimumLength
}

// ProposePasswordPolicy is the policy firstrun sets: the benchmark's rules with the
// operator's length, never weaker than the current policy in any rule. Expiry is kept as
// it is: the benchmark no longer asks for it, and firstrun neither adds nor removes it.
func ProposePasswordPolicy(current *PasswordPolicy, in PasswordPolicyInput) PasswordPolicy {
	p := PasswordPolicy{
		MinimumLength:      in.MinimumLength,
		ReusePrevention:    CISReusePrevention,
		RequireUppercase:   true,
		RequireLowercase:   true,
		RequireNumbers:     true,
		RequireSymbols:     true,
		AllowUsersToChange: true,
	}
	if current != nil {
		p.MinimumLength = max(p.MinimumLength, current.MinimumLength)
		p.ReusePrevention = max(p.ReusePrevention, current.ReusePrevention)
		p.AllowUsersToChange = current.AllowUsersToChange
		p.MaxAge, p.HardExpiry = current.MaxAge, current.HardExpiry
	}
	return p
}

// ApplyPasswordPolicy makes p the account's password policy. IAM replaces the whole
// policy, so every rule is sent.
func ApplyPasswordPolicy(ctx context.Context, api awsclient.IAMAPI, p PasswordPolicy) error {
	_, err := api.UpdateAccountPasswordPolicy(ctx, p.updateInput())
	return err
}

// updateInput is the request that sets p.
func (p PasswordPolicy) updateInput() *iam.UpdateAccountPasswordPolicyInput {
	in := &iam.UpdateAccountPasswordPolicyInput{
		MinimumPasswordLength:      aws.Int32(p.MinimumLength),
		RequireUppercaseCharacters: p.RequireUppercase,
		RequireLowercaseCharacters: p.RequireLowercase,
		RequireNumbers:             p.RequireNumbers,
		RequireSymbols:             p.RequireSymbols,
		AllowUsersToChangePassword: p.AllowUsersToChange,
	}
	// IAM refuses 0 for these: leaving them out is how a rule is turned off.
	if p.ReusePrevention > 0 {
		in.PasswordReusePrevention = aws.Int32(p.ReusePrevention)
	}
	if p.MaxAge > 0 {
		in.MaxPasswordAge = aws.Int32(p.MaxAge)
	}
	if p.HardExpiry {
		in.HardExpiry = aws.Bool(true)
	}
	return in
}

// Change is setting p, as --plan lists it: every value of the request, since IAM
// replaces the whole policy.
func (p PasswordPolicy) Change() step.Change {
	in := p.updateInput()
	params := []step.Param{
		{Name: "MinimumPasswordLength", Value: strconv.Itoa(int(aws.ToInt32(in.MinimumPasswordLength)))},
	}
	if in.PasswordReusePrevention != nil {
		params = append(params, step.Param{Name: "PasswordReusePrevention", Value: strconv.Itoa(int(*in.PasswordReusePrevention))})
	}
	for _, f := range []struct {
		name string
		on   bool
	}{
		{"RequireUppercaseCharacters", in.RequireUppercaseCharacters},
		{"RequireLowercaseCharacters", in.RequireLowercaseCharacters},
		{"RequireNumbers", in.RequireNumbers},
		{"RequireSymbols", in.RequireSymbols},
		{"AllowUsersToChangePassword", in.AllowUsersToChangePassword},
	} {
		params = append(params, step.Param{Name: f.name, Value: strconv.FormatBool(f.on)})
	}
	if in.MaxPasswordAge != nil {
		params = append(params, step.Param{Name: "MaxPasswordAge", Value: strconv.Itoa(int(*in.MaxPasswordAge))})
	}
	if in.HardExpiry != nil {
		params = append(params, step.Param{Name: "HardExpiry", Value: strconv.FormatBool(*in.HardExpiry)})
	}
	return step.Change{Service: "iam", Operation: "UpdateAccountPasswordPolicy", Resource: "account password policy", Params: params}
}

// characterType is one kind of character a policy may require.
type characterType struct {
	on          bool
	name, words string // "upper" on screen, "uppercase letters" in a sentence
}

func (p PasswordPolicy) characterTypes() []characterType {
	return []characterType{
		{p.RequireUppercase, "upper", "uppercase letters"}, {p.RequireLowercase, "lower", "lowercase letters"},
		{p.RequireNumbers, "numbers", "numbers"}, {p.RequireSymbols, "symbols", "symbols"},
	}
}

// CharacterTypes names the kinds of characters p requires.
func (p PasswordPolicy) CharacterTypes() string {
	var kinds []string
	for _, k := range p.characterTypes() {
		if k.on {
			kinds = append(kinds, k.name)
		}
	}
	if len(kinds) == 0 {
		return "none required"
	}
	return strings.Join(kinds, ", ")
}
