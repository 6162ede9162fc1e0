package kit

import (
	"context"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"

	step "github.com/firstrun/firstrun/steps/core"
)

// problem explains a failed AWS call, names what to do, and offers a retry.
type problem struct {
	env *Env
	p   step.Problem
}

func newProblem(env *Env, p step.Problem) *problem { return &problem{env: env, p: p} }

func (v *problem) init() tea.Cmd { return nil }

func (v *problem) update(msg tea.Msg) (tea.Cmd, *answer) {
	k, ok := msg.(tea.KeyMsg)
	switch {
	case !ok:
	case key.Matches(k, v.env.Keys.Retry):
		return nil, &answer{choice: step.Retry}
	case key.Matches(k, v.env.Keys.Skip):
		return nil, &answer{choice: step.Skip}
	}
	return nil, nil
}

func (v *problem) view(l layout) string { return ProblemView(v.env.Theme, l.width, v.p.Problem) }

func (v *problem) keys() []key.Binding { return []key.Binding{v.env.Keys.Retry, v.env.Keys.Skip} }

func (v *problem) typing() bool { return false }

func (v *problem) plain(_ context.Context, p *Prompter) (answer, error) {
	p.Problem(v.p.Problem)
	choice, err := p.Choose("Try again?", "yes, retry", "no, skip this step")
	if err != nil {
		return answer{}, err
	}
	if choice == 0 {
		return answer{choice: step.Retry}, nil
	}
	return answer{choice: step.Skip}, nil
}
