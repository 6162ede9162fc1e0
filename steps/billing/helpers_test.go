package billing_test

import "strings"

// contains matches text across the line breaks a screen wraps it at.
func contains(frame, text string) bool {
	return strings.Contains(strings.Join(strings.Fields(frame), " "), strings.Join(strings.Fields(text), " "))
}
