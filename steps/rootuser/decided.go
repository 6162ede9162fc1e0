package rootuser

import (
	"github.com/charmbracelet/bubbles/key"
	"github.com/charmbracelet/bubbles/spinner"
	tea "github.com/charmbracelet/bubbletea"

	"github.com/firstrun/firstrun/awsclient"
	"github.com/firstrun/firstrun/steps/checkpoint"
	"github.com/firstrun/firstrun/steps/step"
)

// decided is a screen that reads the root user's access keys first, then becomes the
// screen that fits what it found: nothing to do, a console guide, or a plan.
type decided struct {
	env     *step.Env
	id      step.ID
	choose  func(RootKeys) step.Screen
	inner   step.Screen
	problem *awsclient.Problem
	spin    spinner.Model
	width   int
	height  int
}

type rootKeysReadMsg struct {
	id   step.ID
	keys RootKeys
	err  error
}

func newDecided(env *step.Env, id step.ID, choose func(RootKeys) step.Screen) *decided {
	return &decided{env: env, id: id, choose: choose, spin: spinner.New(spinner.WithSpinner(spinner.Dot))}
}

func (d *decided) Init() tea.Cmd { return tea.Batch(d.spin.Tick, d.read()) }

func (d *decided) read() tea.Cmd {
	env, id := *d.env, d.id
	return func() tea.Msg {
		keys, err := ReadRootKeys(env.Ctx, env.AWS.IAM, env.Identity)
		return rootKeysReadMsg{id: id, keys: keys, err: err}
	}
}

func (d *decided) Update(msg tea.Msg) (step.Screen, tea.Cmd) {
	if d.inner != nil {
		var cmd tea.Cmd
		d.inner, cmd = d.inner.Update(msg)
		return d, cmd
	}
	k := d.env.Keys
	switch msg := msg.(type) {
	case spinner.TickMsg:
		var cmd tea.Cmd
		d.spin, cmd = d.spin.Update(msg)
		return d, cmd
	case rootKeysReadMsg:
		if msg.id != d.id {
			return d, nil
		}
		if msg.err != nil {
			p := step.Explain(d.env, msg.err)
			d.problem = &p
			return d, nil
		}
		d.inner = d.choose(msg.keys)
		d.inner.SetSize(d.width, d.height)
		return d, d.inner.Init()
	case tea.KeyMsg:
		switch {
		case d.problem != nil && key.Matches(msg, k.Retry):
			d.problem = nil
			return d, d.read()
		case d.problem != nil && key.Matches(msg, k.Skip):
			return d, step.Finish(d.env, d.id, checkpoint.StepRecord{Outcome: checkpoint.Skipped, Reason: "skipped after an error: " + d.problem.Summary()})
		}
	}
	return d, nil
}

func (d *decided) View() string {
	switch {
	case d.inner != nil:
		return d.inner.View()
	case d.problem != nil:
		return step.ProblemView(d.env.Theme, d.width, *d.problem)
	}
	return d.spin.View() + " Reading what AWS has…"
}

func (d *decided) SetSize(width, height int) {
	d.width, d.height = width, height
	if d.inner != nil {
		d.inner.SetSize(width, height)
	}
}

func (d *decided) Busy() bool {
	return d.inner == nil && d.problem == nil || d.inner != nil && d.inner.Busy()
}
func (d *decided) Typing() bool { return d.inner != nil && d.inner.Typing() }

func (d *decided) ShortHelp() []key.Binding {
	switch {
	case d.inner != nil:
		return d.inner.ShortHelp()
	case d.problem != nil:
		return []key.Binding{d.env.Keys.Retry, d.env.Keys.Skip}
	}
	return nil
}

func (d *decided) FullHelp() [][]key.Binding { return [][]key.Binding{d.ShortHelp()} }
