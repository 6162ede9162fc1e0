package step

import (
	"context"
	"errors"
	"time"

	"github.com/firstrun/firstrun/awsclient"
	"github.com/firstrun/firstrun/steps/checkpoint"
)

// Operator is the person a step runs for, as a front-end reaches them: the full screen,
// plain line prompts, or nobody (a run from the answers file, which takes each value the
// questions start with and waits where only a person can go on). The engine calls one
// method at a time, and each returns when the person has answered.
type Operator interface {
	// Begin starts a part of a step: its introduction, said before anything else.
	Begin(intro string)
	// Working says what the step is doing in AWS now; it returns at once.
	Working(w Work)
	// Review shows what the step found and what would change, and returns Continue, or
	// Skip when the operator skips the step.
	Review(ctx context.Context, r Review) (Choice, error)
	// Ask asks a form's questions and writes the answers through its fields. It returns
	// ErrSkipped when the operator skips the step instead.
	Ask(ctx context.Context, f *Form) error
	// Problem explains a failed AWS call, and returns Retry or Skip.
	Problem(ctx context.Context, p Problem) (Choice, error)
	// Guide gives console instructions and returns once the guide's Check shows the work
	// done (Verified), the operator vouches for work AWS can't check (Confirmed), or the
	// operator skips it (Skipped).
	Guide(ctx context.Context, g Guide) (GuideResult, error)
	// Codes shows a new MFA device to add to an authenticator app, and returns two
	// consecutive codes that the prompt's Check accepts, or ErrCanceled.
	Codes(ctx context.Context, c Codes) (first, second string, err error)
	// Reveal shows a secret once, and returns when the operator has noted it.
	Reveal(ctx context.Context, s Secret) error
}

// Choice is what the operator chose on a review or a problem.
type Choice int

const (
	Continue Choice = iota
	Skip
	Retry
)

// WorkKind says what an AWS call is for.
type WorkKind int

const (
	Reading   WorkKind = iota // before a change: nothing changes
	Changing                  // a change is being made: abandoning it needs a confirmation
	Verifying                 // reading again, after a change
)

// Work is the AWS call under way.
type Work struct {
	Kind WorkKind
	// Status, when set, is the latest word of asynchronous work: "PROVISIONING: IN_PROGRESS".
	Status string
}

// Review is what a step shows before it changes anything.
type Review struct {
	Facts    []Fact
	Note     string
	Table    *Table
	Sections []Section
	// Changes are what will change; empty when nothing will.
	Changes []Change
	// ReadOnly says the step changes nothing: the operator reads it and goes on.
	ReadOnly bool
	// ConfirmLabel names the change on the confirm key.
	ConfirmLabel string
	// Decision, when set, is what only the operator can decide or do here.
	Decision string
}

// InPlace reports whether the review says nothing needs to change.
func (r Review) InPlace() bool { return !r.ReadOnly && len(r.Changes) == 0 }

// Problem is a failed AWS call, explained, and the phase it stopped.
type Problem struct {
	awsclient.Problem
	During WorkKind
}

// GuideResult is how console work ended.
type GuideResult struct {
	// Outcome is Verified, Confirmed or Skipped.
	Outcome checkpoint.Outcome
	// Detail says what AWS showed, or why it was confirmed.
	Detail string
	// Found is the Check's inspection that showed the work done, when Verified.
	Found Inspection
}

// Codes is a new virtual MFA device waiting for its first two codes.
type Codes struct {
	// User is who the device is for.
	User string
	// Title heads the screen: "MFA for emergency-admin".
	Title string
	// URI is the otpauth URI the QR code holds; ShortURI, without the account in its label,
	// is drawn when URI makes the code too big for the window.
	URI, ShortURI string
	// Secret is the device's seed, shown as text on request. It is never saved.
	Secret string
	// Message, when set, says why codes are asked again ("AWS did not accept these codes").
	Message string
	// Check checks two codes before they are sent: nil when they may be, else which of the
	// two is wrong and why.
	Check func(first, second string, now time.Time) *CodeProblem
}

