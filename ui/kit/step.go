package kit

import (
	"errors"
	"time"

	"github.com/charmbracelet/bubbles/key"
	"github.com/charmbracelet/bubbles/spinner"
	tea "github.com/charmbracelet/bubbletea"

	"github.com/firstrun/firstrun/steps/checkpoint"
	step "github.com/firstrun/firstrun/steps/core"
	"github.com/firstrun/firstrun/steps/engine"
)

// Step is the screen of one step. Its Flow runs through the engine in a command of its
// own (the engine waits on AWS and on the operator in turn, so it can't run in Update);
// each thing the engine asks for arrives here as a message, is shown, and its answer goes
// back when the operator gives it. Update stays the only place the screen's state changes.
type Step struct {
	env  *Env
	def  step.Definition
	link *link

	intro   string
	work    step.Work
	since   time.Time   // when the current work began, for the retry note
	facts   []step.Fact // the last review's facts, shown while the change is made
	current interaction
	reply   chan answer
	spin    spinner.Model

	width, height int
}

type (
	requestMsg  request
	finishedMsg struct {
		link *link
		rec  checkpoint.StepRecord
		err  error
	}
)

// NewStep prepares the screen of step def; Init starts its Flow.
func NewStep(env *Env, def step.Definition) *Step {
	return &Step{env: env, def: def, link: &link{reqs: make(chan request)},
		spin: spinner.New(spinner.WithSpinner(spinner.Dot))}
}

func (s *Step) Init() tea.Cmd { return tea.Batch(s.spin.Tick, s.start(), s.listen()) }

// start runs the engine. It works on copies taken now: a command still running when its
// program is killed must not read what the next run set up.
func (s *Step) start() tea.Cmd {
	env, def, l := s.env, s.def, s.link
	stepEnv := env.StepEnv()
	ctx := env.Ctx
	return func() tea.Msg {
		defer close(l.reqs)
		op := &screenOperator{env: env, link: l, ctx: ctx}
		rec, err := engine.Run(ctx, def, stepEnv, op, env.Store)
		return finishedMsg{link: l, rec: rec, err: err}
	}
}

// listen waits for the engine's next request.
func (s *Step) listen() tea.Cmd {
	reqs := s.link.reqs
	return func() tea.Msg {
		r, ok := <-reqs
		if !ok {
			return nil
		}
		return requestMsg(r)
	}
}

func (s *Step) Update(msg tea.Msg) (Screen, tea.Cmd) {
	switch msg := msg.(type) {
	case spinner.TickMsg:
		var cmd tea.Cmd
		s.spin, cmd = s.spin.Update(msg)
		if s.current != nil {
			c, _ := s.current.update(msg)
			cmd = tea.Batch(cmd, c)
		}
		return s, cmd
	case requestMsg:
		if msg.link != s.link {
			return s, nil
		}
		return s, tea.Batch(s.request(request(msg)), s.listen())
	case finishedMsg:
		if msg.link != s.link {
			return s, nil
		}
		return s, s.finished(msg)
	}
	if s.current == nil {
		return s, nil
	}
	cmd, a := s.current.update(msg)
	if a == nil {
		return s, cmd
	}
	return s, tea.Batch(cmd, s.answer(*a))
}

func (s *Step) request(r request) tea.Cmd {
	switch {
	case r.intro != nil:
		s.intro = *r.intro
	case r.work != nil:
		if r.work.Kind != s.work.Kind || s.current != nil {
			s.since = time.Now()
		}
		s.work, s.current = *r.work, nil
	case r.ask != nil:
		s.current, s.reply = r.ask, r.reply
		if rv, ok := r.ask.(*review); ok {
			s.facts = rv.r.Facts
		}
		s.sizeCurrent()
		return s.current.init()
	}
	return nil
}

// answer sends the operator's answer to the engine; the screen shows the work that
// follows until the engine asks for something else.
func (s *Step) answer(a answer) tea.Cmd {
	reply := s.reply
	s.current, s.reply = nil, nil
	return func() tea.Msg {
		reply <- a // buffered: never blocks
		return nil
	}
}

func (s *Step) finished(msg finishedMsg) tea.Cmd {
	id := s.def.ID
	_, waiting := step.IsWaiting(msg.err)
	switch {
	case msg.err == nil, waiting: // waiting for work outside firstrun: saved, and offered again
		return func() tea.Msg { return DoneMsg{ID: id, Record: msg.rec} }
	case errors.Is(msg.err, s.env.Ctx.Err()):
		return nil // the program is ending
	}
	return func() tea.Msg { return SaveFailedMsg{ID: id, Err: msg.err} }
}

func (s *Step) View() string {
	th, w := s.env.Theme, s.width
	intro := Paragraphs(th, w, s.intro)
	if s.current != nil {
		l := layout{width: w, height: s.height, spin: s.spin.View()}
		if c, ok := s.current.(compacter); ok && c.compact() {
			return s.current.view(l)
		}
		return Sections(intro, s.current.view(l))
	}
	line := s.spin.View() + " " + workLine(s.work) + RetryNote(latestRetry(s.env.Retries, s.since))
	if s.work.Kind == step.Changing {
		return Sections(intro, Facts(th, w, s.facts), line)
	}
	return Sections(intro, line)
}

// workLine says what the AWS call under way is for.
func workLine(w step.Work) string {
	switch {
	case w.Status != "":
		return w.Status
	case w.Kind == step.Changing:
		return "Working… (the change is being made in AWS)"
	case w.Kind == step.Verifying:
		return "Done. Checking with AWS…"
	}
	return "Reading what AWS has…"
}

func (s *Step) SetSize(width, height int) {
	s.width, s.height = width, height
	s.sizeCurrent()
}

// sizer is implemented by interactions that lay out to the window (forms).
type sizer interface{ setSize(width, height int) }

// compacter is implemented by interactions that need nearly the whole window.
type compacter interface{ compact() bool }

func (s *Step) sizeCurrent() {
	if sz, ok := s.current.(sizer); ok {
		sz.setSize(s.width, s.height)
	}
}

// Compact asks the root for nearly the whole window while a QR code is shown.
func (s *Step) Compact() bool {
	c, ok := s.current.(compacter)
	return ok && c.compact()
}

// Busy is true while a change is being made: abandoning a read changes nothing, so only a
// change in flight is worth a question before quitting.
func (s *Step) Busy() bool { return s.current == nil && s.work.Kind == step.Changing }

func (s *Step) Typing() bool { return s.current != nil && s.current.typing() }

func (s *Step) ShortHelp() []key.Binding {
	if s.current == nil {
		return nil
	}
	return s.current.keys()
}

func (s *Step) FullHelp() [][]key.Binding { return [][]key.Binding{s.ShortHelp()} }
