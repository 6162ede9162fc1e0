package main

import (
	"bufio"
	"fmt"
	"io"
	"path/filepath"
	"strings"
	"text/tabwriter"

	"github.com/firstrun/firstrun/demo"
	"github.com/firstrun/firstrun/steps"
	"github.com/firstrun/firstrun/steps/checkpoint"
	"github.com/firstrun/firstrun/steps/step"
)

// stateDir is where checkpoints live; the demo's are kept apart from real accounts'.
func stateDir(demoMode bool) (string, error) {
	dir, err := checkpoint.Dir()
	if err != nil {
		return "", err
	}
	if demoMode {
		dir = filepath.Join(dir, "demo")
	}
	return dir, nil
}

// runStatus lists the saved setups and where each would resume.
func runStatus(args []string, stdout, stderr io.Writer) int {
	var c common
	fs := newFlagSet("status", stderr)
	c.register(fs)
	if ok, code := parse(fs, args); !ok {
		return code
	}
	dir, err := stateDir(c.demo)
	if err != nil {
		fmt.Fprintln(stderr, "firstrun:", err)
		return exitFailed
	}
	saved, err := checkpoint.List(dir)
	if err != nil {
		fmt.Fprintln(stderr, "firstrun:", err)
		return exitFailed
	}
	if len(saved) == 0 {
		fmt.Fprintf(stdout, "No saved setups in %s.\n", dir)
		return exitOK
	}
	seq := steps.Sequence()
	tw := tabwriter.NewWriter(stdout, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "ACCOUNT\tLAST STEP\tUPDATED\tRESUMES AT")
	for _, s := range saved {
		if s.Err != nil {
			fmt.Fprintf(tw, "%s\t(unreadable: %v)\t\t\n", s.Document.AccountID, s.Err)
			continue
		}
		d := s.Document
		last := "none"
		if id := d.LastStep(); id != "" {
			last = fmt.Sprintf("%s (%s)", id, step.Label(d.Steps[id].Outcome))
		}
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\n", d.AccountID, last, d.UpdatedAt.Local().Format("2006-01-02 15:04"), resumesAt(d, seq))
	}
	_ = tw.Flush()
	fmt.Fprintf(stdout, "\nState directory: %s\n", dir)
	return exitOK
}

// resumesAt names the first step a resumed run would show.
func resumesAt(d checkpoint.Document, seq []step.Definition) string {
	if i := step.NextToRun(seq, d, 0); i < len(seq) {
		return string(seq[i].ID)
	}
	return "finished"
}

// runReset forgets a saved setup after a confirmation. With --demo it also resets the
// simulated account, so the demo starts again from a new account.
func runReset(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	var c common
	var yes bool
	fs := newFlagSet("reset", stderr)
	c.register(fs)
	fs.BoolVar(&yes, "yes", false, "do not ask for confirmation")
	if ok, code := parse(fs, args); !ok {
		return code
	}
	dir, err := stateDir(c.demo)
	if err != nil {
		fmt.Fprintln(stderr, "firstrun:", err)
		return exitFailed
	}
	account := fs.Arg(0)
	if account == "" {
		saved, err := checkpoint.List(dir)
		if err != nil {
			fmt.Fprintln(stderr, "firstrun:", err)
			return exitFailed
		}
		switch {
		case len(saved) == 1:
			account = saved[0].Document.AccountID
		case len(saved) == 0 && !c.demo:
			fmt.Fprintf(stdout, "No saved setups in %s.\n", dir)
			return exitOK
		case len(saved) > 1:
			fmt.Fprintln(stderr, "firstrun: several setups are saved; name the account to forget (see firstrun status).")
			return exitUsage
		}
	}
	what := fmt.Sprintf("the saved setup of account %s", account)
	if c.demo {
		what = "the simulated account and its saved setup"
	}
	if !yes && !confirm(stdin, stdout, fmt.Sprintf("Forget %s? Nothing changes in AWS. [y/N] ", what)) {
		fmt.Fprintln(stdout, "Nothing was forgotten.")
		return exitOK
	}
	if account != "" {
		if err := checkpoint.Remove(dir, account); err != nil {
			fmt.Fprintln(stderr, "firstrun:", err)
			return exitFailed
		}
	}
	if c.demo {
		if err := demo.Reset(dir); err != nil {
			fmt.Fprintln(stderr, "firstrun:", err)
			return exitFailed
		}
	}
	fmt.Fprintf(stdout, "Forgot %s.\n", what)
	return exitOK
}

func confirm(stdin io.Reader, stdout io.Writer, prompt string) bool {
	fmt.Fprint(stdout, prompt)
	line, _ := bufio.NewReader(stdin).ReadString('\n')
	answer := strings.ToLower(strings.TrimSpace(line))
	return answer == "y" || answer == "yes"
}
