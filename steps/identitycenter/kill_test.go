package identitycenter_test

import (
	"fmt"
	"net/http"
	"sync/atomic"
	"testing"

	"github.com/firstrun/firstrun/answers"
	"github.com/firstrun/firstrun/awsclient"
	"github.com/firstrun/firstrun/awsclient/simulator"
	"github.com/firstrun/firstrun/awsclient/simulator/simtest"
	"github.com/firstrun/firstrun/steps/step"
	"github.com/firstrun/firstrun/steps/steptest"
)

// changes lists what changed the simulated account so far: successful mutating calls and
// console actions. (A device-flow poll that AWS answers "pending" changes nothing.)
func changes(h *steptest.Harness) []simulator.Call {
	var out []simulator.Call
	for _, c := range h.Sim.Calls() {
		if c.Mutating && c.ErrorCode == "" {
			out = append(out, c)
		}
	}
	return out
}

func sideEffects(h *steptest.Harness) int { return len(changes(h)) }

// freezer is an HTTP transport that stops the world once the account has seen limit side
// effects, as if the process had died then: every later request hangs until its context
// ends. With lose, the answer to the request that made the last change is lost too, so
// AWS made the change but firstrun never heard of it.
type freezer struct {
	h      *steptest.Harness
	limit  int
	lose   bool
	frozen atomic.Bool
}

func (f *freezer) RoundTrip(req *http.Request) (*http.Response, error) {
	if f.frozen.Load() || sideEffects(f.h) >= f.limit {
		return f.hang(req)
	}
	resp, err := http.DefaultTransport.RoundTrip(req)
	if err == nil && f.lose && sideEffects(f.h) >= f.limit {
		_ = resp.Body.Close() // the answer that never arrives
		return f.hang(req)
	}
	return resp, err
}

func (f *freezer) hang(req *http.Request) (*http.Response, error) {
	f.frozen.Store(true)
	<-req.Context().Done()
	return nil, req.Context().Err()
}

// adminAnswers put the administrator in the answers file, so the runs accept the form
// as filled in: typing it, which the chapter test does, would take most of each run's
// time under -race.
func adminAnswers() *answers.Answers {
	return &answers.Answers{AdminUser: answers.AdminUser{UserName: "jane.doe", Email: "jane@example.com", GivenName: "Jane", FamilyName: "Doe"}}
}

// TestChapterResumesAfterAKillAtEveryPoint kills the run right after each change the
// chapter makes in the account (every mutating call and console action), then starts
// again from the checkpoint, and checks that the account ends with one of everything.
func TestChapterResumesAfterAKillAtEveryPoint(t *testing.T) {
	reference, clock := newChapterHarness(t, simulator.NewAccount)
	reference.Env.Answers = adminAnswers()
	newDriver(t, reference, clock).runChapter(chapter)
	made := changes(reference)
	points := len(made)
	if points < 10 {
		t.Fatalf("the chapter made only %d changes; the test expects every step's", points)
	}
	t.Logf("%d changes to kill the run after", points)

	for k := 0; k <= points; k++ {
		for _, lose := range []bool{false, true} {
			name := fmt.Sprintf("after change %d", k)
			if lose {
				if k == 0 || made[k-1].Service == "console" { // a console action has no answer to lose
					continue
				}
				name += " with its answer lost"
			}
			t.Run(name, func(t *testing.T) { killAndResume(t, k, points, lose) })
		}
	}
}

// killAndResume runs the chapter until change k, kills it, resumes, and checks the end.
func killAndResume(t *testing.T, k, points int, lose bool) {
	h, clock := newChapterHarness(t, simulator.NewAccount)
	h.Env.Answers = adminAnswers()
	f := &freezer{h: h, limit: k, lose: lose}
	cfg := simtest.Config(t, simtest.Backend{URL: h.Sim.URL(), Credentials: h.Sim.Credentials()}, "us-east-1")
	cfg.HTTPClient = &http.Client{Transport: f}
	frozenClients := awsclient.NewClients(cfg)

	killed := newDriver(t, h, clock)
	killed.env = func() *step.Env {
		env := *h.Env // each run its own Env, as each process has its own
		env.AWS = frozenClients
		return &env
	}
	killed.stopped = f.frozen.Load
	if killed.runChapter(chapter) {
		t.Fatalf("the run was not cut short after change %d of %d", k, points)
	}
	before := outcomes(h, chapter)

	h.Restart()
	resumed := newDriver(t, h, clock)
	resumed.env = func() *step.Env { env := *h.Env; return &env }
	if !resumed.runChapter(chapter) {
		t.Fatal("the resumed run stopped")
	}
	for id, o := range outcomes(h, chapter) {
		if !o.Final() {
			t.Errorf("%s ended %q (before the kill: %q)", id, o, before[id])
		}
	}
	checkOneOfEach(t, readEndState(t, h))
}
