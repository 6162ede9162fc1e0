// Package cli is firstrun's command line: one file per command (the wizard, --plan,
// --non-interactive, --accessible, audit, status, reset, demo), all reaching AWS through
// one session opener (session.go), so every mode finds the account, the caller and the
// state directory the same way.
package cli

import (
	"context"
	"fmt"
	"io"
	"runtime/debug"

	"github.com/firstrun/firstrun/assets"
)

// Exit codes, documented in the usage text and the README.
const (
	exitOK          = 0 // done: the wizard ended, every step finished, or the plan was printed
	exitFailed      = 1 // a step failed, or AWS could not be read
	exitUsage       = 2 // a bad flag, or a refused answers file
	exitWaiting     = 3 // --non-interactive did all it could; steps wait for the operator
	exitInterrupted = 130
)

// app is one invocation of firstrun: its version and its standard streams.
type app struct {
	version        string
	stdin          io.Reader
	stdout, stderr io.Writer
}

// Run runs firstrun with args (without the program name) and returns the process's exit
// code. version is the release's, "" for a development build.
func Run(ctx context.Context, version string, args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	a := &app{version: version, stdin: stdin, stdout: stdout, stderr: stderr}
	if len(args) > 0 {
		switch args[0] {
		case "status":
			return a.status(args[1:])
		case "reset":
			return a.reset(args[1:])
		case "demo":
			return a.demo(ctx, args[1:])
		case "audit":
			return a.audit(ctx, args[1:])
		case "help":
			if len(args) > 1 && args[1] == "answers" {
				fmt.Fprint(stdout, assets.AnswersExample())
				return exitOK
			}
			usage(stdout)
			return exitOK
		}
	}
	return a.wizard(ctx, args)
}

// versionString is the version the release stamped, else the module's, else "dev".
func (a *app) versionString() string {
	if a.version != "" {
		return a.version
	}
	if info, ok := debug.ReadBuildInfo(); ok && info.Main.Version != "" && info.Main.Version != "(devel)" {
		return info.Main.Version
	}
	return "dev"
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

Flags may come before or after a command's other arguments.

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
