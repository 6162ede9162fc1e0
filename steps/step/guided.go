package step

import (
	"context"
	"fmt"
	"time"

	"github.com/charmbracelet/bubbles/key"
	"github.com/charmbracelet/bubbles/spinner"
	tea "github.com/charmbracelet/bubbletea"

	"github.com/firstrun/firstrun/awsclient"
	"github.com/firstrun/firstrun/steps/checkpoint"
)

// Guided is the screen of a step AWS offers no API for: it gives the console instructions,
// and then either verifies the result with a read-only call, polling while the screen is
// open, or records the operator's word for it, and says which.
type Guided struct {
	Env   *Env
	ID    ID
	Title string
	// Intro says what the step achieves and why, in plain words.
	Intro string
	// Instructions are the console steps, in order.
	Instructions []string
	// Link opens the right console page.
	Link string
	// Verify reads AWS to see whether the operator has done it; nil when AWS offers no
	// read-only check, and the step can only be confirmed.
	Verify func(ctx context.Context) (done bool, detail string, err error)
	// PollEvery is how often Verify runs while the screen is open; 0 means 5 seconds.
	PollEvery time.Duration
	// Action is what the demo's simulated console does for this step.
	Action ConsoleAction
	// PollFor bounds how long the screen keeps checking on its own; 0 means for as long as
	// it is open. After that it says so and checks only when asked (c), which starts the
	// period again.
	PollFor time.Duration
	// Resources, when set, are saved with the outcome: the identifiers of what the step
	// found or made. It is read after Verify, so Verify may fill in what it found.
	Resources func() map[string]string

	checking bool
	claimed  bool // the operator said "done" and the check is running or disagreed
	detail   string
	problem  *awsclient.Problem
	polls    int       // tells this screen's poll ticks from stale ones
	until    time.Time // when checking on its own stops, with PollFor
	stopped  bool      // PollFor ran out: only c checks now
	spin     spinner.Model
	width    int
	height   int
}

type (
	verifiedMsg struct {
		id     ID
		done   bool
		detail string
		err    error
	}
	pollMsg struct {
		id ID
		n  int
	}
	consoleDoneMsg struct {
		id  ID
		err error
	}
)

// NewGuided prepares a guided screen; set its fields before the root calls Init.
func NewGuided(env *Env, def Definition) *Guided {
	return &Guided{Env: env, ID: def.ID, Title: def.Title, spin: spinner.New(spinner.WithSpinner(spinner.Dot))}
}

func (g *Guided) Init() tea.Cmd {
	if g.Verify == nil {
		return nil
	}
	g.until = g.Env.Now().Add(g.PollFor)
	return tea.Batch(g.spin.Tick, g.verify())
}

func (g *Guided) verify() tea.Cmd {
	g.checking = true
	ctx, cancel := context.WithTimeout(g.Env.Ctx, 30*time.Second)
	id, verify := g.ID, g.Verify
	return func() tea.Msg {
		defer cancel()
		done, detail, err := verify(ctx)
		return verifiedMsg{id: id, done: done, detail: detail, err: err}
	}
}

func (g *Guided) schedulePoll() tea.Cmd {
	if g.PollFor > 0 && !g.Env.Now().Before(g.until) {
		g.stopped = true
		return nil
	}
	every := g.PollEvery
	if every == 0 {
		every = 5 * time.Second
	}
	g.polls++
	id, n := g.ID, g.polls
	return tea.Tick(every, func(time.Time) tea.Msg { return pollMsg{id: id, n: n} })
}

