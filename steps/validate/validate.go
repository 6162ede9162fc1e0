// Package validate holds the checks of values the operator types (at a form's field or in
// an answers file) that several steps share, so one value is judged the same everywhere.
package validate

import (
	"fmt"
	"net/mail"
	"regexp"
)

// MaxEmail is the longest email address AWS accepts anywhere firstrun sends one.
const MaxEmail = 254

// emailChars is the Account API's pattern for an email address, the strictest of the
// services firstrun gives addresses to (Account, Budgets, Identity Store).
var emailChars = regexp.MustCompile(`^[\w+=.#|!&-]+@[\w.-]+\.\w+$`)

// Email checks that s is a plain address, like name@example.com, that every AWS service
// firstrun sends it to accepts. It says nothing of an empty s: callers word that.
func Email(s string) error {
	if n := len(s); n > MaxEmail {
		return fmt.Errorf("an email address has at most %d characters; this one has %d", MaxEmail, n)
	}
	addr, err := mail.ParseAddress(s)
	if err != nil || addr.Name != "" || addr.Address != s || !emailChars.MatchString(s) {
		return fmt.Errorf("%q is not an email address like name@example.com", s)
	}
	return nil
}

// regionPattern is the shape of an AWS Region name: us-east-1, eu-central-2, us-gov-west-1.
var regionPattern = regexp.MustCompile(`^[a-z]{2}(-[a-z]+)+-[0-9]{1,2}$`)

// Region checks that s is shaped like an AWS Region name.
func Region(s string) error {
	if !regionPattern.MatchString(s) {
		return fmt.Errorf("%q is not an AWS Region name; Regions look like us-east-1 or eu-central-1", s)
	}
	return nil
}
