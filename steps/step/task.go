package step

import (
	"context"
	"maps"
	"time"

	"github.com/charmbracelet/bubbles/key"
	"github.com/charmbracelet/bubbles/spinner"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/huh"

	"github.com/firstrun/firstrun/awsclient"
	"github.com/firstrun/firstrun/steps/checkpoint"
)

// Inspection is what a step found in AWS before changing anything.
type Inspection struct {
	// Facts are what AWS has now, shown to the operator.
	Facts []Fact
	// Satisfied means the step's goal already holds: nothing will change.
	Satisfied bool
	// Resources identify what was found, saved when the step finishes.
	Resources map[string]string
	// Changes say, one line each, what Apply would do. Shown before the operator confirms.
	Changes []string
	// Note is a remark shown under the facts.
	Note string
}

// Task is the screen of a step that reads what AWS has, shows what it would change, and
// changes it after the operator confirms; then it reads AWS again to verify. Steps build
// one by filling in its fields.
type Task struct {
	Env   *Env
	ID    ID
	Title string
	// Intro says what the step does and why, in plain words.
	Intro string
	// Inspect reads AWS without changing anything.
	Inspect func(ctx context.Context) (Inspection, error)
	// Form, when set, asks for the values Apply needs, after Inspect so it can prefill them.
	Form func(Inspection) *huh.Form
	// Revise, when set, redoes the inspection's facts and changes once the form is
	// complete, so the review shows what Apply will do with the values entered.
	Revise func(Inspection) Inspection
	// Apply makes the change and returns the identifiers of what it made. A nil Apply
	// makes the step read-only: it finishes as verified once the operator has read it.
	Apply func(ctx context.Context) (map[string]string, error)
	// ConfirmLabel names the action on the confirm key ("create the role").
	ConfirmLabel string
	// Working, when set, is shown while Apply runs: Apply reports on it the progress of
	// asynchronous work, such as the status AWS gives while it polls.
	Working *Status
	// Decline, when set, is read as the form completes: a reason means the operator chose
	// not to make the change, and the step finishes as skipped with that reason.
	Decline func() string
	// Then, when set, is the screen that completes the step once its goal holds (verified
	// after Apply, or already in place): console work that follows an API call. It gets the
	// identifiers found and made, and finishes the step itself.
	Then func(resources map[string]string) Screen

	phase    taskPhase
	since    time.Time       // when the current phase began
	retry    awsclient.Retry // the SDK's latest retry in this phase, if any
	found    Inspection
	made     map[string]string
	form     *huh.Form
	problem  *awsclient.Problem
	failedIn taskPhase
	spin     spinner.Model
	width    int
	height   int
	cancel   context.CancelFunc
}

type taskPhase int

const (
	taskInspecting taskPhase = iota
	taskForm
	taskFormLeft // the operator left the form with esc: back to it, or skip the step
	taskReview
	taskApplying
	taskVerifying
	taskFailed
)

type (
	inspectedMsg struct {
		id  ID
		in  Inspection
		err error
	}
	appliedMsg struct {
		id   ID
		made map[string]string
		err  error
	}
)

// NewTask prepares a task screen; set its fields before the root calls Init.
func NewTask(env *Env, def Definition) *Task {
	return &Task{Env: env, ID: def.ID, Title: def.Title, spin: spinner.New(spinner.WithSpinner(spinner.Dot))}
}

func (t *Task) Init() tea.Cmd { return tea.Batch(t.spin.Tick, t.inspect(taskInspecting)) }

// inspect reads AWS; phase says why: before a change (taskInspecting) or to verify one
// (taskVerifying).
func (t *Task) inspect(phase taskPhase) tea.Cmd {
	t.enter(phase)
	ctx, cancel := context.WithCancel(t.Env.Ctx)
	t.cancel = cancel
	id, inspect := t.ID, t.Inspect
	return func() tea.Msg {
		defer cancel()
		in, err := inspect(ctx)
		return inspectedMsg{id: id, in: in, err: err}
	}
}

func (t *Task) apply() tea.Cmd {
	t.enter(taskApplying)
	ctx, cancel := context.WithCancel(t.Env.Ctx)
	t.cancel = cancel
	env, id, apply := t.Env, t.ID, t.Apply
	return func() tea.Msg {
		defer cancel()
		made, err := apply(ctx)
		if err == nil && len(made) > 0 {
			// Saved before anything else happens, so a crash now can't lose what exists.
			err = Progress(env, id, made)
		}
		return appliedMsg{id: id, made: made, err: err}
	}
}

