package kit

import (
	"context"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"

	step "github.com/firstrun/firstrun/steps/core"
)

// review shows what a step found and what would change, and waits for the operator to go
// on (making the changes) or skip the step.
type review struct {
	env *Env
	r   step.Review
}

func newReview(env *Env, r step.Review) *review { return &review{env: env, r: r} }

func (v *review) init() tea.Cmd { return nil }

func (v *review) update(msg tea.Msg) (tea.Cmd, *answer) {
	k, ok := msg.(tea.KeyMsg)
	switch {
	case !ok:
	case key.Matches(k, v.env.Keys.Continue):
		return nil, &answer{choice: step.Continue}
	case key.Matches(k, v.env.Keys.Skip):
		return nil, &answer{choice: step.Skip}
	}
	return nil, nil
}

// body is what the review shows of the step: facts, table, sections and note.
func (v *review) body(width int) []string {
	th := v.env.Theme
	blocks := []string{Facts(th, width, v.r.Facts)}
	if v.r.Table != nil {
		blocks = append(blocks, Table(th, width, *v.r.Table))
	}
	for _, s := range v.r.Sections {
		blocks = append(blocks, Section(th, width, s))
	}
	if v.r.Note != "" {
		blocks = append(blocks, th.Muted.Width(width).Render(v.r.Note))
	}
	return blocks
}

func (v *review) view(l layout) string {
	width := l.width
	th := v.env.Theme
	blocks := v.body(width)
	switch {
	case v.r.ReadOnly:
	case v.r.InPlace():
		blocks = append(blocks, th.Success.Render("Already in place: nothing to change."))
	default:
		blocks = append(blocks, th.Heading.Render("What will change")+"\n"+Bullets(th, width, changeLines(v.r.Changes)))
	}
	return Sections(blocks...)
}

// changeLines are the changes as the review lists them: each sentence, with its detail
// under it.
func changeLines(cs []step.Change) []string {
	lines := make([]string, len(cs))
	for i, c := range cs {
		lines[i] = c.Sentence()
		if c.Detail != "" {
			lines[i] += "\n" + c.Detail
		}
	}
	return lines
}

func (v *review) keys() []key.Binding {
	k := v.env.Keys
	cont := k.Continue
	if len(v.r.Changes) > 0 && v.r.ConfirmLabel != "" {
		cont = key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", v.r.ConfirmLabel))
	}
	return []key.Binding{cont, k.Skip}
}

func (v *review) typing() bool { return false }

// plain says what the review shows; only a review with changes asks, before they are made.
func (v *review) plain(_ context.Context, p *Prompter) (answer, error) {
	p.Facts(v.r.Facts)
	if v.r.Table != nil {
		p.Table(*v.r.Table)
	}
	for _, s := range v.r.Sections {
		p.Section(s)
	}
	if v.r.Note != "" {
		p.Say(v.r.Note)
	}
	switch {
	case v.r.ReadOnly:
		return answer{choice: step.Continue}, nil
	case v.r.InPlace():
		p.Say("Already in place: nothing to change.")
		return answer{choice: step.Continue}, nil
	}
	p.Say("What will change:")
	for _, l := range changeLines(v.r.Changes) {
		p.Say("  - " + l)
	}
	label := v.r.ConfirmLabel
	if label == "" {
		label = "make these changes"
	}
	choice, err := p.Choose("Go ahead?", "yes, "+label, "no, skip this step")
	if err != nil {
		return answer{}, err
	}
	if choice == 1 {
		return answer{choice: step.Skip}, nil
	}
	return answer{choice: step.Continue}, nil
}
