package iamuser

import (
	"context"
	"strings"

	"github.com/charmbracelet/bubbles/key"
	"github.com/charmbracelet/bubbles/spinner"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/huh"

	"github.com/firstrun/firstrun/awsclient"
	"github.com/firstrun/firstrun/steps/checkpoint"
	"github.com/firstrun/firstrun/steps/step"
)

// AdminScreen is the emergency-admin step: an IAM administrator for the day Identity
// Center can't be reached, with MFA and a console password shown once. It is off unless
// the operator asks for it.
func AdminScreen(env *step.Env, def step.Definition) step.Screen {
	return &adminScreen{env: env, id: def.ID, input: AdminFromAnswers(env.Answers.EmergencyAdmin), spin: spinner.New(spinner.WithSpinner(spinner.Dot))}
}

type adminScreen struct {
	env   *step.Env
	id    step.ID
	input AdminInput
	form  *huh.Form

	phase    adminPhase
	state    AdminState
	enrol    *Enrolment
	password string // shown once, then forgotten
	replaced bool   // the password replaces one an interrupted run set
	note     string
	problem  *awsclient.Problem
	failedIn adminPhase
	spin     spinner.Model
	width    int
	height   int
}

type adminPhase int

const (
	adminAsking adminPhase = iota
	adminInspecting
	adminReview
	adminApplying
	adminEnrolling
	adminSettingPassword
	adminShowingPassword
	adminNoting
	adminVerifying
	adminFailed
)

type (
	adminReadMsg struct {
		id    step.ID
		state AdminState
		err   error
	}
	adminAppliedMsg struct {
		id  step.ID
		err error
	}
	passwordSetMsg struct {
		id       step.ID
		password string
		err      error
	}
	passwordNotedMsg struct {
		id  step.ID
		err error
	}
)

func (s *adminScreen) Init() tea.Cmd {
	rec := s.env.Store.Document().Steps[string(s.id)]
	if name := rec.Resources["user_name"]; rec.Outcome == checkpoint.InProgress && name != "" {
		// An interrupted run already chose to create this user: carry on with it.
		s.input = AdminInput{Create: true, UserName: name}
		return tea.Batch(s.spin.Tick, s.inspect(adminInspecting))
	}
	s.phase = adminAsking
	s.form = huh.NewForm(
		huh.NewGroup(huh.NewConfirm().
			Title("Create an emergency administrator?").
			Description("Only if you want a way in that doesn't depend on Identity Center.").
			Affirmative("Yes, create one").Negative("No").
			Value(&s.input.Create)),
		huh.NewGroup(huh.NewInput().
			Title("User name").
			Description("The name it signs in with. Pick one that says what it is for.").
			Value(&s.input.UserName).Validate(ValidateUserName)).
			WithHideFunc(func() bool { return !s.input.Create }),
	).WithTheme(s.env.Theme.Form).WithShowHelp(false).WithWidth(s.width)
	return tea.Batch(s.spin.Tick, s.form.Init())
}

func (s *adminScreen) inspect(phase adminPhase) tea.Cmd {
	s.phase = phase
	env, id, name := *s.env, s.id, s.input.UserName
	return func() tea.Msg {
		st, err := ReadAdmin(env.Ctx, env.AWS.IAM, name)
		return adminReadMsg{id: id, state: st, err: err}
	}
}

func (s *adminScreen) apply() tea.Cmd {
	s.phase = adminApplying
	env, id, name := *s.env, s.id, s.input.UserName
	return func() tea.Msg {
		res, err := EnsureAdmin(env.Ctx, env.AWS.IAM, name)
		if len(res) > 0 {
			// Saved at once, whatever failed after, so a resumed run knows the user.
			if perr := step.Progress(&env, id, res); err == nil {
				err = perr
			}
		}
		return adminAppliedMsg{id: id, err: err}
	}
}

func (s *adminScreen) setPassword() tea.Cmd {
	s.phase = adminSettingPassword
	env, id, name := *s.env, s.id, s.input.UserName
	return func() tea.Msg {
		ctx, cancel := context.WithCancel(env.Ctx)
		defer cancel()
		pw, err := SetConsolePassword(ctx, env.AWS.IAM, name)
		if err == nil {
			err = step.Progress(&env, id, map[string]string{consoleSignIn: passwordUnconfirmed})
		}
		return passwordSetMsg{id: id, password: pw, err: err}
	}
}

