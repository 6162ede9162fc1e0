package cli

import (
	"context"
	"errors"
	"fmt"
	"os"
	"os/signal"
	"strings"

	"github.com/firstrun/firstrun/steps/runner"
	"github.com/firstrun/firstrun/steps/step"
)

// runUnattended does, without a screen, every step that needs no person, and exits with
// a code a script can branch on: complete, waiting for the operator, or failed
// (--non-interactive).
func (a *app) runUnattended(ctx context.Context, s *session, env *step.Env) int {
	ctx, stop := signal.NotifyContext(ctx, os.Interrupt)
	defer stop()
	res, err := runner.Run(ctx, env.Sequence, env, a.stdout)
	switch {
	case errors.Is(err, context.Canceled):
		fmt.Fprintf(a.stdout, "firstrun: stopped. Progress is saved; run the same command again to go on.\n")
		return exitInterrupted
	case err != nil:
		fmt.Fprintln(a.stderr, "firstrun:", err)
		return exitFailed
	}
	switch res.Status {
	case runner.Failed:
		reason := env.Store.Document().Steps[string(res.Failed)].Reason
		fmt.Fprintf(a.stderr, "firstrun: step %s failed: %s. %s\n", res.Failed, reason, step.Explain(env, res.Err).Fix)
		return exitFailed
	case runner.Waiting:
		ids := make([]string, len(res.Waiting))
		for i, id := range res.Waiting {
			ids[i] = string(id)
		}
		fmt.Fprintf(a.stdout, "firstrun: waiting for the operator on %s. Run firstrun%s to be guided through "+
			"them, then run this command again.\n", strings.Join(ids, ", "), s.demoSuffix())
		if s.console != nil {
			fmt.Fprintln(a.stdout, "firstrun: on the simulated account, firstrun demo console STEP does a step's console work.")
		}
		return exitWaiting
	}
	fmt.Fprintf(a.stdout, "firstrun: every step is finished. Progress is saved in %s.\n", env.Store.Path())
	return exitOK
}
