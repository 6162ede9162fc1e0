package rootuser

import (
	"context"
	"strconv"
	"time"

	"github.com/charmbracelet/bubbles/key"
	"github.com/charmbracelet/bubbles/spinner"
	tea "github.com/charmbracelet/bubbletea"

	"github.com/firstrun/firstrun/awsclient"
	"github.com/firstrun/firstrun/steps/checkpoint"
	"github.com/firstrun/firstrun/steps/step"
)

// RemoveRootKeysScreen is the remove-root-keys step, the last before the summary. If
// firstrun runs on the root user's access keys it deletes them, after a confirmation that
// names the consequence, and a second one when nothing shows that the new administrator
// can sign in. Keys firstrun does not run on are deleted in the console, as in
// root-access-keys.
func RemoveRootKeysScreen(env *step.Env, def step.Definition) step.Screen {
	return newDecided(env, def.ID, func(k RootKeys) step.Screen {
		switch {
		case !k.Present:
			return noRootKeys(env, def)
		case k.InUse:
			return newRemoval(env, def)
		default:
			return deleteInConsole(env, def)
		}
	})
}

// removal deletes the root keys firstrun runs on.
type removal struct {
	env      *step.Env
	id       step.ID
	proven   bool   // the checkpoint shows the new administrator can sign in
	proof    string // what the checkpoint shows, in words
	phase    removalPhase
	problem  *awsclient.Problem
	spin     spinner.Model
	width    int
	keysDone int
}

type removalPhase int

const (
	removalConfirm removalPhase = iota
	removalConfirmAgain
	removalDeleting
	removalFailed
)

type rootKeysDeletedMsg struct {
	id  step.ID
	n   int
	err error
}

func newRemoval(env *step.Env, def step.Definition) *removal {
	proven, proof := SignInProof(env.Store.Document(), env.Sequence)
	return &removal{env: env, id: def.ID, proven: proven, proof: proof, spin: spinner.New(spinner.WithSpinner(spinner.Dot))}
}

func (r *removal) Init() tea.Cmd { return nil }

func (r *removal) delete() tea.Cmd {
	r.phase = removalDeleting
	env, id := *r.env, r.id
	return tea.Batch(r.spin.Tick, func() tea.Msg {
		ctx, cancel := context.WithTimeout(env.Ctx, time.Minute)
		defer cancel()
		n, err := DeleteRootKeys(ctx, env.AWS.IAM, env.Identity.AccessKeyID)
		return rootKeysDeletedMsg{id: id, n: n, err: err}
	})
}

func (r *removal) Update(msg tea.Msg) (step.Screen, tea.Cmd) {
	k := r.env.Keys
	switch msg := msg.(type) {
	case spinner.TickMsg:
		var cmd tea.Cmd
		r.spin, cmd = r.spin.Update(msg)
		return r, cmd
	case rootKeysDeletedMsg:
		if msg.id != r.id {
			return r, nil
		}
		r.keysDone += msg.n
		if msg.err != nil {
			p := step.Explain(r.env, msg.err)
			r.problem, r.phase = &p, removalFailed
			return r, nil
		}
		return r, step.Finish(r.env, r.id, keysDeleted(r.keysDone))
	case tea.KeyMsg:
		switch r.phase {
		case removalConfirm:
			switch {
			case key.Matches(msg, k.Yes) && r.proven:
				return r, r.delete()
			case key.Matches(msg, k.Yes):
				r.phase = removalConfirmAgain
			case key.Matches(msg, k.No), key.Matches(msg, k.Skip):
				return r, r.keep()
			}
		case removalConfirmAgain:
			switch {
			case key.Matches(msg, k.Yes):
				return r, r.delete()
			case key.Matches(msg, k.No), key.Matches(msg, k.Skip):
				return r, r.keep()
			}
		case removalFailed:
			switch {
			case key.Matches(msg, k.Retry):
				r.problem = nil
				return r, r.delete()
			case key.Matches(msg, k.Skip):
				return r, step.Finish(r.env, r.id, checkpoint.StepRecord{Outcome: checkpoint.Failed, Reason: r.problem.Summary(),
					Resources: map[string]string{"deleted_root_keys": strconv.Itoa(r.keysDone)}})
			}
		case removalDeleting:
		}
	}
	return r, nil
}

func (r *removal) keep() tea.Cmd {
	return step.Finish(r.env, r.id, checkpoint.StepRecord{Outcome: checkpoint.Skipped,
		Reason: "kept by the operator: the root user still has access keys; delete them in the console once you can sign in another way"})
}

func (r *removal) View() string {
	th, w := r.env.Theme, r.width
	consequence := "Deleting them is final. The moment the key firstrun signs with is gone, firstrun's own " +
		"credentials stop working: it can make no more AWS calls, and this run ends after the summary. From " +
		"then on, sign in as the new administrator, or as the root user in the console with its password and MFA."
	proof := step.Fact{Label: "New administrator's sign-in", Value: "verified: " + r.proof, Good: step.Yes()}
	if !r.proven {
		proof = step.Fact{Label: "New administrator's sign-in", Value: "not shown: " + r.proof, Good: step.No()}
	}
	blocks := []string{
		step.Facts(th, w, []step.Fact{
			{Label: "Root access keys", Value: "present", Good: step.No()},
			{Label: "Used by firstrun", Value: "yes: this run signs its requests with " + r.env.Identity.AccessKeyID},
			proof,
		}),
	}
	switch r.phase {
	case removalConfirm:
		blocks = append(blocks, th.Panel.Width(w-2).Render(step.Sections(
			th.Warning.Bold(true).Render("Delete the root user's access keys now?"),
			step.Paragraphs(th, w-6, consequence),
			th.Key.Render("y")+" delete them   "+th.Key.Render("n")+" keep them")))
	case removalConfirmAgain:
		blocks = append(blocks, th.Panel.BorderForeground(th.Error.GetForeground()).Width(w-2).Render(step.Sections(
			th.Error.Bold(true).Render("Nothing shows that the new administrator can sign in."),
			step.Paragraphs(th, w-6, "If they can't, the root user's console password and MFA are the only "+
				"way into this account. Delete the keys anyway?"),
			th.Key.Render("y")+" yes, delete them anyway   "+th.Key.Render("n")+" keep them")))
	case removalDeleting:
		blocks = append(blocks, r.spin.View()+" Deleting the root access keys…")
	case removalFailed:
		blocks = append(blocks, step.ProblemView(th, w, *r.problem))
	}
	return step.Sections(blocks...)
}

func (r *removal) SetSize(width, _ int) { r.width = width }
func (r *removal) Busy() bool           { return r.phase == removalDeleting }
func (r *removal) Typing() bool         { return false }

func (r *removal) ShortHelp() []key.Binding {
	k := r.env.Keys
	switch r.phase {
	case removalConfirm, removalConfirmAgain:
		return []key.Binding{
			key.NewBinding(key.WithKeys("y"), key.WithHelp("y", "delete the keys")),
			key.NewBinding(key.WithKeys("n"), key.WithHelp("n", "keep them")),
		}
	case removalFailed:
		return []key.Binding{k.Retry, k.Skip}
	case removalDeleting:
	}
	return nil
}

func (r *removal) FullHelp() [][]key.Binding { return [][]key.Binding{r.ShortHelp()} }
