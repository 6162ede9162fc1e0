package step

import "github.com/firstrun/firstrun/steps/checkpoint"

// ControlStatus is an audit control's result.
type ControlStatus string

const (
	Pass    ControlStatus = "pass"    // the goal holds, as AWS shows
	Fail    ControlStatus = "fail"    // AWS shows the goal does not hold
	Manual  ControlStatus = "manual"  // AWS offers no check: a person must look
	Errored ControlStatus = "error"   // the check itself failed (access denied, throttled)
	NotRun  ControlStatus = "skipped" // the check does not apply to this account
)

// Control is what a step's check found.
type Control struct {
	Status ControlStatus
	// Detail says what was seen, in a sentence: "AccountMFAEnabled is 0".
	Detail string
}

// Label is an outcome in words, as the summary and reports print it.
func Label(o checkpoint.Outcome) string {
	switch o {
	case checkpoint.Verified:
		return "verified"
	case checkpoint.Done:
		return "done"
	case checkpoint.Confirmed:
		return "confirmed by you"
	case checkpoint.Skipped:
		return "skipped"
	case checkpoint.Failed:
		return "failed"
	case checkpoint.Waiting:
		return "waiting for you"
	case checkpoint.InProgress:
		return "started"
	}
	return "not started"
}

// Glyph is the mark the rail and the summary show for an outcome. The marks differ in
// shape, not only colour, so they read without colour too.
func Glyph(o checkpoint.Outcome) string {
	switch o {
	case checkpoint.Verified, checkpoint.Done, checkpoint.Confirmed:
		return "✓"
	case checkpoint.Skipped:
		return "–"
	case checkpoint.Failed:
		return "✗"
	case checkpoint.Waiting:
		return "…"
	case checkpoint.InProgress:
		return "◐"
	}
	return "·"
}

// ToneOf is how an outcome reads.
func ToneOf(o checkpoint.Outcome) Tone {
	switch o {
	case checkpoint.Verified, checkpoint.Done, checkpoint.Confirmed:
		return Good
	case checkpoint.Failed:
		return Bad
	case checkpoint.InProgress, checkpoint.Waiting:
		return Attention
	case checkpoint.Skipped:
	}
	return Muted
}
