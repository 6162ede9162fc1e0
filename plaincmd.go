package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/signal"

	"github.com/firstrun/firstrun/steps/step"
	"github.com/firstrun/firstrun/ui/plain"
)

// runPlain runs the wizard as plain line prompts: for screen readers (--accessible), dumb
// terminals, and a standard input that is not a terminal.
func runPlain(ctx context.Context, env *step.Env, stdin io.Reader, stdout, stderr io.Writer) int {
	ctx, stop := signal.NotifyContext(ctx, os.Interrupt)
	defer stop()
	env.Ctx = ctx
	r := plain.Runner{Env: env, P: plain.NewPrompter(stdin, stdout)}
	err := r.Run(ctx)
	doc := env.Store.Document()
	next := "the end"
	if i := step.NextToRun(env.Sequence, doc, 0); i < len(env.Sequence) {
		next = fmt.Sprintf("%q", env.Sequence[i].Title)
	}
	switch {
	case err == nil:
		fmt.Fprintf(stdout, "\nfirstrun: every step of account %s has been through. Progress is saved in %s.\n",
			env.Identity.Account, env.Store.Path())
		return exitOK
	case errors.Is(err, plain.ErrStopped):
		fmt.Fprintf(stdout, "\nfirstrun: no more answers; stopped. Progress is saved; run firstrun%s --accessible again to resume at %s.\n",
			demoSuffix(env), next)
		return exitWaiting
	case errors.Is(err, context.Canceled):
		fmt.Fprintf(stdout, "\nfirstrun: stopped. Progress is saved; run firstrun%s --accessible again to resume at %s.\n",
			demoSuffix(env), next)
		return exitInterrupted
	}
	fmt.Fprintln(stderr, "firstrun:", err)
	return exitFailed
}