func (t *Task) Update(msg tea.Msg) (Screen, tea.Cmd) {
	keys := t.Env.Keys
	switch msg := msg.(type) {
	case spinner.TickMsg:
		var cmd tea.Cmd
		t.spin, cmd = t.spin.Update(msg)
		t.retry = latestRetry(t.Env.Retries, t.since)
		return t, cmd
	case inspectedMsg:
		if msg.id != t.ID {
			return t, nil
		}
		if t.Then != nil && t.phase == taskVerifying && msg.err == nil && msg.in.Satisfied {
			t.found = msg.in
			return t.then()
		}
		return t, t.inspected(msg)
	case appliedMsg:
		if msg.id != t.ID {
			return t, nil
		}
		if msg.err != nil {
			return t, t.fail(taskApplying, msg.err)
		}
		t.made = msg.made
		return t, t.inspect(taskVerifying)
	case tea.KeyMsg:
		switch t.phase {
		case taskForm:
			if key.Matches(msg, keys.Leave) {
				t.phase = taskFormLeft
				return t, nil
			}
			return t, t.updateForm(msg)
		case taskFormLeft:
			switch {
			case key.Matches(msg, keys.Continue):
				t.phase = taskForm
			case key.Matches(msg, keys.Skip):
				return t, Finish(t.Env, t.ID, checkpoint.StepRecord{Outcome: checkpoint.Skipped, Reason: "skipped by the operator"})
			}
		case taskReview:
			switch {
			case key.Matches(msg, keys.Continue):
				if t.found.Satisfied && t.Then != nil {
					return t.then()
				}
				if t.found.Satisfied || t.Apply == nil {
					return t, t.finish(checkpoint.Verified)
				}
				return t, t.apply()
			case key.Matches(msg, keys.Skip):
				return t, Finish(t.Env, t.ID, checkpoint.StepRecord{Outcome: checkpoint.Skipped, Reason: "skipped by the operator"})
			}
		case taskFailed:
			switch {
			case key.Matches(msg, keys.Retry):
				t.problem = nil
				if t.failedIn == taskApplying {
					return t, t.apply()
				}
				return t, t.inspect(t.failedIn)
			case key.Matches(msg, keys.Skip):
				return t, Finish(t.Env, t.ID, checkpoint.StepRecord{Outcome: checkpoint.Skipped,
					Reason: "skipped after an error: " + t.problem.Summary()})
			}
		case taskInspecting, taskApplying, taskVerifying:
		}
	default:
		if t.phase == taskForm {
			return t, t.updateForm(msg)
		}
	}
	return t, nil
}

// enter starts a phase that waits on AWS.
func (t *Task) enter(p taskPhase) {
	t.phase, t.since, t.retry = p, time.Now(), awsclient.Retry{}
}

func (t *Task) inspected(msg inspectedMsg) tea.Cmd {
	verifying := t.phase == taskVerifying
	if msg.err != nil {
		return t.fail(t.phase, msg.err)
	}
	t.found = msg.in
	switch {
	case verifying && msg.in.Satisfied:
		return t.finish(checkpoint.Verified)
	case verifying:
		// The change was made but AWS doesn't show it yet: say so instead of claiming it.
		return t.finish(checkpoint.Done)
	case !msg.in.Satisfied && t.Form != nil:
		t.form = t.Form(msg.in).WithTheme(t.Env.Theme.Form).WithShowHelp(false)
		t.fitForm()
		t.phase = taskForm
		return t.form.Init()
	default:
		t.phase = taskReview
		return nil
	}
}

func (t *Task) updateForm(msg tea.Msg) tea.Cmd {
	form, cmd, done := UpdateForm(t.form, msg)
	t.form = form
	if done {
		if reason := t.declined(); reason != "" {
			return Finish(t.Env, t.ID, checkpoint.StepRecord{Outcome: checkpoint.Skipped, Reason: reason, Resources: t.found.Resources})
		}
		if t.Revise != nil {
			t.found = t.Revise(t.found)
		}
		t.phase = taskReview
		return nil
	}
	return cmd
}

