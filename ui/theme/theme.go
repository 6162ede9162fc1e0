// Package theme is the one place firstrun's colours and styles live. It is a leaf package,
// so steps and the root model share it without an import cycle, and it is built from a
// renderer so tests can pin an ASCII one.
package theme

import (
	"github.com/charmbracelet/bubbles/help"
	"github.com/charmbracelet/huh"
	"github.com/charmbracelet/lipgloss"
	"github.com/muesli/termenv"
)

// Theme holds every style firstrun draws with.
type Theme struct {
	Renderer *lipgloss.Renderer
	// Colour is false under NO_COLOR or on a terminal without colours.
	Colour bool

	App      lipgloss.Style // padding around the whole screen
	Title    lipgloss.Style // screen title
	Heading  lipgloss.Style // a section inside a screen
	Text     lipgloss.Style
	Muted    lipgloss.Style // secondary text
	Emphasis lipgloss.Style
	Accent   lipgloss.Style // the account, the step in focus
	Code     lipgloss.Style // commands, ARNs, URLs
	Key      lipgloss.Style // a key name inside a sentence ("press enter")
	Success  lipgloss.Style
	Warning  lipgloss.Style
	Error    lipgloss.Style
	Panel    lipgloss.Style // a bordered box: errors, confirmations
	Divider  lipgloss.Style

	RailChapter       lipgloss.Style
	RailChapterActive lipgloss.Style
	RailStep          lipgloss.Style
	RailStepActive    lipgloss.Style

	Help help.Styles
	Form *huh.Theme
}

// Default builds the theme for the terminal on standard output. NO_COLOR is honoured
// through the renderer's environment-derived colour profile. Call it before the Bubble Tea
// program starts: it asks the terminal for its background colour once, which must happen
// before the program starts reading standard input.
func Default() *Theme {
	r := lipgloss.DefaultRenderer()
	r.HasDarkBackground()
	return New(r)
}

// Plain builds a theme without colour or attributes, for tests and NO_COLOR captures.
func Plain() *Theme {
	r := lipgloss.NewRenderer(nil)
	r.SetColorProfile(termenv.Ascii)
	return New(r)
}

// New builds the theme for renderer r.
func New(r *lipgloss.Renderer) *Theme {
	var (
		accent  = lipgloss.AdaptiveColor{Light: "#5A3FC0", Dark: "#A78BFA"}
		muted   = lipgloss.AdaptiveColor{Light: "#6B7280", Dark: "#9CA3AF"}
		success = lipgloss.AdaptiveColor{Light: "#047857", Dark: "#34D399"}
		warning = lipgloss.AdaptiveColor{Light: "#B45309", Dark: "#FBBF24"}
		danger  = lipgloss.AdaptiveColor{Light: "#B91C1C", Dark: "#F87171"}
		code    = lipgloss.AdaptiveColor{Light: "#0E7490", Dark: "#67E8F9"}
		border  = lipgloss.AdaptiveColor{Light: "#D1D5DB", Dark: "#4B5563"}
	)
	s := r.NewStyle
	t := &Theme{
		Renderer: r,
		Colour:   r.ColorProfile() != termenv.Ascii,
		App:      s().Padding(0, 1),
		Title:    s().Bold(true).Foreground(accent),
		Heading:  s().Bold(true),
		Text:     s(),
		Muted:    s().Foreground(muted),
		Emphasis: s().Bold(true),
		Accent:   s().Foreground(accent).Bold(true),
		Code:     s().Foreground(code),
		Key:      s().Bold(true).Foreground(accent),
		Success:  s().Foreground(success),
		Warning:  s().Foreground(warning),
		Error:    s().Foreground(danger),
		Panel:    s().Border(lipgloss.RoundedBorder()).BorderForeground(border).Padding(0, 1),
		Divider:  s().Foreground(border),

		RailChapter:       s().Foreground(muted),
		RailChapterActive: s().Bold(true).Foreground(accent),
		RailStep:          s().Foreground(muted),
		RailStepActive:    s().Bold(true),
	}
	t.Help = help.Styles{
		ShortKey:       s().Foreground(accent),
		ShortDesc:      s().Foreground(muted),
		ShortSeparator: s().Foreground(border),
		Ellipsis:       s().Foreground(border),
		FullKey:        s().Foreground(accent),
		FullDesc:       s().Foreground(muted),
		FullSeparator:  s().Foreground(border),
	}
	t.Form = formTheme(r, accent, muted, danger)
	return t
}

// formTheme adapts huh's base theme to the palette. huh builds its styles with the default
// renderer; restyling them here keeps the colours consistent with the rest of the screen.
func formTheme(r *lipgloss.Renderer, accent, muted, danger lipgloss.AdaptiveColor) *huh.Theme {
	f := huh.ThemeBase()
	s := r.NewStyle
	f.Focused.Base = s().PaddingLeft(1).BorderStyle(lipgloss.ThickBorder()).BorderLeft(true).BorderForeground(accent)
	f.Focused.Title = s().Bold(true).Foreground(accent)
	f.Focused.Description = s().Foreground(muted)
	f.Focused.ErrorIndicator = s().Foreground(danger).SetString(" *")
	f.Focused.ErrorMessage = s().Foreground(danger).SetString(" *")
	f.Focused.TextInput.Prompt = s().Foreground(accent)
	f.Focused.TextInput.Cursor = s().Foreground(accent)
	f.Focused.TextInput.Placeholder = s().Foreground(muted)
	f.Focused.SelectSelector = s().Foreground(accent).SetString("> ")
	f.Focused.SelectedOption = s().Foreground(accent)
	// Brackets mark the chosen button, so the choice shows without colour or reverse video.
	f.Focused.FocusedButton = s().Padding(0, 1).MarginRight(1).Reverse(true).Bold(true).
		Transform(func(label string) string { return "[" + label + "]" })
	f.Focused.BlurredButton = s().Padding(0, 1).MarginRight(1).
		Transform(func(label string) string { return " " + label + " " })
	f.Blurred = f.Focused
	f.Blurred.Base = s().PaddingLeft(1).BorderStyle(lipgloss.HiddenBorder()).BorderLeft(true)
	f.Blurred.Title = s().Bold(true)
	f.Blurred.TextInput.Prompt = s().Foreground(muted)
	return f
}
