package iamuser

import (
	"strconv"
	"strings"

	"github.com/charmbracelet/bubbles/key"
	"github.com/charmbracelet/bubbles/spinner"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/huh"

	"github.com/firstrun/firstrun/awsclient"
	"github.com/firstrun/firstrun/steps/checkpoint"
	"github.com/firstrun/firstrun/steps/step"
)

// UsersMFAScreen is the iam-users-mfa step: every IAM user who signs in to the console
// with a password gets an MFA device, one QR code at a time, for the users the operator
// picks (each scans it with their own phone).
func UsersMFAScreen(env *step.Env, def step.Definition) step.Screen {
	return &usersMFAScreen{env: env, id: def.ID, spin: spinner.New(spinner.WithSpinner(spinner.Dot))}
}

type usersMFAScreen struct {
	env *step.Env
	id  step.ID

	phase    usersPhase
	users    []ConsoleUser // with a console password
	missing  []ConsoleUser // of those, without MFA
	picked   []string
	form     *huh.Form
	queue    []string // picked users still to enrol
	enrol    *Enrolment
	enrolled []string
	problem  *awsclient.Problem
	failedIn usersPhase
	spin     spinner.Model
	width    int
	height   int
}

type usersPhase int

const (
	usersInspecting usersPhase = iota
	usersAllSet
	usersChoosing
	usersEnrolling
	usersVerifying
	usersFailed
)

type usersReadMsg struct {
	id    step.ID
	users []ConsoleUser
	err   error
}

const usersIntro = "MFA (multi-factor authentication) asks for a second proof at sign-in: a code from an " +
	"app on the person's phone, on top of the password. A stolen or guessed password is then not enough " +
	"to get in. AWS recommends it for every IAM user who signs in to the console."

func (s *usersMFAScreen) Init() tea.Cmd { return tea.Batch(s.spin.Tick, s.inspect(usersInspecting)) }

func (s *usersMFAScreen) inspect(phase usersPhase) tea.Cmd {
	s.phase = phase
	env, id := *s.env, s.id
	return func() tea.Msg {
		users, err := ReadConsoleUsers(env.Ctx, env.AWS.IAM)
		return usersReadMsg{id: id, users: users, err: err}
	}
}

func (s *usersMFAScreen) Update(msg tea.Msg) (step.Screen, tea.Cmd) {
	switch msg := msg.(type) {
	case spinner.TickMsg:
		var cmd tea.Cmd
		s.spin, cmd = s.spin.Update(msg)
		if s.enrol != nil {
			cmd = tea.Batch(cmd, s.enrol.Update(msg))
		}
		return s, cmd
	case usersReadMsg:
		if msg.id != s.id {
			return s, nil
		}
		return s, s.inspected(msg)
	case EnrolledMsg:
		if msg.Step != s.id {
			return s, nil
		}
		s.enrolled = append(s.enrolled, msg.User)
		return s, s.next()
	case EnrolmentCanceledMsg:
		if msg.Step != s.id {
			return s, nil
		}
		return s, s.next()
	case tea.KeyMsg:
		return s, s.key(msg)
	}
	switch {
	case s.enrol != nil:
		return s, s.enrol.Update(msg)
	case s.phase == usersChoosing:
		return s, s.updateForm(msg)
	}
	return s, nil
}

func (s *usersMFAScreen) inspected(msg usersReadMsg) tea.Cmd {
	if msg.err != nil {
		p := step.Explain(s.env, msg.err)
		s.problem, s.failedIn, s.phase = &p, s.phase, usersFailed
		return nil
	}
	verifying := s.phase == usersVerifying
	s.users, s.missing = msg.users, WithoutMFA(msg.users)
	switch {
	case len(s.missing) == 0:
		if verifying {
			return s.finish(checkpoint.Verified, everyoneHasMFA)
		}
		s.phase = usersAllSet
		return nil
	case verifying:
		return s.finish(checkpoint.Skipped, "still without MFA: "+Names(s.missing))
	}
	s.phase = usersChoosing
	s.picked = nil
	var options []huh.Option[string]
	for _, u := range s.missing {
		options = append(options, huh.NewOption(u.Name+lastUsed(u), u.Name).Selected(true))
	}
	s.form = huh.NewForm(huh.NewGroup(huh.NewMultiSelect[string]().
		Title("Set up MFA for").
		Description("Each scans a code with their own phone: keep those who are with you.").
		Options(options...).
		Value(&s.picked))).
		WithTheme(s.env.Theme.Form).WithShowHelp(false).WithWidth(s.width)
	return s.form.Init()
}

func lastUsed(u ConsoleUser) string {
	if u.PasswordLastUsed == nil {
		return " (password never used)"
	}
	return " (last signed in " + u.PasswordLastUsed.Local().Format("2 Jan 2006") + ")"
}