func (s *adminScreen) noted() tea.Cmd {
	s.phase, s.password = adminNoting, ""
	env, id := *s.env, s.id
	return func() tea.Msg {
		return passwordNotedMsg{id: id, err: step.Progress(&env, id, map[string]string{consoleSignIn: passwordReady})}
	}
}

func (s *adminScreen) Update(msg tea.Msg) (step.Screen, tea.Cmd) {
	if s.enrol != nil {
		if cmd, done := s.updateEnrolment(msg); done {
			return s, cmd
		}
	}
	switch msg := msg.(type) {
	case spinner.TickMsg:
		var cmd tea.Cmd
		s.spin, cmd = s.spin.Update(msg)
		if s.enrol != nil {
			cmd = tea.Batch(cmd, s.enrol.Update(msg))
		}
		return s, cmd
	case adminReadMsg:
		if msg.id != s.id {
			return s, nil
		}
		return s, s.inspected(msg)
	case adminAppliedMsg:
		if msg.id != s.id {
			return s, nil
		}
		if msg.err != nil {
			return s, s.fail(adminApplying, msg.err)
		}
		return s, s.afterApply()
	case passwordSetMsg:
		if msg.id != s.id {
			return s, nil
		}
		if msg.err != nil {
			return s, s.fail(adminSettingPassword, msg.err)
		}
		s.password, s.phase = msg.password, adminShowingPassword
		return s, nil
	case passwordNotedMsg:
		if msg.id != s.id {
			return s, nil
		}
		if msg.err != nil {
			return s, s.fail(adminNoting, msg.err)
		}
		return s, s.inspect(adminVerifying)
	case tea.KeyMsg:
		return s, s.key(msg)
	}
	if s.phase == adminAsking {
		return s, s.updateForm(msg)
	}
	return s, nil
}

// updateEnrolment passes msg to the MFA enrolment in progress; done is true when msg was
// the enrolment's to handle.
func (s *adminScreen) updateEnrolment(msg tea.Msg) (tea.Cmd, bool) {
	switch msg := msg.(type) {
	case EnrolledMsg:
		if msg.Step != s.id {
			return nil, false
		}
		s.enrol = nil
		s.state.MFADevices = append(s.state.MFADevices, msg.Serial)
		return s.passwordStep(), true
	case EnrolmentCanceledMsg:
		if msg.Step != s.id {
			return nil, false
		}
		s.enrol = nil
		s.note = "The MFA device was not set up, and the unused one was deleted. Without MFA the user can do nothing, so set it up before relying on it."
		return s.inspect(adminInspecting), true
	case spinner.TickMsg, adminReadMsg, adminAppliedMsg, passwordSetMsg, passwordNotedMsg:
		return nil, false
	}
	return s.enrol.Update(msg), true
}

func (s *adminScreen) inspected(msg adminReadMsg) tea.Cmd {
	if msg.err != nil {
		return s.fail(s.phase, msg.err)
	}
	verifying := s.phase == adminVerifying
	s.state = withCheckpoint(s.env, s.id, msg.state)
	switch {
	case verifying && s.state.Complete():
		return s.finish(checkpoint.Verified, adminReady)
	case verifying:
		return s.finish(checkpoint.Done, "set up, but AWS does not show all of it yet: "+strings.Join(s.state.Changes(), "; "))
	}
	s.phase = adminReview
	return nil
}

func (s *adminScreen) afterApply() tea.Cmd {
	s.state.Exists, s.state.AdministratorAccess, s.state.Guarded = true, true, true
	if len(s.state.MFADevices) == 0 {
		s.phase = adminEnrolling
		s.enrol = NewEnrolment(s.env, s.id, s.input.UserName)
		s.enrol.SetSize(s.width, s.height)
		return s.enrol.Init()
	}
	return s.passwordStep()
}

// passwordStep sets the console password, unless the user has one that is not left
// unconfirmed by an interrupted run.
func (s *adminScreen) passwordStep() tea.Cmd {
	if s.state.ConsolePassword && !s.state.PasswordUnconfirmed {
		return s.inspect(adminVerifying)
	}
	s.replaced = s.state.ConsolePassword
	return s.setPassword()
}

