package ui

import (
	"fmt"
	"strings"

	"github.com/charmbracelet/bubbles/key"
	"github.com/charmbracelet/lipgloss"

	"github.com/firstrun/firstrun/steps/checkpoint"
	"github.com/firstrun/firstrun/steps/step"
	"github.com/firstrun/firstrun/ui/kit"
)

// railWidth is the progress rail's column; it is shown beside the body when the window
// has room for both, and on request (p) otherwise.
const (
	railWidth     = 30
	railMinWindow = 110
)

func (m *Model) compact() bool {
	c, ok := m.screen.(kit.Compact)
	return m.phase == phaseStep && ok && c.Compact() && !m.showHelp && !m.showRail
}

func (m *Model) wide() bool { return m.width >= railMinWindow && !m.compact() }

// chrome is the number of rows the header, chapter line, title and footer take.
func (m *Model) chrome() int {
	switch {
	case m.compact():
		return 2 // header, footer
	case m.wide():
		return 5 // header, blank, title, blank, footer
	default:
		return 6 // header, chapters, blank, title, blank, footer
	}
}

// bodyWidth is the width left for the active screen.
func (m *Model) bodyWidth() int {
	w := m.width - 2 // the app's horizontal padding
	if m.wide() {
		w -= railWidth + 2
	}
	return max(w, 20)
}

func (m *Model) resize() {
	m.help.Width = m.width - 2
	w, h := m.bodyWidth(), max(m.height-m.chrome(), 3)
	m.body.Width, m.body.Height = w, h
	if m.screen != nil {
		m.screen.SetSize(w, h)
	}
}

// refreshBody renders the body into the viewport after every update, so View only reads.
func (m *Model) refreshBody() {
	m.resize()
	m.body.SetContent(m.bodyView())
}

func (m *Model) View() string {
	th := m.env.Theme
	if m.width < MinWidth || m.height < MinHeight {
		return m.tooSmall()
	}
	var rows []string
	rows = append(rows, m.header())
	if !m.compact() {
		if !m.wide() {
			rows = append(rows, m.chapterLine())
		}
		rows = append(rows, "", m.titleLine(), "")
	}
	body := m.body.View()
	if m.wide() {
		rail := th.App.Width(railWidth).Height(m.body.Height).Render(m.rail(false))
		body = lipgloss.JoinHorizontal(lipgloss.Top, rail, "  ", body)
	}
	rows = append(rows, body, m.footer())
	return th.App.Render(strings.Join(rows, "\n"))
}

func (m *Model) tooSmall() string {
	th := m.env.Theme
	msg := fmt.Sprintf("firstrun needs a window of at least %dx%d; this one is %dx%d.\n\n"+
		"Make the window larger to go on, or press q to stop: your progress is saved.",
		MinWidth, MinHeight, m.width, m.height)
	return th.Warning.Width(max(m.width-2, 10)).Render(msg)
}

func (m *Model) header() string {
	th, id := m.env.Theme, m.env.Identity
	who := "IAM principal"
	if id.IsRoot {
		who = "root user"
	}
	left := th.Title.Render("firstrun") + th.Muted.Render(fmt.Sprintf("  account %s · %s · %s", id.Account, who, id.Region))
	if m.env.Console != nil {
		left += "  " + th.Warning.Render("[simulated account]")
	}
	if m.compact() {
		d := m.seq[m.cur]
		left = th.Title.Render(d.Title) + th.Muted.Render(fmt.Sprintf("  step %d of %d · account %s", m.cur+1, len(m.seq), id.Account))
	}
	return left
}

// chapterLine is the compact progress rail: the chapters, with the current one marked.
func (m *Model) chapterLine() string {
	th := m.env.Theme
	var parts []string
	for _, ch := range m.chapters() {
		label := shortChapter(ch)
		switch {
		case m.phase == phaseStep && ch == m.seq[m.cur].Chapter:
			parts = append(parts, th.RailChapterActive.Render("● "+label))
		case m.chapterDone(ch):
			parts = append(parts, th.Success.Render("✓ ")+th.RailChapter.Render(label))
		default:
			parts = append(parts, th.RailChapter.Render(label))
		}
	}
	return strings.Join(parts, th.Divider.Render(" › "))
}

func shortChapter(c step.Chapter) string {
	if c == step.ChapterReview {
		return "Review"
	}
	return string(c)
}

func (m *Model) chapters() []step.Chapter {
	var out []step.Chapter
	for _, d := range m.seq {
		if len(out) == 0 || out[len(out)-1] != d.Chapter {
			out = append(out, d.Chapter)
		}
	}
	return out
}

