package identitycenter

import (
	"strings"

	"github.com/firstrun/firstrun/steps/step"
)

// Small helpers for the words and marks the screens show.

// good marks a fact as meeting the step's goal or not.
func good(ok bool) *bool {
	if ok {
		return step.Yes()
	}
	return step.No()
}

// orNone shows an empty list as "none".
func orNone(s string) string {
	if s == "" {
		return "none"
	}
	return s
}

// yesNo spells a boolean for a fact.
func yesNo(b bool) string {
	if b {
		return "yes"
	}
	return "no"
}

// capitalize starts a recorded reason as a sentence.
func capitalize(s string) string {
	if s == "" {
		return s
	}
	return strings.ToUpper(s[:1]) + s[1:]
}
