package identitycenter_test

import (
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	tea "github.com/charmbracelet/bubbletea"

	"github.com/firstrun/firstrun/awsclient/simulator"
	"github.com/firstrun/firstrun/steps/checkpoint"
	"github.com/firstrun/firstrun/steps/identitycenter"
	"github.com/firstrun/firstrun/steps/step"
	"github.com/firstrun/firstrun/steps/steptest"
	"github.com/firstrun/firstrun/ui/kit"
)

// chapter is the Identity Center chapter in the order the wizard runs it.
var chapter = []step.ID{
	"organization", "identity-center", "identity-source", "ic-mfa", "admin-user",
	"admin-group", "admin-permission-set", "admin-assignment", "portal-sign-in",
}

// driver plays the operator: it answers each screen of the chapter the way a person
// would on the simulated account, using the demo's console key where AWS has no API.
type driver struct {
	t *testing.T
	h *steptest.Harness
	// env builds the Env a step runs with; a kill test gives each run its own.
	env func() *step.Env
	// stopped reports that the test cut the run short (a simulated kill): the driver
	// then stops answering.
	stopped func() bool
	// clock runs the sign-in's waits between polls.
	clock *fastClock
}

func newDriver(t *testing.T, h *steptest.Harness, clock *fastClock) *driver {
	return &driver{t: t, h: h, env: func() *step.Env { return h.Env }, stopped: func() bool { return false }, clock: clock}
}

// newChapterHarness starts a simulated account on a fast clock, for a driver that goes
// through the whole chapter, sign-in included.
func newChapterHarness(t *testing.T, sc simulator.Scenario) (*steptest.Harness, *fastClock) {
	t.Helper()
	clock := &fastClock{}
	h := steptest.New(t, simulator.Options{Scenario: sc, Clock: clock.Now})
	h.Env.Now = clock.Now
	return h, clock
}

// fastClock is a simulated account's clock on which the sign-in's waits between polls
// take a hundredth of the time AWS asks for: each wait moves the clock on by the rest,
// so the account sees the whole interval go by (and would answer slow_down otherwise).
type fastClock struct {
	mu    sync.Mutex
	ahead time.Duration
}

const fastClockSpeedup = 100

func (c *fastClock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return time.Now().Add(c.ahead)
}

// Tick is tea.Tick on the fast clock.
func (c *fastClock) Tick(d time.Duration, fn func(time.Time) tea.Msg) tea.Cmd {
	return tea.Tick(d/fastClockSpeedup, func(time.Time) tea.Msg {
		c.mu.Lock()
		c.ahead += d - d/fastClockSpeedup
		c.mu.Unlock()
		return fn(c.Now())
	})
}

// newHarness starts a simulated account; the steps run against it.
func newHarness(t *testing.T, sc simulator.Scenario) *steptest.Harness {
	t.Helper()
	return steptest.New(t, simulator.Options{Scenario: sc})
}

// runChapter runs every step of ids that has no final outcome yet, as the wizard does on
// resume. It reports false when the run was stopped.
func (d *driver) runChapter(ids []step.ID) bool {
	d.t.Helper()
	for _, id := range ids {
		if d.h.Record(id).Outcome.Final() {
			continue
		}
		if !d.runStep(id) {
			return false
		}
	}
	return true
}

// runAgain runs every step of ids, finished or not, as "go through from the beginning"
// does.
func (d *driver) runAgain(ids []step.ID) {
	d.t.Helper()
	for _, id := range ids {
		d.runStep(id)
	}
}

// runStep answers step id's screen until it finishes; false when the run was stopped.
func (d *driver) runStep(id step.ID) bool {
	d.t.Helper()
	def := d.h.Definition(id)
	var run *steptest.Step
	switch {
	case def.Flow != nil:
		run = d.h.RunScreen(id, kit.NewStep(d.env().Kit(), def.Core()))
	case id == "portal-sign-in":
		run = d.h.RunScreen(id, identitycenter.PortalSignInScreenTicking(d.clock.Tick)(d.env(), def))
	default:
		run = d.h.RunScreen(id, def.Screen(d.env(), def))
	}
	if !d.play(id, run) {
		run.Kill()
		return false
	}
	rec := run.Finished()
	if !rec.Outcome.Final() {
		d.t.Fatalf("%s finished as %q", id, rec.Outcome)
	}
	return true
}

