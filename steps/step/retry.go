package step

import (
	"time"

	"github.com/firstrun/firstrun/awsclient"
	"github.com/firstrun/firstrun/ui/kit"
)

// latestRetry is the SDK's last retry if it happened after since.
func latestRetry(r *awsclient.Retries, since time.Time) awsclient.Retry {
	if r == nil {
		return awsclient.Retry{}
	}
	if last, ok := r.Last(); ok && !last.At.Before(since) {
		return last
	}
	return awsclient.Retry{}
}

// RetryNote says, after a waiting line, that AWS is being asked again and why.
func RetryNote(r awsclient.Retry) string { return kit.RetryNote(r) }
