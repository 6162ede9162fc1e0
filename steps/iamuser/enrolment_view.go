package iamuser

import (
	"strings"

	"github.com/charmbracelet/lipgloss"

	"github.com/firstrun/firstrun/steps/step"
)

// minInstructions is the narrowest the instructions beside the QR code may get.
const minInstructions = 28

// View draws the QR code (or the key as text) on the left and the instructions and the
// two code fields on the right.
func (e *Enrolment) View() string {
	th := e.env.Theme
	switch e.phase {
	case enrolPreparing:
		return e.spin.View() + " Creating a new MFA device for " + th.Emphasis.Render(e.user) + " in AWS…"
	case enrolDiscarding:
		return e.spin.View() + " Deleting the unused MFA device…"
	case enrolFailed:
		if e.device.Serial == "" { // no device yet: nothing to scan
			return step.ProblemView(th, e.width, *e.problem)
		}
	case enrolScanning, enrolEnabling:
	}
	left := e.codeView()
	right := e.instructions(max(minInstructions, e.width-lipgloss.Width(left)-2))
	return lipgloss.JoinHorizontal(lipgloss.Top, left, "  ", right)
}

// codeView is the QR code, or with s the key as text, in groups of four as apps show it.
func (e *Enrolment) codeView() string {
	th := e.env.Theme
	w, _ := e.code.Size()
	if !e.secret {
		return e.code.String(th.Colour)
	}
	var groups []string
	for s := e.device.Seed; len(s) > 0; {
		n := min(4, len(s))
		groups = append(groups, s[:n])
		s = s[n:]
	}
	var lines []string
	for len(groups) > 0 {
		n := min(8, len(groups))
		lines = append(lines, strings.Join(groups[:n], " "))
		groups = groups[n:]
	}
	return th.Text.Width(w).Render(step.Sections(
		th.Heading.Render("Set-up key"),
		th.Code.Render(strings.Join(lines, "\n")),
		step.Facts(th, w-2, []step.Fact{
			{Label: "Account", Value: e.device.Label()},
			{Label: "Type", Value: "time-based, 6 digits"},
		}),
	))
}

func (e *Enrolment) instructions(width int) string {
	th := e.env.Theme
	add := "Add an account in the app and scan the code on the left. No camera? Press s to see the key as text."
	if e.secret {
		add = "Add an account in the app, choose to enter a set-up key, and type the key on the left."
	}
	blocks := []string{
		th.Title.Width(width).Render("MFA for " + e.user),
		step.Numbered(th, width, []string{
			"On the phone, open an authenticator app (Google Authenticator, Microsoft Authenticator, 1Password, Authy…).",
			add,
			"Type the code the app shows, wait for the next code, and type that one too.",
		}),
		e.fieldsView(width),
	}
	switch e.phase {
	case enrolEnabling:
		blocks = append(blocks, e.spin.View()+" Checking with AWS…")
	case enrolFailed:
		blocks = append(blocks, step.ProblemView(th, width, *e.problem))
	case enrolPreparing, enrolScanning, enrolDiscarding:
	}
	return step.Sections(blocks...)
}

func (e *Enrolment) fieldsView(width int) string {
	th := e.env.Theme
	labels := [2]string{"First code ", "Second code"}
	var rows []string
	for i, f := range e.fields {
		label := th.Muted.Render(labels[i])
		if e.focus == i && e.phase == enrolScanning {
			label = th.Accent.Render(labels[i])
		}
		rows = append(rows, label+"  "+f.View())
		if e.wrong != nil && e.wrong.Field == i {
			rows = append(rows, th.Warning.Width(width).Render("! "+e.wrong.Message))
		}
	}
	return strings.Join(rows, "\n")
}
