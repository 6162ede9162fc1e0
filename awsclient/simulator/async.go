package simulator

import "time"

// async is background work whose status AWS reports as changing over time:
// CreateAccount now; account assignments and credential reports later. It
// is persisted, and its status is computed from the clock rather than
// stored, so it advances across restarts and under an injected clock.
type async struct {
	Started time.Time     `json:"started"`
	Delay   time.Duration `json:"delay"`
	// Failure, when set, makes the work end in failure with this reason.
	Failure string `json:"failure,omitempty"`
}

type asyncState int

const (
	asyncInProgress asyncState = iota
	asyncSucceeded
	asyncFailed
)

// startAsync begins work that takes Options.AsyncDelay and fails if a fail
// fault is on for the call.
func (r *request) startAsync() async {
	return async{Started: r.now, Delay: r.asyncDelay, Failure: r.faults.asyncFailure(r.svc.id, r.op)}
}

// done is when the work finishes.
func (a async) done() time.Time { return a.Started.Add(a.Delay) }

func (a async) state(now time.Time) asyncState {
	switch {
	case now.Before(a.done()):
		return asyncInProgress
	case a.Failure != "":
		return asyncFailed
	default:
		return asyncSucceeded
	}
}

// status spells the state in a service's words, e.g.
// status(now, "IN_PROGRESS", "SUCCEEDED", "FAILED").
func (a async) status(now time.Time, inProgress, succeeded, failed string) string {
	switch a.state(now) {
	case asyncSucceeded:
		return succeeded
	case asyncFailed:
		return failed
	default:
		return inProgress
	}
}
