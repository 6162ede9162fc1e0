package cli

import (
	"context"
	"fmt"
	"net"
	"os/signal"
	"syscall"

	"github.com/firstrun/firstrun/awsclient"
	"github.com/firstrun/firstrun/demo"
	"github.com/firstrun/firstrun/steps"
	"github.com/firstrun/firstrun/steps/step"
)

// demo runs the simulated account's own commands: serve it to other programs, or do what
// an operator would do in the console for a step that has no API.
func (a *app) demo(ctx context.Context, args []string) int {
	if len(args) == 0 {
		fmt.Fprintln(a.stderr, "firstrun demo: name a command: serve or console (see firstrun help)")
		return exitUsage
	}
	switch args[0] {
	case "serve":
		return a.demoServe(ctx, args[1:])
	case "console":
		return a.demoConsole(ctx, args[1:])
	}
	fmt.Fprintf(a.stderr, "firstrun demo: unknown command %q (serve or console)\n", args[0])
	return exitUsage
}

// demoServe serves the demo's simulated account until interrupted, and prints how to
// point the AWS CLI or an SDK at it.
func (a *app) demoServe(ctx context.Context, args []string) int {
	fs := newFlagSet("demo serve", a.stderr)
	listen := fs.String("listen", "127.0.0.1:0", "address to listen on")
	rest, ok, code := parse(fs, args)
	if !ok {
		return code
	}
	if len(rest) > 0 {
		fmt.Fprintf(a.stderr, "firstrun demo serve: unexpected argument %q\n", rest[0])
		return exitUsage
	}
	account, code := a.openDemo()
	if account == nil {
		return code
	}
	defer account.Close()
	l, err := net.Listen("tcp", *listen)
	if err != nil {
		fmt.Fprintln(a.stderr, "firstrun: listen:", err)
		return exitFailed
	}
	creds := account.Sim.Credentials()
	fmt.Fprintf(a.stdout, "# The simulated AWS account %s is served at http://%s\n", account.Sim.AccountID(), l.Addr())
	fmt.Fprintln(a.stdout, "# Point the AWS CLI or an SDK at it with these variables (Ctrl-C stops it):")
	fmt.Fprintf(a.stdout, "AWS_ENDPOINT_URL=http://%s\n", l.Addr())
	fmt.Fprintf(a.stdout, "AWS_ACCESS_KEY_ID=%s\n", creds.AccessKeyID)
	fmt.Fprintf(a.stdout, "AWS_SECRET_ACCESS_KEY=%s\n", creds.SecretAccessKey)
	if creds.SessionToken != "" {
		fmt.Fprintf(a.stdout, "AWS_SESSION_TOKEN=%s\n", creds.SessionToken)
	}
	fmt.Fprintf(a.stdout, "AWS_REGION=%s\n", awsclient.DefaultRegion)

	ctx, stop := signal.NotifyContext(ctx, syscall.SIGINT, syscall.SIGTERM)
	defer stop()
	served := make(chan error, 1)
	go func() { served <- account.Serve(l) }()
	select {
	case err := <-served:
		if err != nil {
			fmt.Fprintln(a.stderr, "firstrun:", err)
			return exitFailed
		}
	case <-ctx.Done():
	}
	return exitOK
}

// demoConsole does a console-only step's work on the simulated account.
func (a *app) demoConsole(ctx context.Context, args []string) int {
	fs := newFlagSet("demo console", a.stderr)
	region := fs.String("region", awsclient.DefaultRegion, "the Region, for Identity Center")
	target := fs.String("target", "", "the user acted on, where the step has one")
	rest, ok, code := parse(fs, args)
	if !ok {
		return code
	}
	if len(rest) != 1 {
		fmt.Fprintln(a.stderr, "firstrun demo console: name one step, for example: firstrun demo console root-mfa")
		return exitUsage
	}
	id := step.ID(rest[0])
	if _, ok := steps.Find(steps.Sequence(), id); !ok {
		fmt.Fprintf(a.stderr, "firstrun demo console: there is no step %q\n", id)
		return exitUsage
	}
	account, code := a.openDemo()
	if account == nil {
		return code
	}
	defer account.Close()
	if err := account.Console.Perform(ctx, step.ConsoleAction{Step: id, Region: *region, Target: *target}); err != nil {
		fmt.Fprintln(a.stderr, "firstrun:", err)
		return exitFailed
	}
	fmt.Fprintf(a.stdout, "Did the console work of step %s on the simulated account.\n", id)
	return exitOK
}

// openDemo opens the demo's simulated account, or says why it can't, with the exit code.
func (a *app) openDemo() (*demo.Account, int) {
	dir, err := stateDir(true)
	if err != nil {
		fmt.Fprintln(a.stderr, "firstrun:", err)
		return nil, exitFailed
	}
	account, err := demo.Open(dir)
	if err != nil {
		fmt.Fprintln(a.stderr, stateDirProblem(dir, err))
		return nil, exitFailed
	}
	return account, 0
}
