// Package ui is firstrun's root Bubble Tea model: a state machine over the documented
// sequence of steps. It owns navigation, layout, help and quitting; each step's screen owns
// its content.
package ui

import (
	"context"

	"github.com/charmbracelet/bubbles/help"
	"github.com/charmbracelet/bubbles/key"
	"github.com/charmbracelet/bubbles/viewport"
	tea "github.com/charmbracelet/bubbletea"

	"github.com/firstrun/firstrun/steps/checkpoint"
	"github.com/firstrun/firstrun/steps/step"
	"github.com/firstrun/firstrun/ui/kit"
)

// The smallest window every screen is designed for.
const (
	MinWidth  = 80
	MinHeight = 24
)

type phase int

const (
	phaseWelcome  phase = iota // a new setup: what will happen
	phaseResume                // a saved setup: where it will resume
	phaseStep                  // a step's screen is active
	phaseFinished              // the last step is done
	phaseFatal                 // progress could not be saved
)

// Exit says how the wizard ended, for the message printed after it.
type Exit int

const (
	ExitStopped     Exit = iota // the operator quit between actions
	ExitInterrupted             // Ctrl-C, possibly abandoning a call
	ExitFinished                // every step ran
	ExitFatal                   // progress could not be saved
)

// Model is the root model.
type Model struct {
	env    *step.Env
	cancel context.CancelFunc // abandons the AWS call in flight
	seq    []step.Definition
	doc    checkpoint.Document // copy of the saved state, for the rail

	phase   phase
	cur     int // index in seq of the active step
	screen  step.Screen
	revisit bool // going through from the beginning: finished steps are shown again

	width, height int
	body          viewport.Model
	help          help.Model
	showHelp      bool
	showRail      bool
	confirmQuit   bool

	exit  Exit
	fatal error
}

// New builds the root model. cancel must cancel env.Ctx: the root calls it when the
// operator abandons a running call.
func New(env *step.Env, cancel context.CancelFunc) *Model {
	m := &Model{env: env, cancel: cancel, seq: env.Sequence, doc: env.Store.Document(), help: help.New()}
	m.help.Styles = env.Theme.Help
	m.body = viewport.New(0, 0)
	m.phase = phaseWelcome
	if len(m.doc.Steps) > 0 {
		m.phase = phaseResume
	}
	return m
}

// Exit reports how the wizard ended and, unless it finished, the step it would resume at.
func (m *Model) Exit() (Exit, step.Definition, error) {
	var next step.Definition
	if i := m.next(0); i < len(m.seq) {
		next = m.seq[i]
	}
	return m.exit, next, m.fatal
}

func (m *Model) Init() tea.Cmd { return nil }

// next returns the index of the step to show at or after from: the next one that still
// needs work or, going through from the beginning, the next one available. The last step
// (the summary) always ends a run.
func (m *Model) next(from int) int {
	if !m.revisit {
		if i := step.NextToRun(m.seq, m.doc, from); i < len(m.seq) || from >= len(m.seq) {
			return i
		}
		return len(m.seq) - 1
	}
	for i := from; i < len(m.seq); i++ {
		if m.seq[i].Available() {
			return i
		}
	}
	return len(m.seq)
}

func (m *Model) start(i int) tea.Cmd {
	if i >= len(m.seq) {
		m.phase, m.exit = phaseFinished, ExitFinished
		return tea.Quit
	}
	d := m.seq[i]
	m.cur, m.phase = i, phaseStep
	if d.Flow != nil {
		m.screen = kit.NewStep(m.env.Kit(), d.Core())
	} else {
		m.screen = d.Screen(m.env, d)
	}
	m.resize()
	m.body.GotoTop()
	return m.screen.Init()
}

func (m *Model) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	cmd := m.update(msg)
	m.refreshBody()
	return m, cmd
}

func (m *Model) update(msg tea.Msg) tea.Cmd {
	switch msg := msg.(type) {
	case tea.WindowSizeMsg:
		m.width, m.height = msg.Width, msg.Height
		m.resize()
		return nil
	case tea.KeyMsg:
		return m.key(msg)
	case step.DoneMsg:
		if m.phase != phaseStep || msg.ID != m.seq[m.cur].ID {
			return nil // a late report from a screen already left: never advance twice
		}
		m.doc = m.env.Store.Document()
		if m.cur == len(m.seq)-1 {
			return m.start(len(m.seq))
		}
		return m.start(m.next(m.cur + 1))
	case step.SaveFailedMsg:
		m.phase, m.fatal, m.exit = phaseFatal, msg.Err, ExitFatal
		return nil
	}
	if m.phase == phaseStep {
		var cmd tea.Cmd
		m.screen, cmd = m.screen.Update(msg)
		return cmd
	}
	return nil
}

func (m *Model) key(msg tea.KeyMsg) tea.Cmd {
	k := m.env.Keys
	busy := m.phase == phaseStep && m.screen.Busy()
	typing := m.phase == phaseStep && m.screen.Typing()

	if m.confirmQuit {
		switch {
		case key.Matches(msg, k.Yes):
			m.cancel()
			m.exit = ExitInterrupted
			return tea.Quit
		case key.Matches(msg, k.No):
			m.confirmQuit = false
		}
		return nil
	}
	if msg.Type == tea.KeyCtrlC || (!typing && key.Matches(msg, k.Quit)) {
		if busy {
			m.confirmQuit = true
			return nil
		}
		m.exit = ExitStopped
		if msg.Type == tea.KeyCtrlC {
			m.exit = ExitInterrupted
		}
		if m.phase == phaseFatal {
			m.exit = ExitFatal
		}
		return tea.Quit
	}
	if typing {
		return m.forward(msg)
	}
	switch {
	case key.Matches(msg, k.Help):
		m.showHelp, m.showRail = !m.showHelp, false
		m.body.GotoTop()
		return nil
	case key.Matches(msg, k.Progress):
		m.showRail, m.showHelp = !m.showRail, false
		m.body.GotoTop()
		return nil
	case m.scroll(msg):
		return nil
	case m.showHelp || m.showRail:
		if msg.Type == tea.KeyEsc {
			m.showHelp, m.showRail = false, false
		}
		return nil
	}
	switch m.phase {
	case phaseWelcome:
		if key.Matches(msg, k.Continue) {
			return m.start(m.next(0))
		}
	case phaseResume:
		switch {
		case key.Matches(msg, k.Continue):
			return m.start(m.next(0))
		case key.Matches(msg, k.FromStart):
			m.revisit = true
			return m.start(m.next(0))
		}
	case phaseStep:
		return m.forward(msg)
	case phaseFinished, phaseFatal:
	}
	return nil
}

func (m *Model) forward(msg tea.Msg) tea.Cmd {
	var cmd tea.Cmd
	m.screen, cmd = m.screen.Update(msg)
	return cmd
}

// scroll moves the body when it is taller than the window.
func (m *Model) scroll(msg tea.KeyMsg) bool {
	k := m.env.Keys
	switch {
	case key.Matches(msg, k.Up):
		m.body.ScrollUp(1)
	case key.Matches(msg, k.Down):
		m.body.ScrollDown(1)
	case key.Matches(msg, k.PageUp):
		m.body.PageUp()
	case key.Matches(msg, k.PageDown):
		m.body.PageDown()
	default:
		return false
	}
	return true
}
