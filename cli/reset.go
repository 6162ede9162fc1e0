package cli

import (
	"bufio"
	"fmt"
	"strings"

	"github.com/firstrun/firstrun/demo"
	"github.com/firstrun/firstrun/steps/checkpoint"
)

// reset forgets a saved setup after a confirmation. With --demo it also resets the
// simulated account, so the demo starts again from a new account.
func (a *app) reset(args []string) int {
	fs := newFlagSet("reset", a.stderr)
	demoMode := fs.Bool("demo", false, "the simulated account and its saved setup")
	yes := fs.Bool("yes", false, "do not ask for confirmation")
	rest, ok, code := parse(fs, args)
	if !ok {
		return code
	}
	if len(rest) > 1 {
		fmt.Fprintf(a.stderr, "firstrun reset: name one account at most, not %q\n", strings.Join(rest, " "))
		return exitUsage
	}
	dir, err := stateDir(*demoMode)
	if err != nil {
		fmt.Fprintln(a.stderr, "firstrun:", err)
		return exitFailed
	}
	var account string
	if len(rest) == 1 {
		account = rest[0]
	} else {
		saved, err := checkpoint.List(dir)
		if err != nil {
			fmt.Fprintln(a.stderr, "firstrun:", err)
			return exitFailed
		}
		switch {
		case len(saved) == 1:
			account = saved[0].Document.AccountID
		case len(saved) == 0 && !*demoMode:
			fmt.Fprintf(a.stdout, "No saved setups in %s.\n", dir)
			return exitOK
		case len(saved) > 1:
			fmt.Fprintln(a.stderr, "firstrun: several setups are saved; name the account to forget (see firstrun status).")
			return exitUsage
		}
	}
	what := fmt.Sprintf("the saved setup of account %s", account)
	if *demoMode {
		what = "the simulated account and its saved setup"
	}
	if !*yes && !a.confirm(fmt.Sprintf("Forget %s? Nothing changes in AWS. [y/N] ", what)) {
		fmt.Fprintln(a.stdout, "Nothing was forgotten.")
		return exitOK
	}
	if account != "" {
		if err := checkpoint.Remove(dir, account); err != nil {
			fmt.Fprintln(a.stderr, "firstrun:", err)
			return exitFailed
		}
	}
	if *demoMode {
		if err := demo.Reset(dir); err != nil {
			fmt.Fprintln(a.stderr, "firstrun:", err)
			return exitFailed
		}
	}
	fmt.Fprintf(a.stdout, "Forgot %s.\n", what)
	return exitOK
}

func (a *app) confirm(prompt string) bool {
	fmt.Fprint(a.stdout, prompt)
	line, _ := bufio.NewReader(a.stdin).ReadString('\n')
	answer := strings.ToLower(strings.TrimSpace(line))
	return answer == "y" || answer == "yes"
}
