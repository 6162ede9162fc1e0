package step_test

import (
	"context"
	"sync"
	"testing"
	"time"

	"github.com/firstrun/firstrun/awsclient/simulator"
	"github.com/firstrun/firstrun/steps/checkpoint"
	"github.com/firstrun/firstrun/steps/steptest"
)

func TestGuidedSavesWhatVerifyFound(t *testing.T) {
	h := steptest.New(t, simulator.Options{})
	g := rootMFAGuide(h)
	var mu sync.Mutex
	found := map[string]string{}
	verify := g.Verify
	g.Verify = func(ctx context.Context) (bool, string, error) {
		done, detail, err := verify(ctx)
		if done {
			mu.Lock()
			found["mfa"] = "root-account-mfa-device"
			mu.Unlock()
		}
		return done, detail, err
	}
	g.Resources = func() map[string]string {
		mu.Lock()
		defer mu.Unlock()
		return map[string]string{"mfa": found["mfa"]}
	}
	run := h.RunScreen("root-mfa", g)
	run.WaitFor("Waiting for AWS to show it")
	if err := h.Sim.Console().EnableRootMFA(); err != nil {
		t.Fatal(err)
	}
	if rec := run.Finished(); rec.Outcome != checkpoint.Verified || rec.Resources["mfa"] != "root-account-mfa-device" {
		t.Errorf("record = %+v", rec)
	}
}

func TestGuidedStopsCheckingAfterPollForUntilAsked(t *testing.T) {
	h := steptest.New(t, simulator.Options{})
	var mu sync.Mutex
	now := time.Date(2025, 6, 2, 9, 0, 0, 0, time.UTC)
	h.Env.Now = func() time.Time { mu.Lock(); defer mu.Unlock(); return now }
	g := rootMFAGuide(h)
	g.PollFor = time.Minute
	checks := 0
	verify := g.Verify
	g.Verify = func(ctx context.Context) (bool, string, error) {
		mu.Lock()
		checks++
		now = now.Add(40 * time.Second) // every check takes the clock past a poll period
		mu.Unlock()
		return verify(ctx)
	}
	run := h.RunScreen("root-mfa", g)
	run.WaitFor("stopped checking on its own after 1m0s")
	mu.Lock()
	stoppedAfter := checks
	mu.Unlock()
	if stoppedAfter != 2 {
		t.Errorf("checked %d times in the first minute, want 2", stoppedAfter)
	}
	if err := h.Sim.Console().EnableRootMFA(); err != nil {
		t.Fatal(err)
	}
	run.Press("c")
	if rec := run.Finished(); rec.Outcome != checkpoint.Verified {
		t.Errorf("after c: %s", rec.Outcome)
	}
}
