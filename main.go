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

	"github.com/firstrun/firstrun/assets"
)

// version is stamped by the release build (-ldflags "-X main.version=...").
var version = ""

// Exit codes, documented in the usage text and the README.
const (
	exitOK          = 0 // done: the wizard ended, every step finished, or the plan was printed
	exitFailed      = 1 // a step failed, or AWS could not be read
	exitUsage       = 2 // a bad flag, or a refused answers file
	exitWaiting     = 3 // --non-interactive did all it could; steps wait for the operator
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
			if len(args) > 1 && args[1] == "answers" {
				fmt.Fprint(stdout, assets.AnswersExample())
				return exitOK
			}
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
  firstrun help answers         print an example answers file, every key explained

Flags:
  --profile NAME      use this profile from ~/.aws/config
  --region NAME       the Region to work in (default: the answers file's region, else your
                      configuration, else us-east-1)
  --endpoint-url URL  send every AWS call to this endpoint (AWS_ENDPOINT_URL works too)
  --aws-timeout D     how long one attempt at an AWS call may take before it is made
                      again (default 30s; raise it on a very slow network)
  --demo              use the built-in simulated account; its state is kept apart
  --answers FILE      take the values the wizard asks for from FILE (YAML); the screens
                      start filled in. A bad file is refused, each problem with its line,
                      before anything runs.
  --non-interactive   no screen: do every step that needs no person, print one line per
                      step, and exit with a code below. Implied by --answers when
                      standard input is not a terminal.
  --plan              print every change a run would make (service:operation resource
                      key=value ...), and what is in place or manual; change nothing
  --accessible        plain line prompts instead of the full screen, for screen readers
                      (also with TERM=dumb, or when standard input is not a terminal)
  --debug FILE        append a log for support to FILE (mode 0600): steps, AWS calls,
                      errors; credentials, tokens, MFA seeds and codes and passwords
                      are taken out (FIRSTRUN_DEBUG=FILE works too)
  --debug-http        add every AWS request and response to it, redacted the same way
  --version           print the version

Exit codes:
  0    finished (with --plan: the plan was printed)
  1    a step failed, or AWS could not be read; the reason is printed
  2    usage: a bad flag or a refused answers file; nothing ran
  3    --non-interactive did everything that needs no person; the steps listed as
       waiting need the operator (run firstrun to be guided), then run it again.
       In plain line mode: the answers ran out before the end; progress is saved
  130  interrupted; progress is saved

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
