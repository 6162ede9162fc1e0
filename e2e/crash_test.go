//go:build !windows

package e2e

import (
	"fmt"
	"maps"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/firstrun/firstrun/awsclient/simulator"
	"github.com/firstrun/firstrun/awsclient/simulator/simtest"
	"github.com/firstrun/firstrun/steps/checkpoint"
)

// The crash matrix and the fault runs replay one setup: an unattended run does all that
// needs no person, the owner does the console-only steps, and a second unattended run
// builds Identity Center on them. Both runs end waiting for the operator (exit 3) on the
// steps only a person can finish. Interrupting or disturbing it anywhere must end in the
// same account and the same checkpoint as the clean setup.

// setup is the replayed setup on one simulated account.
type setup struct {
	t     *testing.T
	sim   *simulator.Simulator
	env   []string
	state string
	args  []string

	// held delivers the call the simulator holds at the kill point; release lets it go
	// once the process is dead. killed says the kill happened.
	held    chan simulator.Call
	release func()
	killed  bool
}

func newSetup(t *testing.T, args ...string) *setup {
	t.Helper()
	answers, err := filepath.Abs(filepath.Join("..", "assets", "answers.example.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	state := t.TempDir()
	sim, env := simulatorEnv(t, state)
	return &setup{t: t, sim: sim, env: env, state: state,
		args: append([]string{"--non-interactive", "--answers", answers}, args...)}
}

// run runs firstrun unattended in a terminal until it exits. When the simulator holds a
// call at the kill point, it kills the process there with SIGKILL, then runs it again, as
// an operator would after a crash.
func (s *setup) run() {
	s.t.Helper()
	tm := start(s.t, s.env, s.args...)
	select {
	case c := <-s.held:
		tm.Kill()
		s.killed = true
		s.release()
		s.t.Logf("killed at %s:%s; resuming", c.Service, c.Operation)
		tm = start(s.t, s.env, s.args...)
	case <-tm.done:
	}
	if code := tm.Exit(); code != exitWaiting {
		s.t.Fatalf("exit code %d, want %d (waiting for the operator); output:\n%s", code, exitWaiting, tail(tm.Output()))
	}
}

// outcomes are the checkpoint's step outcomes.
func (s *setup) outcomes() map[string]checkpoint.Outcome {
	s.t.Helper()
	out, err := s.readOutcomes()
	if err != nil {
		s.t.Fatal(err)
	}
	return out
}

func (s *setup) readOutcomes() (map[string]checkpoint.Outcome, error) {
	doc, err := checkpoint.Read(checkpoint.Path(s.state, s.sim.AccountID()))
	out := map[string]checkpoint.Outcome{}
	for id, r := range doc.Steps {
		out[id] = r.Outcome
	}
	return out, err
}

const exitWaiting = 3

// A killPoint is a place in the setup where the matrix kills firstrun: the nth of its
// kind counted from the start of the setup.
type killPoint struct {
	kind killKind
	nth  int
	what string // the call found there in the clean setup, for the subtest's name
}

type killKind string

const (
	beforeChange killKind = "before-change"    // a mutating call reached AWS, which has not run it yet
	afterChange  killKind = "after-change"     // AWS made the change; firstrun has no answer or checkpoint yet
	atCheckpoint killKind = "after-checkpoint" // the first call after the checkpoint changed
)

// spotter tells each AWS call of a setup which kill points it passes. It runs inside the
// simulator, in the goroutine serving the call.
type spotter struct {
	s        *setup
	mu       sync.Mutex
	counts   map[killKind]int
	progress string // the checkpoint's outcomes at the last call
}

// spot returns the kill points the call passes at this stage.
func (sp *spotter) spot(c simulator.Call, at simulator.Stage) []killPoint {
	sp.mu.Lock()
	defer sp.mu.Unlock()
	var kinds []killKind
	switch {
	case at == simulator.BeforeRun:
		// fmt prints a map in key order; a checkpoint not written yet reads as empty.
		outcomes, _ := sp.s.readOutcomes()
		if p := fmt.Sprint(outcomes); p != sp.progress {
			sp.progress = p
			kinds = append(kinds, atCheckpoint)
		}
		if c.Mutating {
			kinds = append(kinds, beforeChange)
		}
	case c.Mutating && c.ErrorCode == "":
		kinds = append(kinds, afterChange)
	}
	var points []killPoint
	for _, k := range kinds {
		sp.counts[k]++
		points = append(points, killPoint{kind: k, nth: sp.counts[k], what: c.Service + ":" + c.Operation})
	}
	return points
}

func newSpotter(s *setup) *spotter {
	return &spotter{s: s, counts: map[killKind]int{}, progress: fmt.Sprint(map[string]checkpoint.Outcome{})}
}

// replay runs the setup: an unattended run, the owner's console work, a second run. With a
// target, the simulator holds the call at that kill point and the run going on then is
// killed there and run again.
func (s *setup) replay(target *killPoint) {
	s.t.Helper()
	if target != nil {
		s.held = make(chan simulator.Call, 1)
		release := make(chan struct{})
		var once sync.Once
		s.release = func() { once.Do(func() { close(release) }) }
		// A failed test must not leave the simulator holding a call as it closes.
		s.t.Cleanup(s.release)
		sp := newSpotter(s)
		var hold sync.Once
		s.sim.Intercept(func(c simulator.Call, at simulator.Stage) {
			for _, p := range sp.spot(c, at) {
				if p.kind == target.kind && p.nth == target.nth {
					hold.Do(func() {
						s.held <- c
						<-release
					})
				}
			}
		})
	}
	s.run()
	simtest.ConsoleWork(s.t, s.sim, "us-east-1")
	s.run()
	if target != nil && !s.killed {
		s.t.Fatalf("the setup never reached %s #%d", target.kind, target.nth)
	}
}

// cleanSetup runs the setup undisturbed and lists its kill points.
func cleanSetup(t *testing.T) (inventory []string, outcomes map[string]checkpoint.Outcome, points []killPoint) {
	t.Helper()
	s := newSetup(t)
	sp := newSpotter(s)
	var mu sync.Mutex
	s.sim.Intercept(func(c simulator.Call, at simulator.Stage) {
		found := sp.spot(c, at)
		mu.Lock()
		points = append(points, found...)
		mu.Unlock()
	})
	s.replay(nil)
	s.sim.Intercept(nil)
	return s.sim.Inventory(), s.outcomes(), points
}

// TestCrashAndResumeMatrix kills firstrun with SIGKILL at every checkpoint boundary of the
// setup and on both sides of every change it makes in AWS, then resumes: every setup must
// end with exactly the clean setup's resources and step outcomes.
func TestCrashAndResumeMatrix(t *testing.T) {
	inventory, outcomes, points := cleanSetup(t)
	kinds := map[killKind]int{}
	for _, p := range points {
		kinds[p.kind]++
	}
	if kinds[beforeChange] < 15 || kinds[afterChange] != kinds[beforeChange] || kinds[atCheckpoint] < 10 {
		t.Fatalf("the clean setup has too few kill points to prove anything: %v", kinds)
	}
	t.Logf("%d kill points: %v", len(points), kinds)
	for _, p := range points {
		t.Run(fmt.Sprintf("%s-%02d-%s", p.kind, p.nth, strings.ReplaceAll(p.what, ":", "-")), func(t *testing.T) {
			t.Parallel()
			s := newSetup(t)
			s.replay(&p)
			assertSameEnd(t, s, inventory, outcomes)
		})
	}
}

// TestFaultsAtEveryChange makes every change of the setup meet a fault on its first
// attempt (the retries that follow succeed) and expects the clean setup's end.
func TestFaultsAtEveryChange(t *testing.T) {
	inventory, outcomes, points := cleanSetup(t)
	var changes []string
	for _, p := range points {
		if p.kind == beforeChange && !slices.Contains(changes, p.what) {
			changes = append(changes, p.what)
		}
	}
	for _, kind := range []simulator.FaultKind{simulator.FaultThrottle, simulator.FaultInternal, simulator.FaultUnavailable,
		simulator.FaultReset, simulator.FaultLost, simulator.FaultLatency} {
		t.Run(string(kind), func(t *testing.T) {
			t.Parallel()
			// A latency fault outlasts the attempt timeout: the attempt times out and is
			// made again (AWS may still have made the change, as after a lost answer).
			s := newSetup(t, "--aws-timeout", "1s")
			for _, op := range changes {
				f := simulator.Fault{Target: op, Kind: kind, Times: 1}
				if kind == simulator.FaultLatency {
					f.Latency = time.Minute
				}
				if err := s.sim.Faults().Add(f); err != nil {
					t.Fatal(err)
				}
			}
			s.replay(nil)
			if left := s.sim.Faults().List(); len(left) != 0 {
				t.Errorf("faults never met: %v", left)
			}
			assertSameEnd(t, s, inventory, outcomes)
		})
	}
}

// assertSameEnd compares a setup's end with the clean one: the account's resources and
// settings, and every step's outcome.
func assertSameEnd(t *testing.T, s *setup, inventory []string, outcomes map[string]checkpoint.Outcome) {
	t.Helper()
	if got := s.sim.Inventory(); !slices.Equal(got, inventory) {
		t.Errorf("the account differs from a clean setup's:\n%s", diffLines(inventory, got))
	}
	got := s.outcomes()
	for _, id := range slices.Sorted(maps.Keys(outcomes)) {
		if got[id] != outcomes[id] {
			t.Errorf("step %s ended %q, want %q as in a clean setup", id, got[id], outcomes[id])
		}
	}
	for id := range got {
		if _, ok := outcomes[id]; !ok {
			t.Errorf("step %s recorded %q; a clean setup records nothing", id, got[id])
		}
	}
}

// diffLines shows the lines only one side has.
func diffLines(want, got []string) string {
	var b strings.Builder
	for _, l := range want {
		if !slices.Contains(got, l) {
			fmt.Fprintf(&b, "  missing: %s\n", l)
		}
	}
	for _, l := range got {
		if !slices.Contains(want, l) {
			fmt.Fprintf(&b, "    extra: %s\n", l)
		}
	}
	if b.Len() == 0 {
		return "  (the same lines, in another order)\n"
	}
	return b.String()
}
