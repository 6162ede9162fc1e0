package identitycenter

import (
	"errors"
	"time"

	"github.com/charmbracelet/bubbles/key"
	"github.com/charmbracelet/bubbles/spinner"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/huh"

	"github.com/firstrun/firstrun/awsclient"
	"github.com/firstrun/firstrun/steps/checkpoint"
	"github.com/firstrun/firstrun/steps/step"
)

// portalScreen shows the access portal and the first sign-in, proves the sign-in works
// with the device flow and the portal API, and offers an AWS CLI profile.
type portalScreen struct {
	env  *step.Env
	id   step.ID
	role string // the permission set the administrator should reach

	phase   portalPhase
	failed  portalPhase // the phase a problem stopped, for retry
	problem *awsclient.Problem
	spin    spinner.Model

	inst  Instance
	admin string // the administrator's user name, "" when firstrun made none

	signIn   *DeviceSignIn // never saved: it holds the client secret and device code
	interval time.Duration
	// tick waits between two polls of the sign-in: tea.Tick, which tests replace with a
	// clock of their own.
	tick    func(time.Duration, func(time.Time) tea.Msg) tea.Cmd
	polls   int
	pending string // what the last poll said

	access   *PortalAccess // what the portal API showed, once checked
	outcome  checkpoint.Outcome
	reason   string
	profile  CLIProfile
	form     *huh.Form
	change   ProfileChange
	resource map[string]string

	width, height int
}

type portalPhase int

const (
	portalLoading  portalPhase = iota // finding the instance
	portalShowing                     // the portal URL, QR code and first sign-in steps
	portalStarting                    // starting the device authorization
	portalWaiting                     // waiting for the person to approve the sign-in
	portalChecked                     // the check found no access; the operator decides
	portalNaming                      // asking for the CLI profile's name
	portalPlanning                    // reading the CLI configuration
	portalPreview                     // showing what the CLI configuration will hold
	portalWriting                     // writing it
	portalFailed
)

type (
	portalLoadedMsg struct {
		id    step.ID
		inst  Instance
		admin string
		err   error
	}
	signInStartedMsg struct {
		id     step.ID
		signIn *DeviceSignIn
		err    error
	}
	signInPollMsg struct {
		id step.ID
		n  int
	}
	signInAnswerMsg struct {
		id     step.ID
		n      int
		access PortalAccess
		err    error
	}
	signInApprovedMsg struct {
		id  step.ID
		err error
	}
	profilePlannedMsg struct {
		id     step.ID
		change ProfileChange
		err    error
	}
	profileWrittenMsg struct {
		id     step.ID
		backup string
		err    error
	}
)

// PortalSignInScreen is the access portal and first sign-in step.
func PortalSignInScreen(env *step.Env, def step.Definition) step.Screen {
	if s := gate(env, def); s != nil {
		return s
	}
	return &portalScreen{
		env: env, id: def.ID, spin: spinner.New(spinner.WithSpinner(spinner.Dot)), tick: tea.Tick,
		role: recorded(env, stepAdminPermissionSet, "permission_set_name", AdminPermissionSetName),
	}
}

func (p *portalScreen) Init() tea.Cmd { return tea.Batch(p.spin.Tick, p.load()) }

func (p *portalScreen) load() tea.Cmd {
	p.phase = portalLoading
	env, id := p.env, p.id
	return func() tea.Msg {
		inst, err := LoadInstance(env.Ctx, env.Base())
		return portalLoadedMsg{id: id, inst: inst, admin: adminUserName(env), err: err}
	}
}

func (p *portalScreen) start() tea.Cmd {
	p.phase, p.polls, p.pending = portalStarting, 0, ""
	env, id, inst := p.env, p.id, p.inst
	return func() tea.Msg {
		s, err := StartSignIn(env.Ctx, env.AWS.SSOOIDC(inst.Region), inst.PortalURL(), env.Now())
		return signInStartedMsg{id: id, signIn: s, err: err}
	}
}

func (p *portalScreen) schedulePoll() tea.Cmd {
	id, n := p.id, p.polls
	return p.tick(p.interval, func(time.Time) tea.Msg { return signInPollMsg{id: id, n: n} })
}

// poll asks once for the token and, once it comes, what the portal shows with it. The
// token stays inside this command.
func (p *portalScreen) poll() tea.Cmd {
	env, id, n, inst, s := p.env, p.id, p.polls, p.inst, p.signIn
	return func() tea.Msg {
		token, err := s.Token(env.Ctx, env.AWS.SSOOIDC(inst.Region))
		if err != nil {
			return signInAnswerMsg{id: id, n: n, err: err}
		}
		access, err := CheckPortalAccess(env.Ctx, env.AWS.SSOPortal(inst.Region), token, env.Identity.Account)
		return signInAnswerMsg{id: id, n: n, access: access, err: err}
	}
}

