// Package steptest runs steps and the root model in tests: against the simulated account
// through the real SDK clients, in a real Bubble Tea program loop, with the screen readable
// as plain text.
package steptest

import (
	"context"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/credentials"

	"github.com/firstrun/firstrun/answers"
	"github.com/firstrun/firstrun/awsclient"
	"github.com/firstrun/firstrun/awsclient/simulator"
	"github.com/firstrun/firstrun/awsclient/simulator/simtest"
	"github.com/firstrun/firstrun/demo"
	"github.com/firstrun/firstrun/steps"
	"github.com/firstrun/firstrun/steps/checkpoint"
	core "github.com/firstrun/firstrun/steps/core"
	"github.com/firstrun/firstrun/steps/engine"
	"github.com/firstrun/firstrun/steps/step"
	"github.com/firstrun/firstrun/ui/keys"
	"github.com/firstrun/firstrun/ui/theme"
)

// Harness is a simulated account and an open checkpoint, with the Env a step gets.
type Harness struct {
	t      testing.TB
	Sim    *simulator.Simulator
	Dir    string // the state directory
	Env    *step.Env
	aws    awsclient.Options
	cancel context.CancelFunc
}

// connect makes the clients a run starts with.
func connect(t testing.TB, o awsclient.Options) *awsclient.Clients {
	t.Helper()
	cfg, err := awsclient.LoadConfig(context.Background(), o)
	if err != nil {
		t.Fatalf("LoadConfig: %v", err)
	}
	return awsclient.NewClients(cfg)
}

// New starts a simulated account (opts.Scenario, NewAccount by default) and opens its
// checkpoint in a temporary state directory. configure, if given, changes the AWS
// configuration as a mode of firstrun does (an unattended run remembers reads).
func New(t testing.TB, opts simulator.Options, configure ...func(*awsclient.Options)) *Harness {
	t.Helper()
	sim, backend := simtest.Start(t, opts)
	retries := &awsclient.Retries{}
	// The production configuration, with retries that don't wait: faults cost no time.
	o := awsclient.Options{
		Isolated: true, EndpointURL: backend.URL, Region: "us-east-1",
		Credentials: credentials.StaticCredentialsProvider{Value: backend.Credentials},
		MaxBackoff:  time.Millisecond, Retries: retries,
	}
	for _, f := range configure {
		f(&o)
	}
	clients := connect(t, o)
	id, err := clients.WhoAmI(context.Background())
	if err != nil {
		t.Fatalf("WhoAmI: %v", err)
	}
	h := &Harness{t: t, Sim: sim, Dir: t.TempDir(), aws: o}
	ctx, cancel := context.WithCancel(context.Background())
	h.cancel = cancel
	h.Env = &step.Env{
		Ctx:      ctx,
		AWS:      clients,
		Identity: id,
		Sequence: steps.Sequence(),
		Console:  demo.Console{Sim: sim.Console()},
		Answers:  &answers.Answers{},
		Retries:  retries,
		Theme:    theme.Plain(),
		Keys:     keys.Default(),
		Now:      time.Now,
		Version:  "test",
	}
	h.open()
	t.Cleanup(func() {
		cancel()
		_ = h.Env.Store.Close()
	})
	return h
}

func (h *Harness) open() {
	h.t.Helper()
	store, err := checkpoint.Open(h.Dir, h.Env.Identity.Account, checkpoint.Options{ToolVersion: "test", Region: h.Env.Identity.Region})
	if err != nil {
		h.t.Fatalf("checkpoint.Open: %v", err)
	}
	h.Env.Store = store
}

// Restart is what a new run sees after the old one was killed: the checkpoint is closed
// and opened again, and nothing held in memory survives. The simulated account goes on.
// The new run gets a new Env, so commands the old run left behind keep the old one.
func (h *Harness) Restart() {
	h.t.Helper()
	h.cancel()
	_ = h.Env.Store.Close()
	ctx, cancel := context.WithCancel(context.Background())
	h.cancel = cancel
	env := *h.Env
	env.Ctx = ctx
	env.AWS = connect(h.t, h.aws)
	h.Env = &env
	h.open()
}

// Cancel cancels the Env's context, as the root model does when an operator abandons a
// call in flight.
func (h *Harness) Cancel() { h.cancel() }

// Definition returns the sequence's definition of id.
func (h *Harness) Definition(id step.ID) step.Definition {
	h.t.Helper()
	d, ok := steps.Find(h.Env.Sequence, id)
	if !ok {
		h.t.Fatalf("no step %q in the sequence", id)
	}
	return d
}

// Record is the saved record of step id.
func (h *Harness) Record(id step.ID) checkpoint.StepRecord {
	return h.Env.Store.Document().Steps[string(id)]
}

// MutatingCalls counts the calls that changed the simulated account, console actions
// excluded.
func (h *Harness) MutatingCalls() []simulator.Call {
	var out []simulator.Call
	for _, c := range h.Sim.Calls() {
		if c.Mutating && c.Service != "console" {
			out = append(out, c)
		}
	}
	return out
}

// Core is step id as the engine runs it.
func (h *Harness) Core(id step.ID) core.Definition {
	h.t.Helper()
	d := h.Definition(id)
	if d.Flow == nil {
		h.t.Fatalf("step %s has no Flow", id)
	}
	return d.Core()
}

// Audit is step id's audit control, as firstrun audit checks it: reading only, with no
// checkpoint.
func (h *Harness) Audit(id step.ID) core.Control {
	h.t.Helper()
	env := h.Env.Base()
	env.Saved = checkpoint.Document{}
	return engine.Check(context.Background(), h.Core(id), env)
}

// Unattended runs step id as --non-interactive does, with nobody to answer: its outcome
// is saved in the checkpoint.
func (h *Harness) Unattended(id step.ID) (checkpoint.StepRecord, error) {
	h.t.Helper()
	return engine.Run(context.Background(), h.Core(id), h.Env.Base(), engine.Nobody{}, h.Env.Store)
}

// Plan is what --plan says of step id.
func (h *Harness) Plan(id step.ID) (engine.Plan, error) {
	h.t.Helper()
	return engine.PlanStep(context.Background(), h.Core(id), h.Env.Base())
}
