package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/signal"
	"strings"

	"github.com/firstrun/firstrun/answers"
	"github.com/firstrun/firstrun/steps"
	"github.com/firstrun/firstrun/steps/runner"
	"github.com/firstrun/firstrun/steps/step"
)

// loadAnswers reads the answers file and checks every value as the steps' screens would,
// so that a bad file is refused, each problem with its line, before anything runs.
func loadAnswers(path string) (*answers.File, error) {
	f, err := answers.Load(path)
	if err != nil {
		return nil, err
	}
	if err := steps.CheckAnswers(f); err != nil {
		return nil, err
	}
	return f, nil
}

// runPlan prints every change a run would make, and makes none.
func runPlan(ctx context.Context, env *step.Env, stdout, stderr io.Writer) int {
	if err := runner.Plan(ctx, env.Sequence, env, stdout); err != nil {
		fmt.Fprintln(stderr, "firstrun:", err)
		return exitFailed
	}
	return exitOK
}

// runUnattended does, without a screen, every step that needs no person, and exits with
// a code a script can branch on: complete, waiting for the operator, or failed.
func runUnattended(ctx context.Context, env *step.Env, stdout, stderr io.Writer) int {
	ctx, stop := signal.NotifyContext(ctx, os.Interrupt)
	defer stop()
	res, err := runner.Run(ctx, env.Sequence, env, stdout)
	switch {
	case errors.Is(err, context.Canceled):
		fmt.Fprintf(stdout, "firstrun: stopped. Progress is saved; run the same command again to go on.\n")
		return exitInterrupted
	case err != nil:
		fmt.Fprintln(stderr, "firstrun:", err)
		return exitFailed
	}
	switch res.Status {
	case runner.Failed:
		reason := env.Store.Document().Steps[string(res.Failed)].Reason
		fmt.Fprintf(stderr, "firstrun: step %s failed: %s. %s\n", res.Failed, reason, step.Explain(env, res.Err).Fix)
		return exitFailed
	case runner.Waiting:
		ids := make([]string, len(res.Waiting))
		for i, id := range res.Waiting {
			ids[i] = string(id)
		}
		fmt.Fprintf(stdout, "firstrun: waiting for the operator on %s. Run firstrun%s to be guided through "+
			"them, then run this command again.\n", strings.Join(ids, ", "), demoSuffix(env))
		if env.Console != nil {
			fmt.Fprintln(stdout, "firstrun: on the simulated account, firstrun demo console STEP does a step's console work.")
		}
		return exitWaiting
	}
	fmt.Fprintf(stdout, "firstrun: every step is finished. Progress is saved in %s.\n", env.Store.Path())
	return exitOK
}
