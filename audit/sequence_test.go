package audit_test

import (
	"errors"
	"io/fs"
	"os"
	"slices"
	"testing"

	"github.com/firstrun/firstrun/answers"
	"github.com/firstrun/firstrun/audit"
	"github.com/firstrun/firstrun/awsclient/simulator"
	"github.com/firstrun/firstrun/awsclient/simulator/simtest"
	"github.com/firstrun/firstrun/steps"
	"github.com/firstrun/firstrun/steps/step"
	"github.com/firstrun/firstrun/steps/steptest"
)

// TestTheAuditOfEveryStepOnlyReads audits, with every check this build has, accounts in
// every state the simulator knows, and proves from the call log that nothing changed.
func TestTheAuditOfEveryStepOnlyReads(t *testing.T) {
	seq := steps.Sequence()
	checked := 0
	for _, d := range seq {
		if d.Available() && d.Headless.Check != nil {
			checked++
		}
	}
	t.Logf("%d of the %d steps have a check in this build", checked, len(seq))

	for _, sc := range simulator.Scenarios() {
		t.Run(string(sc), func(t *testing.T) {
			sim, target, _ := connect(t, simulator.Options{Scenario: sc})
			sim.ResetCalls()
			r := audit.Account(t.Context(), target, audit.Options{Sequence: seq})
			requireReadOnly(t, sim)
			requireSequence(t, r, seq)
			for _, c := range r.Controls {
				// A member of someone else's organization may be refused a read; any other
				// account in the simulator lets its caller read everything.
				if c.Status == step.Errored && sc != simulator.ExistingOrganization {
					t.Errorf("check %s errored: %s", c.ID, c.Detail)
				}
			}
			t.Logf("%s", r.Tally())
		})
	}
	t.Run("organization", func(t *testing.T) {
		sim, mgmt, cfg := connect(t, simulator.Options{Scenario: simulator.IAMAdminCaller})
		simtest.Organization(t, cfg, 2)
		sim.ResetCalls()
		sources, err := audit.Organization(t.Context(), mgmt, "OrganizationAccountAccessRole")
		if err != nil {
			t.Fatal(err)
		}
		results := audit.Accounts(t.Context(), sources, audit.Options{Sequence: seq})
		requireReadOnly(t, sim)
		for _, r := range results {
			if r.Error != "" {
				t.Errorf("account %s: %s", r.Account, r.Error)
			}
			requireSequence(t, r, seq)
		}
	})
}

// TestANewAccountFailsWhatARunWouldChange is the first half of issue 8's acceptance "on a
// new simulated account the audit reports fail for every automatable control": a step
// whose plan, with the example answers, lists a change must not pass the audit. (The
// second half, pass after a run, is TestAuditPassesAfterANonInteractiveRun in package
// main.)
func TestANewAccountFailsWhatARunWouldChange(t *testing.T) {
	seq := steps.Sequence()
	var planned []step.Definition
	for _, d := range seq {
		if d.Available() && d.Headless.Check != nil && d.Headless.Plan != nil {
			planned = append(planned, d)
		}
	}
	if len(planned) == 0 {
		t.Skip("no step of this build has both a Headless Check and Plan yet")
	}
	const example = "../assets/answers.example.yaml"
	if _, err := os.Stat(example); errors.Is(err, fs.ErrNotExist) {
		t.Skip("assets/answers.example.yaml is not in this build")
	}
	file, err := answers.Load(example)
	if err != nil {
		t.Fatal(err)
	}
	h := steptest.New(t, simulator.Options{Scenario: simulator.NewAccount})
	h.Env.Answers = &file.Answers
	r := audit.Account(t.Context(), audit.Target{AWS: h.Env.AWS, Identity: h.Env.Identity},
		audit.Options{Sequence: seq, Answers: &file.Answers})
	failing := 0
	for _, d := range planned {
		c := r.Controls[slices.IndexFunc(seq, func(s step.Definition) bool { return s.ID == d.ID })]
		changes, err := d.Headless.Plan(t.Context(), h.Env)
		switch {
		case step.IsWaiting(err):
			continue
		case err != nil:
			t.Errorf("plan of %s: %v", d.ID, err)
		case len(changes) > 0 && c.Status == step.Pass:
			// Work left to do must never pass; a check that can't tell says manual.
			t.Errorf("%s: a run would make %d changes (%v), but the audit says pass: %s", d.ID, len(changes), changes[0], c.Detail)
		case len(changes) > 0 && c.Status == step.Fail:
			failing++
		}
	}
	t.Logf("%d of %d planned steps have work to do on a new account, and fail the audit", failing, len(planned))
}

func requireReadOnly(t *testing.T, sim *simulator.Simulator) {
	t.Helper()
	for _, c := range sim.Calls() {
		if c.Mutating {
			t.Errorf("the audit called %s:%s, which changes the account", c.Service, c.Operation)
		}
	}
}

func requireSequence(t *testing.T, r audit.Result, seq []step.Definition) {
	t.Helper()
	if len(r.Controls) != len(seq) {
		t.Fatalf("%d controls for %d steps", len(r.Controls), len(seq))
	}
	for i, d := range seq {
		if c := r.Controls[i]; c.ID != string(d.ID) || c.Title != d.Title || c.CIS != d.CIS || c.Status == "" {
			t.Errorf("control %d = %+v, want step %s", i, c, d.ID)
		}
	}
}
