// Package step is the protocol every step of the setup follows, as a value: what a step
// reads, the questions it asks, the changes it would make, how it makes them and how it
// verifies them. It imports nothing from Charm: the full screen, the plain line prompts and
// the runs without a person all render the same protocol, through one engine
// (steps/engine), so they can't drift apart.
package step

import (
	"github.com/firstrun/firstrun/steps/checkpoint"
)

// ID names a step in checkpoints, answers files, reports and audit output. Never rename one
// without a checkpoint migration.
type ID string

// Chapter groups steps on the progress rail.
type Chapter string

// The chapters, in order.
const (
	ChapterConnect        Chapter = "Connect"
	ChapterRootUser       Chapter = "Root user"
	ChapterBilling        Chapter = "Billing"
	ChapterIdentityCenter Chapter = "Identity Center"
	ChapterReview         Chapter = "Least privilege and review"
)

// Info describes a step: what the rail, the reports and the audit say of it.
type Info struct {
	ID      ID
	Chapter Chapter
	Title   string
	// Purpose says in a sentence what the step achieves.
	Purpose string
	// Optional steps are offered but off by default.
	Optional bool
	// CIS names the CIS AWS Foundations Benchmark control the step answers, if any.
	CIS string
}

// Need is an earlier step that a step can't do without: when that step was skipped, this
// one is skipped too, with the reason, and nothing is asked of AWS.
type Need struct {
	Step ID
	// Why says what is missing then: "There is no administrator user to put in the group".
	Why string
	// Made, when set, is the output of Step that this step uses: a skipped Step whose record
	// still holds it (a user made before its invitation was skipped) does not block.
	Made string
}

// Blocked says why a step with needs can't run, from the saved records of the steps it
// needs; "" when it can. title names a needed step in the reason.
func Blocked(needs []Need, doc checkpoint.Document, title func(ID) string) string {
	for _, n := range needs {
		r, ok := doc.Step(string(n.Step))
		if !ok || r.Outcome != checkpoint.Skipped || (n.Made != "" && r.Resources[n.Made] != "") {
			continue
		}
		why := n.Why + ": the step " + title(n.Step) + " was skipped"
		if r.Reason != "" {
			return why + ": " + r.Reason
		}
		return why + "."
	}
	return ""
}

// Definition is one entry of the documented sequence: what the step is, the earlier steps
// it needs, what it records, and its Flow.
type Definition struct {
	Info
	// Needs are the earlier steps it can't do without.
	Needs []Need
	// Outputs is the zero value of the step's outputs type, what its records hold.
	Outputs Outputs
	// Flow builds the step's protocol for one run; nil while the step is not built yet.
	Flow func(Env) *Flow
}

// Available reports whether this build can run the step.
func (d Definition) Available() bool { return d.Flow != nil }
