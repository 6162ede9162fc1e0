package cli

import (
	"context"
	"fmt"

	"github.com/firstrun/firstrun/steps/runner"
	"github.com/firstrun/firstrun/steps/step"
)

// runPlan prints every change a run would make, and makes none (--plan).
func (a *app) runPlan(ctx context.Context, env *step.Env) int {
	if err := runner.Plan(ctx, env.Sequence, env, a.stdout); err != nil {
		fmt.Fprintln(a.stderr, "firstrun:", err)
		return exitFailed
	}
	return exitOK
}
