package steptest

import (
	"strings"
	"sync"
	"testing"
	"time"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/x/ansi"

	"github.com/firstrun/firstrun/steps/checkpoint"
	"github.com/firstrun/firstrun/steps/step"
	"github.com/firstrun/firstrun/ui/keys"
	"github.com/firstrun/firstrun/ui/kit"
)

// Timeout bounds every wait; tests poll for a condition and never sleep for one.
const Timeout = 10 * time.Second

// Program is a model running in a real Bubble Tea program loop, as in the terminal, with
// its latest frame kept as plain text.
type Program struct {
	t    testing.TB
	prog *tea.Program
	done chan struct{}

	mu    sync.Mutex
	frame string
	final tea.Model
	err   error
}

// recorder wraps the model under test to keep each frame it renders.
type recorder struct {
	inner tea.Model
	p     *Program
}

func (r recorder) Init() tea.Cmd { return r.inner.Init() }

func (r recorder) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	m, cmd := r.inner.Update(msg)
	r.inner = m
	r.p.mu.Lock()
	r.p.frame = ansi.Strip(m.View())
	r.p.mu.Unlock()
	return r, cmd
}

func (r recorder) View() string { return r.inner.View() }

// Run starts m in a program sized width x height.
func Run(t testing.TB, m tea.Model, width, height int) *Program {
	t.Helper()
	p := &Program{t: t, done: make(chan struct{})}
	p.prog = tea.NewProgram(recorder{inner: m, p: p},
		tea.WithInput(nil), tea.WithOutput(discard{}), tea.WithoutSignals())
	go func() {
		final, err := p.prog.Run()
		p.mu.Lock()
		if r, ok := final.(recorder); ok {
			p.final = r.inner
		}
		p.err = err
		p.mu.Unlock()
		close(p.done)
	}()
	p.prog.Send(tea.WindowSizeMsg{Width: width, Height: height})
	t.Cleanup(func() {
		p.prog.Kill()
		<-p.done
	})
	return p
}

type discard struct{}

func (discard) Write(b []byte) (int, error) { return len(b), nil }

// Frame is the latest screen, without colours or attributes.
func (p *Program) Frame() string {
	p.mu.Lock()
	defer p.mu.Unlock()
	return p.frame
}

// WaitFor waits until the screen shows every one of texts, and fails the test with the
// last screen if it does not within Timeout.
func (p *Program) WaitFor(texts ...string) {
	p.t.Helper()
	p.waitUntil(func(frame string) bool {
		for _, s := range texts {
			if !strings.Contains(flatten(frame), flatten(s)) {
				return false
			}
		}
		return true
	}, "the screen to show "+strings.Join(texts, " + "))
}

// WaitUntil waits until cond holds for the screen.
func (p *Program) WaitUntil(cond func(frame string) bool, what string) {
	p.t.Helper()
	p.waitUntil(cond, what)
}

func (p *Program) waitUntil(cond func(string) bool, what string) {
	p.t.Helper()
	deadline := time.Now().Add(Timeout)
	for !cond(p.Frame()) {
		select {
		case <-p.done:
			if cond(p.Frame()) {
				return
			}
			p.t.Fatalf("the program ended while waiting for %s; last screen:\n%s", what, p.Frame())
		case <-time.After(5 * time.Millisecond):
		}
		if time.Now().After(deadline) {
			p.t.Fatalf("timed out waiting for %s; last screen:\n%s", what, p.Frame())
		}
	}
}

// Ended reports whether the program has ended.
func (p *Program) Ended() bool {
	select {
	case <-p.done:
		return true
	default:
		return false
	}
}

// WaitForChange waits until the screen is no longer before, or the program ends.
func (p *Program) WaitForChange(before string) {
	p.t.Helper()
	deadline := time.Now().Add(Timeout)
	for p.Frame() == before {
		select {
		case <-p.done:
			return
		case <-time.After(5 * time.Millisecond):
		}
		if time.Now().After(deadline) {
			p.t.Fatalf("timed out waiting for the screen to change; last screen:\n%s", p.Frame())
		}
	}
}

