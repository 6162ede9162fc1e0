package kit

import (
	"fmt"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/huh"

	step "github.com/firstrun/firstrun/steps/core"
	"github.com/firstrun/firstrun/ui/theme"
)

// BuildForm draws a step's questions as a huh form, bound to the step's own values.
func BuildForm(spec *step.Form, th *theme.Theme) *huh.Form {
	groups := make([]*huh.Group, 0, len(spec.Groups))
	for _, g := range spec.Groups {
		fields := make([]huh.Field, 0, len(g.Fields))
		for _, f := range g.Fields {
			fields = append(fields, buildField(f))
		}
		group := huh.NewGroup(fields...)
		if g.Title != "" {
			group = group.Title(g.Title)
		}
		if g.Hide != nil {
			group = group.WithHideFunc(g.Hide)
		}
		groups = append(groups, group)
	}
	return huh.NewForm(groups...).WithTheme(th.Form).WithShowHelp(false)
}

func buildField(f step.Field) huh.Field {
	switch f := f.(type) {
	case *step.Input:
		in := huh.NewInput().Title(f.Title).Value(f.Value).Inline(f.Inline)
		if f.Description != "" {
			in = in.Description(f.Description)
		}
		if f.Placeholder != "" {
			in = in.Placeholder(f.Placeholder)
		}
		if f.Validate != nil {
			in = in.Validate(f.Validate)
		}
		return in
	case *step.Confirm:
		c := huh.NewConfirm().Title(f.Title).Value(f.Value).
			Affirmative(orDefault(f.Affirmative, "Yes")).Negative(orDefault(f.Negative, "No"))
		if f.Description != "" {
			c = c.Description(f.Description)
		}
		return c
	case *step.Select:
		s := huh.NewSelect[string]().Title(f.Title).Options(options(f.Options)...).Value(f.Value)
		if f.Description != "" {
			s = s.Description(f.Description)
		}
		if f.Height > 0 {
			s = s.Height(f.Height)
		}
		return s
	case *step.MultiSelect:
		opts := options(f.Options)
		picked := map[string]bool{}
		for _, v := range *f.Value {
			picked[v] = true
		}
		for i := range opts {
			opts[i] = opts[i].Selected(picked[opts[i].Value])
		}
		m := huh.NewMultiSelect[string]().Title(f.Title).Options(opts...).Value(f.Value)
		if f.Description != "" {
			m = m.Description(f.Description)
		}
		return m
	case *step.Note:
		return huh.NewNote().Title(f.Title).Description(f.Description)
	}
	panic(fmt.Sprintf("kit: no huh field for %T", f))
}

func options(os []step.Option) []huh.Option[string] {
	out := make([]huh.Option[string], len(os))
	for i, o := range os {
		out[i] = huh.NewOption(o.Label, o.Value)
	}
	return out
}

func orDefault(s, d string) string {
	if s == "" {
		return d
	}
	return s
}

// FitForm sizes a huh form to a screen of width x height. huh works out how tall its
// groups are (which grows as text wraps) only when it receives the window size, and the
// root model keeps that message for itself; a screen with a form calls this when its size
// changes.
func FitForm(f *huh.Form, width, height int) *huh.Form {
	if width <= 0 || height <= 0 {
		return f
	}
	f = f.WithWidth(width)
	if m, _ := f.Update(tea.WindowSizeMsg{Width: width, Height: height}); m != nil {
		if sized, ok := m.(*huh.Form); ok {
			return sized
		}
	}
	return f
}

// UpdateForm passes msg to a form and reports whether this very message completed it.
// huh keeps answering messages after its last field, so a screen that acted on "completed"
// alone would act twice.
func UpdateForm(f *huh.Form, msg tea.Msg) (*huh.Form, tea.Cmd, bool) {
	if f.State != huh.StateNormal {
		return f, nil, false
	}
	model, cmd := f.Update(msg)
	if updated, ok := model.(*huh.Form); ok {
		f = updated
	}
	return f, cmd, f.State == huh.StateCompleted
}
