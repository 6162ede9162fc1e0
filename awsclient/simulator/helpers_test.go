package simulator_test

import (
	"errors"
	"sync"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/smithy-go"

	"github.com/firstrun/firstrun/awsclient/simulator"
	"github.com/firstrun/firstrun/awsclient/simulator/simtest"
)

// start runs a simulator and returns an SDK configuration for it in us-east-1.
func start(t *testing.T, opts simulator.Options) (*simulator.Simulator, aws.Config) {
	t.Helper()
	sim, b := simtest.Start(t, opts)
	return sim, simtest.Config(t, b, "us-east-1")
}

// requireCode checks that err is an AWS API error with the code, the way
// firstrun classifies errors, and returns its message.
func requireCode(t *testing.T, err error, code string) string {
	t.Helper()
	apiErr, ok := errors.AsType[smithy.APIError](err)
	if !ok {
		t.Fatalf("got error %v, want API error %s", err, code)
	}
	if apiErr.ErrorCode() != code {
		t.Fatalf("got error code %s (%v), want %s", apiErr.ErrorCode(), err, code)
	}
	return apiErr.ErrorMessage()
}

// requireType checks that err unwraps to the SDK's modelled exception E.
func requireType[E error](t *testing.T, err error) {
	t.Helper()
	if e, ok := errors.AsType[E](err); !ok {
		t.Fatalf("got error %T %v, want %T", err, err, e)
	}
}

// clock is an injectable clock that tests move by hand.
type clock struct {
	mu  sync.Mutex
	now time.Time
}

func newClock() *clock { return &clock{now: time.Date(2025, 6, 2, 9, 30, 0, 0, time.UTC)} }

func (c *clock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.now
}

func (c *clock) Advance(d time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.now = c.now.Add(d)
}
