package theme

import (
	"io"
	"strings"
	"testing"

	"github.com/charmbracelet/lipgloss"
	"github.com/muesli/termenv"
)

type environ map[string]string

func (e environ) Environ() []string {
	var out []string
	for k, v := range e {
		out = append(out, k+"="+v)
	}
	return out
}

func (e environ) Getenv(k string) string { return e[k] }

func terminal(env environ) *lipgloss.Renderer {
	return lipgloss.NewRenderer(io.Discard, termenv.WithTTY(true), termenv.WithEnvironment(env))
}

func TestNoColorTurnsColourOff(t *testing.T) {
	colourful := New(terminal(environ{"TERM": "xterm-256color", "COLORTERM": "truecolor"}))
	if !colourful.Colour || !strings.Contains(colourful.Error.Render("x"), "\x1b[") {
		t.Fatal("a truecolor terminal got no colour")
	}
	plain := New(terminal(environ{"TERM": "xterm-256color", "COLORTERM": "truecolor", "NO_COLOR": "1"}))
	if plain.Colour {
		t.Error("NO_COLOR: Colour is true")
	}
	for name, s := range map[string]lipgloss.Style{"Error": plain.Error, "Success": plain.Success, "Code": plain.Code} {
		if out := s.Render("x"); strings.Contains(out, "\x1b[3") || strings.Contains(out, "\x1b[9") {
			t.Errorf("NO_COLOR: %s style emits a colour: %q", name, out)
		}
	}
}

func TestPlainHasNoEscapes(t *testing.T) {
	th := Plain()
	if out := th.Title.Render("firstrun") + th.Panel.Render("x"); strings.Contains(out, "\x1b") {
		t.Errorf("Plain theme emits escapes: %q", out)
	}
}

func TestTheChosenButtonShowsWithoutColour(t *testing.T) {
	th := Plain()
	chosen, other := th.Form.Focused.FocusedButton.Render("Yes"), th.Form.Focused.BlurredButton.Render("No")
	if !strings.Contains(chosen, "[Yes]") || strings.Contains(other, "[") {
		t.Errorf("chosen %q, other %q", chosen, other)
	}
}