func (t *Task) declined() string {
	if t.Decline == nil {
		return ""
	}
	return t.Decline()
}

// then hands the step to the screen that completes it.
func (t *Task) then() (Screen, tea.Cmd) {
	next := t.Then(t.resources())
	next.SetSize(t.width, t.height)
	return next, next.Init()
}

func (t *Task) fail(in taskPhase, err error) tea.Cmd {
	p := Explain(t.Env, err)
	t.problem, t.failedIn, t.phase = &p, in, taskFailed
	return nil
}

func (t *Task) finish(o checkpoint.Outcome) tea.Cmd {
	return Finish(t.Env, t.ID, checkpoint.StepRecord{Outcome: o, Resources: t.resources()})
}

// resources are the identifiers of what the step found and made.
func (t *Task) resources() map[string]string {
	res := make(map[string]string, len(t.found.Resources)+len(t.made))
	maps.Copy(res, t.found.Resources)
	maps.Copy(res, t.made)
	return res
}

func (t *Task) View() string {
	th, w := t.Env.Theme, t.width
	blocks := []string{Paragraphs(th, w, t.Intro)}
	switch t.phase {
	case taskInspecting:
		blocks = append(blocks, t.spin.View()+" Reading what AWS has…"+RetryNote(t.retry))
	case taskVerifying:
		blocks = append(blocks, t.spin.View()+" Done. Checking with AWS…"+RetryNote(t.retry))
	case taskApplying:
		working := " Working… (the change is being made in AWS)"
		if t.Working != nil && t.Working.String() != "" {
			working = " " + t.Working.String()
		}
		blocks = append(blocks, Facts(th, w, t.found.Facts), t.spin.View()+working+RetryNote(t.retry))
	case taskForm:
		blocks = append(blocks, Facts(th, w, t.found.Facts), t.form.View())
	case taskFormLeft:
		blocks = append(blocks, Facts(th, w, t.found.Facts),
			th.Warning.Width(w).Render("You left the form; nothing was changed. Press enter to go back to it, or s to skip this step."))
	case taskReview:
		blocks = append(blocks, Facts(th, w, t.found.Facts))
		if t.found.Note != "" {
			blocks = append(blocks, th.Muted.Width(w).Render(t.found.Note))
		}
		switch {
		case t.Apply == nil:
		case t.found.Satisfied:
			blocks = append(blocks, th.Success.Render("Already in place: nothing to change."))
		default:
			blocks = append(blocks, th.Heading.Render("What will change")+"\n"+Bullets(th, w, t.found.Changes))
		}
	case taskFailed:
		blocks = append(blocks, ProblemView(th, w, *t.problem))
	}
	return Sections(blocks...)
}

func (t *Task) SetSize(width, height int) {
	resized := width != t.width || height != t.height
	t.width, t.height = width, height
	if t.form != nil && resized {
		t.fitForm()
	}
}

// fitForm sizes the form to the screen. huh measures the height of its groups, which
// grows as text wraps, only when told the window size, and the root keeps that for itself.
func (t *Task) fitForm() {
	t.form = FitForm(t.form, t.width, t.height)
}

// Busy is true only while Apply runs: abandoning a read changes nothing, so only a change
// in flight is worth a question before quitting.
func (t *Task) Busy() bool { return t.phase == taskApplying }

func (t *Task) Typing() bool { return t.phase == taskForm }

func (t *Task) ShortHelp() []key.Binding {
	k := t.Env.Keys
	switch t.phase {
	case taskReview:
		cont := k.Continue
		if !t.found.Satisfied && t.Apply != nil && t.ConfirmLabel != "" {
			cont = key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", t.ConfirmLabel))
		}
		return []key.Binding{cont, k.Skip}
	case taskFailed:
		return []key.Binding{k.Retry, k.Skip}
	case taskForm:
		return []key.Binding{
			key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", "next")),
			key.NewBinding(key.WithKeys("shift+tab"), key.WithHelp("shift+tab", "back")),
			k.Leave,
		}
	case taskFormLeft:
		return []key.Binding{key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", "back to the form")), k.Skip}
	case taskInspecting, taskApplying, taskVerifying:
	}
	return nil
}

func (t *Task) FullHelp() [][]key.Binding { return [][]key.Binding{t.ShortHelp()} }
