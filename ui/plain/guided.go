package plain

import (
	"context"
	"fmt"

	"github.com/firstrun/firstrun/steps/checkpoint"
	"github.com/firstrun/firstrun/steps/step"
)

// guided runs a Guided screen as prompts: the console instructions, then checks with AWS
// each time the operator says they are done, or their word where AWS offers no check.
func (r *Runner) guided(ctx context.Context, g *step.Guided) (checkpoint.StepRecord, error) {
	p := r.P
	p.Intro(g.Intro)
	p.Say("In the AWS console:")
	for i, in := range g.Instructions {
		p.Say(fmt.Sprintf("  %d. %s", i+1, in))
	}
	if g.Link != "" {
		p.Say("Open: " + g.Link)
	}
	if g.Verify == nil {
		p.Say("AWS offers no way to check this step, so firstrun records it as confirmed by you.")
	}
	choices := []string{"I did it", "skip this step"}
	if r.Env.Console != nil {
		choices = append(choices, "demo: do it in the simulated console")
	}
	for {
		choice, err := p.Choose("When you have done it in the console:", choices...)
		if err != nil {
			return checkpoint.StepRecord{}, err
		}
		switch choice {
		case 1:
			return checkpoint.StepRecord{Outcome: checkpoint.Skipped, Reason: "skipped by the operator"}, nil
		case 2:
			a := g.Action
			if a.Step == "" {
				a.Step = g.ID
			}
			if err := r.Env.Console.Perform(ctx, a); err != nil {
				p.Problem(step.Explain(r.Env, err))
				continue
			}
		}
		if g.Verify == nil {
			return checkpoint.StepRecord{Outcome: checkpoint.Confirmed,
				Reason: "the operator confirmed it; AWS offers no way to check", Resources: resources(g)}, nil
		}
		done, detail, err := g.Verify(ctx)
		switch {
		case err != nil:
			p.Problem(step.Explain(r.Env, err))
		case done:
			return checkpoint.StepRecord{Outcome: checkpoint.Verified, Reason: detail, Resources: resources(g)}, nil
		default:
			p.Say("AWS does not show it yet: " + detail + ".")
		}
	}
}

func resources(g *step.Guided) map[string]string {
	if g.Resources == nil {
		return nil
	}
	return g.Resources()
}
