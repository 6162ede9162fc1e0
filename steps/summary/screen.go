package summary

import (
	"fmt"
	"strings"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"

	"github.com/firstrun/firstrun/steps/checkpoint"
	"github.com/firstrun/firstrun/steps/step"
)

// screen shows the report; enter ends the wizard.
type screen struct {
	env    *step.Env
	def    step.Definition
	report Report
	width  int
}

// Screen builds the summary screen from the saved state.
func Screen(env *step.Env, def step.Definition) step.Screen {
	return &screen{env: env, def: def, report: Build(env.Store.Document(), env.Sequence, env.Version, env.Now())}
}

func (s *screen) Init() tea.Cmd { return nil }

func (s *screen) Update(msg tea.Msg) (step.Screen, tea.Cmd) {
	if k, ok := msg.(tea.KeyMsg); ok && key.Matches(k, s.env.Keys.Continue) {
		return s, step.Finish(s.env, s.def.ID, checkpoint.StepRecord{Outcome: checkpoint.Done})
	}
	return s, nil
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
		strings.TrimSuffix(rows.String(), "\n"),
		th.Heading.Render("Created or found")+"\n"+madeBlock,
		th.Heading.Render("Left to do")+"\n"+leftBlock,
	)
}

func (s *screen) SetSize(width, _ int) { s.width = width }
func (s *screen) Busy() bool           { return false }
func (s *screen) Typing() bool         { return false }

func (s *screen) ShortHelp() []key.Binding {
	return []key.Binding{key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", "finish"))}
}

func (s *screen) FullHelp() [][]key.Binding { return [][]key.Binding{s.ShortHelp()} }
