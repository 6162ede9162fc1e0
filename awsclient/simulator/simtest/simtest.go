// Package simtest points real AWS SDK clients at test backends: the
// simulator, in process, and moto_server, the independent emulator used for
// contract tests. Its helpers call t.Setenv, so tests that use them cannot
// run in parallel.
package simtest

import (
	"context"
	"os"
	"path/filepath"
	"slices"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/aws/retry"
	"github.com/aws/aws-sdk-go-v2/config"
	"github.com/aws/aws-sdk-go-v2/credentials"

	"github.com/firstrun/firstrun/awsclient"
	"github.com/firstrun/firstrun/awsclient/simulator"
)

// Backend is an AWS endpoint for tests.
type Backend struct {
	Name        string // "simulator" or "moto"
	URL         string
	Credentials aws.Credentials
}

// Start runs a simulator on a loopback port until the test ends.
func Start(t testing.TB, opts simulator.Options) (*simulator.Simulator, Backend) {
	t.Helper()
	sim, err := simulator.New(opts)
	if err != nil {
		t.Fatalf("simulator.New: %v", err)
	}
	url, err := sim.Start()
	if err != nil {
		t.Fatalf("simulator.Start: %v", err)
	}
	t.Cleanup(func() {
		if err := sim.Close(); err != nil {
			t.Errorf("simulator.Close: %v", err)
		}
	})
	return sim, Backend{Name: "simulator", URL: url, Credentials: sim.Credentials()}
}

// Config is an SDK configuration that reaches b and nothing else: no shared
// config or credentials files, no instance metadata, static credentials, and
// b as the base endpoint of every client. Its retryer is the SDK's standard
// one, also retrying what firstrun retries, with the backoff delays removed, so
// the SDK's real retry decisions run but retried faults cost the test no time.
func Config(t testing.TB, b Backend, region string) aws.Config {
	t.Helper()
	isolate(t)
	cfg, err := config.LoadDefaultConfig(context.Background(),
		config.WithRegion(region),
		config.WithCredentialsProvider(credentials.StaticCredentialsProvider{Value: b.Credentials}),
		config.WithBaseEndpoint(b.URL),
		config.WithRetryer(func() aws.Retryer {
			return retry.NewStandard(func(o *retry.StandardOptions) {
				o.Backoff = noBackoff{}
				o.Retryables = append(slices.Clone(o.Retryables), awsclient.RetryConcurrentWrites)
			})
		}),
	)
	if err != nil {
		t.Fatalf("config.LoadDefaultConfig: %v", err)
	}
	return cfg
}

type noBackoff struct{}

func (noBackoff) BackoffDelay(int, error) (time.Duration, error) { return 0, nil }

// isolate keeps the developer's own AWS setup out of the test.
func isolate(t testing.TB) {
	t.Helper()
	dir := t.TempDir()
	for _, name := range []string{"config", "credentials"} {
		if err := os.WriteFile(filepath.Join(dir, name), nil, 0o600); err != nil {
			t.Fatal(err)
		}
	}
	t.Setenv("AWS_CONFIG_FILE", filepath.Join(dir, "config"))
	t.Setenv("AWS_SHARED_CREDENTIALS_FILE", filepath.Join(dir, "credentials"))
	t.Setenv("AWS_EC2_METADATA_DISABLED", "true")
	for _, name := range []string{"AWS_PROFILE", "AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN", "AWS_ENDPOINT_URL", "AWS_REGION", "AWS_DEFAULT_REGION"} {
		t.Setenv(name, "")
	}
}
