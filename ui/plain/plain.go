// Package plain runs the wizard as plain line prompts, one after the other, for screen
// readers and terminals that can't show the full-screen interface (--accessible,
// TERM=dumb). It drives the same steps as the screens do: the Task, Guided and Ask screens
// through their own fields, and other screens through the Plain interface.
package plain

import (
	"context"
	"errors"
	"fmt"
	"io"

	tea "github.com/charmbracelet/bubbletea"

	"github.com/firstrun/firstrun/steps/checkpoint"
	core "github.com/firstrun/firstrun/steps/core"
	"github.com/firstrun/firstrun/steps/engine"
	"github.com/firstrun/firstrun/steps/step"
	"github.com/firstrun/firstrun/ui/kit"
)

// Plain is implemented by a step's screen that can also run as line prompts.
type Plain interface {
	RunPlain(ctx context.Context, p *Prompter) (checkpoint.StepRecord, error)
}

// ErrStopped means the operator chose to stop; progress is saved.
var ErrStopped = core.ErrStopped

// Prompter writes lines and reads answers.
type Prompter = kit.Prompter

// NewPrompter reads answers from in and writes to out.
func NewPrompter(in io.Reader, out io.Writer) *Prompter { return kit.NewPrompter(in, out) }

// Runner walks the sequence as line prompts.
type Runner struct {
	Env *step.Env
	P   *Prompter
}

// Run shows every step from where the saved setup stands to the end.
func (r *Runner) Run(ctx context.Context) error {
	seq := r.Env.Sequence
	doc := r.Env.Store.Document()
	r.P.Say(fmt.Sprintf("firstrun, account %s, %s. Nothing changes in the account until you confirm it.",
		r.Env.Identity.Account, r.Env.Identity.Region))
	for i := step.NextToRun(seq, doc, 0); i < len(seq); i = step.NextToRun(seq, r.Env.Store.Document(), i+1) {
		d := seq[i]
		r.P.Say("", fmt.Sprintf("Step %d of %d: %s", i+1, len(seq), d.Title), d.Purpose)
		rec, err := r.step(ctx, d)
		if err != nil {
			return err
		}
		r.P.Say(fmt.Sprintf("%s: %s%s", d.Title, step.Label(rec.Outcome), reason(rec)))
	}
	return nil
}

func reason(r checkpoint.StepRecord) string {
	if r.Reason == "" || r.Outcome == checkpoint.Verified {
		return ""
	}
	return " (" + r.Reason + ")"
}

func (r *Runner) step(ctx context.Context, d step.Definition) (checkpoint.StepRecord, error) {
	if d.Flow != nil {
		env := r.Env.Kit()
		env.Ctx = ctx
		rec, err := engine.Run(ctx, d.Core(), env.StepEnv(), kit.NewPlainOperator(env, r.P), r.Env.Store)
		if _, waiting := core.IsWaiting(err); waiting {
			return rec, nil // saved as waiting for work outside firstrun, and offered again
		}
		return rec, err
	}
	return r.screen(ctx, d.ID, d.Screen(r.Env, d))
}

// screen runs one screen of step id to the step's end, and saves the outcome.
func (r *Runner) screen(ctx context.Context, id step.ID, s step.Screen) (checkpoint.StepRecord, error) {
	var rec checkpoint.StepRecord
	var err error
	switch s := s.(type) {
	case Plain:
		rec, err = s.RunPlain(ctx, r.P)
	case *step.Task:
		return r.task(ctx, s)
	case *step.Guided:
		rec, err = r.guided(ctx, s)
	case *step.Ask:
		return r.ask(ctx, s)
	default:
		return r.drive(ctx, s) // the screen saves its own outcome
	}
	if err != nil {
		return rec, err
	}
	return rec, r.Env.Store.Record(string(id), rec)
}

// finished runs a command a screen returned to end its step (step.Finish) and returns
// what it saved.
func finished(cmd tea.Cmd) (checkpoint.StepRecord, error) {
	switch msg := cmd().(type) {
	case step.DoneMsg:
		return msg.Record, nil
	case step.SaveFailedMsg:
		return checkpoint.StepRecord{}, msg.Err
	}
	return checkpoint.StepRecord{}, errors.New("plain: the screen ended without finishing its step")
}
