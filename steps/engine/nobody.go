package engine

import (
	"context"
	"strings"

	"github.com/firstrun/firstrun/steps/checkpoint"
	step "github.com/firstrun/firstrun/steps/core"
)

// Nobody is the operator of a run without a person (--non-interactive, and --plan's
// questions): every question takes the value it starts with, from the answers file or an
// earlier run; every review goes ahead; and where only a person can go on (an unanswered
// question, console work, a QR code to scan, a decision) the run waits, saying for what.
// An AWS error fails the step: there is nobody to retry it, and the next run tries again.
type Nobody struct{}

func (Nobody) Begin(string)      {}
func (Nobody) Working(step.Work) {}

func (Nobody) Review(_ context.Context, r step.Review) (step.Choice, error) {
	if r.Decision != "" && !r.InPlace() {
		return 0, step.Waiting(r.Decision)
	}
	return step.Continue, nil
}

func (Nobody) Ask(_ context.Context, f *step.Form) error {
	if missing := f.Unanswered(); len(missing) > 0 {
		return step.Waiting(strings.Join(missing, "; "))
	}
	return f.Validate()
}

func (Nobody) Problem(_ context.Context, p step.Problem) (step.Choice, error) {
	if what, ok := step.IsWaiting(p.Err); ok {
		return 0, step.Waiting(what)
	}
	return 0, p.Err
}

func (Nobody) Guide(ctx context.Context, g step.Guide) (step.GuideResult, error) {
	if g.Check != nil {
		in, err := g.Check(ctx)
		if err != nil {
			return step.GuideResult{}, err
		}
		if in.Holds {
			return step.GuideResult{Outcome: checkpoint.Verified, Detail: in.Detail, Found: in}, nil
		}
	}
	return step.GuideResult{}, step.Waiting(g.Work)
}

func (Nobody) Codes(_ context.Context, c step.Codes) (string, string, error) {
	return "", "", step.Waiting("set up the MFA device of " + c.User + " in the wizard: it needs a person to scan its QR code and type two codes")
}

func (Nobody) Reveal(_ context.Context, s step.Secret) error {
	return step.Waiting("note the " + strings.ToLower(s.Title[:1]) + s.Title[1:] + " in the wizard: firstrun shows it once, to a person")
}
