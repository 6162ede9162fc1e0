// Command firstrun walks the owner of an AWS account through the documented first-time
// setup and hardening of that account, screen by screen.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"runtime/debug"
	"syscall"
)

// version is stamped by the release build (-ldflags "-X main.version=...").
var version = ""

// Exit codes.
const (
	exitOK          = 0
	exitFailed      = 1
	exitUsage       = 2
	exitInterrupted = 130
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), syscall.SIGTERM)
	defer stop()
	os.Exit(run(ctx, os.Args[1:], os.Stdin, os.Stdout, os.Stderr))
}

// run dispatches the subcommands; it returns the process's exit code.
func run(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	if len(args) > 0 {
		switch args[0] {
		case "status":
			return runStatus(args[1:], stdout, stderr)
		case "reset":
			return runReset(args[1:], stdin, stdout, stderr)
		case "demo":
			return runDemo(ctx, args[1:], stdout, stderr)
		case "audit":
			return runAudit(ctx, args[1:], stdout, stderr)
		case "help":
			usage(stdout)
			return exitOK
		}
	}
	return runWizard(ctx, args, stdin, stdout, stderr)
}

func usage(w io.Writer) {
	fmt.Fprint(w, `firstrun: the first-time setup and hardening of an AWS account, screen by screen.

Usage:
  firstrun [flags]              run the wizard on the account of your AWS credentials
  firstrun --demo               run it on a simulated account (no AWS account needed)
  firstrun status [--demo]      list saved setups and where each would resume
  firstrun reset [--demo] [ACCOUNT]
                                forget a saved setup (nothing changes in AWS)
  firstrun audit [--json|--markdown] [--profiles A,B | --org [--role-name R]]
                                read-only check of the account, step by step
                                (exit 1 when a control fails; see the README)
  firstrun demo serve [--listen ADDR]
                                serve the simulated account to the AWS CLI or an SDK
  firstrun demo console STEP [--region R] [--target USER]
                                do a console-only step's work on the simulated account

Flags:
  --profile NAME      use this profile from ~/.aws/config
  --region NAME       the Region to work in (default: from your configuration, else us-east-1)
  --endpoint-url URL  send every AWS call to this endpoint (AWS_ENDPOINT_URL works too)
  --demo              use the built-in simulated account; its state is kept apart
  --version           print the version

Credentials come from the AWS SDK's default chain: environment, profile, SSO, and the
container credentials AWS CloudShell provides. The safest start for a new account is
CloudShell, signed in to the console as the root user: no root access keys are needed.
`)
}

// common are the flags every subcommand shares.
type common struct {
	demo bool
}

func (c *common) register(fs *flag.FlagSet) {
	fs.BoolVar(&c.demo, "demo", false, "use the built-in simulated account")
}

func newFlagSet(name string, stderr io.Writer) *flag.FlagSet {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.Usage = func() { usage(stderr) }
	return fs
}

// parse parses args, reporting whether the program should go on, and the exit code if not.
func parse(fs *flag.FlagSet, args []string) (bool, int) {
	err := fs.Parse(args)
	switch {
	case errors.Is(err, flag.ErrHelp):
		return false, exitOK
	case err != nil:
		return false, exitUsage
	}
	return true, 0
}

func versionString() string {
	if version != "" {
		return version
	}
	if info, ok := debug.ReadBuildInfo(); ok && info.Main.Version != "" && info.Main.Version != "(devel)" {
		return info.Main.Version
	}
	return "dev"
}
