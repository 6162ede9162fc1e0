package step

import (
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/huh"
)

// FitForm sizes a huh form to a screen of width x height. huh works out how tall its
// groups are (which grows as text wraps) only when it receives the window size, and the
// root model keeps that message for itself; a screen with a form calls this when its size
// changes.
func FitForm(f *huh.Form, width, height int) *huh.Form {
	if width <= 0 || height <= 0 {
		return f
	}
	f = f.WithWidth(width)
	if m, _ := f.Update(tea.WindowSizeMsg{Width: width, Height: height}); m != nil {
		if sized, ok := m.(*huh.Form); ok {
			return sized
		}
	}
	return f
}
