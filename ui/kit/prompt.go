package kit

import (
	"bufio"
	"fmt"
	"io"
	"slices"
	"strings"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/huh"

	"github.com/firstrun/firstrun/awsclient"
	step "github.com/firstrun/firstrun/steps/core"
)

// Prompter writes plain lines and reads answers, for screen readers and terminals that
// can't show the full screen.
type Prompter struct {
	in   *bufio.Reader
	out  io.Writer
	said string    // the last introduction, not to repeat it
	work step.Work // the last work announced, not to repeat it
}

// NewPrompter reads answers from in and writes to out.
func NewPrompter(in io.Reader, out io.Writer) *Prompter {
	return &Prompter{in: bufio.NewReader(in), out: out}
}

// Say writes lines.
func (p *Prompter) Say(lines ...string) {
	for _, l := range lines {
		fmt.Fprintln(p.out, l)
	}
}

// Intro says a part's introduction, unless the part before it said the same.
func (p *Prompter) Intro(text string) {
	if text != "" && text != p.said {
		p.Say(text)
	}
	p.said = text
}

// working says what AWS is being asked, once for each new kind of work or status.
func (p *Prompter) working(w step.Work) {
	if w == p.work {
		return
	}
	p.work = w
	p.Say(workLine(w))
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

// Table writes a table a row a line, each value after its column's heading.
func (p *Prompter) Table(t step.Table) {
	for _, r := range t.Rows {
		if r.Heading {
			p.Say(strings.Join(r.Cells, " ") + ":")
			continue
		}
		cells := make([]string, 0, len(r.Cells))
		for i, c := range r.Cells {
			if c == "" {
				continue
			}
			if i < len(t.Columns) && t.Columns[i] != "" {
				c = t.Columns[i] + ": " + c
			}
			cells = append(cells, c)
		}
		p.Say("  " + strings.Join(cells, "; "))
		if r.Note != "" {
			p.Say("    " + r.Note)
		}
	}
}

// Section writes a heading and its items.
func (p *Prompter) Section(s step.Section) {
	p.Say(s.Heading + ":")
	for _, i := range s.Items {
		p.Say("  - " + i)
	}
	if s.Text != "" {
		p.Say(s.Text)
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
			return 0, step.ErrStopped // the input ended: nobody is there to answer
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

// aliases are the keys a choice names at its end, as in "save the report (e)": typing one
// picks the choice.
func aliases(choice string) []string {
	open := strings.LastIndex(choice, "(")
	if open < 0 || !strings.HasSuffix(choice, ")") {
		return nil
	}
	return strings.Split(strings.ToLower(choice[open+1:len(choice)-1]), "/")
}

// Line asks for a line of text and returns it without its line ending.
func (p *Prompter) Line(prompt string) (string, error) {
	fmt.Fprint(p.out, prompt)
	line, err := p.in.ReadString('\n')
	if err != nil && line == "" {
		return "", step.ErrStopped
	}
	return strings.TrimRight(line, "\r\n"), nil
}

// Problem explains a failed AWS call.
func (p *Prompter) Problem(pr awsclient.Problem) {
	p.Say("Something went wrong: "+pr.Summary(), pr.Fix)
}

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
			return step.ErrStopped
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
		return step.ErrStopped
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
