package simulator

import (
	"strings"
	"time"
	"unicode"
	"unicode/utf8"
)

func iamLoginProfileOperations() []operation {
	return []operation{
		write("CreateLoginProfile", iamCreateLoginProfile),
		write("UpdateLoginProfile", iamUpdateLoginProfile),
		read("GetLoginProfile", iamGetLoginProfile),
	}
}

type loginProfileXML struct {
	UserName              string
	CreateDate            time.Time
	PasswordResetRequired bool
}

type loginProfileResult struct {
	LoginProfile loginProfileXML
}

func loginProfileOf(u *iamUser) loginProfileResult {
	p := u.LoginProfile
	return loginProfileResult{LoginProfile: loginProfileXML{
		UserName: u.Name, CreateDate: iamTime(p.Created), PasswordResetRequired: p.PasswordResetRequired,
	}}
}

// The password is checked and then forgotten: the world keeps only that a
// login profile exists, never the password.
// With no UserName from a root session (the IAMCreateRootUserPassword task), it gives
// a member's root user a password again.
func iamCreateLoginProfile(r *request) (any, error) {
	u, aerr := r.userOrCaller()
	if aerr != nil {
		return nil, aerr
	}
	password, aerr := r.required("Password")
	if aerr != nil {
		return nil, aerr
	}
	if u == nil {
		a := r.account()
		if !a.Root.NoPassword {
			return nil, errEntityAlreadyExists("Login Profile for user root already exists.")
		}
		a.Root.NoPassword = false
		return loginProfileResult{LoginProfile: loginProfileXML{CreateDate: iamTime(r.now)}}, nil
	}
	if u.LoginProfile != nil {
		return nil, errEntityAlreadyExists("Login Profile for user %s already exists.", u.Name)
	}
	if aerr := r.checkPassword(password); aerr != nil {
		return nil, aerr
	}
	u.LoginProfile = &loginProfile{Created: iamTime(r.now), PasswordResetRequired: r.form.Get("PasswordResetRequired") == "true"}
	return loginProfileOf(u), nil
}

func iamUpdateLoginProfile(r *request) (any, error) {
	u, aerr := r.namedUser()
	if aerr != nil {
		return nil, aerr
	}
	if u.LoginProfile == nil {
		return nil, errNoSuchEntity("Login Profile for User %s cannot be found.", u.Name)
	}
	if password := r.form.Get("Password"); password != "" {
		if aerr := r.checkPassword(password); aerr != nil {
			return nil, aerr
		}
	}
	if v := r.form.Get("PasswordResetRequired"); v != "" {
		u.LoginProfile.PasswordResetRequired = v == "true"
	}
	return nil, nil
}

// iamGetLoginProfile reads an IAM user's console password or, with no UserName from
// the root user (a root session, in practice), the root user's.
func iamGetLoginProfile(r *request) (any, error) {
	u, aerr := r.userOrCaller()
	if aerr != nil {
		return nil, aerr
	}
	if u == nil {
		a := r.account()
		if a.Root.NoPassword {
			return nil, errNoSuchEntity("Login Profile for User root cannot be found.")
		}
		return loginProfileResult{LoginProfile: loginProfileXML{CreateDate: iamTime(a.Created)}}, nil
	}
	if u.LoginProfile == nil {
		return nil, errNoSuchEntity("Login Profile for User %s cannot be found.", u.Name)
	}
	return loginProfileOf(u), nil
}

// checkPassword applies AWS's default password policy for IAM users, which
// holds until the account sets its own: 8 to 128 characters, at least three
// of upper case, lower case, digits and symbols, and not the account's name
// or email address.
func (r *request) checkPassword(p string) *apiError {
	if utf8.RuneCountInString(p) > 128 {
		return r.svc.errs.validation.with("1 validation error detected: Value at 'password' failed to satisfy constraint: Member must have length less than or equal to 128")
	}
	violation := func(msg string) *apiError {
		return &apiError{Code: "PasswordPolicyViolation", Status: 400, Message: msg}
	}
	if utf8.RuneCountInString(p) < 8 {
		return violation("Password should have a minimum length of 8")
	}
	var upper, lower, digit, symbol bool
	for _, c := range p {
		switch {
		case unicode.IsUpper(c):
			upper = true
		case unicode.IsLower(c):
			lower = true
		case unicode.IsDigit(c):
			digit = true
		case strings.ContainsRune(`!@#$%^&*()_+-=[]{}|'`, c):
			symbol = true
		}
	}
	classes := 0
	for _, has := range []bool{upper, lower, digit, symbol} {
		if has {
			classes++
		}
	}
	if classes < 3 {
		return violation("Password should have at least three of: an uppercase letter, a lowercase letter, a number, a symbol")
	}
	a := r.account()
	if strings.EqualFold(p, a.Name) || strings.EqualFold(p, a.Email) {
		return violation("Password should not be the account name or email address")
	}
	return nil
}
