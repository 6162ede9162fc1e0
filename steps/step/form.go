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

// UpdateForm passes msg to a form and reports whether this very message completed it.
// huh keeps answering messages after its last field, so a screen that acted on "completed"
// alone would act twice.
func UpdateForm(f *huh.Form, msg tea.Msg) (*huh.Form, tea.Cmd, bool) {
	if f.State != huh.StateNormal {
		return f, nil, false
	}
	model, cmd := f.Update(msg)
	if updated, ok := model.(*huh.Form); ok {
		f = updated
	}
	return f, cmd, f.State == huh.StateCompleted
}