func (s *adminScreen) key(msg tea.KeyMsg) tea.Cmd {
	k := s.env.Keys
	switch s.phase {
	case adminAsking:
		return s.updateForm(msg)
	case adminReview:
		switch {
		case key.Matches(msg, k.Continue):
			if s.state.Complete() {
				return s.finish(checkpoint.Verified, "already in place")
			}
			s.note = ""
			return s.apply()
		case key.Matches(msg, k.Skip):
			reason := "skipped by the operator"
			if s.state.Exists {
				reason += "; the user " + s.state.UserName + " exists but is not fully set up"
			}
			return step.Finish(s.env, s.id, checkpoint.StepRecord{Outcome: checkpoint.Skipped, Reason: reason, Resources: s.resources()})
		}
	case adminShowingPassword:
		if key.Matches(msg, k.Continue) {
			return s.noted()
		}
	case adminFailed:
		switch {
		case key.Matches(msg, k.Retry):
			s.problem = nil
			return s.retry()
		case key.Matches(msg, k.Skip):
			return step.Finish(s.env, s.id, checkpoint.StepRecord{Outcome: checkpoint.Skipped,
				Reason: "skipped after an error: " + s.problem.Summary(), Resources: s.resources()})
		}
	case adminInspecting, adminApplying, adminEnrolling, adminSettingPassword, adminNoting, adminVerifying:
	}
	return nil
}

func (s *adminScreen) retry() tea.Cmd {
	switch s.failedIn {
	case adminApplying:
		return s.apply()
	case adminSettingPassword:
		return s.setPassword()
	case adminNoting:
		return s.noted()
	case adminVerifying:
		return s.inspect(adminVerifying)
	default:
		return s.inspect(adminInspecting)
	}
}

func (s *adminScreen) updateForm(msg tea.Msg) tea.Cmd {
	form, cmd, done := step.UpdateForm(s.form, msg)
	s.form = form
	if !done {
		return cmd
	}
	if !s.input.Create {
		return step.Finish(s.env, s.id, checkpoint.StepRecord{Outcome: checkpoint.Skipped, Reason: adminNotWanted})
	}
	return s.inspect(adminInspecting)
}

func (s *adminScreen) fail(in adminPhase, err error) tea.Cmd {
	p := step.Explain(s.env, err)
	s.problem, s.failedIn, s.phase = &p, in, adminFailed
	return nil
}

func (s *adminScreen) resources() map[string]string { return adminResources(s.state) }

func (s *adminScreen) finish(o checkpoint.Outcome, reason string) tea.Cmd {
	return step.Finish(s.env, s.id, checkpoint.StepRecord{Outcome: o, Reason: reason, Resources: s.resources()})
}

// Compact gives the QR code the whole window while the MFA device is being set up.
func (s *adminScreen) Compact() bool { return s.enrol != nil }

func (s *adminScreen) SetSize(width, height int) {
	s.width, s.height = width, height
	if s.form != nil {
		s.form = s.form.WithWidth(width)
	}
	if s.enrol != nil {
		s.enrol.SetSize(width, height)
	}
}

func (s *adminScreen) Busy() bool {
	switch s.phase {
	case adminInspecting, adminApplying, adminSettingPassword, adminNoting, adminVerifying:
		return true
	case adminEnrolling:
		return s.enrol != nil && s.enrol.Busy()
	case adminAsking, adminReview, adminShowingPassword, adminFailed:
	}
	return false
}

func (s *adminScreen) Typing() bool { return s.phase == adminAsking }

func (s *adminScreen) ShortHelp() []key.Binding {
	k := s.env.Keys
	switch s.phase {
	case adminAsking:
		return []key.Binding{key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", "next"))}
	case adminReview:
		cont := k.Continue
		if !s.state.Complete() {
			cont = key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", "set up "+s.input.UserName))
		}
		return []key.Binding{cont, k.Skip}
	case adminEnrolling:
		if s.enrol != nil {
			return s.enrol.ShortHelp()
		}
	case adminShowingPassword:
		return []key.Binding{key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", "I have stored the password"))}
	case adminFailed:
		return []key.Binding{k.Retry, k.Skip}
	case adminInspecting, adminApplying, adminSettingPassword, adminNoting, adminVerifying:
	}
	return nil
}

func (s *adminScreen) FullHelp() [][]key.Binding { return [][]key.Binding{s.ShortHelp()} }
