package kit

import (
	"fmt"
	"strings"

	"github.com/charmbracelet/lipgloss"

	"github.com/firstrun/firstrun/awsclient"
	"github.com/firstrun/firstrun/steps/checkpoint"
	step "github.com/firstrun/firstrun/steps/core"
	"github.com/firstrun/firstrun/ui/theme"
)

// ToneStyle is the style of a tone.
func ToneStyle(t *theme.Theme, tone step.Tone) lipgloss.Style {
	switch tone {
	case step.Good:
		return t.Success
	case step.Muted:
		return t.Muted
	case step.Attention:
		return t.Warning
	case step.Bad:
		return t.Error
	case step.Critical:
		return t.Error.Bold(true)
	case step.Plain:
	}
	return t.Text
}

// OutcomeStyle colours an outcome's glyph and label.
func OutcomeStyle(t *theme.Theme, o checkpoint.Outcome) lipgloss.Style {
	return ToneStyle(t, step.ToneOf(o))
}

// Paragraphs wraps text to width; blank lines separate paragraphs.
func Paragraphs(t *theme.Theme, width int, text string) string {
	return t.Text.Width(width).Render(strings.TrimSpace(text))
}

// Facts renders label/value pairs in two aligned columns.
func Facts(t *theme.Theme, width int, facts []step.Fact) string {
	labelWidth := 0
	for _, f := range facts {
		labelWidth = max(labelWidth, lipgloss.Width(f.Label))
	}
	valueWidth := max(10, width-labelWidth-4)
	var b strings.Builder
	for _, f := range facts {
		mark, style := "  ", t.Text
		switch {
		case f.Good == nil:
		case *f.Good:
			mark, style = t.Success.Render("✓")+" ", t.Text
		default:
			mark, style = t.Warning.Render("!")+" ", t.Warning
		}
		label := t.Muted.Width(labelWidth + 2).Render(f.Label)
		value := style.Width(valueWidth).Render(f.Value)
		b.WriteString(lipgloss.JoinHorizontal(lipgloss.Top, mark, label, value))
		b.WriteByte('\n')
	}
	return strings.TrimSuffix(b.String(), "\n")
}

// Bullets renders one item per line, each wrapped to width.
func Bullets(t *theme.Theme, width int, items []string) string {
	var b strings.Builder
	for _, item := range items {
		b.WriteString(lipgloss.JoinHorizontal(lipgloss.Top, t.Accent.Render("• "), t.Text.Width(max(10, width-2)).Render(item)))
		b.WriteByte('\n')
	}
	return strings.TrimSuffix(b.String(), "\n")
}

// Numbered renders console instructions as a numbered list wrapped to width.
func Numbered(t *theme.Theme, width int, items []string) string {
	var b strings.Builder
	for i, item := range items {
		n := fmt.Sprintf("%d. ", i+1)
		body := t.Text.Width(max(10, width-len(n))).Render(item)
		b.WriteString(lipgloss.JoinHorizontal(lipgloss.Top, t.Accent.Render(n), body))
		b.WriteByte('\n')
	}
	return strings.TrimSuffix(b.String(), "\n")
}

// Table lays a table out within width: the last column takes what the others leave, and
// long values wrap inside their column, so no line is wider than width.
func Table(t *theme.Theme, width int, tb step.Table) string {
	n := columns(tb)
	if n == 0 {
		return ""
	}
	widths := make([]int, n)
	for _, r := range tb.Rows {
		if r.Heading {
			continue
		}
		for i, c := range r.Cells {
			widths[i] = max(widths[i], lipgloss.Width(c))
		}
	}
	for i, c := range tb.Columns {
		widths[i] = max(widths[i], lipgloss.Width(c))
	}
	// Every column but the last keeps its widest value, up to a quarter of the width; the
	// last gets the rest.
	rest := width
	for i := range n - 1 {
		widths[i] = min(widths[i], max(4, width/4))
		rest -= widths[i] + 1
	}
	widths[n-1] = max(10, rest)
	line := func(cells []string, style func(int) lipgloss.Style) string {
		parts := make([]string, 0, 2*n)
		for i := range n {
			cell := ""
			if i < len(cells) {
				cell = cells[i]
			}
			if i > 0 {
				parts = append(parts, " ")
			}
			parts = append(parts, style(i).Width(widths[i]).Render(cell))
		}
		return lipgloss.JoinHorizontal(lipgloss.Top, parts...)
	}
	var rows []string
	if len(tb.Columns) > 0 {
		rows = append(rows, line(tb.Columns, func(int) lipgloss.Style { return t.Heading }))
	}
	for _, r := range tb.Rows {
		if r.Heading {
			rows = append(rows, t.Heading.Render(strings.Join(r.Cells, " ")))
			continue
		}
		tone := ToneStyle(t, r.Tone)
		rows = append(rows, line(r.Cells, func(i int) lipgloss.Style {
			// The first column carries the tone (a severity, an outcome's mark); the
			// others read as text unless the row is muted.
			if i == 0 || r.Tone == step.Muted {
				return tone
			}
			return t.Text
		}))
		if r.Note != "" {
			rows = append(rows, t.Muted.PaddingLeft(4).Width(width).Render(r.Note))
		}
	}
	return strings.Join(rows, "\n")
}

func columns(tb step.Table) int {
	n := len(tb.Columns)
	for _, r := range tb.Rows {
		if !r.Heading {
			n = max(n, len(r.Cells))
		}
	}
	return n
}

// Section renders a heading over its items, or its text.
func Section(t *theme.Theme, width int, s step.Section) string {
	var body []string
	if len(s.Items) > 0 {
		body = append(body, Bullets(t, width, s.Items))
	}
	if s.Text != "" {
		style := ToneStyle(t, s.Tone)
		if len(s.Items) > 0 {
			style = t.Muted
		}
		body = append(body, style.Width(width).Render(s.Text))
	}
	return t.Heading.Render(s.Heading) + "\n" + strings.Join(body, "\n")
}

// ProblemView explains a failed AWS call: the operation, AWS's code and message, and what
// the operator can do.
func ProblemView(t *theme.Theme, width int, p awsclient.Problem) string {
	inner := max(20, width-4)
	lines := []string{
		t.Error.Bold(true).Render("Something went wrong"),
		t.Text.Width(inner).Render(p.Summary()),
	}
	if p.Fix != "" {
		lines = append(lines, "", t.Text.Width(inner).Render(p.Fix))
	}
	return t.Panel.BorderForeground(t.Error.GetForeground()).Width(width - 2).Render(strings.Join(lines, "\n"))
}

// Sections joins non-empty blocks with a blank line between them.
func Sections(blocks ...string) string {
	kept := blocks[:0:0]
	for _, b := range blocks {
		if strings.TrimSpace(b) != "" {
			kept = append(kept, b)
		}
	}
	return strings.Join(kept, "\n\n")
}
