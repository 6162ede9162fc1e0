package audit_test

import (
	"context"
	"reflect"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/firstrun/firstrun/answers"
	"github.com/firstrun/firstrun/audit"
	"github.com/firstrun/firstrun/awsclient/simulator"
	"github.com/firstrun/firstrun/steps/step"
)

func TestEachStepIsAControlInSequenceOrder(t *testing.T) {
	sim, target, _ := connect(t, simulator.Options{Scenario: simulator.NewAccount})
	if err := sim.Faults().Add(simulator.Fault{Target: "iam:ListUsers", Kind: simulator.FaultDenied}); err != nil {
		t.Fatal(err)
	}
	r := audit.Account(t.Context(), target, audit.Options{Sequence: readChecks(), Version: "1.2.3", Now: fixedNow})

	if r.Account != "412318265094" || r.Caller != "arn:aws:iam::412318265094:root" || r.Region != "us-east-1" ||
		!r.Time.Equal(fixedNow()) || r.Version != "1.2.3" || r.Error != "" {
		t.Errorf("result header %+v", r)
	}
	want := []struct {
		id     string
		status step.ControlStatus
		detail string
		cis    string
	}{
		{"caller", step.Pass, "Runs as arn:aws:iam::412318265094:root", ""},
		{"root-mfa", step.Fail, "AccountMFAEnabled is 0", "1.5"},
		{"password-policy", step.Fail, "No password policy is set.", "1.8"},
		{"organization", step.Fail, "The account is in no organization.", ""},
		{"iam-users", step.Errored, "iam:ListUsers failed: AccessDenied: User: arn:aws:iam::412318265094:root is not authorized to perform: iam:ListUsers", ""},
		{"root-password", step.Manual, "No automatic check; look by hand. Give the root user a strong, unique password.", ""},
		{"not-built", step.NotRun, "This version of firstrun does not have this step yet.", ""},
	}
	if len(r.Controls) != len(want) {
		t.Fatalf("%d controls, want %d: %+v", len(r.Controls), len(want), r.Controls)
	}
	for i, w := range want {
		c := r.Controls[i]
		if c.ID != w.id || c.Status != w.status || !strings.HasPrefix(c.Detail, w.detail) || c.CIS != w.cis {
			t.Errorf("control %d = %+v, want %s %s %q (cis %q)", i, c, w.id, w.status, w.detail, w.cis)
		}
	}
	if r.Controls[1].Title != "Root user MFA" {
		t.Errorf("title %q", r.Controls[1].Title)
	}
	if !r.Failed() {
		t.Error("an audit with failing controls does not say it failed")
	}
}

func TestChecksGetNoCheckpointNoConsoleAndTheIdentityCenterRegion(t *testing.T) {
	_, target, _ := connect(t, simulator.Options{})
	for _, tc := range []struct {
		name    string
		answers *answers.Answers
		want    string
	}{
		{"no answers file", nil, "us-east-1"},
		{"a Region answered", &answers.Answers{Region: "eu-west-1"}, "eu-west-1"},
		{"the Identity Center Region answered", &answers.Answers{Region: "eu-west-1", IdentityCenter: answers.IdentityCenter{Region: "eu-central-1"}}, "eu-central-1"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var before answers.Answers
			if tc.answers != nil {
				before = *tc.answers
			}
			var got step.Env
			seq := []step.Definition{{ID: "env", Screen: built, Headless: step.Headless{Check: func(_ context.Context, env *step.Env) (step.Control, error) {
				got = *env
				return step.Control{Status: step.Pass}, nil
			}}}}
			audit.Account(t.Context(), target, audit.Options{Sequence: seq, Answers: tc.answers})
			if got.Store != nil || got.Console != nil || got.Answers == nil || got.AWS != target.AWS || got.Identity != target.Identity {
				t.Errorf("env %+v", got)
			}
			if got.Answers.IdentityCenter.Region != tc.want {
				t.Errorf("Identity Center Region %q, want %q", got.Answers.IdentityCenter.Region, tc.want)
			}
			if tc.answers != nil && !reflect.DeepEqual(*tc.answers, before) {
				t.Errorf("the audit changed the operator's answers to %+v", *tc.answers)
			}
		})
	}
}

