package connect

import (
	"context"
	"fmt"

	"github.com/firstrun/firstrun/steps/checkpoint"
	"github.com/firstrun/firstrun/steps/step"
)

// Headless is the connect step for audit and --non-interactive: it reads who firstrun
// acts as and what the account has, and changes nothing, so there is nothing to plan.
func Headless() step.Headless {
	return step.Headless{Check: check, Run: run}
}

// check passes once the account can be read: the audit's other controls rest on it.
func check(ctx context.Context, env *step.Env) (step.Control, error) {
	s, err := Read(ctx, env.AWS, env.Identity)
	if err != nil {
		return step.Control{}, err
	}
	id := s.Identity
	return step.Control{Status: step.Pass, Detail: fmt.Sprintf("firstrun acts as %s (%s) in account %s, Region %s.",
		id.ARN, CallerKind(id), id.Account, id.Region)}, nil
}

func run(ctx context.Context, env *step.Env) (checkpoint.StepRecord, error) {
	s, err := Read(ctx, env.AWS, env.Identity)
	if err != nil {
		return checkpoint.StepRecord{}, err
	}
	return checkpoint.StepRecord{Outcome: checkpoint.Verified, Resources: inspection(s).Resources}, nil
}
