// Package keys holds the key bindings shared by every screen, so help text and behaviour
// can't drift apart. Screens add their own bindings beside these.
package keys

import (
	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"
)

// Map is the set of shared bindings.
type Map struct {
	Continue  key.Binding
	Skip      key.Binding
	Retry     key.Binding
	Check     key.Binding
	Console   key.Binding // demo only: do the console step in the simulated account
	Help      key.Binding
	Progress  key.Binding
	Quit      key.Binding
	Yes       key.Binding
	No        key.Binding
	Leave     key.Binding // leaves a form without answering it
	FromStart key.Binding
	Up        key.Binding
	Down      key.Binding
	PageUp    key.Binding
	PageDown  key.Binding
}

// Default returns the bindings firstrun ships with.
func Default() *Map {
	return &Map{
		Continue:  key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", "continue")),
		Skip:      key.NewBinding(key.WithKeys("s"), key.WithHelp("s", "skip this step")),
		Retry:     key.NewBinding(key.WithKeys("r"), key.WithHelp("r", "retry")),
		Check:     key.NewBinding(key.WithKeys("c"), key.WithHelp("c", "check again")),
		Console:   key.NewBinding(key.WithKeys("d"), key.WithHelp("d", "demo: do it in the simulated console")),
		Help:      key.NewBinding(key.WithKeys("?"), key.WithHelp("?", "help")),
		Progress:  key.NewBinding(key.WithKeys("p"), key.WithHelp("p", "progress")),
		Quit:      key.NewBinding(key.WithKeys("ctrl+c", "q"), key.WithHelp("q", "quit")),
		Yes:       key.NewBinding(key.WithKeys("y", "Y"), key.WithHelp("y", "yes")),
		No:        key.NewBinding(key.WithKeys("n", "N", "esc"), key.WithHelp("n", "no")),
		Leave:     key.NewBinding(key.WithKeys("esc"), key.WithHelp("esc", "leave the form")),
		FromStart: key.NewBinding(key.WithKeys("b"), key.WithHelp("b", "go through from the beginning")),
		Up:        key.NewBinding(key.WithKeys("up", "k"), key.WithHelp("↑/k", "scroll up")),
		Down:      key.NewBinding(key.WithKeys("down", "j"), key.WithHelp("↓/j", "scroll down")),
		PageUp:    key.NewBinding(key.WithKeys("pgup"), key.WithHelp("pgup", "page up")),
		PageDown:  key.NewBinding(key.WithKeys("pgdown", " "), key.WithHelp("pgdn", "page down")),
	}
}

// Msg is the key message for a key name as bindings and help spell it: "enter", "esc",
// "ctrl+c", "tab", "shift+tab", "up", "down", "pgdown", "backspace", "space", or a
// printable character. Tests and the plain line mode press keys with it.
func Msg(name string) tea.KeyMsg {
	switch name {
	case "enter":
		return tea.KeyMsg{Type: tea.KeyEnter}
	case "esc":
		return tea.KeyMsg{Type: tea.KeyEsc}
	case "ctrl+c":
		return tea.KeyMsg{Type: tea.KeyCtrlC}
	case "tab":
		return tea.KeyMsg{Type: tea.KeyTab}
	case "shift+tab":
		return tea.KeyMsg{Type: tea.KeyShiftTab}
	case "up":
		return tea.KeyMsg{Type: tea.KeyUp}
	case "down":
		return tea.KeyMsg{Type: tea.KeyDown}
	case "end":
		return tea.KeyMsg{Type: tea.KeyEnd}
	case "left":
		return tea.KeyMsg{Type: tea.KeyLeft}
	case "right":
		return tea.KeyMsg{Type: tea.KeyRight}
	case "pgup":
		return tea.KeyMsg{Type: tea.KeyPgUp}
	case "pgdown":
		return tea.KeyMsg{Type: tea.KeyPgDown}
	case "ctrl+u":
		return tea.KeyMsg{Type: tea.KeyCtrlU}
	case "backspace":
		return tea.KeyMsg{Type: tea.KeyBackspace}
	case "space", " ":
		return tea.KeyMsg{Type: tea.KeySpace, Runes: []rune{' '}}
	}
	return tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune(name)}
}