func (s *usersMFAScreen) updateForm(msg tea.Msg) tea.Cmd {
	form, cmd, done := step.UpdateForm(s.form, msg)
	s.form = form
	if !done {
		return cmd
	}
	if len(s.picked) == 0 {
		return s.finish(checkpoint.Skipped, "no one picked; still without MFA: "+Names(s.missing))
	}
	s.queue = append([]string(nil), s.picked...)
	return s.next()
}

// next enrols the next picked user, or checks with AWS once all had their turn.
func (s *usersMFAScreen) next() tea.Cmd {
	s.enrol = nil
	if len(s.queue) == 0 {
		return s.inspect(usersVerifying)
	}
	user := s.queue[0]
	s.queue = s.queue[1:]
	s.phase = usersEnrolling
	s.enrol = NewEnrolment(s.env, s.id, user)
	s.enrol.SetSize(s.width, s.height)
	return s.enrol.Init()
}

func (s *usersMFAScreen) key(msg tea.KeyMsg) tea.Cmd {
	k := s.env.Keys
	switch s.phase {
	case usersEnrolling:
		return s.enrol.Update(msg)
	case usersChoosing:
		return s.updateForm(msg)
	case usersAllSet:
		switch {
		case key.Matches(msg, k.Continue):
			return s.finish(checkpoint.Verified, everyoneHasMFA)
		case key.Matches(msg, k.Skip):
			return s.finish(checkpoint.Skipped, "skipped by the operator")
		}
	case usersFailed:
		switch {
		case key.Matches(msg, k.Retry):
			s.problem = nil
			return s.inspect(s.failedIn)
		case key.Matches(msg, k.Skip):
			return s.finish(checkpoint.Skipped, "skipped after an error: "+s.problem.Summary())
		}
	case usersInspecting, usersVerifying:
	}
	return nil
}

func (s *usersMFAScreen) finish(o checkpoint.Outcome, reason string) tea.Cmd {
	var res map[string]string
	if len(s.enrolled) > 0 {
		res = map[string]string{"enrolled_users": strings.Join(s.enrolled, ",")}
	}
	return step.Finish(s.env, s.id, checkpoint.StepRecord{Outcome: o, Reason: reason, Resources: res})
}

func (s *usersMFAScreen) View() string {
	th, w := s.env.Theme, s.width
	switch s.phase {
	case usersEnrolling:
		return s.enrol.View()
	case usersInspecting:
		return step.Sections(step.Paragraphs(th, w, usersIntro), s.spin.View()+" Reading the IAM users…")
	case usersVerifying:
		return s.spin.View() + " Checking with AWS…"
	case usersAllSet:
		return step.Sections(step.Paragraphs(th, w, usersIntro), s.factsView(),
			th.Success.Render("Already in place: every IAM user with a console password has MFA."))
	case usersChoosing:
		return step.Sections(step.Paragraphs(th, w, usersIntro), s.factsView(), s.form.View())
	case usersFailed:
		return step.Sections(step.Paragraphs(th, w, usersIntro), step.ProblemView(th, w, *s.problem))
	}
	return ""
}

func (s *usersMFAScreen) factsView() string {
	facts := []step.Fact{
		{Label: "Users with a console password", Value: count(len(s.users))},
		{Label: "Of those, without MFA", Value: count(len(s.missing)), Good: good(len(s.missing) == 0)},
	}
	return step.Facts(s.env.Theme, s.width, facts)
}

func count(n int) string {
	if n == 0 {
		return "none"
	}
	return strconv.Itoa(n)
}

// Compact gives the QR code the whole window while a device is being set up.
func (s *usersMFAScreen) Compact() bool { return s.enrol != nil }

func (s *usersMFAScreen) SetSize(width, height int) {
	s.width, s.height = width, height
	if s.form != nil {
		s.form = s.form.WithWidth(width)
	}
	if s.enrol != nil {
		s.enrol.SetSize(width, height)
	}
}

func (s *usersMFAScreen) Busy() bool {
	switch s.phase {
	case usersInspecting, usersVerifying:
		return true
	case usersEnrolling:
		return s.enrol.Busy()
	case usersAllSet, usersChoosing, usersFailed:
	}
	return false
}

func (s *usersMFAScreen) Typing() bool { return s.phase == usersChoosing }

func (s *usersMFAScreen) ShortHelp() []key.Binding {
	k := s.env.Keys
	switch s.phase {
	case usersEnrolling:
		return s.enrol.ShortHelp()
	case usersChoosing:
		return []key.Binding{
			key.NewBinding(key.WithKeys("space"), key.WithHelp("space", "pick")),
			key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", "set up MFA for the picked users")),
		}
	case usersAllSet:
		return []key.Binding{k.Continue, k.Skip}
	case usersFailed:
		return []key.Binding{k.Retry, k.Skip}
	case usersInspecting, usersVerifying:
	}
	return nil
}

func (s *usersMFAScreen) FullHelp() [][]key.Binding { return [][]key.Binding{s.ShortHelp()} }
