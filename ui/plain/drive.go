package plain

import (
	"context"
	"strings"
	"time"

	"github.com/charmbracelet/bubbles/key"
	"github.com/charmbracelet/bubbles/spinner"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/x/ansi"

	"github.com/firstrun/firstrun/steps/checkpoint"
	"github.com/firstrun/firstrun/steps/step"
	"github.com/firstrun/firstrun/ui/keys"
)

// settleAfter is how long a screen may stay quiet before it is taken to be waiting for the
// operator: its commands that answer at once (AWS calls on the simulated account, moving
// between fields) have answered by then; timers (a spinner, a poll) go on in the
// background.
const settleAfter = 300 * time.Millisecond

// drive runs any step screen as prompts: it prints what the screen shows whenever that
// changes, offers the keys the screen's help lists, and types the operator's line into a
// screen that is waiting for text. The step's own code does the rest, as on screen.
func (r *Runner) drive(ctx context.Context, s step.Screen) (checkpoint.StepRecord, error) {
	msgs := make(chan tea.Msg, 64)
	run := func(cmd tea.Cmd) { go deliver(ctx, cmd, msgs) }
	s.SetSize(100, 1000) // one long page: a line mode does not scroll
	run(s.Init())
	shown := ""
	for {
		quiet := time.NewTimer(settleAfter)
	collect:
		for {
			select {
			case <-ctx.Done():
				quiet.Stop()
				return checkpoint.StepRecord{}, ctx.Err()
			case msg := <-msgs:
				switch msg := msg.(type) {
				case spinner.TickMsg:
					continue // nothing spins in a line mode
				case step.DoneMsg:
					quiet.Stop()
					return msg.Record, nil
				case step.SaveFailedMsg:
					quiet.Stop()
					return checkpoint.StepRecord{}, msg.Err
				}
				var cmd tea.Cmd
				s, cmd = s.Update(msg)
				run(cmd)
				quiet.Reset(settleAfter)
			case <-quiet.C:
				break collect
			}
		}
		if view := plainText(s.View()); view != shown {
			r.P.Say("", view)
			shown = view
		}
		bindings := enabled(s.ShortHelp())
		if s.Busy() || len(bindings) == 0 {
			continue // working, or waiting on AWS: nothing to ask yet
		}
		msg, err := r.nextMove(s, bindings)
		if err != nil {
			return checkpoint.StepRecord{}, err
		}
		for _, m := range msg {
			var cmd tea.Cmd
			s, cmd = s.Update(m)
			run(cmd)
		}
	}
}

// nextMove reads the operator's next move: a line of text for a screen waiting for it, or one
// of the keys the screen offers.
func (r *Runner) nextMove(s step.Screen, bindings []key.Binding) ([]tea.Msg, error) {
	if s.Typing() {
		r.P.Say("Type your answer and press enter (an empty line keeps what is shown; esc leaves):")
		line, err := r.P.Line("")
		if err != nil {
			return nil, err
		}
		if strings.TrimSpace(line) == "esc" {
			return []tea.Msg{keys.Msg("esc")}, nil
		}
		msgs := []tea.Msg{}
		if line != "" {
			msgs = append(msgs, keys.Msg("end"), keys.Msg("ctrl+u"), tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune(line)})
		}
		return append(msgs, keys.Msg("enter")), nil
	}
	names := make([]string, len(bindings))
	for i, b := range bindings {
		names[i] = b.Help().Desc + " (" + b.Help().Key + ")"
	}
	i, err := r.P.Choose("What next?", names...)
	if err != nil {
		return nil, err
	}
	return []tea.Msg{keys.Msg(bindings[i].Keys()[0])}, nil
}

// enabled keeps the bindings a screen offers now.
func enabled(bs []key.Binding) []key.Binding {
	var out []key.Binding
	for _, b := range bs {
		if b.Enabled() && len(b.Keys()) > 0 {
			out = append(out, b)
		}
	}
	return out
}

// deliver runs cmd and sends what it produces, unpacking batches.
func deliver(ctx context.Context, cmd tea.Cmd, out chan<- tea.Msg) {
	if cmd == nil {
		return
	}
	msg := cmd()
	if batch, ok := msg.(tea.BatchMsg); ok {
		for _, c := range batch {
			go deliver(ctx, c, out)
		}
		return
	}
	if msg == nil {
		return
	}
	select {
	case out <- msg:
	case <-ctx.Done():
	}
}

// plainText is a screen's view as plain lines: no escape sequences, no padding.
func plainText(view string) string {
	lines := strings.Split(ansi.Strip(view), "\n")
	for i, l := range lines {
		lines[i] = strings.TrimRight(l, " ")
	}
	return strings.TrimSpace(strings.Join(lines, "\n"))
}
