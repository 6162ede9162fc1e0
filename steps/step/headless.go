package step

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"github.com/firstrun/firstrun/steps/checkpoint"
	core "github.com/firstrun/firstrun/steps/core"
)

// Headless is a step's work without a screen: what firstrun audit, --plan and
// --non-interactive run. Every field is optional; a step that leaves one out says so by
// omission (nothing to check, nothing to plan, needs a person).
type Headless struct {
	// Check reads AWS, and only reads, to say whether the step's goal holds now. It must
	// not rely on the checkpoint: an audit runs on accounts firstrun never set up.
	Check func(ctx context.Context, env *Env) (Control, error)
	// Plan lists, reading only, the changes Run would make with env.Answers. For work
	// only the operator can do (the console), it returns a *WaitingError saying what.
	Plan func(ctx context.Context, env *Env) ([]Change, error)
	// Run does the step from env.Answers without a person and returns the outcome to
	// save; it is idempotent, as the screen is. It returns a *WaitingError when the step
	// needs an operator (console work, a prerequisite they must do first).
	Run func(ctx context.Context, env *Env) (checkpoint.StepRecord, error)
}

// ControlStatus is an audit control's result.
type ControlStatus = core.ControlStatus

const (
	Pass    = core.Pass
	Fail    = core.Fail
	Manual  = core.Manual
	Errored = core.Errored
	NotRun  = core.NotRun
)

// Control is what a step's check found.
type Control = core.Control

// Change is one change a run would make, for --plan.
type Change struct {
	Service   string // "iam"
	Operation string // "CreateRole"
	Resource  string // "role Billing"
	// Fields are the change's key values, in order.
	Fields []Field
}

// Field is a named value of a Change.
type Field struct{ Name, Value string }

func (c Change) String() string {
	var b strings.Builder
	fmt.Fprintf(&b, "%s:%s %s", c.Service, c.Operation, c.Resource)
	for _, f := range c.Fields {
		fmt.Fprintf(&b, " %s=%s", f.Name, f.Value)
	}
	return b.String()
}

// WaitingError says a step can't go on without the operator, and what they must do.
type WaitingError = core.WaitingError

// Waiting returns a *WaitingError for what.
func Waiting(what string) error { return core.Waiting(what) }

// IsWaiting reports whether err says the step waits for the operator.
func IsWaiting(err error) bool {
	var w *WaitingError
	return errors.As(err, &w)
}