// chapterDone reports whether every step of chapter c is finished; a step this build can't
// run yet keeps its chapter open.
func (m *Model) chapterDone(c step.Chapter) bool {
	for _, d := range m.seq {
		if d.Chapter == c && !m.doc.Steps[string(d.ID)].Outcome.Final() {
			return false
		}
	}
	return true
}

func (m *Model) titleLine() string {
	th := m.env.Theme
	switch {
	case m.showHelp:
		return th.Title.Render("Help")
	case m.showRail:
		return th.Title.Render("Progress")
	}
	switch m.phase {
	case phaseWelcome:
		return th.Title.Render("Welcome")
	case phaseResume:
		return th.Title.Render("Resume")
	case phaseFatal:
		return th.Error.Bold(true).Render("Progress could not be saved")
	case phaseStep, phaseFinished:
	}
	d := m.seq[m.cur]
	title := th.Title.Render(d.Title)
	if d.Optional {
		title += th.Muted.Render(" (optional)")
	}
	return title + th.Muted.Render(fmt.Sprintf("  ·  step %d of %d", m.cur+1, len(m.seq)))
}

// rail lists the chapters with their steps and outcomes. Collapsed, only the current
// chapter's steps are listed.
func (m *Model) rail(all bool) string {
	th := m.env.Theme
	var b strings.Builder
	for _, ch := range m.chapters() {
		current := m.phase == phaseStep && ch == m.seq[m.cur].Chapter
		style := th.RailChapter
		if current {
			style = th.RailChapterActive
		}
		mark := "  "
		if m.chapterDone(ch) {
			mark = th.Success.Render("✓ ")
		}
		b.WriteString(mark + style.Render(string(ch)) + "\n")
		if !all && !current {
			continue
		}
		for i, d := range m.seq {
			if d.Chapter != ch {
				continue
			}
			b.WriteString("  " + m.railStep(i, d) + "\n")
		}
	}
	return strings.TrimSuffix(b.String(), "\n")
}

func (m *Model) railStep(i int, d step.Definition) string {
	th := m.env.Theme
	rec := m.doc.Steps[string(d.ID)]
	glyph := step.OutcomeStyle(th, rec.Outcome).Render(step.Glyph(rec.Outcome))
	title := th.RailStep.Render(d.Title)
	switch {
	case m.phase == phaseStep && i == m.cur:
		glyph, title = th.Accent.Render("▸"), th.RailStepActive.Render(d.Title)
	case !d.Available():
		title = th.RailStep.Render(d.Title + " (not available yet)")
	case d.Optional && rec.Outcome == "":
		title = th.RailStep.Render(d.Title + " (optional)")
	}
	return glyph + " " + title
}

func (m *Model) bodyView() string {
	switch {
	case m.showHelp:
		return m.helpView()
	case m.showRail:
		return m.railView()
	case m.confirmQuit:
		return m.quitView()
	}
	switch m.phase {
	case phaseWelcome:
		return m.welcomeView()
	case phaseResume:
		return m.resumeView()
	case phaseStep:
		return m.screen.View()
	case phaseFatal:
		return m.fatalView()
	case phaseFinished:
	}
	return ""
}

func (m *Model) welcomeView() string {
	th, w, id := m.env.Theme, m.bodyWidth(), m.env.Identity
	who := "an IAM principal (" + id.ARN + ")"
	if id.IsRoot {
		who = "the root user"
	}
	return step.Sections(
		step.Paragraphs(th, w, "firstrun takes you through the first-time setup of this AWS account in the order AWS "+
			"recommends: secure the root user, give billing access, set up IAM Identity Center with a named "+
			"administrator, then tighten permissions and review."),
		step.Facts(th, w, []step.Fact{
			{Label: "Account", Value: id.Account},
			{Label: "Signed in as", Value: who},
			{Label: "Region", Value: id.Region},
		}),
		step.Paragraphs(th, w, "Each screen says what it is about to do and why. Nothing in the account changes "+
			"until you confirm it on screen. Where AWS has no API for a step, firstrun gives the console "+
			"steps and then checks the result with AWS where it can."),
		th.Muted.Width(w).Render("You can stop at any time: progress is saved after every step (never a password, "+
			"key or MFA secret) and firstrun resumes where you left off."),
	)
}

