package simulator

import (
	"sync"
	"time"
)

// Call is one recorded request: an AWS API call or a console action.
type Call struct {
	Time      time.Time `json:"time"`
	Service   string    `json:"service"` // "iam", "sso-admin", ...; "console" for Console actions
	Operation string    `json:"operation"`
	Account   string    `json:"account,omitempty"` // the caller's account; empty if authentication failed
	Region    string    `json:"region,omitempty"`
	// Mutating is a static property of the operation, true even when the
	// call failed: tests use it to prove a flow never tried to change AWS.
	Mutating  bool   `json:"mutating"`
	ErrorCode string `json:"error_code,omitempty"` // empty on success
}

// CountMutating counts the calls of mutating operations.
func CountMutating(calls []Call) int {
	n := 0
	for _, c := range calls {
		if c.Mutating {
			n++
		}
	}
	return n
}

// maxCalls bounds the log of a long-running demo; tests never come close.
const maxCalls = 100_000

type callLog struct {
	mu    sync.Mutex
	calls []Call
}

func (l *callLog) add(c Call) {
	l.mu.Lock()
	defer l.mu.Unlock()
	if len(l.calls) == maxCalls { // forget the older half
		l.calls = append([]Call(nil), l.calls[maxCalls/2:]...)
	}
	l.calls = append(l.calls, c)
}

func (l *callLog) list() []Call {
	l.mu.Lock()
	defer l.mu.Unlock()
	return append([]Call(nil), l.calls...)
}

func (l *callLog) reset() {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.calls = nil
}