func (p *portalScreen) approveInConsole() tea.Cmd {
	ctx, id, c := p.env.Ctx, p.id, p.env.Console
	a := step.ConsoleAction{Step: p.id, Region: p.inst.Region, Target: p.admin}
	return func() tea.Msg { return signInApprovedMsg{id: id, err: c.Perform(ctx, a)} }
}

func (p *portalScreen) Update(msg tea.Msg) (step.Screen, tea.Cmd) {
	switch msg := msg.(type) {
	case spinner.TickMsg:
		var cmd tea.Cmd
		p.spin, cmd = p.spin.Update(msg)
		return p, cmd
	case portalLoadedMsg:
		if msg.id != p.id {
			return p, nil
		}
		if msg.err != nil {
			return p, p.fail(portalLoading, msg.err)
		}
		p.inst, p.admin, p.phase = msg.inst, msg.admin, portalShowing
		return p, nil
	case signInStartedMsg:
		if msg.id != p.id {
			return p, nil
		}
		if msg.err != nil {
			return p, p.fail(portalStarting, msg.err)
		}
		p.signIn, p.interval, p.phase = msg.signIn, msg.signIn.Interval, portalWaiting
		return p, p.schedulePoll()
	case signInPollMsg:
		if msg.id != p.id || msg.n != p.polls || p.phase != portalWaiting {
			return p, nil
		}
		return p, p.poll()
	case signInAnswerMsg:
		if msg.id != p.id || msg.n != p.polls || p.phase != portalWaiting {
			return p, nil
		}
		return p, p.answered(msg)
	case signInApprovedMsg:
		if msg.id == p.id && msg.err != nil {
			return p, p.fail(portalWaiting, msg.err)
		}
		return p, nil
	case profilePlannedMsg:
		if msg.id != p.id {
			return p, nil
		}
		if msg.err != nil {
			return p, p.fail(portalPlanning, msg.err)
		}
		p.change, p.phase = msg.change, portalPreview
		return p, nil
	case profileWrittenMsg:
		if msg.id != p.id {
			return p, nil
		}
		if msg.err != nil {
			return p, p.fail(portalPreview, msg.err)
		}
		p.resource["cli_profile"], p.resource["cli_config_file"] = p.profile.Name, p.change.Path
		if msg.backup != "" {
			p.resource["cli_config_backup"] = msg.backup
		}
		return p, p.finish()
	case tea.KeyMsg:
		return p, p.key(msg)
	}
	if p.phase == portalNaming {
		return p, p.updateForm(msg)
	}
	return p, nil
}

// answered handles what one poll said: wait longer, give up, or the portal's answer.
func (p *portalScreen) answered(msg signInAnswerMsg) tea.Cmd {
	switch {
	case errors.Is(msg.err, ErrAuthorizationPending), errors.Is(msg.err, ErrSlowDown):
		p.interval = NextPoll(p.interval, msg.err)
		p.polls++
		p.pending = msg.err.Error()
		return p.schedulePoll()
	case msg.err != nil:
		return p.fail(portalStarting, msg.err)
	}
	p.access = &msg.access
	if !msg.access.Has(p.role) {
		p.phase = portalChecked
		return nil
	}
	return p.checked(checkpoint.Verified, "signed in as "+p.signedInAs()+" through the device flow; the portal API lists "+
		"account "+p.env.Identity.Account+" with "+p.role)
}

// checked records how the sign-in was established and moves on to the CLI profile.
func (p *portalScreen) checked(o checkpoint.Outcome, reason string) tea.Cmd {
	p.outcome, p.reason, p.signIn = o, reason, nil
	p.resource = map[string]string{"portal_url": p.inst.PortalURL(), "role_name": p.role}
	p.profile = adminProfile(p.env, p.inst, p.role)
	p.form = huh.NewForm(huh.NewGroup(
		huh.NewInput().Title("AWS CLI profile name").Value(&p.profile.Name).Validate(ValidateProfileName).
			Description("firstrun can add a profile for the AWS CLI v2, so the administrator runs `aws sso login " +
				"--profile NAME` instead of using keys. Press esc to leave the CLI as it is."),
	)).WithTheme(p.env.Theme.Form).WithShowHelp(false)
	p.form = step.FitForm(p.form, p.width, p.height)
	p.phase = portalNaming
	return p.form.Init()
}

func (p *portalScreen) signedInAs() string {
	if p.admin != "" {
		return p.admin
	}
	return "an Identity Center user"
}

