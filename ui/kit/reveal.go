package kit

import (
	"context"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"

	step "github.com/firstrun/firstrun/steps/core"
)

// reveal shows a secret once (a console password) and waits until the operator has
// noted it. Only the screen or the terminal ever shows it: it is never saved or logged.
type reveal struct {
	env   *Env
	s     step.Secret
	noted key.Binding
}

func newReveal(env *Env, s step.Secret) *reveal {
	return &reveal{env: env, s: s, noted: key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", "I have stored it"))}
}

func (v *reveal) init() tea.Cmd { return nil }

func (v *reveal) update(msg tea.Msg) (tea.Cmd, *answer) {
	if k, ok := msg.(tea.KeyMsg); ok && key.Matches(k, v.noted) {
		return nil, &answer{}
	}
	return nil, nil
}

func (v *reveal) view(l layout) string {
	th, w := v.env.Theme, l.width
	facts := append(append([]step.Fact(nil), v.s.Facts...), step.Fact{Label: v.s.Label, Value: th.Emphasis.Render(v.s.Value)})
	return Sections(
		th.Title.Render(v.s.Title),
		th.Panel.Width(w-2).Render(Facts(th, w-6, facts)),
		Paragraphs(th, w, v.s.Note),
	)
}

func (v *reveal) keys() []key.Binding { return []key.Binding{v.noted} }
func (v *reveal) typing() bool        { return false }

func (v *reveal) plain(_ context.Context, p *Prompter) (answer, error) {
	p.Say(v.s.Title)
	p.Facts(append(append([]step.Fact(nil), v.s.Facts...), step.Fact{Label: v.s.Label, Value: v.s.Value}))
	p.Say(v.s.Note)
	if _, err := p.Choose("When you have stored it:", "I have stored it"); err != nil {
		return answer{}, err
	}
	return answer{}, nil
}