func (m *Model) resumeView() string {
	th, w := m.env.Theme, m.bodyWidth()
	i := m.next(0)
	next := "the summary"
	if i < len(m.seq) {
		next = fmt.Sprintf("%s (step %d of %d)", m.seq[i].Title, i+1, len(m.seq))
	}
	var done, last string
	n := 0
	for _, d := range m.seq {
		if rec, ok := m.doc.Steps[string(d.ID)]; ok && rec.Outcome.Final() {
			n++
		}
	}
	done = fmt.Sprintf("%d of %d steps are finished.", n, len(m.seq))
	if id := m.doc.LastStep(); id != "" {
		rec := m.doc.Steps[id]
		last = fmt.Sprintf("Last saved: %s, %s, %s.", m.title(step.ID(id)), step.Label(rec.Outcome),
			rec.At.Local().Format("2 Jan 15:04"))
	}
	return step.Sections(
		step.Paragraphs(th, w, fmt.Sprintf("A setup of account %s was interrupted. %s %s", m.doc.AccountID, done, last)),
		th.Accent.Render("Resume at: ")+th.Emphasis.Render(next),
		step.Paragraphs(th, w, "firstrun checks with AWS before going on, so nothing already made is made twice."),
		m.rail(true),
	)
}

func (m *Model) title(id step.ID) string {
	for _, d := range m.seq {
		if d.ID == id {
			return d.Title
		}
	}
	return string(id)
}

func (m *Model) railView() string {
	return m.rail(true)
}

func (m *Model) helpView() string {
	th, w := m.env.Theme, m.bodyWidth()
	legend := []step.Fact{
		{Label: step.Glyph(checkpoint.Verified), Value: "verified by AWS, done by API, or confirmed by you"},
		{Label: step.Glyph(checkpoint.InProgress), Value: "started; resumes here"},
		{Label: step.Glyph(checkpoint.Failed), Value: "failed; retry from its screen"},
		{Label: step.Glyph(checkpoint.Skipped), Value: "skipped (the summary gives the reason)"},
		{Label: step.Glyph(""), Value: "not started"},
	}
	return step.Sections(
		m.help.FullHelpView(m.FullHelp()),
		th.Heading.Render("Marks")+"\n"+step.Facts(th, w, legend),
		step.Paragraphs(th, w, "Progress is saved after every change, in "+m.env.Store.Path()+
			". Quit at any time and run firstrun again to resume. Press ? again to close this help."),
	)
}

func (m *Model) quitView() string {
	th, w := m.env.Theme, m.bodyWidth()
	return th.Panel.Width(w - 2).Render(step.Sections(
		th.Warning.Bold(true).Render("Abandon the call in progress?"),
		step.Paragraphs(th, w-6, "firstrun is waiting for AWS. If you quit now, AWS may still finish the "+
			"change; the next run checks what exists before doing anything, so nothing is made twice."),
		th.Key.Render("y")+" quit now   "+th.Key.Render("n")+" keep waiting",
	))
}

func (m *Model) fatalView() string {
	th, w := m.env.Theme, m.bodyWidth()
	return step.Sections(
		th.Error.Width(w).Render(m.fatal.Error()),
		step.Paragraphs(th, w, "firstrun stops here rather than show a step as done that is not saved. Fix the "+
			"problem (disk space, permissions of the state directory) and run firstrun again to resume."),
	)
}

func (m *Model) footer() string {
	th := m.env.Theme
	view := m.help.ShortHelpView(m.ShortHelp())
	if !m.body.AtBottom() {
		view += th.Muted.Render("   ↓ more")
	}
	return view
}

// ShortHelp is the footer: the active screen's keys, then the global ones.
func (m *Model) ShortHelp() []key.Binding {
	k := m.env.Keys
	if m.confirmQuit {
		return []key.Binding{k.Yes, k.No}
	}
	var b []key.Binding
	switch {
	case m.showHelp || m.showRail:
		b = append(b, key.NewBinding(key.WithKeys("esc"), key.WithHelp("esc", "close")))
	case m.phase == phaseWelcome:
		b = append(b, key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", "start")))
	case m.phase == phaseResume:
		b = append(b, key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", "resume")), k.FromStart)
	case m.phase == phaseStep:
		b = append(b, m.screen.ShortHelp()...)
	case m.phase == phaseFatal, m.phase == phaseFinished:
	}
	if m.phase == phaseStep && m.screen.Typing() {
		return append(b, key.NewBinding(key.WithKeys("ctrl+c"), key.WithHelp("ctrl+c", "quit")))
	}
	return append(b, k.Help, k.Quit)
}

// FullHelp is the help screen: every key that works now.
func (m *Model) FullHelp() [][]key.Binding {
	k := m.env.Keys
	var groups [][]key.Binding
	if m.phase == phaseStep {
		groups = append(groups, m.screen.FullHelp()...)
	}
	return append(groups, []key.Binding{k.Up, k.Down, k.PageUp, k.PageDown}, []key.Binding{k.Progress, k.Help, k.Quit})
}
