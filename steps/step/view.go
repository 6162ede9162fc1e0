package step

import (
	"fmt"
	"strings"

	"github.com/charmbracelet/lipgloss"

	"github.com/firstrun/firstrun/awsclient"
	"github.com/firstrun/firstrun/steps/checkpoint"
	"github.com/firstrun/firstrun/ui/theme"
)

// Fact is one thing AWS reported, shown as "label  value".
type Fact struct {
	Label string
	Value string
	// Good, when set, marks the value as meeting (true) or missing (false) the step's goal.
	Good *bool
}

// Yes and No make Fact.Good values.
func Yes() *bool { v := true; return &v }
func No() *bool  { v := false; return &v }

// Glyph is the mark the rail and the summary show for an outcome. The marks differ in
// shape, not only colour, so they read without colour too.
func Glyph(o checkpoint.Outcome) string {
	switch o {
	case checkpoint.Verified, checkpoint.Done, checkpoint.Confirmed:
		return "✓"
	case checkpoint.Skipped:
		return "–"
	case checkpoint.Failed:
		return "✗"
	case checkpoint.InProgress:
		return "◐"
	}
	return "·"
}

// Label is an outcome in words, as the summary and reports print it.
func Label(o checkpoint.Outcome) string {
	switch o {
	case checkpoint.Verified:
		return "verified"
	case checkpoint.Done:
		return "done"
	case checkpoint.Confirmed:
		return "confirmed by you"
	case checkpoint.Skipped:
		return "skipped"
	case checkpoint.Failed:
		return "failed"
	case checkpoint.InProgress:
		return "started"
	}
	return "not started"
}

// OutcomeStyle colours an outcome's glyph and label.
func OutcomeStyle(t *theme.Theme, o checkpoint.Outcome) lipgloss.Style {
	switch o {
	case checkpoint.Verified, checkpoint.Done, checkpoint.Confirmed:
		return t.Success
	case checkpoint.Failed:
		return t.Error
	case checkpoint.InProgress:
		return t.Warning
	case checkpoint.Skipped:
		return t.Muted
	}
	return t.Muted
}

// Paragraphs wraps text to width; blank lines separate paragraphs.
func Paragraphs(t *theme.Theme, width int, text string) string {
	return t.Text.Width(width).Render(strings.TrimSpace(text))
}

// Facts renders label/value pairs in two aligned columns.
func Facts(t *theme.Theme, width int, facts []Fact) string {
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
