package runner

import (
	"fmt"
	"io"
	"strings"

	"github.com/firstrun/firstrun/awsclient"
	"github.com/firstrun/firstrun/steps/step"
)

// printer writes the plain log of a run or a plan: step ID, a word, a detail, in columns
// that line up without buffering, so each line appears as its step ends.
type printer struct {
	w     io.Writer
	width int // of the longest step ID
}

func newPrinter(w io.Writer, seq []step.Definition) *printer {
	l := &printer{w: w}
	for _, d := range seq {
		l.width = max(l.width, len(d.ID))
	}
	return l
}

func (l *printer) line(id step.ID, word, detail string) {
	fmt.Fprintln(l.w, strings.TrimRight(fmt.Sprintf("%-*s  %-9s  %s", l.width, id, word, detail), " "))
}

// describe says in one line why a step failed: the AWS operation, code and message when
// the error came from AWS, else the error itself.
func describe(err error) string {
	if p := awsclient.Explain(err); p.Operation != "" || p.Code != "" {
		return p.Summary()
	}
	return err.Error()
}
