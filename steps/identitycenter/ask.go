package identitycenter

import (
	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/huh"

	"github.com/firstrun/firstrun/steps/step"
)

// ask is the screen of a step that starts with a question: it explains, asks with a form,
// and then hands the step to what the answer calls for, another screen or a finish.
type ask struct {
	env   *step.Env
	intro string
	facts []step.Fact
	form  *huh.Form
	// answered runs once the form completes; it returns the screen to go on with (itself,
	// when it only finishes the step) and its first command.
	answered func() (step.Screen, tea.Cmd)

	width, height int
	done          bool
}

func newAsk(env *step.Env, intro string, form *huh.Form, answered func() (step.Screen, tea.Cmd)) *ask {
	return &ask{env: env, intro: intro, form: form.WithTheme(env.Theme.Form).WithShowHelp(false), answered: answered}
}

func (a *ask) Init() tea.Cmd { return a.form.Init() }

func (a *ask) Update(msg tea.Msg) (step.Screen, tea.Cmd) {
	if a.done {
		return a, nil
	}
	model, cmd := a.form.Update(msg)
	if f, ok := model.(*huh.Form); ok {
		a.form = f
	}
	if a.form.State != huh.StateCompleted {
		return a, cmd
	}
	a.done = true
	next, cmd := a.answered()
	if next != step.Screen(a) {
		next.SetSize(a.width, a.height)
	}
	return next, cmd
}

func (a *ask) View() string {
	th := a.env.Theme
	blocks := []string{step.Paragraphs(th, a.width, a.intro)}
	if len(a.facts) > 0 {
		blocks = append(blocks, step.Facts(th, a.width, a.facts))
	}
	return step.Sections(append(blocks, a.form.View())...)
}

func (a *ask) SetSize(width, height int) {
	resized := width != a.width || height != a.height
	a.width, a.height = width, height
	if resized {
		a.form = step.FitForm(a.form, width, height)
	}
}

func (a *ask) Busy() bool   { return false }
func (a *ask) Typing() bool { return !a.done }

func (a *ask) ShortHelp() []key.Binding {
	return []key.Binding{
		key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", "next field")),
		key.NewBinding(key.WithKeys("shift+tab"), key.WithHelp("shift+tab", "previous field")),
	}
}

func (a *ask) FullHelp() [][]key.Binding { return [][]key.Binding{a.ShortHelp()} }
