package billing

import (
	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"

	"github.com/firstrun/firstrun/steps/checkpoint"
	"github.com/firstrun/firstrun/steps/step"
)

const accessIntro = "IAM users and roles can't see bills, payments or budgets in the console, whatever " +
	"their permissions, until the root user activates IAM access to billing. Only the root user " +
	"can change this setting, and AWS offers no API for it: it is done in the console."

// AccessScreen guides the root user through activating IAM access to billing. Any other
// caller is told the root user must do it, and can only skip the step with that reason.
func AccessScreen(env *step.Env, def step.Definition) step.Screen {
	if !CanActivateAccess(env.Identity) {
		return &needsRoot{env: env, id: def.ID}
	}
	g := step.NewGuided(env, def)
	g.Intro = accessIntro
	g.Instructions = AccessInstructions()
	g.Link = AccountPageURL
	return g
}

// needsRoot is the billing access screen for a caller who is not the root user: it keeps
// the console steps for the root user, and the only way on is to skip the step, recorded
// as needing the root user rather than as done.
type needsRoot struct {
	env   *step.Env
	id    step.ID
	width int
	// finishing is set once the skip is being saved, so a second key press saves nothing.
	finishing bool
}

func (n *needsRoot) Init() tea.Cmd { return nil }

func (n *needsRoot) Update(msg tea.Msg) (step.Screen, tea.Cmd) {
	k, ok := msg.(tea.KeyMsg)
	if !ok || n.finishing || !key.Matches(k, n.env.Keys.Continue, n.env.Keys.Skip) {
		return n, nil
	}
	n.finishing = true
	return n, step.Finish(n.env, n.id, checkpoint.StepRecord{Outcome: checkpoint.Skipped, Reason: ReasonNeedsRoot})
}

func (n *needsRoot) View() string {
	th, w := n.env.Theme, n.width
	return step.Sections(
		step.Paragraphs(th, w, accessIntro),
		th.Warning.Width(w).Render("This step needs the root user. firstrun is running as "+n.env.Identity.ARN+
			", which can't change this setting. Press enter to skip it for now: it will be recorded as \""+
			ReasonNeedsRoot+"\", not as done. The root user can do it any time:"),
		th.Heading.Render("For the root user, in the AWS console")+"\n"+step.Numbered(th, w, AccessInstructions()),
		th.Muted.Render("Open: ")+th.Code.Render(AccountPageURL),
	)
}

func (n *needsRoot) SetSize(width, _ int) { n.width = width }
func (n *needsRoot) Busy() bool           { return false }
func (n *needsRoot) Typing() bool         { return false }

func (n *needsRoot) ShortHelp() []key.Binding {
	return []key.Binding{key.NewBinding(key.WithKeys("enter", "s"), key.WithHelp("enter/s", "skip: "+ReasonNeedsRoot))}
}

func (n *needsRoot) FullHelp() [][]key.Binding { return [][]key.Binding{n.ShortHelp()} }
