package kit

import (
	"context"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/huh"

	step "github.com/firstrun/firstrun/steps/core"
)

// ask asks a step's questions as a huh form. Leaving the form (esc) changes nothing: the
// operator goes back to it or skips the step.
type ask struct {
	env  *Env
	spec *step.Form
	form *huh.Form
	left bool

	width, height int
}

func newAsk(env *Env, spec *step.Form) *ask {
	return &ask{env: env, spec: spec, form: BuildForm(spec, env.Theme)}
}

func (a *ask) init() tea.Cmd {
	a.form = FitForm(a.form, a.width, a.height)
	return a.form.Init()
}

func (a *ask) update(msg tea.Msg) (tea.Cmd, *answer) {
	k := a.env.Keys
	if km, ok := msg.(tea.KeyMsg); ok {
		switch {
		case a.left && key.Matches(km, k.Continue):
			a.left = false
			return nil, nil
		case a.left && key.Matches(km, k.Skip):
			return nil, &answer{err: step.ErrSkipped}
		case a.left:
			return nil, nil
		case key.Matches(km, k.Leave):
			a.left = true
			return nil, nil
		}
	}
	form, cmd, done := UpdateForm(a.form, msg)
	a.form = form
	if done {
		return cmd, &answer{}
	}
	return cmd, nil
}

func (a *ask) view(l layout) string {
	width := l.width
	th := a.env.Theme
	facts := Facts(th, width, a.spec.Facts)
	if a.left {
		return Sections(facts, th.Warning.Width(width).Render("You left the form; nothing was changed. "+
			"Press enter to go back to it, or s to skip this step."))
	}
	return Sections(facts, a.form.View())
}

// setSize sizes the form to the screen. huh measures the height of its groups, which
// grows as text wraps, only when told the window size, and the root keeps that for itself.
func (a *ask) setSize(width, height int) {
	if width == a.width && height == a.height {
		return
	}
	a.width, a.height = width, height
	a.form = FitForm(a.form, width, height)
}

func (a *ask) keys() []key.Binding {
	if a.left {
		return []key.Binding{key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", "back to the form")), a.env.Keys.Skip}
	}
	return []key.Binding{
		key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", "next")),
		key.NewBinding(key.WithKeys("shift+tab"), key.WithHelp("shift+tab", "back")),
		a.env.Keys.Leave,
	}
}

func (a *ask) typing() bool { return !a.left }

// plain asks each question as a line prompt, checked by the field's own validator.
func (a *ask) plain(_ context.Context, p *Prompter) (answer, error) {
	p.Facts(a.spec.Facts)
	return answer{}, p.Form(BuildForm(a.spec, a.env.Theme))
}
