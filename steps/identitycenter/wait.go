package identitycenter

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/aws/smithy-go"

	"github.com/firstrun/firstrun/awsclient"
)

// Waiter polls asynchronous work whose status AWS reports as IN_PROGRESS, SUCCEEDED or
// FAILED: account assignments and permission set provisioning.
type Waiter struct {
	// Every is the pause between two status reads; 0 means 2 seconds.
	Every time.Duration
	// Timeout bounds the wait; 0 means 5 minutes. AWS may still finish the work later.
	Timeout time.Duration
	// Report, when set, receives a line of progress after every read.
	Report func(string)
	// Sleep pauses between reads; nil waits on a timer. Tests move a clock instead.
	Sleep func(context.Context, time.Duration) error
	// Now tells the time for the timeout; nil means time.Now.
	Now func() time.Time
}

// The final states AWS reports for asynchronous Identity Center work; until then it says
// IN_PROGRESS.
const (
	statusInProgress = "IN_PROGRESS"
	statusSucceeded  = "SUCCEEDED"
	statusFailed     = "FAILED"
	// statusNotYet is firstrun's word for a status AWS can't find yet.
	statusNotYet = "not found yet"
)

// work is one asynchronous request: how to read its status, and the operations that
// name it in errors.
type work struct {
	what      string // "Assignment", in progress lines
	started   string // the operation that started it, e.g. "CreateAccountAssignment"
	describer string // the operation that reads its status
	status    func(context.Context) (state, reason string, err error)
}

// wait reads w's status until it succeeds, fails or runs out of time. A failure carries
// AWS's reason as an error of the operation that started the work. Right after the work
// starts, the status read may answer ResourceNotFoundException: Identity Center is
// eventually consistent, so that is "not there yet" until the deadline, not a failure.
func (wt Waiter) wait(ctx context.Context, w work) error {
	every, timeout, now, sleep := wt.Every, wt.Timeout, wt.Now, wt.Sleep
	if every == 0 {
		every = 2 * time.Second
	}
	if timeout == 0 {
		timeout = 5 * time.Minute
	}
	if now == nil {
		now = time.Now
	}
	if sleep == nil {
		sleep = sleepOnTimer
	}
	start := now()
	for checks := 1; ; checks++ {
		state, reason, err := w.status(ctx)
		elapsed := now().Sub(start).Round(time.Second)
		if awsclient.IsNotFound(err) && elapsed < timeout {
			state = statusNotYet
		} else if err != nil {
			return err
		}
		if wt.Report != nil {
			times := "once"
			if checks > 1 {
				times = fmt.Sprintf("%d times", checks)
			}
			wt.Report(fmt.Sprintf("%s %s (checked %s in %s; firstrun waits up to %s)", w.what, state, times, elapsed, timeout))
		}
		switch state {
		case statusSucceeded:
			return nil
		case statusFailed:
			return &smithy.OperationError{ServiceID: "SSO Admin", OperationName: w.started,
				Err: &smithy.GenericAPIError{Code: statusFailed, Message: reason}}
		case statusInProgress, statusNotYet:
		default: // waiting on a status nobody knows the end of would only run out the clock
			return &smithy.OperationError{ServiceID: "SSO Admin", OperationName: w.describer,
				Err: fmt.Errorf("AWS reports the %s as %q, a status this firstrun does not know; look at it in the "+
					"IAM Identity Center console (AWS accounts), then retry", strings.ToLower(w.what), state)}
		}
		if elapsed >= timeout {
			return &smithy.OperationError{ServiceID: "SSO Admin", OperationName: w.describer,
				Err: fmt.Errorf("%s still %s after %s; AWS may still finish it: retry to check again", w.what, state, timeout)}
		}
		if err := sleep(ctx, every); err != nil {
			return err
		}
	}
}

func sleepOnTimer(ctx context.Context, d time.Duration) error {
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}
