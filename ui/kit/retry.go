package kit

import (
	"fmt"
	"time"

	"github.com/firstrun/firstrun/awsclient"
)

// latestRetry is the SDK's last retry if it happened after since, so a screen only
// mentions retries of the call it is waiting on.
func latestRetry(r *awsclient.Retries, since time.Time) awsclient.Retry {
	if r == nil {
		return awsclient.Retry{}
	}
	if last, ok := r.Last(); ok && !last.At.Before(since) {
		return last
	}
	return awsclient.Retry{}
}

// RetryNote says, after a waiting line, that AWS is being asked again and why; "" when
// there was no retry.
func RetryNote(r awsclient.Retry) string {
	if r.At.IsZero() {
		return ""
	}
	why := "did not answer"
	if r.Code != "" {
		why = "answered " + r.Code
	}
	return fmt.Sprintf(" (AWS %s; asking again, attempt %d of %d)", why, r.Attempt+1, r.Of)
}