// screen shows, per step, the texts that call for an answer and the keys to press.
var replies = map[step.ID][]answer{
	"organization": {{"Create the organization?", keys("enter")}, {"What will change", keys("enter")}, {"Already in place", keys("enter")}},
	"identity-center": {{"Identity Center Region", keys("enter")}, {"Waiting for AWS to show it", keys("d")},
		{"Access portal", keys("enter")}},
	"identity-source": {{"Where will your people", keys("enter")}, {"firstrun records your choice", keys("enter")}},
	"ic-mfa":          {{"AWS offers no way to check this step", keys("d")}},
	"admin-user": {
		{"User name", fill("jane.doe", "Email", "jane@example.com", "Email again", "jane@example.com",
			"First name", "Jane", "Last name", "Doe", "Display name", "")},
		{"What will change", keys("enter")}, {"Already in place", keys("enter")},
		{"Do one of the following in the console", keys("d")},
	},
	"admin-group":          {{"Group name", keys("enter")}, {"What will change", keys("enter")}, {"Already in place", keys("enter")}},
	"admin-permission-set": {{"Session duration", keys("enter")}, {"What will change", keys("enter")}, {"Already in place", keys("enter")}},
	"admin-assignment":     {{"What will change", keys("enter")}, {"Already in place", keys("enter")}},
	"portal-sign-in": {
		// Approved after a first poll, so the next one shows that polls keep AWS's interval.
		{"Press enter to prove it works", keys("enter")}, {"Waiting for approval: asked", keys("d")},
		{"AWS CLI profile name", keys("esc")},
	},
}

type answer struct {
	marker string
	// input is key names; "type:" types the rest as text, "wait:" waits for the rest to
	// show (a form moves to its next field in a command of its own).
	input []string
}

func keys(names ...string) []string { return names }

// fill types the first field's value, then for each next field waits until it has the
// focus and types its value; enter ends every field.
func fill(first string, next ...string) []string {
	out := []string{"type:" + first, "enter"}
	for i := 0; i+1 < len(next); i += 2 {
		out = append(out, "wait:┃ "+next[i], "type:"+next[i+1], "enter")
	}
	return out
}

// repliesTo are the replies to step id's screens. With the administrator in the answers
// file, the form comes filled in and the driver only accepts each field.
func (d *driver) repliesTo(id step.ID) []answer {
	if id != "admin-user" || d.env().Answers.AdminUser.UserName == "" {
		return replies[id]
	}
	r := slices.Clone(replies[id])
	r[0].input = []string{"enter"}
	for _, field := range []string{"Email", "Email again", "First name", "Last name", "Display name"} {
		r[0].input = append(r[0].input, "wait:┃ "+field, "enter")
	}
	return r
}

// play answers each screen once, in the order the step shows them, until it finishes.
func (d *driver) play(id step.ID, run *steptest.Step) bool {
	d.t.Helper()
	done, replies := map[int]bool{}, d.repliesTo(id)
	before := d.h.Record(id).At // a step run again replaces its record
	for {
		var next = -1
		finished := false
		run.WaitUntil(func(frame string) bool {
			if rec := d.h.Record(id); d.stopped() || rec.Outcome.Final() && !rec.At.Equal(before) {
				finished = true
				return true
			}
			for i, a := range replies {
				if !done[i] && strings.Contains(flatten(frame), flatten(a.marker)) {
					next = i
					return true
				}
			}
			return false
		}, "a screen of "+string(id)+" to answer")
		if d.stopped() {
			return false
		}
		if finished {
			return true
		}
		done[next] = true
		for _, in := range replies[next].input {
			if text, ok := strings.CutPrefix(in, "type:"); ok {
				run.Type(text)
			} else if text, ok := strings.CutPrefix(in, "wait:"); ok {
				run.WaitFor(text)
			} else {
				run.Press(in)
			}
		}
	}
}

func flatten(s string) string { return strings.Join(strings.Fields(s), " ") }

// outcomes are the saved outcomes of ids.
func outcomes(h *steptest.Harness, ids []step.ID) map[step.ID]checkpoint.Outcome {
	out := map[step.ID]checkpoint.Outcome{}
	for _, id := range ids {
		out[id] = h.Record(id).Outcome
	}
	return out
}
