// Package step is the framework every step of the setup is built on: what a step is, what
// it is given, how it reports back to the root model, and the screens most steps share.
package step

import (
	"context"
	"maps"
	"slices"
	"time"

	tea "github.com/charmbracelet/bubbletea"

	"github.com/firstrun/firstrun/answers"
	"github.com/firstrun/firstrun/awsclient"
	"github.com/firstrun/firstrun/steps/checkpoint"
	core "github.com/firstrun/firstrun/steps/core"
	"github.com/firstrun/firstrun/ui/keys"
	"github.com/firstrun/firstrun/ui/kit"
	"github.com/firstrun/firstrun/ui/theme"
)

// ID names a step in checkpoints, answers files, reports and audit output.
type ID = core.ID

// Chapter groups steps on the progress rail.
type Chapter = core.Chapter

// The chapters, in order.
const (
	ChapterConnect        = core.ChapterConnect
	ChapterRootUser       = core.ChapterRootUser
	ChapterBilling        = core.ChapterBilling
	ChapterIdentityCenter = core.ChapterIdentityCenter
	ChapterReview         = core.ChapterReview
)

// Definition is one entry of the documented sequence.
type Definition struct {
	ID      ID
	Chapter Chapter
	Title   string
	// Purpose says in a sentence what the step achieves; the summary and reports use it.
	Purpose string
	// Optional steps are offered but off by default.
	Optional bool
	// Screen builds the step's interactive screen; nil while the step is not built yet.
	Screen func(*Env, Definition) Screen
	// Headless is the step's work without a screen, for audit, --plan and
	// --non-interactive.
	Headless Headless
	// CIS names the CIS AWS Foundations Benchmark control the step answers, if any.
	CIS string
	// Needs, Outputs and Flow are the step as the engine runs it (see steps/core).
	Needs   []core.Need
	Outputs core.Outputs
	Flow    func(core.Env) *core.Flow
}

// Available reports whether this build can run the step.
func (d Definition) Available() bool { return d.Screen != nil || d.Flow != nil }

// Info describes the step.
func (d Definition) Info() core.Info {
	return core.Info{ID: d.ID, Chapter: d.Chapter, Title: d.Title, Purpose: d.Purpose, Optional: d.Optional, CIS: d.CIS}
}

// Core is the step as the engine runs it.
func (d Definition) Core() core.Definition {
	return core.Definition{Info: d.Info(), Needs: d.Needs, Outputs: d.Outputs, Flow: d.Flow}
}

// NextToRun returns the index of the first step at or after from that this build can run
// and that has not finished, or len(seq) when there is none. It is where a resumed run
// starts.
func NextToRun(seq []Definition, doc checkpoint.Document, from int) int {
	for i := from; i < len(seq); i++ {
		if seq[i].Available() && !doc.Steps[string(seq[i].ID)].Outcome.Final() {
			return i
		}
	}
	return len(seq)
}

// Console performs, on a simulated account, what an operator would do in the AWS console
// for a step that has no API. It is nil on a real account.
type Console = core.Console

// ConsoleAction is one console-only action.
type ConsoleAction = core.ConsoleAction

// Env is everything a step is given. Its fields are values and interfaces, safe to capture
// in commands.
type Env struct {
	Ctx      context.Context // canceled when the program ends
	AWS      *awsclient.Clients
	Identity awsclient.Identity
	Store    *checkpoint.Store
	Sequence []Definition // the whole documented sequence, for the summary
	Console  Console
	// Retries hears of the SDK's retries, so a screen can say AWS is being asked again;
	// nil when nobody listens.
	Retries *awsclient.Retries
	// Answers prefill what the wizard asks; never nil (empty when no file was given).
	Answers *answers.Answers
	Theme   *theme.Theme
	Keys    *keys.Map
	Now     func() time.Time
	Version string
	// Planned, in a --plan run, are the calls earlier steps' plans list (core.Env.Planned).
	Planned []string
}

// Plans reports whether an earlier step's plan makes the call service:operation.
func (e *Env) Plans(service, operation string) bool {
	return slices.Contains(e.Planned, service+":"+operation)
}

// Screen is a step's interactive screen, a Bubble Tea model driven by the root model.
type Screen = kit.Screen

// DoneMsg tells the root model that a step has finished and its outcome is saved.
type DoneMsg = kit.DoneMsg

// SaveFailedMsg tells the root model that progress could not be saved.
type SaveFailedMsg = kit.SaveFailedMsg

// Kit is the screen kit's view of the Env.
func (e *Env) Kit() *kit.Env {
	return &kit.Env{Ctx: e.Ctx, Base: e.Base(), Store: e.Store, Console: e.Console, Retries: e.Retries,
		Theme: e.Theme, Keys: e.Keys}
}

// Base is what a step's Flow reads, with the checkpoint as it is now (none in an audit).
func (e *Env) Base() core.Env {
	infos := make([]core.Info, len(e.Sequence))
	for i, d := range e.Sequence {
		infos[i] = d.Info()
	}
	env := core.Env{AWS: e.AWS, Identity: e.Identity, Answers: e.Answers, Sequence: infos, Now: e.Now, Version: e.Version,
		Planned: e.Planned}
	if e.Store != nil {
		env.Saved = e.Store.Document()
	}
	return env
}

// Finish saves a step's outcome and then reports it done. Saving happens inside the
// command, before the screen moves on, so nothing is shown as done that is not on disk.
func Finish(env *Env, id ID, r checkpoint.StepRecord) tea.Cmd {
	return func() tea.Msg {
		if err := env.Store.Record(string(id), r); err != nil {
			return SaveFailedMsg{ID: id, Err: err}
		}
		return DoneMsg{ID: id, Record: env.Store.Document().Steps[string(id)]}
	}
}

// Progress saves a side effect of a step that has not finished (outcome InProgress) beside
// what the step saved before, so a resumed run knows what already exists.
func Progress(env *Env, id ID, resources map[string]string) error {
	prev := env.Store.Document().Steps[string(id)].Resources
	merged := make(map[string]string, len(prev)+len(resources))
	maps.Copy(merged, prev)
	maps.Copy(merged, resources)
	return env.Store.Record(string(id), checkpoint.StepRecord{Outcome: checkpoint.InProgress, Resources: merged})
}
