package step

import (
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/huh"

	"github.com/firstrun/firstrun/ui/kit"
)

// FitForm sizes a huh form to a screen of width x height (see kit.FitForm).
func FitForm(f *huh.Form, width, height int) *huh.Form { return kit.FitForm(f, width, height) }

// UpdateForm passes msg to a form and reports whether this very message completed it.
func UpdateForm(f *huh.Form, msg tea.Msg) (*huh.Form, tea.Cmd, bool) { return kit.UpdateForm(f, msg) }
