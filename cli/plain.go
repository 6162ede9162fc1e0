package cli

import (
	"context"
	"errors"
	"fmt"
	"os"
	"os/signal"

	"github.com/firstrun/firstrun/steps/step"
	"github.com/firstrun/firstrun/ui/plain"
)

// runPlain runs the wizard as plain line prompts: for screen readers (--accessible), dumb
// terminals, and a standard input that is not a terminal.
func (a *app) runPlain(ctx context.Context, s *session, env *step.Env) int {
	ctx, stop := signal.NotifyContext(ctx, os.Interrupt)
	defer stop()
	env.Ctx = ctx
	r := plain.Runner{Env: env, P: plain.NewPrompter(a.stdin, a.stdout)}
	err := r.Run(ctx)
	next := "the end"
	if i := step.NextToRun(env.Sequence, env.Store.Document(), 0); i < len(env.Sequence) {
		next = fmt.Sprintf("%q", env.Sequence[i].Title)
	}
	switch {
	case err == nil:
		fmt.Fprintf(a.stdout, "\nfirstrun: every step of account %s has been through. Progress is saved in %s.\n",
			env.Identity.Account, env.Store.Path())
		return exitOK
	case errors.Is(err, plain.ErrStopped):
		fmt.Fprintf(a.stdout, "\nfirstrun: no more answers; stopped. Progress is saved; run firstrun%s --accessible again to resume at %s.\n",
			s.demoSuffix(), next)
		return exitWaiting
	case errors.Is(err, context.Canceled):
		fmt.Fprintf(a.stdout, "\nfirstrun: stopped. Progress is saved; run firstrun%s --accessible again to resume at %s.\n",
			s.demoSuffix(), next)
		return exitInterrupted
	}
	fmt.Fprintln(a.stderr, "firstrun:", err)
	return exitFailed
}
