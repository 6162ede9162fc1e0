package billing

import (
	"context"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/huh"

	"github.com/firstrun/firstrun/steps/checkpoint"
	"github.com/firstrun/firstrun/steps/step"
)

// askFirst asks its questions before a step's main screen, for values the main screen's
// reading of AWS depends on (which role to look for) or that decide whether there is
// anything to do at all. The answers either end the step, skipped with a reason, or pick
// the screen that takes over.
type askFirst struct {
	env   *step.Env
	id    step.ID
	intro string
	form  *huh.Form
	// look, when set, reads AWS before asking: true means there is nothing to ask (what
	// the questions would set up exists already), and the next screen takes over at once.
	look func(ctx context.Context) bool
	// then runs once the answers are known (or look made them moot): it returns the next
	// screen, or nil and the reason the step is skipped.
	then func(asked bool) (next step.Screen, skipReason string)

	looking       bool
	next          step.Screen
	width, height int
}

type lookedMsg struct {
	id   step.ID
	moot bool
}

func newAskFirst(env *step.Env, id step.ID, intro string, form *huh.Form, then func(asked bool) (step.Screen, string)) *askFirst {
	return &askFirst{env: env, id: id, intro: intro, then: then,
		form: form.WithTheme(env.Theme.Form).WithShowHelp(false)}
}

func (a *askFirst) Init() tea.Cmd {
	if a.look == nil {
		return a.form.Init()
	}
	a.looking = true
	ctx, id, look := a.env.Ctx, a.id, a.look
	return func() tea.Msg { return lookedMsg{id: id, moot: look(ctx)} }
}

func (a *askFirst) Update(msg tea.Msg) (step.Screen, tea.Cmd) {
	if a.next != nil {
		var cmd tea.Cmd
		a.next, cmd = a.next.Update(msg)
		return a, cmd
	}
	if m, ok := msg.(lookedMsg); ok && m.id == a.id {
		a.looking = false
		if m.moot {
			return a, a.handOver(false)
		}
		return a, a.form.Init()
	}
	if a.looking || a.form.State != huh.StateNormal {
		return a, nil // the form is not shown yet, or the step is finishing
	}
	model, cmd := a.form.Update(msg)
	if f, ok := model.(*huh.Form); ok {
		a.form = f
	}
	if a.form.State != huh.StateCompleted {
		return a, cmd
	}
	return a, a.handOver(true)
}

func (a *askFirst) handOver(asked bool) tea.Cmd {
	next, reason := a.then(asked)
	if next == nil {
		return step.Finish(a.env, a.id, checkpoint.StepRecord{Outcome: checkpoint.Skipped, Reason: reason})
	}
	a.next = next
	a.next.SetSize(a.width, a.height)
	return a.next.Init()
}

func (a *askFirst) View() string {
	if a.next != nil {
		return a.next.View()
	}
	body := a.form.View()
	if a.looking {
		body = a.env.Theme.Muted.Render("Reading what AWS has…")
	}
	return step.Sections(step.Paragraphs(a.env.Theme, a.width, a.intro), body)
}

func (a *askFirst) SetSize(width, height int) {
	a.width, a.height = width, height
	a.form = a.form.WithWidth(width)
	if a.next != nil {
		a.next.SetSize(width, height)
	}
}

func (a *askFirst) Busy() bool { return a.looking || (a.next != nil && a.next.Busy()) }

// Typing is true while the form has focus, so the root leaves every key to it.
func (a *askFirst) Typing() bool {
	if a.next != nil {
		return a.next.Typing()
	}
	return !a.looking
}

func (a *askFirst) ShortHelp() []key.Binding {
	switch {
	case a.next != nil:
		return a.next.ShortHelp()
	case a.looking:
		return nil
	}
	return []key.Binding{
		key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", "next")),
		key.NewBinding(key.WithKeys("shift+tab"), key.WithHelp("shift+tab", "back")),
	}
}

func (a *askFirst) FullHelp() [][]key.Binding { return [][]key.Binding{a.ShortHelp()} }
