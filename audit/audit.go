// Package audit checks, reading only, where an account stands against every step of the
// documented sequence: each step is one control, mapped to its CIS AWS Foundations
// Benchmark control where one exists. It runs on accounts firstrun never set up, so it
// uses no checkpoint, and it makes no change.
package audit

import (
	"cmp"
	"context"
	"time"

	"github.com/firstrun/firstrun/answers"
	"github.com/firstrun/firstrun/awsclient"
	"github.com/firstrun/firstrun/steps/engine"
	"github.com/firstrun/firstrun/steps/step"
)

// DefaultParallel bounds how many checks run at once in one account: enough to hide AWS's
// latency, few enough to stay clear of its rate limits, which are per account.
const DefaultParallel = 8

// DefaultAccountsAtOnce bounds how many accounts are audited at once. Accounts don't share
// rate limits, so this is higher: a consultant's 50 accounts take two rounds of the
// slowest account's chain of calls, not seven.
const DefaultAccountsAtOnce = 32

// checkTimeout bounds one check, so that a call that never returns holds up one control
// rather than the whole audit.
const checkTimeout = 2 * time.Minute

// Control is one step's result. Its JSON form is documented in the README.
type Control struct {
	ID     string             `json:"id"`
	Title  string             `json:"title"`
	Status step.ControlStatus `json:"status"`
	Detail string             `json:"detail"`
	// CIS is the CIS AWS Foundations Benchmark control, or "" where none applies.
	CIS string `json:"cis"`
}

// Result is the audit of one account. Its JSON form is documented in the README.
type Result struct {
	Account string `json:"account"` // empty when the account could not be reached
	// Name, Profile and Role say how the account was reached: its name in the
	// organization (--org), the profile (--profiles), the role assumed (--org).
	Name    string    `json:"account_name,omitempty"`
	Profile string    `json:"profile,omitempty"`
	Role    string    `json:"role,omitempty"`
	Caller  string    `json:"caller,omitempty"` // the ARN the checks ran as
	Region  string    `json:"region,omitempty"`
	Time    time.Time `json:"time"`
	Version string    `json:"firstrun_version"`
	// Error says why the account could not be audited; Controls is then empty.
	Error    string    `json:"error,omitempty"`
	Controls []Control `json:"controls"`
}

// Failed reports whether a control failed or the account could not be audited.
func (r Result) Failed() bool {
	if r.Error != "" {
		return true
	}
	for _, c := range r.Controls {
		if c.Status == step.Fail {
			return true
		}
	}
	return false
}

// AnyFailed reports whether any of results failed: the audit's exit code is 1 then.
func AnyFailed(results []Result) bool {
	for _, r := range results {
		if r.Failed() {
			return true
		}
	}
	return false
}

// Options are what every account's audit shares.
type Options struct {
	// Sequence is the steps to check, in order: steps.Sequence() in the program.
	Sequence []step.Definition
	// Answers, from --answers, tell checks what the operator chose (the Identity Center
	// Region above all); nil means none.
	Answers *answers.Answers
	// Parallel bounds the checks at once per account; DefaultParallel if 0.
	Parallel int
	// AccountsAtOnce bounds the accounts audited at once; DefaultAccountsAtOnce if 0.
	AccountsAtOnce int
	Version        string
	Now            func() time.Time // time.Now if nil
}

func (o Options) parallel() int { return cmp.Or(o.Parallel, DefaultParallel) }

func (o Options) accountsAtOnce() int { return cmp.Or(o.AccountsAtOnce, DefaultAccountsAtOnce) }

func (o Options) now() time.Time {
	if o.Now == nil {
		return time.Now().UTC().Truncate(time.Second)
	}
	return o.Now().UTC().Truncate(time.Second)
}

// Target is a connected account: its clients and who they act as.
type Target struct {
	AWS      *awsclient.Clients
	Identity awsclient.Identity
}

// Account checks one account against every step of o.Sequence. At most o.Parallel
// checks run at once; the controls come back in the sequence's order.
func Account(ctx context.Context, t Target, o Options) Result {
	r := Result{Account: t.Identity.Account, Caller: t.Identity.ARN, Region: t.Identity.Region,
		Time: o.now(), Version: o.Version, Controls: make([]Control, len(o.Sequence))}
	env := step.Env{
		Ctx: ctx, AWS: t.AWS, Identity: t.Identity, Sequence: o.Sequence,
		Answers: answersFor(ctx, o.Answers, t), Now: time.Now, Version: o.Version,
	}
	forEach(len(o.Sequence), o.parallel(), func(i int) {
		r.Controls[i] = check(ctx, o.Sequence[i], env)
	})
	return r
}

// answersFor is what the checks of an account are told: a's answers, with the Identity
// Center Region filled in as the wizard would propose it. Unless the answers name it, it
// is where the account's instance is: an account has one across all Regions, in any of
// them, so the search starts in the answers' Region (else the account's own) and goes on
// in every other Region the account has enabled. With no instance, or none readable, it
// is the Region searched first, where the checks then say what they found.
func answersFor(ctx context.Context, a *answers.Answers, t Target) *answers.Answers {
	var out answers.Answers
	if a != nil {
		out = *a
	}
	if out.IdentityCenter.Region != "" {
		return &out
	}
	out.IdentityCenter.Region = cmp.Or(out.Region, t.Identity.Region)
	if found, err := awsclient.FindIdentityCenter(ctx, t.AWS, out.IdentityCenter.Region); err == nil && len(found.Instances) > 0 {
		out.IdentityCenter.Region = found.Instances[0].Region
	}
	return &out
}

// check runs one step's check. Each check gets its own copy of env, with no checkpoint
// and no console: an audit only reads.
func check(ctx context.Context, d step.Definition, env step.Env) Control {
	c := Control{ID: string(d.ID), Title: d.Title, CIS: d.CIS}
	switch {
	case d.Flow != nil:
		ctx, cancel := context.WithTimeout(ctx, checkTimeout)
		defer cancel()
		env.Ctx = ctx
		got := engine.Check(ctx, d.Core(), env.Base())
		c.Status, c.Detail = got.Status, got.Detail
	case !d.Available():
		c.Status, c.Detail = step.NotRun, "This version of firstrun does not have this step yet."
	case d.Headless.Check == nil:
		c.Status, c.Detail = step.Manual, "No automatic check; look by hand. "+d.Purpose
	default:
		ctx, cancel := context.WithTimeout(ctx, checkTimeout)
		defer cancel()
		env.Ctx = ctx
		got, err := d.Headless.Check(ctx, &env)
		switch {
		case err != nil:
			c.Status, c.Detail = step.Errored, awsclient.Explain(err).Summary()
		case !known(got.Status):
			c.Status, c.Detail = step.Errored, "The check gave no result (status "+string(got.Status)+")."
		default:
			c.Status, c.Detail = got.Status, got.Detail
		}
	}
	return c
}

func known(s step.ControlStatus) bool {
	switch s {
	case step.Pass, step.Fail, step.Manual, step.Errored, step.NotRun:
		return true
	}
	return false
}
