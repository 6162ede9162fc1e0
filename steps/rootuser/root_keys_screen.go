package rootuser

import (
	"context"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"

	"github.com/firstrun/firstrun/steps/checkpoint"
	"github.com/firstrun/firstrun/steps/step"
)

const keysWhy = "Access keys let a program act as the root user with no password and no MFA: if one leaks, " +
	"the whole account goes with it. AWS advises that the root user have none."

// RootAccessKeysScreen is the root-access-keys step. With no root keys it verifies that;
// if firstrun runs on them it plans their deletion for remove-root-keys, once the new
// administrator can sign in; otherwise it guides their deletion in the console.
func RootAccessKeysScreen(env *step.Env, def step.Definition) step.Screen {
	return newDecided(env, def.ID, func(k RootKeys) step.Screen {
		switch {
		case !k.Present:
			return noRootKeys(env, def)
		case k.InUse:
			return &notice{env: env, id: def.ID,
				text: keysWhy + "\n\nfirstrun is running on one of them right now, so deleting them here would cut it " +
					"off halfway through the setup. They are deleted in the last step, Remove root access keys, once " +
					"the new administrator has signed in, and only after you confirm it there.",
				facts: []step.Fact{
					{Label: "Root access keys", Value: "present", Good: step.No()},
					{Label: "Used by firstrun", Value: "yes: this run signs its requests with one"},
				},
				record: deletionPlanned(),
			}
		default:
			return deleteInConsole(env, def)
		}
	})
}

// noRootKeys verifies, with AWS, that the root user has no access keys.
func noRootKeys(env *step.Env, def step.Definition) step.Screen {
	t := step.NewTask(env, def)
	t.Intro = keysWhy
	t.Inspect = func(ctx context.Context) (step.Inspection, error) {
		k, err := ReadRootKeys(ctx, env.AWS.IAM, env.Identity)
		if err != nil {
			return step.Inspection{}, err
		}
		value := "none (AccountAccessKeysPresent is 0)"
		if k.Present {
			value = "present"
		}
		return step.Inspection{Satisfied: !k.Present, Facts: []step.Fact{{Label: "Root access keys", Value: value, Good: good(!k.Present)}}}, nil
	}
	return t
}

// deleteInConsole guides the deletion of root keys firstrun does not run on, and checks
// with AWS until they are gone.
func deleteInConsole(env *step.Env, def step.Definition) step.Screen {
	g := step.NewGuided(env, def)
	g.Intro = keysWhy + " firstrun does not use them, so delete them in the console; firstrun checks with AWS."
	g.Instructions = []string{
		"Sign in as the root user and open Security credentials (account name, top right).",
		"Under Access keys, for each key choose Actions, Deactivate, then Actions, Delete; then press enter here.",
	}
	g.Link = SecurityCredentialsURL
	g.Verify = func(ctx context.Context) (bool, string, error) {
		k, err := ReadRootKeys(ctx, env.AWS.IAM, env.Identity)
		if err != nil {
			return false, "", err
		}
		if k.Present {
			return false, rootKeysDetail, nil
		}
		return true, noRootKeysDetail, nil
	}
	return g
}

func good(ok bool) *bool {
	if ok {
		return step.Yes()
	}
	return step.No()
}

// notice explains a decision and records it when the operator has read it.
type notice struct {
	env    *step.Env
	id     step.ID
	text   string
	facts  []step.Fact
	record checkpoint.StepRecord
	width  int
}

func (n *notice) Init() tea.Cmd { return nil }

func (n *notice) Update(msg tea.Msg) (step.Screen, tea.Cmd) {
	if k, ok := msg.(tea.KeyMsg); ok && key.Matches(k, n.env.Keys.Continue) {
		return n, step.Finish(n.env, n.id, n.record)
	}
	return n, nil
}

func (n *notice) View() string {
	th := n.env.Theme
	return step.Sections(step.Facts(th, n.width, n.facts), step.Paragraphs(th, n.width, n.text))
}

func (n *notice) SetSize(width, _ int)      { n.width = width }
func (n *notice) Busy() bool                { return false }
func (n *notice) Typing() bool              { return false }
func (n *notice) ShortHelp() []key.Binding  { return []key.Binding{n.env.Keys.Continue} }
func (n *notice) FullHelp() [][]key.Binding { return [][]key.Binding{n.ShortHelp()} }
