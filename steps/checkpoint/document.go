// Package checkpoint saves a setup's progress so that an interrupted run can resume: one
// versioned JSON file per AWS account, written atomically, readable only by its owner, and
// never holding a secret.
package checkpoint

import (
	"maps"
	"time"
)

// SchemaVersion is the version of the file format this build writes. Bump it only with a
// migration from the previous version and a CHANGELOG entry.
const SchemaVersion = 1

// Outcome is what became of a step. The first four are final. The others leave the step
// open: Failed and Waiting say why, and InProgress marks a step whose side effects have
// begun, so a resumed run knows to re-check AWS before going on.
type Outcome string

const (
	Verified   Outcome = "verified"  // AWS confirmed the result by a read-only check
	Done       Outcome = "done"      // the API call succeeded
	Confirmed  Outcome = "confirmed" // the operator said so and AWS offers no check
	Skipped    Outcome = "skipped"   // not done, with the reason recorded
	Failed     Outcome = "failed"    // tried and failed, with AWS's reason recorded
	Waiting    Outcome = "waiting"   // a run without a person stopped where one is needed
	InProgress Outcome = "in_progress"
)

// Final reports whether the step needs no more work.
func (o Outcome) Final() bool {
	switch o {
	case Verified, Done, Confirmed, Skipped:
		return true
	case Failed, Waiting, InProgress:
		return false
	}
	return false
}

// Document is the whole saved state of one account's setup.
type Document struct {
	SchemaVersion int                   `json:"schema_version"`
	ToolVersion   string                `json:"tool_version"`
	AccountID     string                `json:"account_id"`
	CallerARN     string                `json:"caller_arn,omitempty"`
	Region        string                `json:"region,omitempty"`
	CreatedAt     time.Time             `json:"created_at"`
	UpdatedAt     time.Time             `json:"updated_at"`
	Steps         map[string]StepRecord `json:"steps"`
}

// StepRecord is one step's saved state: its outcome and the identifiers of what it created
// or found (ARNs, user and group IDs). Never a secret.
type StepRecord struct {
	Outcome   Outcome           `json:"outcome"`
	Reason    string            `json:"reason,omitempty"`
	Resources map[string]string `json:"resources,omitempty"`
	At        time.Time         `json:"at"`
}

// Step returns the record of step id, and whether there is one.
func (d Document) Step(id string) (StepRecord, bool) {
	r, ok := d.Steps[id]
	return r, ok
}

// Resource returns a resource identifier that step id recorded, or "".
func (d Document) Resource(id, key string) string { return d.Steps[id].Resources[key] }

// LastStep is the step recorded most recently, or "" when none was.
func (d Document) LastStep() string {
	var last string
	var at time.Time
	for id, r := range d.Steps {
		if r.At.After(at) || (r.At.Equal(at) && id < last) {
			last, at = id, r.At
		}
	}
	return last
}

func (d Document) clone() Document {
	c := d
	c.Steps = make(map[string]StepRecord, len(d.Steps))
	for id, r := range d.Steps {
		r.Resources = maps.Clone(r.Resources)
		c.Steps[id] = r
	}
	return c
}
