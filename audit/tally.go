package audit

import (
	"fmt"
	"strings"

	"github.com/firstrun/firstrun/steps/step"
)

// Tally counts r's controls by status: "3 pass, 2 fail, 12 manual, 1 error, 1 skipped".
func (r Result) Tally() string {
	counts := map[step.ControlStatus]int{}
	for _, c := range r.Controls {
		counts[c.Status]++
	}
	var parts []string
	for _, s := range []step.ControlStatus{step.Pass, step.Fail, step.Manual, step.Errored, step.NotRun} {
		parts = append(parts, fmt.Sprintf("%d %s", counts[s], s))
	}
	return strings.Join(parts, ", ")
}

// label names the account for a reader: its ID, its name in the organization, the
// profile that reached it.
func (r Result) label() string {
	s := "Account " + r.Account
	if r.Account == "" {
		s = "An account"
	}
	if r.Name != "" {
		s += fmt.Sprintf(" %q", r.Name)
	}
	if r.Profile != "" {
		s += " (profile " + r.Profile + ")"
	}
	return s
}

// when is the time of the audit as the table and Markdown show it.
func (r Result) when() string { return r.Time.UTC().Format("2006-01-02 15:04 UTC") }
