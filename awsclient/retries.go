package awsclient

import (
	"sync"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
)

// Retries follows the SDK's retries, so a screen waiting on AWS can say that AWS asked it to
// slow down or failed, and that the call is being made again, instead of looking stuck.
type Retries struct {
	mu   sync.Mutex
	last Retry
}

// Retry is one retry the SDK decided on.
type Retry struct {
	Attempt int    // the attempt that failed, from 1
	Of      int    // how many attempts the SDK makes at most
	Code    string // AWS's error code, or "" for a network error
	At      time.Time
}

// Last is the most recent retry, and whether there was one.
func (r *Retries) Last() (Retry, bool) {
	r.mu.Lock()
	defer r.mu.Unlock()
	return r.last, !r.last.At.IsZero()
}

func (r *Retries) record(e Retry) {
	r.mu.Lock()
	r.last = e
	r.mu.Unlock()
}

// notifying reports each retry of the retryer it wraps to Retries.
type notifying struct {
	aws.RetryerV2
	retries *Retries
}

func (n notifying) RetryDelay(attempt int, err error) (time.Duration, error) {
	n.retries.record(Retry{Attempt: attempt, Of: n.MaxAttempts(), Code: ErrorCode(err), At: time.Now()})
	return n.RetryerV2.RetryDelay(attempt, err)
}
