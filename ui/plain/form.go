package plain

import (
	"bufio"
	"fmt"
	"io"
	"strings"

	tea "github.com/charmbracelet/bubbletea"

	"github.com/charmbracelet/huh"
)

// Form asks a huh form's fields as line prompts, each checked by its own validator. It
// walks the form as the screen does, field by field, so groups the answers hide stay
// hidden; huh's accessible mode asks each field (and keeps a default on an empty answer).
func (p *Prompter) Form(f *huh.Form) error {
	f = f.WithShowHelp(false)
	f.Init()
	for f.State == huh.StateNormal {
		field := f.GetFocusedField()
		in := &oneLine{r: p.in}
		if input, ok := field.(*huh.Input); ok {
			// huh checks an empty answer before it falls back to the default, so an
			// empty line stands for the value shown.
			in.blank, _ = input.GetValue().(string)
			if in.blank != "" {
				fmt.Fprintf(p.out, "(press enter to keep %q)\n", in.blank)
			}
		}
		if err := field.RunAccessible(p.out, in); err != nil {
			return err
		}
		if in.ended {
			return ErrStopped
		}
		if input, ok := field.(*huh.Input); ok {
			syncInput(input)
		}
		// Move on as the screen would: to the next field of the group, or past the last
		// one to the next group that is not hidden, or to the end. The commands these
		// return only blink cursors, and nothing is drawn here.
		f.NextField()
		if f.GetFocusedField() == field && f.State == huh.StateNormal {
			f.NextGroup()
		}
	}
	if f.State == huh.StateAborted {
		return ErrStopped
	}
	return nil
}

// oneLine gives huh one line per read: huh scans each answer with a fresh scanner, which
// would swallow the lines after it.
type oneLine struct {
	r     *bufio.Reader
	blank string // what an empty line stands for
	ended bool
}

func (o *oneLine) Read(b []byte) (int, error) {
	line, err := o.r.ReadString('\n')
	if line == "" && err != nil {
		o.ended = true
		return 0, io.EOF
	}
	if strings.TrimSpace(line) == "" && o.blank != "" {
		line = o.blank + "\n"
	}
	return copy(b, line), nil
}

// syncInput types an input's accessible answer into its text box: huh takes the box's
// text as the answer when the field loses focus.
func syncInput(i *huh.Input) {
	value, _ := i.GetValue().(string)
	i.Update(tea.KeyMsg{Type: tea.KeyEnd})
	i.Update(tea.KeyMsg{Type: tea.KeyCtrlU})
	i.Update(tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune(value)})
}
