package simulator

import "unicode"

// required reads a query-protocol parameter the model marks required.
func (r *request) required(param string) (string, *apiError) {
	v := r.form.Get(param)
	if v == "" {
		return "", r.svc.errs.validation.with("1 validation error detected: Value null at '%s' failed to satisfy constraint: Member must not be null", lowerFirst(param))
	}
	return v, nil
}

// namedUser finds the user a call names in UserName, with IAM's errors for a
// missing, malformed or unknown name.
func (r *request) namedUser() (*iamUser, *apiError) {
	name, aerr := r.required("UserName")
	if aerr != nil {
		return nil, aerr
	}
	if aerr := r.validateName("userName", name); aerr != nil {
		return nil, aerr
	}
	u := r.account().user(name)
	if u == nil {
		return nil, errNoSuchEntity("The user with name %s cannot be found.", name)
	}
	return u, nil
}

// userOrCaller is the user a call acts on when UserName is optional: the
// named user, or else the calling IAM user. It is nil, without an error,
// for the root user, which acts on itself.
func (r *request) userOrCaller() (*iamUser, *apiError) {
	if r.form.Get("UserName") != "" {
		return r.namedUser()
	}
	switch r.caller.Kind {
	case kindUser:
		return r.account().user(r.caller.Name), nil
	case kindRoot:
		return nil, nil
	default:
		return nil, r.svc.errs.validation.with("Must specify userName when calling with non-User credentials")
	}
}

// lowerFirst turns a parameter name into the model's member name, as IAM's
// validation messages spell it ("userName").
func lowerFirst(s string) string {
	if s == "" {
		return s
	}
	r := []rune(s)
	r[0] = unicode.ToLower(r[0])
	return string(r)
}
