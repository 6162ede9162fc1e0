package main

import (
	"context"
	"fmt"
	"io"
	"net"
	"os/signal"
	"syscall"

	"github.com/firstrun/firstrun/awsclient"
	"github.com/firstrun/firstrun/demo"
	"github.com/firstrun/firstrun/steps"
	"github.com/firstrun/firstrun/steps/step"
)

// runDemo runs the simulated account's own commands: serve it to other programs, or do
// what an operator would do in the console for a step that has no API.
func runDemo(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	if len(args) == 0 {
		fmt.Fprintln(stderr, "firstrun demo: name a command: serve or console (see firstrun help)")
		return exitUsage
	}
	switch args[0] {
	case "serve":
		return runDemoServe(ctx, args[1:], stdout, stderr)
	case "console":
		return runDemoConsole(ctx, args[1:], stdout, stderr)
	}
	fmt.Fprintf(stderr, "firstrun demo: unknown command %q (serve or console)\n", args[0])
	return exitUsage
}

// runDemoServe serves the demo's simulated account until interrupted, and prints how to
// point the AWS CLI or an SDK at it.
func runDemoServe(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	fs := newFlagSet("demo serve", stderr)
	listen := fs.String("listen", "127.0.0.1:0", "address to listen on")
	if ok, code := parse(fs, args); !ok {
		return code
	}
	dir, err := stateDir(true)
	if err != nil {
		fmt.Fprintln(stderr, "firstrun:", err)
		return exitFailed
	}
	account, err := demo.Open(dir)
	if err != nil {
		fmt.Fprintln(stderr, "firstrun:", err)
		return exitFailed
	}
	defer account.Close()
	l, err := net.Listen("tcp", *listen)
	if err != nil {
		fmt.Fprintln(stderr, "firstrun: listen:", err)
		return exitFailed
	}
	creds := account.Sim.Credentials()
	fmt.Fprintf(stdout, "# The simulated AWS account %s is served at http://%s\n", account.Sim.AccountID(), l.Addr())
	fmt.Fprintln(stdout, "# Point the AWS CLI or an SDK at it with these variables (Ctrl-C stops it):")
	fmt.Fprintf(stdout, "AWS_ENDPOINT_URL=http://%s\n", l.Addr())
	fmt.Fprintf(stdout, "AWS_ACCESS_KEY_ID=%s\n", creds.AccessKeyID)
	fmt.Fprintf(stdout, "AWS_SECRET_ACCESS_KEY=%s\n", creds.SecretAccessKey)
	if creds.SessionToken != "" {
		fmt.Fprintf(stdout, "AWS_SESSION_TOKEN=%s\n", creds.SessionToken)
	}
	fmt.Fprintf(stdout, "AWS_REGION=%s\n", awsclient.DefaultRegion)

	ctx, stop := signal.NotifyContext(ctx, syscall.SIGINT, syscall.SIGTERM)
	defer stop()
	served := make(chan error, 1)
	go func() { served <- account.Serve(l) }()
	select {
	case err := <-served:
		if err != nil {
			fmt.Fprintln(stderr, "firstrun:", err)
			return exitFailed
		}
	case <-ctx.Done():
	}
	return exitOK
}

// runDemoConsole does a console-only step's work on the simulated account.
func runDemoConsole(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	fs := newFlagSet("demo console", stderr)
	region := fs.String("region", awsclient.DefaultRegion, "the Region, for Identity Center")
	target := fs.String("target", "", "the user acted on, where the step has one")
	if ok, code := parse(fs, args); !ok {
		return code
	}
	if fs.NArg() != 1 {
		fmt.Fprintln(stderr, "firstrun demo console: name one step, for example: firstrun demo console root-mfa")
		return exitUsage
	}
	id := step.ID(fs.Arg(0))
	if _, ok := steps.Find(steps.Sequence(), id); !ok {
		fmt.Fprintf(stderr, "firstrun demo console: there is no step %q\n", id)
		return exitUsage
	}
	dir, err := stateDir(true)
	if err != nil {
		fmt.Fprintln(stderr, "firstrun:", err)
		return exitFailed
	}
	account, err := demo.Open(dir)
	if err != nil {
		fmt.Fprintln(stderr, "firstrun:", err)
		return exitFailed
	}
	defer account.Close()
	if err := account.Console.Perform(ctx, step.ConsoleAction{Step: id, Region: *region, Target: *target}); err != nil {
		fmt.Fprintln(stderr, "firstrun:", err)
		return exitFailed
	}
	fmt.Fprintf(stdout, "Did the console work of step %s on the simulated account.\n", id)
	return exitOK
}
