package awsclient

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	awsmiddleware "github.com/aws/aws-sdk-go-v2/aws/middleware"
	"github.com/aws/aws-sdk-go-v2/aws/retry"
	"github.com/aws/smithy-go/logging"
	"github.com/aws/smithy-go/middleware"
	smithyhttp "github.com/aws/smithy-go/transport/http"
)

// debugConfig sends the SDK's own log lines to log and adds a line for every AWS call;
// with wire, the SDK also logs each request and response in full. log must redact
// secrets (debuglog's does): request and response bodies hold passwords, MFA seeds and
// tokens.
func debugConfig(cfg *aws.Config, log *slog.Logger, wire bool) {
	cfg.Logger = sdkLogger{log}
	cfg.ClientLogMode = aws.LogRetries
	if wire {
		cfg.ClientLogMode |= aws.LogRequestWithBody | aws.LogResponseWithBody
	}
	cfg.APIOptions = append(cfg.APIOptions, func(stack *middleware.Stack) error {
		return stack.Initialize.Add(callLog{log}, middleware.After)
	})
}

// sdkLogger adapts slog to the SDK's logging.Logger.
type sdkLogger struct{ log *slog.Logger }

func (l sdkLogger) Logf(c logging.Classification, format string, v ...any) {
	level := slog.LevelDebug
	if c == logging.Warn {
		level = slog.LevelWarn
	}
	l.log.Log(context.Background(), level, "sdk", "message", fmt.Sprintf(format, v...))
}

// callLog writes one line per AWS call, after its last attempt: the service, the
// operation, AWS's HTTP status, how long it took with its retries, how many attempts it
// made, and the error.
type callLog struct{ log *slog.Logger }

func (callLog) ID() string { return "firstrun/callLog" }

func (c callLog) HandleInitialize(ctx context.Context, in middleware.InitializeInput, next middleware.InitializeHandler) (
	middleware.InitializeOutput, middleware.Metadata, error,
) {
	start := time.Now()
	out, md, err := next.HandleInitialize(ctx, in)
	attrs := []any{
		"service", awsmiddleware.GetServiceID(ctx),
		"operation", awsmiddleware.GetOperationName(ctx),
		"region", awsmiddleware.GetRegion(ctx),
		"status", httpStatus(md, err),
		"duration", time.Since(start).Round(time.Millisecond),
	}
	if attempts, ok := retry.GetAttemptResults(md); ok {
		attrs = append(attrs, "attempts", len(attempts.Results))
	}
	if err != nil {
		c.log.Warn("aws call failed", append(attrs, "code", ErrorCode(err), "error", err)...)
	} else {
		c.log.Info("aws call", attrs...)
	}
	return out, md, err
}

// httpStatus is the HTTP status of the call's last answer, or 0 when none came.
func httpStatus(md middleware.Metadata, err error) int {
	var respErr *smithyhttp.ResponseError
	if errors.As(err, &respErr) {
		return respErr.HTTPStatusCode()
	}
	if resp, ok := awsmiddleware.GetRawResponse(md).(*smithyhttp.Response); ok {
		return resp.StatusCode
	}
	return 0
}