func (p *portalScreen) updateForm(msg tea.Msg) tea.Cmd {
	form, cmd, done := step.UpdateForm(p.form, msg)
	p.form = form
	if !done {
		return cmd
	}
	p.phase = portalPlanning
	profile, id := p.profile, p.id
	return func() tea.Msg {
		path, err := ConfigPath()
		if err != nil {
			return profilePlannedMsg{id: id, err: err}
		}
		change, err := PlanProfile(path, profile)
		return profilePlannedMsg{id: id, change: change, err: err}
	}
}

func (p *portalScreen) write() tea.Cmd {
	p.phase = portalWriting
	change, id, now := p.change, p.id, p.env.Now()
	return func() tea.Msg {
		backup, err := change.Write(now)
		return profileWrittenMsg{id: id, backup: backup, err: err}
	}
}

func (p *portalScreen) key(msg tea.KeyMsg) tea.Cmd {
	k := p.env.Keys
	switch p.phase {
	case portalShowing:
		switch {
		case key.Matches(msg, k.Continue):
			return p.start()
		case key.Matches(msg, k.Yes):
			return p.checked(checkpoint.Confirmed, "the operator signed in to the access portal; firstrun did not check it")
		case key.Matches(msg, k.Skip):
			return step.Finish(p.env, p.id, checkpoint.StepRecord{Outcome: checkpoint.Skipped, Reason: "skipped by the operator",
				Resources: map[string]string{"portal_url": p.inst.PortalURL()}})
		}
	case portalWaiting:
		switch {
		case key.Matches(msg, k.Console) && p.env.Console != nil:
			return p.approveInConsole()
		case msg.Type == tea.KeyEsc:
			p.polls++ // answers still on their way are now stale
			p.signIn, p.phase = nil, portalShowing
		}
	case portalChecked, portalFailed:
		switch {
		case key.Matches(msg, k.Retry):
			return p.retry()
		case key.Matches(msg, k.Yes) && p.phase == portalChecked:
			return p.checked(checkpoint.Confirmed, "the operator signed in to the access portal; the portal API did not list "+p.role+" in this account")
		case key.Matches(msg, k.Skip):
			return step.Finish(p.env, p.id, checkpoint.StepRecord{Outcome: checkpoint.Skipped, Reason: p.skipReason()})
		}
	case portalNaming:
		if msg.Type == tea.KeyEsc {
			return p.finish()
		}
		return p.updateForm(msg)
	case portalPreview:
		switch {
		case key.Matches(msg, k.Continue):
			if p.change.Unchanged() {
				p.resource["cli_profile"], p.resource["cli_config_file"] = p.profile.Name, p.change.Path
				return p.finish()
			}
			return p.write()
		case key.Matches(msg, k.No):
			return p.finish()
		}
	case portalLoading, portalStarting, portalPlanning, portalWriting:
	}
	return nil
}

func (p *portalScreen) retry() tea.Cmd {
	p.problem = nil
	switch p.failed {
	case portalLoading:
		return p.load()
	case portalPlanning, portalPreview:
		p.phase = portalNaming
		p.form.State = huh.StateNormal
		return p.form.Init()
	case portalShowing, portalStarting, portalWaiting, portalChecked, portalNaming, portalWriting, portalFailed:
	}
	return p.start()
}

func (p *portalScreen) skipReason() string {
	if p.problem != nil {
		return "skipped after an error: " + p.problem.Summary()
	}
	return "skipped by the operator after the portal API showed no " + p.role + " in this account"
}

func (p *portalScreen) fail(in portalPhase, err error) tea.Cmd {
	pr := step.Explain(p.env, err)
	p.problem, p.failed, p.phase = &pr, in, portalFailed
	return nil
}

func (p *portalScreen) finish() tea.Cmd {
	return step.Finish(p.env, p.id, checkpoint.StepRecord{Outcome: p.outcome, Reason: p.reason, Resources: p.resource})
}

func (p *portalScreen) SetSize(width, height int) {
	resized := width != p.width || height != p.height
	p.width, p.height = width, height
	if p.form != nil && resized {
		p.form = step.FitForm(p.form, width, height)
	}
}

func (p *portalScreen) Busy() bool {
	switch p.phase {
	case portalLoading, portalStarting, portalPlanning, portalWriting:
		return true
	case portalShowing, portalWaiting, portalChecked, portalNaming, portalPreview, portalFailed:
	}
	return false
}

func (p *portalScreen) Typing() bool { return p.phase == portalNaming }

// Compact asks the root for nearly the whole window while a QR code is shown.
func (p *portalScreen) Compact() bool { return p.phase == portalShowing || p.phase == portalWaiting }
