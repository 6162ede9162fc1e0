package iamuser_test

import (
	"bytes"
	"context"
	"io"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/firstrun/firstrun/answers"
	"github.com/firstrun/firstrun/awsclient/simulator"
	"github.com/firstrun/firstrun/steps/checkpoint"
	step "github.com/firstrun/firstrun/steps/core"
	"github.com/firstrun/firstrun/steps/engine"
	"github.com/firstrun/firstrun/steps/steptest"
	"github.com/firstrun/firstrun/ui/kit"
)

// plainRun is a step run as plain line prompts (--accessible), with the test typing each
// line once the prompt it answers is written.
type plainRun struct {
	t    *testing.T
	in   *io.PipeWriter
	out  *lockedBuffer
	seen int // how much of the output the test has read
	done chan struct{}
	rec  checkpoint.StepRecord
	err  error
}

type lockedBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *lockedBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

func (b *lockedBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}

func startPlain(t *testing.T, h *steptest.Harness, id step.ID) *plainRun {
	t.Helper()
	r, w := io.Pipe()
	p := &plainRun{t: t, in: w, out: &lockedBuffer{}, done: make(chan struct{})}
	env := h.Env.Kit()
	op := kit.NewPlainOperator(env, kit.NewPrompter(r, p.out))
	go func() {
		defer close(p.done)
		p.rec, p.err = engine.Run(context.Background(), h.Core(id), env.StepEnv(), op, h.Env.Store)
	}()
	t.Cleanup(func() {
		_ = w.Close()
		<-p.done
	})
	return p
}

// waitFor waits until the output not read yet shows text, and reads it up to there.
func (p *plainRun) waitFor(text string) string {
	p.t.Helper()
	deadline := time.Now().Add(steptest.Timeout)
	for {
		out := p.out.String()
		if i := strings.Index(out[p.seen:], text); i >= 0 {
			read := out[p.seen : p.seen+i+len(text)]
			p.seen += i + len(text)
			return read
		}
		select {
		case <-p.done:
			p.t.Fatalf("the step ended (%+v, %v) before the output showed %q:\n%s", p.rec, p.err, text, out[p.seen:])
		case <-time.After(5 * time.Millisecond):
		}
		if time.Now().After(deadline) {
			p.t.Fatalf("timed out waiting for %q; output:\n%s", text, out[p.seen:])
		}
	}
}

// answer waits for prompt, then types line.
func (p *plainRun) answer(prompt, line string) {
	p.t.Helper()
	p.waitFor(prompt)
	if _, err := io.WriteString(p.in, line+"\n"); err != nil {
		p.t.Fatal(err)
	}
}

func (p *plainRun) finished() checkpoint.StepRecord {
	p.t.Helper()
	select {
	case <-p.done:
	case <-time.After(steptest.Timeout):
		p.t.Fatalf("the step did not end; output:\n%s", p.out.String()[p.seen:])
	}
	if p.err != nil {
		p.t.Fatalf("plain run: %v\n%s", p.err, p.out.String())
	}
	return p.rec
}

// enrol reads the set-up key the plain prompts give, as a screen reader's user types it
// into the app, and types the app's two codes, the first with a typo that the local
// check refuses before AWS sees it. It returns the seed.
func (p *plainRun) enrol(h *steptest.Harness, user string) string {
	p.t.Helper()
	seed := p.readKey(user)
	// Codes as oathtool would print them from the key: the previous and the current one.
	first, second := codes(p.t, seed)
	before := calls(h, "EnableMFADevice")
	p.answer("First code: ", first)
	p.answer("Second code: ", typo(second))
	p.waitFor("This code doesn't match the new device")
	if calls(h, "EnableMFADevice") != before {
		p.t.Fatal("a wrong code reached AWS")
	}
	p.answer("First code: ", first)
	p.answer("Second code: ", second)
	return seed
}

// readKey reads the set-up key the plain prompts give for user's new device.
func (p *plainRun) readKey(user string) string {
	p.t.Helper()
	p.waitFor("MFA for " + user)
	key := p.waitFor("Account: ")
	var seed strings.Builder
	for l := range strings.Lines(key) {
		for _, f := range strings.Fields(l) {
			if keyGroup.MatchString(f) {
				seed.WriteString(f)
			}
		}
	}
	if seed.Len() != 64 {
		p.t.Fatalf("read a %d-character key:\n%s", seed.Len(), key)
	}
	return seed.String()
}

// Plain mode (--accessible) enrols the emergency administrator's MFA device from the two
// code lines, and shows the console password once.
func TestEmergencyAdminInPlainMode(t *testing.T) {
	h := steptest.New(t, simulator.Options{})
	h.Env.Answers.EmergencyAdmin = answers.EmergencyAdmin{Enabled: yes()}
	run := startPlain(t, h, "emergency-admin")
	run.answer("Create an emergency administrator?", "")
	run.answer(`(press enter to keep "emergency-admin")`, "")
	run.waitFor("Create the IAM user emergency-admin")
	run.answer("Go ahead?", "")
	run.enrol(h, "emergency-admin")
	run.waitFor("Console password for emergency-admin")
	run.waitFor("Password: ")
	password := strings.TrimSpace(run.waitFor("\n"))
	run.answer("When you have stored it:", "")
	rec := run.finished()
	if rec.Outcome != checkpoint.Verified || rec.Resources["console_sign_in"] != "ready" {
		t.Errorf("record %+v", rec)
	}
	requireOneEnabledDevice(t, h, "emergency-admin")
	if len(password) < 14 {
		t.Errorf("password %d characters long", len(password))
	}
}

// Plain mode enrols the picked IAM users' MFA devices from their code lines.
func TestUsersMFAInPlainMode(t *testing.T) {
	h := steptest.New(t, simulator.Options{})
	addConsoleUser(t, h, "alice", true)
	run := startPlain(t, h, "iam-users-mfa")
	run.waitFor("Set up MFA for")
	run.answer("Enter a number between 0 and 1: ", "0") // keep alice, picked already
	run.waitFor("Create a virtual MFA device for alice")
	run.answer("Go ahead?", "")
	run.enrol(h, "alice")
	rec := run.finished()
	if rec.Outcome != checkpoint.Verified || rec.Resources["enrolled_users"] != "alice" {
		t.Errorf("record %+v", rec)
	}
	requireOneEnabledDevice(t, h, "alice")
}

// This machine's clock is three minutes behind AWS's (the simulator's, which it sends in
// the Date header of its answers), and the phone's is right: the codes fail a check on
// this machine's time, so firstrun says why and lets AWS judge them, and AWS takes them.
func TestMFACodesWhenThisMachinesClockIsOff(t *testing.T) {
	const skew = 3 * time.Minute
	h := steptest.New(t, simulator.Options{Clock: func() time.Time { return time.Now().Add(skew) }})
	addConsoleUser(t, h, "alice", true)
	run := startPlain(t, h, "iam-users-mfa")
	run.answer("Enter a number between 0 and 1: ", "0")
	run.answer("Go ahead?", "")
	seed := run.readKey("alice")
	first, second := codesAt(t, seed, time.Now().Add(skew)) // the phone's clock, set by the network
	run.answer("First code: ", first)
	run.answer("Second code: ", second)
	run.waitFor("This machine's clock is ")
	run.waitFor("behind AWS's")
	if rec := run.finished(); rec.Outcome != checkpoint.Verified {
		t.Errorf("record %+v", rec)
	}
	requireOneEnabledDevice(t, h, "alice")
	if n := calls(h, "EnableMFADevice"); n != 1 {
		t.Errorf("%d EnableMFADevice calls, want 1", n)
	}
}
