// Package kit is the screen kit every step is shown with: a screen that runs a step's Flow
// through the engine, and one screen for each thing the engine asks of the operator (a
// review, a form, a problem, console work, an MFA device's codes, a secret shown once).
// Each of them also runs as plain line prompts, as huh's fields do in accessible mode, so
// the screen and the plain mode ask the same things in the same order.
package kit

import (
	"context"

	"github.com/charmbracelet/bubbles/help"
	tea "github.com/charmbracelet/bubbletea"

	"github.com/firstrun/firstrun/awsclient"
	"github.com/firstrun/firstrun/steps/checkpoint"
	step "github.com/firstrun/firstrun/steps/core"
	"github.com/firstrun/firstrun/ui/keys"
	"github.com/firstrun/firstrun/ui/theme"
)

// Env is what the screens of a run share. Its fields are values and interfaces, safe to
// capture in commands.
type Env struct {
	// Ctx is canceled when the program ends, or when the operator abandons a call.
	Ctx context.Context
	// Base is what every step reads; each step gets it with the checkpoint as it starts.
	Base  step.Env
	Store *checkpoint.Store
	// Console does console work on the simulated account; nil on a real one.
	Console step.Console
	// Retries hears of the SDK's retries, so a screen can say AWS is being asked again;
	// nil when nobody listens.
	Retries *awsclient.Retries
	Theme   *theme.Theme
	Keys    *keys.Map
}

// StepEnv is what a step starting now reads.
func (e *Env) StepEnv() step.Env {
	env := e.Base
	env.Saved = e.Store.Document()
	return env
}

// Screen is a step's interactive screen, a Bubble Tea model driven by the root model.
type Screen interface {
	Init() tea.Cmd
	Update(tea.Msg) (Screen, tea.Cmd)
	// View renders the screen's body for the size last given to SetSize; it only reads
	// fields.
	View() string
	SetSize(width, height int)
	help.KeyMap
	// Busy reports an AWS change in flight: quitting then asks before abandoning it.
	Busy() bool
	// Typing reports a focused text field: the root then leaves printable keys alone.
	Typing() bool
}

// Compact is implemented by screens that need nearly the whole window (a QR code); the
// root then draws only a one-line header and the footer around them.
type Compact interface{ Compact() bool }

// DoneMsg tells the root model that a step has finished and its outcome is saved.
type DoneMsg struct {
	ID     step.ID
	Record checkpoint.StepRecord
}

// SaveFailedMsg tells the root model that progress could not be saved: the wizard stops
// rather than show as done what is not on disk.
type SaveFailedMsg struct {
	ID  step.ID
	Err error
}