func TestChecksRunConcurrentlyUpToTheBound(t *testing.T) {
	_, target, _ := connect(t, simulator.Options{})
	const checks, bound = 20, 8
	ctx, cancel := context.WithTimeout(t.Context(), 10*time.Second)
	defer cancel()

	// Each check waits until bound checks are in flight at once: run one at a time,
	// the first would wait until the deadline.
	var inFlight, most atomic.Int32
	full := make(chan struct{})
	var once sync.Once
	seq := make([]step.Definition, checks)
	for i := range seq {
		seq[i] = step.Definition{ID: step.ID(rune('a' + i)), Screen: built, Headless: step.Headless{Check: func(ctx context.Context, _ *step.Env) (step.Control, error) {
			n := inFlight.Add(1)
			defer inFlight.Add(-1)
			for m := most.Load(); n > m && !most.CompareAndSwap(m, n); m = most.Load() {
			}
			if n == bound {
				once.Do(func() { close(full) })
			}
			select {
			case <-full:
				return step.Control{Status: step.Pass}, nil
			case <-ctx.Done():
				return step.Control{}, ctx.Err()
			}
		}}}
	}
	r := audit.Account(ctx, target, audit.Options{Sequence: seq, Parallel: bound})
	for i, c := range r.Controls {
		if c.ID != string(seq[i].ID) || c.Status != step.Pass {
			t.Errorf("control %d = %+v", i, c)
		}
	}
	if most.Load() != bound {
		t.Errorf("at most %d checks ran at once, want %d", most.Load(), bound)
	}
}

func TestAnyFailed(t *testing.T) {
	pass := audit.Result{Controls: []audit.Control{{Status: step.Pass}, {Status: step.Manual}, {Status: step.NotRun}}}
	errored := audit.Result{Controls: []audit.Control{{Status: step.Pass}, {Status: step.Errored}}}
	failing := audit.Result{Controls: []audit.Control{{Status: step.Pass}, {Status: step.Fail}}}
	unreached := audit.Result{Error: "sts:AssumeRole failed: AccessDenied"}
	for _, tc := range []struct {
		results []audit.Result
		want    bool
	}{
		{[]audit.Result{pass}, false},
		{[]audit.Result{pass, errored}, false},
		{[]audit.Result{pass, failing}, true},
		{[]audit.Result{pass, unreached}, true},
	} {
		if got := audit.AnyFailed(tc.results); got != tc.want {
			t.Errorf("AnyFailed(%+v) = %v", tc.results, got)
		}
	}
}

// An account has one Identity Center instance across all Regions: the checks look where
// it is, not in the Region the audit runs in or the answers' Region, unless the answers
// name Identity Center's own.
func TestChecksLookForIdentityCenterWhereItIs(t *testing.T) {
	sim, target, _ := connect(t, simulator.Options{})
	if _, err := sim.Console().EnableIdentityCenter("ap-southeast-2"); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		name    string
		answers *answers.Answers
		want    string
	}{
		{"no answers file", nil, "ap-southeast-2"},
		{"a Region answered", &answers.Answers{Region: "eu-west-1"}, "ap-southeast-2"},
		{"the Identity Center Region answered", &answers.Answers{IdentityCenter: answers.IdentityCenter{Region: "eu-central-1"}}, "eu-central-1"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var got string
			seq := []step.Definition{{ID: "env", Screen: built, Headless: step.Headless{Check: func(_ context.Context, env *step.Env) (step.Control, error) {
				got = env.Answers.IdentityCenter.Region
				return step.Control{Status: step.Pass}, nil
			}}}}
			audit.Account(t.Context(), target, audit.Options{Sequence: seq, Answers: tc.answers})
			if got != tc.want {
				t.Errorf("Identity Center Region %q, want %q", got, tc.want)
			}
		})
	}
}