// CodeProblem says what is wrong with two MFA codes, and at which of the two.
type CodeProblem struct {
	Field   int // 0 for the first code, 1 for the second
	Message string
}

func (p *CodeProblem) Error() string { return p.Message }

// Secret is a value shown once and never saved: a console password.
type Secret struct {
	Title string
	// Facts are shown with it: where to sign in, the user name.
	Facts []Fact
	// Label names the secret among the facts: "Password".
	Label string
	Value string
	// Note says what to do with it.
	Note string
}

// Act is what Apply is given: a way to save each side effect as it happens, to report the
// progress of asynchronous work, and to reach the operator mid-change.
type Act struct {
	id       ID
	op       Operator
	progress func(Outputs) error
}

// NewAct is the Act the engine gives step id's Apply: progress saves outputs as they exist.
func NewAct(id ID, op Operator, progress func(Outputs) error) *Act {
	return &Act{id: id, op: op, progress: progress}
}

// Progress saves outputs of a side effect now, before anything else happens, so a run
// stopped after it knows what exists.
func (a *Act) Progress(o Outputs) error { return a.progress(o) }

// Status reports the latest word of asynchronous work.
func (a *Act) Status(line string) { a.op.Working(Work{Kind: Changing, Status: line}) }

// Codes asks the operator for a new MFA device's first two codes.
func (a *Act) Codes(ctx context.Context, c Codes) (string, string, error) {
	defer a.op.Working(Work{Kind: Changing})
	return a.op.Codes(ctx, c)
}

// Reveal shows the operator a secret once.
func (a *Act) Reveal(ctx context.Context, s Secret) error {
	defer a.op.Working(Work{Kind: Changing})
	return a.op.Reveal(ctx, s)
}

// Guide asks the operator for console work in the middle of a change (approving a
// sign-in).
func (a *Act) Guide(ctx context.Context, g Guide) (GuideResult, error) {
	defer a.op.Working(Work{Kind: Changing})
	if g.Action.Step == "" {
		g.Action.Step = a.id
	}
	return a.op.Guide(ctx, g)
}

// ErrSkipped means the operator chose to skip the step.
var ErrSkipped = errors.New("skipped by the operator")

// ErrStopped means the operator stopped the run (the plain prompts' input ended); the
// progress saved so far stands, and nothing more is saved.
var ErrStopped = errors.New("stopped by the operator")

// ErrCanceled means the operator gave up on what was asked (an MFA device's codes).
var ErrCanceled = errors.New("canceled by the operator")

// WaitingError says a step can't go on without the operator, and what they must do.
type WaitingError struct {
	// For is what the operator must do: "enable IAM Identity Center in the console".
	For string
}

func (e *WaitingError) Error() string { return "waiting for the operator: " + e.For }

// Waiting returns a *WaitingError for what.
func Waiting(what string) error { return &WaitingError{For: what} }

// IsWaiting reports whether err says the step waits for the operator, and for what.
func IsWaiting(err error) (string, bool) {
	var w *WaitingError
	if errors.As(err, &w) {
		return w.For, true
	}
	var p prerequisite
	if errors.As(err, &p) {
		return p.Prerequisite(), true
	}
	return "", false
}

// prerequisite is an error that says something an earlier step makes is missing in AWS
// (Identity Center not enabled, no administrator user), rather than that a call failed.
// A run without a person waits for it, and an audit reports it as a failed control.
type prerequisite interface {
	error
	// Prerequisite says what the operator must do first.
	Prerequisite() string
	// Finding says what is missing, as an audit reports it.
	Finding() string
}

// Finding returns what a prerequisite error says is missing, for the audit.
func Finding(err error) (string, bool) {
	var p prerequisite
	if errors.As(err, &p) {
		return p.Finding(), true
	}
	return "", false
}
