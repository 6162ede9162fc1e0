// Package plain runs the wizard as plain line prompts, one after the other, for screen
// readers and terminals that can't show the full-screen interface (--accessible,
// TERM=dumb). It drives the same steps as the screens do: the Task, Guided and Ask screens
// through their own fields, and other screens through the Plain interface.
package plain

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"
	"slices"
	"strings"

	tea "github.com/charmbracelet/bubbletea"

	"github.com/firstrun/firstrun/awsclient"
	"github.com/firstrun/firstrun/steps/checkpoint"
	"github.com/firstrun/firstrun/steps/step"
)

// Plain is implemented by a step's screen that can also run as line prompts.
type Plain interface {
	RunPlain(ctx context.Context, p *Prompter) (checkpoint.StepRecord, error)
}

// ErrStopped means the operator chose to stop; progress is saved.
var ErrStopped = errors.New("stopped by the operator")

// Prompter writes lines and reads answers.
type Prompter struct {
	in   *bufio.Reader
	out  io.Writer
	said string // the last introduction, not to repeat it
}

// NewPrompter reads answers from in and writes to out.
func NewPrompter(in io.Reader, out io.Writer) *Prompter {
	return &Prompter{in: bufio.NewReader(in), out: out}
}

// Say writes lines, each wrapped as the terminal wraps it.
func (p *Prompter) Say(lines ...string) {
	for _, l := range lines {
		fmt.Fprintln(p.out, l)
	}
}

// Facts writes label and value pairs, one a line.
func (p *Prompter) Facts(facts []step.Fact) {
	for _, f := range facts {
		mark := ""
		switch {
		case f.Good == nil:
		case *f.Good:
			mark = " (good)"
		default:
			mark = " (needs attention)"
		}
		fmt.Fprintf(p.out, "%s: %s%s\n", f.Label, f.Value, mark)
	}
}

// Choose asks for one of choices, typed by name or number, and returns its index. An empty
// answer picks the first.
func (p *Prompter) Choose(question string, choices ...string) (int, error) {
	for {
		fmt.Fprintf(p.out, "%s\n", question)
		for i, c := range choices {
			fmt.Fprintf(p.out, "  %d. %s\n", i+1, c)
		}
		fmt.Fprintf(p.out, "Choose 1-%d (enter for 1): ", len(choices))
		line, err := p.in.ReadString('\n')
		answer := strings.ToLower(strings.TrimSpace(line))
		if err != nil && answer == "" {
			return 0, ErrStopped // the input ended: nobody is there to answer
		}
		if answer == "" {
			return 0, nil
		}
		for i, c := range choices {
			if answer == fmt.Sprint(i+1) || strings.HasPrefix(strings.ToLower(c), answer) || slices.Contains(aliases(c), answer) {
				return i, nil
			}
		}
		fmt.Fprintf(p.out, "%q is not one of the choices.\n", answer)
	}
}

// Problem explains a failed AWS call.
func (p *Prompter) Problem(pr awsclient.Problem) {
	p.Say("Something went wrong: "+pr.Summary(), pr.Fix)
}

// Runner walks the sequence as line prompts.
type Runner struct {
	Env *step.Env
	P   *Prompter
}

// intro says a screen's introduction, unless the screen before it in the same step (an
// Ask handing over to its Task) said the same.
func (p *Prompter) intro(text string) {
	if text != "" && text != p.said {
		p.Say(text)
	}
	p.said = text
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

// aliases are the keys a choice names at its end, as in "save the report (e)" or
// "continue (enter/s)": typing one picks the choice.
func aliases(choice string) []string {
	open := strings.LastIndex(choice, "(")
	if open < 0 || !strings.HasSuffix(choice, ")") {
		return nil
	}
	return strings.Split(strings.ToLower(choice[open+1:len(choice)-1]), "/")
}