// flatten collapses runs of whitespace, so a phrase matches across wrapped lines.
func flatten(s string) string { return strings.Join(strings.Fields(s), " ") }

// Press sends keys by name: "enter", "esc", "ctrl+c", "tab", "shift+tab", "up", "down",
// "pgdown", "backspace", or a single printable character.
func (p *Program) Press(names ...string) {
	for _, n := range names {
		p.prog.Send(Key(n))
	}
}

// Type sends text as typed characters.
func (p *Program) Type(text string) {
	for _, r := range text {
		p.prog.Send(tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune{r}})
	}
}

// Send delivers any message.
func (p *Program) Send(msg tea.Msg) { p.prog.Send(msg) }

// Wait waits for the program to end and returns its final model.
func (p *Program) Wait() tea.Model {
	p.t.Helper()
	select {
	case <-p.done:
	case <-time.After(Timeout):
		p.t.Fatalf("the program did not end; last screen:\n%s", p.Frame())
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.err != nil {
		p.t.Fatalf("program: %v", p.err)
	}
	return p.final
}

// Key is the key message for a key name (see keys.Msg).
func Key(name string) tea.KeyMsg { return keys.Msg(name) }

// stepHost runs one step's screen on its own, ending when the step reports done.
type stepHost struct {
	screen step.Screen
	done   *step.DoneMsg
	saved  error
}

func (h *stepHost) Init() tea.Cmd { return h.screen.Init() }

func (h *stepHost) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	switch msg := msg.(type) {
	case tea.WindowSizeMsg:
		h.screen.SetSize(msg.Width, msg.Height)
		return h, nil
	case step.DoneMsg:
		h.done = &msg
		return h, tea.Quit
	case step.SaveFailedMsg:
		h.saved = msg.Err
		return h, tea.Quit
	}
	var cmd tea.Cmd
	h.screen, cmd = h.screen.Update(msg)
	return h, cmd
}

func (h *stepHost) View() string { return h.screen.View() }

// Step runs one step's screen from the sequence, at width x height.
type Step struct {
	*Program
	ID step.ID
}

// RunStep starts step id's screen in a program of 80 x 20, the body a screen gets in an
// 80x24 window.
func (h *Harness) RunStep(id step.ID) *Step {
	h.t.Helper()
	d := h.Definition(id)
	switch {
	case d.Flow != nil:
		return h.RunScreen(id, kit.NewStep(h.Env.Kit(), d.Core()))
	case d.Screen == nil:
		h.t.Fatalf("step %s has no screen yet", id)
	}
	return h.RunScreen(id, d.Screen(h.Env, d))
}

// Finished waits for the step to finish and returns the record it saved.
func (s *Step) Finished() checkpoint.StepRecord {
	s.t.Helper()
	host, ok := s.Wait().(*stepHost)
	if !ok || host.done == nil {
		s.t.Fatalf("step %s ended without finishing (save error: %v); last screen:\n%s", s.ID, hostErr(host), s.Frame())
	}
	return host.done.Record
}

func hostErr(h *stepHost) error {
	if h == nil {
		return nil
	}
	return h.saved
}

// RunScreen starts a screen that is not in the sequence, such as a framework test's.
func (h *Harness) RunScreen(id step.ID, screen step.Screen) *Step {
	h.t.Helper()
	return &Step{Program: Run(h.t, &stepHost{screen: screen}, 78, 18), ID: id}
}

// Stop ends the program and returns its model as it last was: a benchmark renders it
// again and again, with nothing else touching it.
func (p *Program) Stop() tea.Model {
	p.Kill()
	p.mu.Lock()
	defer p.mu.Unlock()
	return p.final
}

// Kill ends the program at once, as SIGKILL would: nothing gets a chance to clean up or save.
func (p *Program) Kill() {
	p.prog.Kill()
	<-p.done
}
