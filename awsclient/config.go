// Package awsclient is firstrun's one seam to AWS: it loads the SDK configuration, builds
// the service clients behind small interfaces holding only the methods firstrun calls, and
// classifies AWS errors by their API error code.
package awsclient

import (
	"cmp"
	"context"
	"fmt"
	"log/slog"
	"slices"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/aws/retry"
	awshttp "github.com/aws/aws-sdk-go-v2/aws/transport/http"
	"github.com/aws/aws-sdk-go-v2/config"
	"github.com/aws/smithy-go/middleware"
)

// DefaultRegion is used when neither a flag nor the environment names a Region. IAM and
// Organizations are global, but the SDK still needs a Region to sign requests.
const DefaultRegion = "us-east-1"

// Options select the credentials and endpoint firstrun talks to. Zero values mean "as the
// AWS CLI would": the default credential chain (which covers CloudShell's container
// credentials), AWS_PROFILE, AWS_REGION and AWS_ENDPOINT_URL.
type Options struct {
	Profile     string
	Region      string
	EndpointURL string
	// Credentials overrides the default chain; the demo uses it to hand the simulated
	// account's credentials to the SDK.
	Credentials aws.CredentialsProvider
	// Isolated ignores the environment and the shared config and credentials files: the
	// demo talks to EndpointURL with Credentials, whatever the operator's own AWS setup.
	Isolated bool
	// AppID is added to the User-Agent so AWS-side logs show firstrun's calls.
	AppID string
	// MaxAttempts bounds the SDK's retries of throttled and failed calls; 0 means 4.
	MaxAttempts int
	// MaxBackoff bounds the wait between two attempts; 0 means 5 seconds, short enough
	// that an operator watching the screen is not left wondering.
	MaxBackoff time.Duration
	// AttemptTimeout bounds one attempt at a call, from connecting to the last byte of the
	// answer; an attempt that takes longer is abandoned and retried like a dropped
	// connection. 0 means DefaultAttemptTimeout.
	AttemptTimeout time.Duration
	// RememberReads answers a read that a run repeats (the account summary, the
	// organization, the Identity Center instance, the IAM users) from its last answer,
	// until a change is made. Only for runs in which no person changes the account as
	// they go: an unattended run, a plan, an audit.
	RememberReads bool
	// Retries, when set, hears of every retry, for the screen to show.
	Retries *Retries
	// Debug, when set, gets a line for every AWS call (service, operation, HTTP status,
	// duration, attempts, error) and the SDK's own log lines. It must redact secrets, as
	// debuglog's does.
	Debug *slog.Logger
	// Wire adds to Debug the SDK's dump of every request and response, bodies included.
	Wire bool
}

// DefaultAttemptTimeout is long enough for AWS's slowest answers here (a credential
// report, a page of Organizations accounts) on a poor network, and short enough that a
// stalled connection is retried while the operator still watches.
const DefaultAttemptTimeout = 30 * time.Second

// LoadConfig loads the SDK configuration. It makes no network call: use WhoAmI to find out
// whether the credentials work.
func LoadConfig(ctx context.Context, o Options) (aws.Config, error) {
	attempts := cmp.Or(o.MaxAttempts, 4)
	backoff := cmp.Or(o.MaxBackoff, 5*time.Second)
	// Without a timeout, a connection that stalls after the request was sent hangs the
	// step forever: the SDK retries only what fails.
	httpClient := awshttp.NewBuildableClient().WithTimeout(cmp.Or(o.AttemptTimeout, DefaultAttemptTimeout))
	// A new retryer per client, as the SDK asks, so clients don't share one token bucket.
	retryer := func() aws.Retryer {
		std := retry.NewStandard(func(so *retry.StandardOptions) {
			so.MaxAttempts = attempts
			so.MaxBackoff = backoff
			so.Retryables = append(slices.Clone(so.Retryables), RetryConcurrentWrites)
		})
		if o.Retries == nil {
			return std
		}
		return notifying{RetryerV2: std, retries: o.Retries}
	}
	var apiOptions []func(*middleware.Stack) error
	if o.RememberReads {
		apiOptions = append(apiOptions, newReadCache().add)
	}
	if o.Isolated {
		// Built by hand: the SDK's loader would read AWS_PROFILE and fail on a profile the
		// demo has no use for.
		region := o.Region
		if region == "" {
			region = DefaultRegion
		}
		cfg := aws.Config{Region: region, Credentials: aws.NewCredentialsCache(o.Credentials),
			BaseEndpoint: aws.String(o.EndpointURL), Retryer: retryer, AppID: o.AppID, HTTPClient: httpClient,
			APIOptions: apiOptions}
		if o.Debug != nil {
			debugConfig(&cfg, o.Debug, o.Wire)
		}
		return cfg, nil
	}
	loaders := []func(*config.LoadOptions) error{config.WithAppID(o.AppID), config.WithRetryer(retryer),
		config.WithHTTPClient(httpClient), config.WithAPIOptions(apiOptions)}
	if o.Profile != "" {
		loaders = append(loaders, config.WithSharedConfigProfile(o.Profile))
	}
	if o.Region != "" {
		loaders = append(loaders, config.WithRegion(o.Region))
	}
	if o.EndpointURL != "" {
		loaders = append(loaders, config.WithBaseEndpoint(o.EndpointURL))
	}
	if o.Credentials != nil {
		loaders = append(loaders, config.WithCredentialsProvider(o.Credentials))
	}
	cfg, err := config.LoadDefaultConfig(ctx, loaders...)
	if err != nil {
		return aws.Config{}, fmt.Errorf("load AWS configuration: %w", err)
	}
	if cfg.Region == "" {
		cfg.Region = DefaultRegion
	}
	if o.Debug != nil {
		debugConfig(&cfg, o.Debug, o.Wire)
	}
	return cfg, nil
}
