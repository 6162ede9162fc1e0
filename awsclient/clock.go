package awsclient

import (
	"time"

	awsmiddleware "github.com/aws/aws-sdk-go-v2/aws/middleware"
	"github.com/aws/smithy-go/middleware"
)

// ClockSkew is how far AWS's clock was ahead of the machine's (now, when the answer
// came), as the Date header of the answer whose metadata md is says: negative when the
// machine's clock runs ahead. The header counts whole seconds.
func ClockSkew(md middleware.Metadata, now time.Time) (time.Duration, bool) {
	server, ok := awsmiddleware.GetServerTime(md)
	if !ok {
		return 0, false
	}
	return server.Sub(now.Truncate(time.Second)), true
}
