package step

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/firstrun/firstrun/steps/checkpoint"
)

// Flow is a step as the engine runs it: read AWS, ask, say what will change, confirm,
// change, and read AWS again to verify. Every front-end runs the same Flow: the screen and
// the plain prompts ask the operator; a run without a person takes the answers file's
// values, and waits where only a person can go on. The audit's check is Inspect, and
// --plan lists the changes Inspect finds.
//
// The functions are called one at a time, from one goroutine, so they may share the
// step's state through their closures.
type Flow struct {
	// Intro says what the step does and why, in plain words.
	Intro string
	// Inspect reads AWS, and only reads, to say where the step's goal stands for the
	// choices made so far. It is the only required function.
	Inspect func(ctx context.Context) (Inspection, error)
	// Questions, when set, are what Apply needs to know. They are asked after the first
	// inspection, so they can start from what AWS has, and only while the goal does not
	// hold, unless AskAlways.
	Questions func(Inspection) *Form
	// AskAlways asks the Questions even when the goal holds: only the operator knows the
	// answer (are the root user's email and phone still theirs?).
	AskAlways bool
	// Revise, when set, redoes the inspection for the answers given, without reading AWS;
	// otherwise the engine inspects again once the questions are answered.
	Revise func(Inspection) Inspection
	// Decline, when set, is read once the questions are answered: a reason means the
	// operator chose not to make the change, and the step is skipped with that reason.
	Decline func() string
	// Apply makes the changes the inspection listed and returns the outputs of what it
	// made. It must be safe to run again after an interruption: it re-reads what exists.
	// A nil Apply makes the step read-only: verified once the operator has read it.
	Apply func(ctx context.Context, a *Act) (Outputs, error)
	// ConfirmLabel names the change on the confirm key: "create the role".
	ConfirmLabel string
	// Unverifiable, when set, says why AWS can't be asked to confirm what Apply did (the
	// credentials that would ask are the ones deleted): the step is then done, with this
	// reason, and not inspected again.
	Unverifiable string
	// Then, when set, is the part of the step that follows once this part's goal holds:
	// console work after an API call. It gets the outputs so far. The step's outcome is the
	// weaker of the two parts'; a Then part the operator declines leaves the first part's.
	Then func(Outputs) *Flow
}

// Inspection is what a step found in AWS, for the choices made so far.
type Inspection struct {
	// Facts are what AWS has now, shown to the operator.
	Facts []Fact
	// Note is a remark shown under the facts.
	Note string
	// Table, when set, is shown under the facts: findings, outcomes.
	Table *Table
	// Sections are shown under the table.
	Sections []Section
	// Holds says whether the step's goal holds as AWS shows it: the audit's verdict. With
	// no Changes, nothing needs to be done.
	Holds bool
	// Detail says in a sentence what AWS showed ("AccountMFAEnabled is 0"), for the audit,
	// the plan and the outcome's reason.
	Detail string
	// Changes are what Apply would do, in order.
	Changes []Change
	// Unknown, when set, says why reading alone can't tell whether the goal holds, because
	// only a change would show it (IAM has no recent credential report, and generating one
	// is a write): the audit reports the step for a person to look at, with this sentence,
	// instead of failing it. Runs and plans go by Changes as usual.
	Unknown string
	// Decision, when set, says what of the change only the operator can decide or do
	// (replace the trust policy of a role someone else made; scan a QR code): a run without
	// a person waits before changing anything, saying it.
	Decision string
	// Outputs identify what was found; they are saved with the outcome.
	Outputs Outputs
	// Console, when set, is work only the operator can do, in the AWS console: the engine
	// guides it instead of calling Apply.
	Console *Guide
	// Skip, when set, says why the step can't or needn't run here: it is saved as skipped
	// with this reason, and the audit reports it as not run.
	Skip string
	// Pending, when set, is what the operator must still do, outside firstrun, before the
	// goal holds (correct the root user's email in the console): the step is saved as
	// waiting for it, and offered again on the next run.
	Pending string
	// Settle, when set, is the step's outcome once the operator has read the inspection,
	// with nothing to change: a decision, such as leaving the root keys firstrun runs on to
	// the last step.
	Settle *checkpoint.StepRecord
}

