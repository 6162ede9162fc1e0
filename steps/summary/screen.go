package summary

import (
	"fmt"
	"strings"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/huh"
	"github.com/charmbracelet/lipgloss"

	"github.com/firstrun/firstrun/steps/checkpoint"
	"github.com/firstrun/firstrun/steps/step"
)

// screen shows the report and saves it on request; enter ends the wizard.
type screen struct {
	env    *step.Env
	def    step.Definition
	report Report
	width  int

	export  key.Binding // opens the form that saves the report
	form    *huh.Form   // asks where to save, while open
	path    string      // the form's value
	saving  bool
	saved   *ReportFiles
	saveErr error
}

// savedMsg reports the end of Export.
type savedMsg struct {
	files ReportFiles
	err   error
}

// Screen builds the summary screen from the saved state.
func Screen(env *step.Env, def step.Definition) step.Screen {
	return &screen{env: env, def: def, report: Build(env.Store.Document(), env.Sequence, env.Version, env.Now()),
		export: key.NewBinding(key.WithKeys("e"), key.WithHelp("e", "save the report"))}
}

func (s *screen) Init() tea.Cmd { return nil }

func (s *screen) Update(msg tea.Msg) (step.Screen, tea.Cmd) {
	switch msg := msg.(type) {
	case savedMsg:
		s.saving = false
		if msg.err != nil {
			s.saveErr = msg.err
			return s, nil
		}
		s.saved, s.saveErr = &msg.files, nil
		return s, nil
	case tea.KeyMsg:
		switch {
		case s.form != nil:
			if msg.Type == tea.KeyEsc {
				s.form = nil
				return s, nil
			}
		case s.saving:
			return s, nil
		case key.Matches(msg, s.export):
			return s, s.openForm()
		case key.Matches(msg, s.env.Keys.Continue):
			return s, step.Finish(s.env, s.def.ID, checkpoint.StepRecord{Outcome: checkpoint.Done, Resources: s.resources()})
		}
	}
	if s.form == nil {
		return s, nil
	}
	model, cmd := s.form.Update(msg)
	if f, ok := model.(*huh.Form); ok {
		s.form = f
	}
	switch s.form.State {
	case huh.StateCompleted:
		s.form = nil
		return s, s.save()
	case huh.StateAborted:
		s.form = nil
		return s, nil
	case huh.StateNormal:
	}
	return s, cmd
}

func (s *screen) openForm() tea.Cmd {
	switch {
	case s.saved != nil:
		s.path = s.saved.Markdown
	case s.env.Answers.Report.Path != "":
		s.path = s.env.Answers.Report.Path
	default:
		s.path = DefaultReportPath(s.report)
	}
	s.form = huh.NewForm(huh.NewGroup(
		huh.NewInput().
			Title("Save the report as").
			Description("Markdown, for a client or a ticket; a JSON copy for tools goes beside it.").
			Value(&s.path).
			Validate(ValidateReportPath),
	)).WithTheme(s.env.Theme.Form).WithShowHelp(false).WithWidth(s.width)
	return s.form.Init()
}

func (s *screen) save() tea.Cmd {
	s.saving = true
	report, path := s.report, s.path
	return func() tea.Msg {
		files, err := Export(report, path)
		return savedMsg{files: files, err: err}
	}
}

// resources record where the report was saved, if it was.
func (s *screen) resources() map[string]string {
	if s.saved == nil {
		return nil
	}
	return s.saved.resources()
}

func (s *screen) View() string {
	th, w := s.env.Theme, s.width
	var rows strings.Builder
	var chapter step.Chapter
	titleWidth := min(34, max(12, w-30))
	for _, e := range s.report.Entries {
		if e.Chapter != chapter {
			chapter = e.Chapter
			rows.WriteString(th.Heading.Render(string(chapter)) + "\n")
		}
		style := step.OutcomeStyle(th, e.Outcome)
		line := lipgloss.JoinHorizontal(lipgloss.Top,
			"  "+style.Render(step.Glyph(e.Outcome))+" ",
			th.Text.Width(titleWidth).Render(e.Title),
			style.Render(e.OutcomeText()),
		)
		rows.WriteString(line + "\n")
		if e.Reason != "" && e.Outcome != checkpoint.Verified {
			rows.WriteString(th.Muted.PaddingLeft(4).Width(w).Render(e.Reason) + "\n")
		}
	}

	var created []string
	for _, e := range s.report.Created() {
		for _, r := range e.Resources {
			created = append(created, fmt.Sprintf("%s: %s %s", e.Title, r.Name, th.Code.Render(r.Value)))
		}
	}
	madeBlock := th.Muted.Render("Nothing was created in this account.")
	if len(created) > 0 {
		madeBlock = step.Bullets(th, w, created)
	}

	var left []string
	for _, e := range s.report.Remaining() {
		left = append(left, fmt.Sprintf("%s (%s)", e.Title, e.OutcomeText()))
	}
	leftBlock := th.Success.Render("Nothing: every step is complete.")
	if len(left) > 0 {
		leftBlock = step.Bullets(th, w, left) + "\n" +
			th.Muted.Width(w).Render("Run firstrun again at any time: it resumes with what is left and re-checks the rest.")
	}

	return step.Sections(
		step.Paragraphs(th, w, fmt.Sprintf("Account %s. Each step's outcome: verified means AWS confirmed it; done means "+
			"the AWS call succeeded; confirmed means you said so where AWS offers no check.", s.report.AccountID)),
		s.exportView(),
		strings.TrimSuffix(rows.String(), "\n"),
		th.Heading.Render("Created or found")+"\n"+madeBlock,
		th.Heading.Render("Left to do")+"\n"+leftBlock,
	)
}

// exportView is the save form or what became of the last save; it sits near the top so
// it shows without scrolling.
func (s *screen) exportView() string {
	th, w := s.env.Theme, s.width
	switch {
	case s.form != nil:
		return s.form.View()
	case s.saving:
		return th.Muted.Render("Saving the report…")
	case s.saveErr != nil:
		return th.Error.Width(w).Render("The report was not saved: " + s.saveErr.Error() + ". Press e to try another place.")
	case s.saved != nil:
		return th.Success.Render("Report saved:") + "\n" + step.Bullets(th, w, []string{s.saved.Markdown, s.saved.JSON})
	}
	return th.Muted.Width(w).Render("Press e to save this summary as Markdown (for a client or a ticket) and JSON (for tools).")
}

func (s *screen) SetSize(width, _ int) {
	s.width = width
	if s.form != nil {
		s.form = s.form.WithWidth(width)
	}
}

func (s *screen) Busy() bool   { return false } // saving a file abandons no AWS call
func (s *screen) Typing() bool { return s.form != nil }

func (s *screen) ShortHelp() []key.Binding {
	if s.form != nil {
		return []key.Binding{
			key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", "save")),
			key.NewBinding(key.WithKeys("esc"), key.WithHelp("esc", "cancel")),
		}
	}
	return []key.Binding{key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", "finish")), s.export}
}

func (s *screen) FullHelp() [][]key.Binding { return [][]key.Binding{s.ShortHelp()} }