func (g *Guided) Update(msg tea.Msg) (Screen, tea.Cmd) {
	keys := g.Env.Keys
	switch msg := msg.(type) {
	case spinner.TickMsg:
		var cmd tea.Cmd
		g.spin, cmd = g.spin.Update(msg)
		return g, cmd
	case verifiedMsg:
		if msg.id != g.ID {
			return g, nil
		}
		g.checking = false
		if msg.err != nil {
			p := Explain(g.Env, msg.err)
			g.problem = &p
			return g, g.schedulePoll()
		}
		g.problem, g.detail = nil, msg.detail
		if msg.done {
			return g, Finish(g.Env, g.ID, g.record(checkpoint.Verified, msg.detail))
		}
		return g, g.schedulePoll()
	case pollMsg:
		if msg.id != g.ID || msg.n != g.polls || g.checking {
			return g, nil
		}
		return g, g.verify()
	case consoleDoneMsg:
		if msg.id != g.ID {
			return g, nil
		}
		if msg.err != nil {
			p := Explain(g.Env, msg.err)
			g.problem = &p
			return g, nil
		}
		if g.Verify == nil {
			return g, g.confirm()
		}
		return g, g.verify()
	case tea.KeyMsg:
		switch {
		case key.Matches(msg, keys.Continue):
			if g.Verify == nil {
				return g, g.confirm()
			}
			g.claimed = true
			if g.checking {
				return g, nil
			}
			return g, g.verify()
		case key.Matches(msg, keys.Check) && g.Verify != nil && !g.checking:
			g.stopped, g.until = false, g.Env.Now().Add(g.PollFor)
			return g, g.verify()
		case key.Matches(msg, keys.Console) && g.Env.Console != nil:
			return g, g.console()
		case key.Matches(msg, keys.Skip):
			return g, Finish(g.Env, g.ID, g.record(checkpoint.Skipped, "skipped by the operator"))
		}
	}
	return g, nil
}

func (g *Guided) confirm() tea.Cmd {
	return Finish(g.Env, g.ID, g.record(checkpoint.Confirmed, "the operator confirmed it; AWS offers no way to check"))
}

func (g *Guided) record(o checkpoint.Outcome, reason string) checkpoint.StepRecord {
	r := checkpoint.StepRecord{Outcome: o, Reason: reason}
	if g.Resources != nil {
		r.Resources = g.Resources()
	}
	return r
}

// console does the console step in the simulated account, then verifies it like any other.
func (g *Guided) console() tea.Cmd {
	ctx, id, c, a := g.Env.Ctx, g.ID, g.Env.Console, g.Action
	if a.Step == "" {
		a.Step = id
	}
	return func() tea.Msg { return consoleDoneMsg{id: id, err: c.Perform(ctx, a)} }
}

func (g *Guided) View() string {
	th, w := g.Env.Theme, g.width
	blocks := []string{
		Paragraphs(th, w, g.Intro),
		th.Heading.Render("In the AWS console") + "\n" + Numbered(th, w, g.Instructions),
	}
	if g.Link != "" {
		blocks = append(blocks, th.Muted.Render("Open: ")+th.Code.Render(g.Link))
	}
	switch {
	case g.problem != nil:
		blocks = append(blocks, ProblemView(th, w, *g.problem))
	case g.Verify == nil:
		blocks = append(blocks, th.Muted.Width(w).Render("AWS offers no way to check this step, so firstrun will record it as confirmed by you."))
	case g.checking:
		blocks = append(blocks, g.spin.View()+" Checking with AWS…")
	case g.stopped:
		blocks = append(blocks, th.Warning.Width(w).Render(fmt.Sprintf("AWS does not show it yet: %s. firstrun stopped "+
			"checking on its own after %s; finish the console steps, then press c to check again.", g.detail, g.PollFor)))
	case g.claimed:
		blocks = append(blocks, th.Warning.Width(w).Render("AWS does not show it yet: "+g.detail+
			". Finish the console steps, then press c to check again. firstrun keeps checking while this screen is open."))
	default:
		blocks = append(blocks, th.Muted.Width(w).Render("Waiting for AWS to show it: "+g.detail+
			" (checked every few seconds while this screen is open)."))
	}
	return Sections(blocks...)
}

func (g *Guided) SetSize(width, height int) { g.width, g.height = width, height }
func (g *Guided) Busy() bool                { return false }
func (g *Guided) Typing() bool              { return false }

func (g *Guided) ShortHelp() []key.Binding {
	k := g.Env.Keys
	done := key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", "I did it"))
	b := []key.Binding{done}
	if g.Verify != nil {
		b = append(b, k.Check)
	}
	if g.Env.Console != nil {
		b = append(b, k.Console)
	}
	return append(b, k.Skip)
}

func (g *Guided) FullHelp() [][]key.Binding { return [][]key.Binding{g.ShortHelp()} }