// Satisfied reports whether nothing is left to do: the goal holds and nothing would change.
func (in Inspection) Satisfied() bool { return in.Holds && len(in.Changes) == 0 && in.Console == nil }

// Fact is one thing AWS reported, shown as "label  value".
type Fact struct {
	Label string
	Value string
	// Good, when set, marks the value as meeting (true) or missing (false) the goal.
	Good *bool
}

// Yes and No make Fact.Good values.
func Yes() *bool { v := true; return &v }
func No() *bool  { v := false; return &v }

// GoodIf is Yes when ok, else No.
func GoodIf(ok bool) *bool {
	if ok {
		return Yes()
	}
	return No()
}

// Table is rows of values under column headings.
type Table struct {
	// Columns head the columns; none means no heading row.
	Columns []string
	Rows    []Row
}

// Row is one row of a Table.
type Row struct {
	Cells []string
	Tone  Tone
	// Heading makes the row, its first cell, a heading over the rows that follow.
	Heading bool
	// Note is shown under the row, indented: a reason.
	Note string
}

// Tone says how a row or an outcome reads: good, worth attention, bad.
type Tone int

const (
	Plain Tone = iota
	Good
	Muted
	Attention
	Bad
	Critical
)

// Section is a heading over a list of items, or over a line of text when there are none.
type Section struct {
	Heading string
	Items   []string
	// Text is shown when there are no items, or under them.
	Text string
	Tone Tone
}

// Change is one change Apply would make: a sentence for the screen, and the API call for
// --plan.
type Change struct {
	Service   string // "iam"
	Operation string // "CreateRole"
	Resource  string // "role Billing"
	Params    []Param
	// Say is the change in a sentence: "Create the role Billing (arn:aws:iam::…:role/Billing)".
	Say string
	// Detail, when set, is shown under Say: a policy document.
	Detail string
}

// Param is a named value of a Change.
type Param struct{ Name, Value string }

// String is the change as --plan prints it: service:operation resource key=value...
func (c Change) String() string {
	var b strings.Builder
	fmt.Fprintf(&b, "%s:%s %s", c.Service, c.Operation, c.Resource)
	for _, p := range c.Params {
		fmt.Fprintf(&b, " %s=%s", p.Name, p.Value)
	}
	return b.String()
}

// Sentence is what the screen says of the change: Say, else the call.
func (c Change) Sentence() string {
	if c.Say != "" {
		return c.Say
	}
	return c.String()
}

// Guide is console work only the operator can do, because AWS has no API for it.
type Guide struct {
	// Note, when set, says why the work is the operator's, above the instructions.
	Note string
	// Instructions are the console steps, in order.
	Instructions []string
	// Link opens the right console page.
	Link string
	// QR, when set, is drawn as a QR code, for a phone to open.
	QR string
	// Facts are shown with the instructions: a code to type, a URL.
	Facts []Fact
	// Check reads AWS to see whether the work is done: Holds, and Detail says what it saw.
	// A nil Check means AWS offers no read-only check: the operator's word is recorded as
	// confirmed. Front-ends run it while they wait, and when the operator says it is done;
	// it is usually the Flow's own Inspect.
	Check func(ctx context.Context) (Inspection, error)
	// PollEvery is how often Check runs while the operator works; 0 means 5 seconds.
	PollEvery time.Duration
	// PollFor bounds how long Check runs on its own; 0 means for as long as the operator is
	// there. After that it runs only when asked, which starts the period again.
	PollFor time.Duration
	// Vouch, when set with a Check, lets the operator say it is done although Check does not
	// show it (they signed in themselves): recorded as confirmed, with this reason.
	Vouch string
	// Action is what the demo's simulated console does for this work.
	Action ConsoleAction
	// Work says what a run without a person waits for: "assign an MFA device to the root
	// user in the console".
	Work string
}

// ConsoleAction is one console-only action, which the demo's simulated console can do.
type ConsoleAction struct {
	Step   ID
	Region string // for Region-scoped services (Identity Center)
	Target string // the user or resource acted on, when there is one
}

// Console performs, on a simulated account, what an operator would do in the AWS console.
// It is nil on a real account.
type Console interface {
	Perform(ctx context.Context, a ConsoleAction) error
}
