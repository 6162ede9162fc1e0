package step

import (
	"github.com/charmbracelet/lipgloss"

	"github.com/firstrun/firstrun/awsclient"
	"github.com/firstrun/firstrun/steps/checkpoint"
	core "github.com/firstrun/firstrun/steps/core"
	"github.com/firstrun/firstrun/ui/kit"
	"github.com/firstrun/firstrun/ui/theme"
)

// Fact is one thing AWS reported, shown as "label  value".
type Fact = core.Fact

// Yes and No make Fact.Good values.
func Yes() *bool { return core.Yes() }
func No() *bool  { return core.No() }

// Glyph is the mark the rail and the summary show for an outcome.
func Glyph(o checkpoint.Outcome) string { return core.Glyph(o) }

// Label is an outcome in words, as the summary and reports print it.
func Label(o checkpoint.Outcome) string { return core.Label(o) }

// OutcomeStyle colours an outcome's glyph and label.
func OutcomeStyle(t *theme.Theme, o checkpoint.Outcome) lipgloss.Style { return kit.OutcomeStyle(t, o) }

// Paragraphs wraps text to width; blank lines separate paragraphs.
func Paragraphs(t *theme.Theme, width int, text string) string { return kit.Paragraphs(t, width, text) }

// Facts renders label/value pairs in two aligned columns.
func Facts(t *theme.Theme, width int, facts []Fact) string { return kit.Facts(t, width, facts) }

// Bullets renders one item per line, each wrapped to width.
func Bullets(t *theme.Theme, width int, items []string) string { return kit.Bullets(t, width, items) }

// Numbered renders console instructions as a numbered list wrapped to width.
func Numbered(t *theme.Theme, width int, items []string) string { return kit.Numbered(t, width, items) }

// ProblemView explains a failed AWS call.
func ProblemView(t *theme.Theme, width int, p awsclient.Problem) string {
	return kit.ProblemView(t, width, p)
}

// Sections joins non-empty blocks with a blank line between them.
func Sections(blocks ...string) string { return kit.Sections(blocks...) }
