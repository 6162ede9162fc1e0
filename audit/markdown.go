package audit

import (
	"fmt"
	"io"
	"strings"
)

// WriteMarkdown writes the audits as a Markdown document: a section per account with a
// table of its controls.
func WriteMarkdown(w io.Writer, results []Result) error {
	var b strings.Builder
	b.WriteString("# firstrun audit\n")
	for _, r := range results {
		fmt.Fprintf(&b, "\n## %s\n\n", r.label())
		fmt.Fprintf(&b, "Audited %s by firstrun %s", r.when(), r.Version)
		if r.Caller != "" {
			fmt.Fprintf(&b, " as `%s`", r.Caller)
		}
		if r.Region != "" {
			fmt.Fprintf(&b, " in %s", r.Region)
		}
		b.WriteString(".\n\n")
		if r.Error != "" {
			fmt.Fprintf(&b, "**Not audited:** %s\n", cell(r.Error))
			continue
		}
		b.WriteString("| Status | Control | CIS | Detail |\n|---|---|---|---|\n")
		for _, c := range r.Controls {
			fmt.Fprintf(&b, "| %s | `%s` %s | %s | %s |\n", c.Status, c.ID, cell(c.Title), cell(cisOf(c)), cell(c.Detail))
		}
		fmt.Fprintf(&b, "\n%s.\n", r.Tally())
	}
	_, err := io.WriteString(w, b.String())
	return err
}

// cell makes s safe inside a Markdown table cell: one line, pipes escaped.
func cell(s string) string {
	return strings.NewReplacer("|", `\|`, "\r\n", " ", "\n", " ").Replace(s)
}
