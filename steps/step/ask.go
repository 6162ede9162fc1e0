package step

import (
	"context"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/huh"

	"github.com/firstrun/firstrun/steps/checkpoint"
)

// Ask is the screen of a step that starts with questions whose answers decide where it
// goes: to the screen that takes over (a Task that reads AWS with the answers, a Guided),
// or to its end, skipped with a reason. Steps build one by filling in its fields.
type Ask struct {
	Env   *Env
	ID    ID
	Intro string
	Facts []Fact
	Form  *huh.Form
	// Look, when set, reads AWS before asking: true means the questions are moot (what
	// they would set up exists already), and Then runs at once with asked false.
	Look func(ctx context.Context) bool
	// Then runs once, when the answers are known (asked false when Look made them moot),
	// and says where the step goes, with Next, Skip, Finish or Fail.
	Then func(asked bool) (Screen, tea.Cmd)

	looking       bool
	width, height int
}

type lookedMsg struct {
	id   ID
	moot bool
}

// NewAsk prepares an ask screen around form; set Intro, Then and the rest before the
// root calls Init.
func NewAsk(env *Env, def Definition, form *huh.Form) *Ask {
	return &Ask{Env: env, ID: def.ID, Form: form.WithTheme(env.Theme.Form).WithShowHelp(false)}
}

func (a *Ask) Init() tea.Cmd {
	if a.Look == nil {
		return a.Form.Init()
	}
	a.looking = true
	ctx, id, look := a.Env.Ctx, a.ID, a.Look
	return func() tea.Msg { return lookedMsg{id: id, moot: look(ctx)} }
}

func (a *Ask) Update(msg tea.Msg) (Screen, tea.Cmd) {
	if m, ok := msg.(lookedMsg); ok {
		if m.id != a.ID || !a.looking {
			return a, nil
		}
		a.looking = false
		if m.moot {
			return a.Then(false)
		}
		return a, a.Form.Init()
	}
	if a.looking {
		return a, nil
	}
	form, cmd, done := UpdateForm(a.Form, msg)
	a.Form = form
	if !done {
		return a, cmd
	}
	return a.Then(true)
}

// Next hands the step to the screen that takes over.
func (a *Ask) Next(s Screen) (Screen, tea.Cmd) {
	s.SetSize(a.width, a.height)
	return s, s.Init()
}

// Skip ends the step as skipped, for reason.
func (a *Ask) Skip(reason string) (Screen, tea.Cmd) {
	return a.Finish(checkpoint.StepRecord{Outcome: checkpoint.Skipped, Reason: reason})
}

// Finish ends the step with r.
func (a *Ask) Finish(r checkpoint.StepRecord) (Screen, tea.Cmd) { return a, Finish(a.Env, a.ID, r) }

// Fail stops the wizard because progress could not be saved.
func (a *Ask) Fail(err error) (Screen, tea.Cmd) {
	id := a.ID
	return a, func() tea.Msg { return SaveFailedMsg{ID: id, Err: err} }
}

func (a *Ask) View() string {
	th := a.Env.Theme
	blocks := []string{Paragraphs(th, a.width, a.Intro)}
	if len(a.Facts) > 0 {
		blocks = append(blocks, Facts(th, a.width, a.Facts))
	}
	if a.looking {
		return Sections(append(blocks, th.Muted.Render("Reading what AWS has…"))...)
	}
	return Sections(append(blocks, a.Form.View())...)
}

func (a *Ask) SetSize(width, height int) {
	resized := width != a.width || height != a.height
	a.width, a.height = width, height
	if resized {
		a.Form = FitForm(a.Form, width, height)
	}
}

func (a *Ask) Busy() bool { return false }

// Typing is true while the form has focus, so the root leaves every key to it.
func (a *Ask) Typing() bool { return !a.looking && a.Form.State == huh.StateNormal }

func (a *Ask) ShortHelp() []key.Binding {
	if a.looking {
		return nil
	}
	return []key.Binding{
		key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", "next")),
		key.NewBinding(key.WithKeys("shift+tab"), key.WithHelp("shift+tab", "back")),
	}
}

func (a *Ask) FullHelp() [][]key.Binding { return [][]key.Binding{a.ShortHelp()} }
