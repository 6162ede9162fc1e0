package cli

import (
	"fmt"
	"text/tabwriter"

	"github.com/firstrun/firstrun/steps"
	"github.com/firstrun/firstrun/steps/checkpoint"
	"github.com/firstrun/firstrun/steps/step"
)

// status lists the saved setups and where each would resume.
func (a *app) status(args []string) int {
	fs := newFlagSet("status", a.stderr)
	demoMode := fs.Bool("demo", false, "the simulated account's saved setup")
	rest, ok, code := parse(fs, args)
	if !ok {
		return code
	}
	if len(rest) > 0 {
		fmt.Fprintf(a.stderr, "firstrun status: unexpected argument %q\n", rest[0])
		return exitUsage
	}
	dir, err := stateDir(*demoMode)
	if err != nil {
		fmt.Fprintln(a.stderr, "firstrun:", err)
		return exitFailed
	}
	saved, err := checkpoint.List(dir)
	if err != nil {
		fmt.Fprintln(a.stderr, "firstrun:", err)
		return exitFailed
	}
	if len(saved) == 0 {
		fmt.Fprintf(a.stdout, "No saved setups in %s.\n", dir)
		return exitOK
	}
	seq := steps.Sequence()
	tw := tabwriter.NewWriter(a.stdout, 0, 0, 2, ' ', 0)
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
	fmt.Fprintf(a.stdout, "\nState directory: %s\n", dir)
	return exitOK
}

// resumesAt names the first step a resumed run would show.
func resumesAt(d checkpoint.Document, seq []step.Definition) string {
	if i := step.NextToRun(seq, d, 0); i < len(seq) {
		return string(seq[i].ID)
	}
	return "finished"
}
