package audit

import (
	"fmt"
	"io"
	"strings"

	"github.com/charmbracelet/x/ansi"
)

// TableWidth is the width the table fits: the smallest terminal firstrun supports.
const TableWidth = 80

const (
	gap   = "  "
	noCIS = "-"
	// A longer step ID or CIS reference wraps rather than squeeze the detail, which keeps
	// at least 80-7-24-12-3*2 = 31 columns.
	maxIDWidth  = 24
	maxCISWidth = 12
)

// WriteTable writes each account's audit as plain text that fits TableWidth columns: a
// heading, one row per control (the detail wrapped under its column), and a tally.
func WriteTable(w io.Writer, results []Result) error {
	var b strings.Builder
	for i, r := range results {
		if i > 0 {
			b.WriteString("\n")
		}
		writeAccount(&b, r)
	}
	if len(results) > 1 {
		b.WriteString("\n" + wrap(overall(results), TableWidth) + "\n")
	}
	_, err := io.WriteString(w, b.String())
	return err
}

func writeAccount(b *strings.Builder, r Result) {
	head := r.label()
	if r.Region != "" {
		head += ", " + r.Region
	}
	b.WriteString(wrap(head+", "+r.when(), TableWidth) + "\n")
	if r.Error != "" {
		b.WriteString(wrap("Not audited: "+r.Error, TableWidth) + "\n")
		return
	}
	b.WriteString("\n")
	writeControls(b, r.Controls)
	b.WriteString("\n" + r.Tally() + "\n")
}

// writeControls lays the controls out in four columns, each wrapped within its width;
// the detail takes what the others leave.
func writeControls(b *strings.Builder, controls []Control) {
	header := [4]string{"STATUS", "CONTROL", "CIS", "DETAIL"}
	var widths [4]int
	for i := range 3 {
		widths[i] = len(header[i])
	}
	for _, c := range controls {
		widths[0] = max(widths[0], len(c.Status))
		widths[1] = min(max(widths[1], len(c.ID)), maxIDWidth)
		widths[2] = min(max(widths[2], len(cisOf(c))), maxCISWidth)
	}
	widths[3] = TableWidth - widths[0] - widths[1] - widths[2] - 3*len(gap)
	row := func(cells [4]string) {
		var columns [4][]string
		height := 0
		for i, c := range cells {
			columns[i] = lines(c, widths[i])
			height = max(height, len(columns[i]))
		}
		for n := range height {
			var line strings.Builder
			for i, col := range columns {
				text := ""
				if n < len(col) {
					text = col[n]
				}
				line.WriteString(text)
				if i < len(columns)-1 {
					line.WriteString(strings.Repeat(" ", widths[i]-ansi.StringWidth(text)) + gap)
				}
			}
			b.WriteString(strings.TrimRight(line.String(), " ") + "\n")
		}
	}
	row(header)
	for _, c := range controls {
		row([4]string{string(c.Status), c.ID, cisOf(c), c.Detail})
	}
}

func cisOf(c Control) string {
	if c.CIS == "" {
		return noCIS
	}
	return c.CIS
}

// lines wraps s to width, breaking long words, and returns its lines (at least one).
func lines(s string, width int) []string { return strings.Split(wrap(s, width), "\n") }

// wrap wraps s to width, breaking words longer than that, and trims the spaces the
// breaks leave at the ends of lines.
func wrap(s string, width int) string {
	ls := strings.Split(ansi.Wrap(s, width, ""), "\n")
	for i, l := range ls {
		ls[i] = strings.TrimRight(l, " ")
	}
	return strings.Join(ls, "\n")
}

// overall sums up an audit of several accounts in a sentence.
func overall(results []Result) string {
	failing, unreached := 0, 0
	for _, r := range results {
		switch {
		case r.Error != "":
			unreached++
		case r.Failed():
			failing++
		}
	}
	return fmt.Sprintf("%d accounts: %d with a failing control, %d not audited.", len(results), failing, unreached)
}
