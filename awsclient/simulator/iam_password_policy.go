package simulator

import (
	"fmt"
	"strconv"
	"strings"
)

func iamPasswordPolicyOperations() []operation {
	return []operation{
		read("GetAccountPasswordPolicy", iamGetAccountPasswordPolicy),
		write("UpdateAccountPasswordPolicy", iamUpdateAccountPasswordPolicy),
		write("DeleteAccountPasswordPolicy", iamDeleteAccountPasswordPolicy),
	}
}

// passwordPolicy is the account's IAM password policy. Optional limits are
// nil when unset, as IAM leaves them out of its answer then.
type passwordPolicy struct {
	MinimumLength      int   `json:"minimum_length"`
	RequireSymbols     bool  `json:"require_symbols"`
	RequireNumbers     bool  `json:"require_numbers"`
	RequireUppercase   bool  `json:"require_uppercase"`
	RequireLowercase   bool  `json:"require_lowercase"`
	AllowUsersToChange bool  `json:"allow_users_to_change"`
	MaxAge             *int  `json:"max_age,omitempty"`
	ReusePrevention    *int  `json:"reuse_prevention,omitempty"`
	HardExpiry         *bool `json:"hard_expiry,omitempty"`
}

// passwordPolicyXML is IAM's PasswordPolicy shape.
type passwordPolicyXML struct {
	MinimumPasswordLength      int
	RequireSymbols             bool
	RequireNumbers             bool
	RequireUppercaseCharacters bool
	RequireLowercaseCharacters bool
	AllowUsersToChangePassword bool
	ExpirePasswords            bool
	MaxPasswordAge             *int  `xml:",omitempty"`
	PasswordReusePrevention    *int  `xml:",omitempty"`
	HardExpiry                 *bool `xml:",omitempty"`
}

type getAccountPasswordPolicyResult struct {
	PasswordPolicy passwordPolicyXML
}

func iamGetAccountPasswordPolicy(r *request) (any, error) {
	a := r.account()
	p := a.PasswordPolicy
	if p == nil {
		return nil, errNoSuchEntity("The Password Policy with domain name %s cannot be found.", a.ID)
	}
	return getAccountPasswordPolicyResult{PasswordPolicy: passwordPolicyXML{
		MinimumPasswordLength:      p.MinimumLength,
		RequireSymbols:             p.RequireSymbols,
		RequireNumbers:             p.RequireNumbers,
		RequireUppercaseCharacters: p.RequireUppercase,
		RequireLowercaseCharacters: p.RequireLowercase,
		AllowUsersToChangePassword: p.AllowUsersToChange,
		ExpirePasswords:            p.MaxAge != nil,
		MaxPasswordAge:             p.MaxAge,
		PasswordReusePrevention:    p.ReusePrevention,
		HardExpiry:                 p.HardExpiry,
	}}, nil
}

// passwordPolicyLimits are the model's ranges (minimumPasswordLengthType,
// maxPasswordAgeType, passwordReusePreventionType), checked by the service.
var passwordPolicyLimits = []struct {
	param, member string
	min, max      int
}{
	{"MaxPasswordAge", "maxPasswordAge", 1, 1095},
	{"MinimumPasswordLength", "minimumPasswordLength", 6, 128},
	{"PasswordReusePrevention", "passwordReusePrevention", 1, 24},
}

// iamUpdateAccountPasswordPolicy replaces the whole policy: a parameter left
// out takes its default (length 6, everything else off), as in IAM.
func iamUpdateAccountPasswordPolicy(r *request) (any, error) {
	ints := map[string]*int{}
	var problems []string
	for _, l := range passwordPolicyLimits {
		n, aerr := r.intParam(l.param)
		if aerr != nil {
			return nil, aerr
		}
		ints[l.param] = n
		switch {
		case n == nil:
		case *n < l.min:
			problems = append(problems, fmt.Sprintf("Value '%d' at '%s' failed to satisfy constraint: Member must have value greater than or equal to %d", *n, l.member, l.min))
		case *n > l.max:
			problems = append(problems, fmt.Sprintf("Value '%d' at '%s' failed to satisfy constraint: Member must have value less than or equal to %d", *n, l.member, l.max))
		}
	}
	if len(problems) > 0 {
		plural := ""
		if len(problems) > 1 {
			plural = "s"
		}
		return nil, r.svc.errs.validation.with("%d validation error%s detected: %s", len(problems), plural, strings.Join(problems, "; "))
	}
	p := &passwordPolicy{MinimumLength: 6, MaxAge: ints["MaxPasswordAge"], ReusePrevention: ints["PasswordReusePrevention"]}
	if n := ints["MinimumPasswordLength"]; n != nil {
		p.MinimumLength = *n
	}
	for _, f := range []struct {
		param string
		field *bool
	}{
		{"AllowUsersToChangePassword", &p.AllowUsersToChange},
		{"RequireLowercaseCharacters", &p.RequireLowercase},
		{"RequireNumbers", &p.RequireNumbers},
		{"RequireSymbols", &p.RequireSymbols},
		{"RequireUppercaseCharacters", &p.RequireUppercase},
	} {
		b, aerr := queryBool(r, f.param)
		if aerr != nil {
			return nil, aerr
		}
		*f.field = b != nil && *b
	}
	hard, aerr := queryBool(r, "HardExpiry")
	if aerr != nil {
		return nil, aerr
	}
	p.HardExpiry = hard
	r.account().PasswordPolicy = p
	return nil, nil
}

func iamDeleteAccountPasswordPolicy(r *request) (any, error) {
	a := r.account()
	if a.PasswordPolicy == nil {
		return nil, errNoSuchEntity("The account policy with name PasswordPolicy cannot be found.")
	}
	a.PasswordPolicy = nil
	return nil, nil
}

// queryBool reads an optional boolean parameter of a query-protocol call.
func queryBool(r *request, name string) (*bool, *apiError) {
	v := r.form.Get(name)
	if v == "" {
		return nil, nil
	}
	b, err := strconv.ParseBool(v)
	if err != nil {
		return nil, r.svc.errs.validation.with("Invalid value %q for %s", v, name)
	}
	return &b, nil
}
