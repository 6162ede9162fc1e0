package step

import (
	"slices"
	"time"

	"github.com/firstrun/firstrun/answers"
	"github.com/firstrun/firstrun/awsclient"
	"github.com/firstrun/firstrun/steps/checkpoint"
)

// Env is what a step reads: the account, the answers file and what earlier runs saved. It
// is read-only: a step reports what it made through its Act, and the engine saves it. An
// audit gives a step the same Env with nothing saved, as for an account firstrun never set
// up.
type Env struct {
	AWS      *awsclient.Clients
	Identity awsclient.Identity
	// Answers prefill what the step asks; never nil (empty when no file was given).
	Answers *answers.Answers
	// Saved is the checkpoint as the step starts: the outcomes and outputs of earlier steps
	// and runs. It is empty in an audit.
	Saved checkpoint.Document
	// Sequence describes every step, in order, for the steps that report on the others.
	Sequence []Info
	Now      func() time.Time
	Version  string
	// Planned, in a --plan run, are the calls the plans of earlier steps list, as
	// "service:Operation": nothing is made, so a later step reads AWS as it is and asks
	// Plans to tell what the run would have made by its turn.
	Planned []string
}

// Plans reports whether an earlier step's plan makes the call service:operation.
func (e Env) Plans(service, operation string) bool {
	return slices.Contains(e.Planned, service+":"+operation)
}

// Record is what the checkpoint holds of step id, and whether it holds anything.
func (e Env) Record(id ID) (checkpoint.StepRecord, bool) { return e.Saved.Step(string(id)) }

// Title is the title of step id in the sequence, or its ID when the sequence lacks it.
func (e Env) Title(id ID) string {
	for _, i := range e.Sequence {
		if i.ID == id {
			return i.Title
		}
	}
	return string(id)
}
