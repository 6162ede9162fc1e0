package iamuser

import (
	"context"
	"errors"
	"strings"
	"time"

	"github.com/charmbracelet/bubbles/cursor"
	"github.com/charmbracelet/bubbles/key"
	"github.com/charmbracelet/bubbles/spinner"
	"github.com/charmbracelet/bubbles/textinput"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/pquerna/otp/totp"

	"github.com/firstrun/firstrun/awsclient"
	"github.com/firstrun/firstrun/steps/step"
	"github.com/firstrun/firstrun/ui/qr"
)

// Enrolment sets up a virtual MFA device for one IAM user: it creates the device, draws
// its QR code, takes two consecutive codes from the authenticator app, checks them
// locally, then enables the device. A step's screen embeds it, hands it messages and
// keys, and learns the result from EnrolledMsg or EnrolmentCanceledMsg.
type Enrolment struct {
	env  *step.Env
	step step.ID
	user string

	phase  enrolPhase
	device Device // its seed lives here, in memory, and nowhere else
	code   qr.Code
	secret bool // the key is shown as text instead of the QR code
	fields [2]textinput.Model
	focus  int
	wrong  *CodeProblem
	// clockNote says how the last codes were judged when the machine's clock played a part.
	clockNote string
	problem   *awsclient.Problem
	failedIn  enrolPhase
	keys      enrolKeys
	spin      spinner.Model
	width     int
	height    int
}

type enrolPhase int

const (
	enrolPreparing enrolPhase = iota
	enrolScanning
	enrolEnabling
	enrolDiscarding
	enrolFailed
)

// qrRows is the height a QR code may take: the body of a compact screen at 80x24.
const qrRows = 22

type (
	deviceReadyMsg struct {
		step   step.ID
		user   string
		device Device
		err    error
	}
	deviceEnabledMsg struct {
		step step.ID
		user string
		err  error
	}
	deviceDiscardedMsg struct {
		step step.ID
		user string
		err  error
	}
)

// EnrolledMsg tells a step's screen that User's MFA device is enabled.
type EnrolledMsg struct {
	Step   step.ID
	User   string
	Serial string
}

// EnrolmentCanceledMsg tells a step's screen that the operator gave up on User's device;
// the device was deleted, so nothing is left half made.
type EnrolmentCanceledMsg struct {
	Step step.ID
	User string
}

// enrolKeys are the enrolment's own keys, beside the shared ones.
type enrolKeys struct {
	Check, Secret, QR, Cancel, Next key.Binding
}

func newEnrolKeys() enrolKeys {
	return enrolKeys{
		Check:  key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", "confirm")),
		Secret: key.NewBinding(key.WithKeys("s"), key.WithHelp("s", "key as text")),
		QR:     key.NewBinding(key.WithKeys("s"), key.WithHelp("s", "QR code")),
		Cancel: key.NewBinding(key.WithKeys("esc"), key.WithHelp("esc", "cancel")),
		Next:   key.NewBinding(key.WithKeys("tab", "shift+tab"), key.WithHelp("tab", "other code")),
	}
}

// NewEnrolment prepares the enrolment of user's device for step id; Init starts it.
func NewEnrolment(env *step.Env, id step.ID, user string) *Enrolment {
	e := &Enrolment{env: env, step: id, user: user, keys: newEnrolKeys(), spin: spinner.New(spinner.WithSpinner(spinner.Dot))}
	for i := range e.fields {
		f := textinput.New()
		f.Prompt = ""
		f.Placeholder = "······"
		f.CharLimit = codeDigits
		f.Width = codeDigits + 1
		f.Cursor.SetMode(cursor.CursorStatic)
		e.fields[i] = f
	}
	return e
}

// Init creates the device.
func (e *Enrolment) Init() tea.Cmd { return tea.Batch(e.spin.Tick, e.prepare()) }

func (e *Enrolment) prepare() tea.Cmd {
	e.phase = enrolPreparing
	// Commands work on a copy of the Env, taken now: a command still running when its
	// program is killed must not read what the next run set up.
	env, id, user := *e.env, e.step, e.user
	return func() tea.Msg {
		d, err := PrepareDevice(env.Ctx, env.AWS.IAM, env.Identity.Account, user)
		if err == nil {
			// Recorded before the QR code is shown, so a run killed now knows a device
			// exists. Its seed is not recorded: resuming deletes and recreates it.
			err = step.Progress(&env, id, map[string]string{"mfa_device": d.Serial})
		}
		return deviceReadyMsg{step: id, user: user, device: d, err: err}
	}
}

func (e *Enrolment) enable(first, second string) tea.Cmd {
	e.phase = enrolEnabling
	env, id, d := *e.env, e.step, e.device
	return func() tea.Msg {
		ctx, cancel := context.WithTimeout(env.Ctx, time.Minute)
		defer cancel()
		return deviceEnabledMsg{step: id, user: d.User, err: EnableDevice(ctx, env.AWS.IAM, d, first, second)}
	}
}

func (e *Enrolment) discard() tea.Cmd {
	e.phase = enrolDiscarding
	env, id, user, serial := *e.env, e.step, e.user, e.device.Serial
	return func() tea.Msg {
		var err error
		if serial != "" {
			err = DiscardDevice(env.Ctx, env.AWS.IAM, serial)
		}
		return deviceDiscardedMsg{step: id, user: user, err: err}
	}
}

// Update handles the enrolment's messages and keys; others are ignored.
func (e *Enrolment) Update(msg tea.Msg) tea.Cmd {
	switch msg := msg.(type) {
	case spinner.TickMsg:
		var cmd tea.Cmd
		e.spin, cmd = e.spin.Update(msg)
		return cmd
	case deviceReadyMsg:
		if msg.step != e.step || msg.user != e.user {
			return nil
		}
		if msg.err != nil {
			return e.fail(enrolPreparing, msg.err)
		}
		e.ready(msg.device)
		return nil
	case deviceEnabledMsg:
		if msg.step != e.step || msg.user != e.user {
			return nil
		}
		return e.enabled(msg.err)
	case deviceDiscardedMsg:
		if msg.step != e.step || msg.user != e.user {
			return nil
		}
		if msg.err != nil {
			return e.fail(enrolDiscarding, msg.err)
		}
		id, user := e.step, e.user
		return func() tea.Msg { return EnrolmentCanceledMsg{Step: id, User: user} }
	case tea.KeyMsg:
		return e.key(msg)
	}
	return nil
}

func (e *Enrolment) ready(d Device) {
	e.device, e.phase = d, enrolScanning
	e.code = drawable(d)
	// A user name too long for the code to fit the window starts with the key as text.
	_, h := e.code.Size()
	e.secret = h > qrRows
	for i := range e.fields {
		e.fields[i].Reset()
	}
	e.focusField(0)
}

// drawable is the device's QR code at the size that fits the window: the full label
// where it fits, else the label without the account. Either way the secret is whole.
func drawable(d Device) qr.Code {
	code, err := qr.New(d.URI())
	if _, h := code.Size(); err == nil && h <= qrRows {
		return code
	}
	short, err := qr.New(d.ShortURI())
	if err != nil {
		return code
	}
	return short
}

func (e *Enrolment) enabled(err error) tea.Cmd {
	switch {
	case err == nil:
		id, user, serial := e.step, e.user, e.device.Serial
		e.device.Seed = "" // enabled: nothing needs it any more
		return func() tea.Msg { return EnrolledMsg{Step: id, User: user, Serial: serial} }
	case errors.Is(err, ErrCodesRefused):
		e.phase = enrolScanning
		e.wrong = &CodeProblem{Field: 0, Message: strings.TrimSpace("AWS did not accept these codes; they may have expired while you typed. Type the two newest codes. " + e.clockNote)}
		for i := range e.fields {
			e.fields[i].Reset()
		}
		e.focusField(0)
		return nil
	default:
		return e.fail(enrolEnabling, err)
	}
}

func (e *Enrolment) fail(in enrolPhase, err error) tea.Cmd {
	p := step.Explain(e.env, err)
	e.problem, e.failedIn, e.phase = &p, in, enrolFailed
	return nil
}

func (e *Enrolment) key(msg tea.KeyMsg) tea.Cmd {
	k := e.keys
	switch e.phase {
	case enrolFailed:
		switch {
		case key.Matches(msg, e.env.Keys.Retry):
			e.problem = nil
			switch e.failedIn {
			case enrolEnabling:
				e.phase = enrolScanning
				return e.submit()
			case enrolDiscarding:
				return e.discard()
			default:
				return e.prepare()
			}
		case key.Matches(msg, k.Cancel):
			e.problem = nil
			return e.discard()
		}
	case enrolScanning:
		switch {
		case key.Matches(msg, k.Cancel):
			return e.discard()
		case key.Matches(msg, k.Secret):
			e.secret = !e.secret
		case key.Matches(msg, k.Next):
			e.focusField(1 - e.focus)
		case key.Matches(msg, k.Check):
			if e.focus == 0 && len(e.fields[0].Value()) == codeDigits && e.fields[1].Value() == "" {
				e.focusField(1)
				return nil
			}
			return e.submit()
		case e.env.Console != nil && key.Matches(msg, e.env.Keys.Console):
			return e.demoCodes()
		case msg.Type == tea.KeyBackspace || msg.Type == tea.KeyLeft || msg.Type == tea.KeyRight || isDigit(msg):
			var cmd tea.Cmd
			e.fields[e.focus], cmd = e.fields[e.focus].Update(msg)
			e.wrong = nil
			if e.focus == 0 && len(e.fields[0].Value()) == codeDigits && isDigit(msg) {
				e.focusField(1)
			}
			return cmd
		}
	case enrolPreparing, enrolEnabling, enrolDiscarding:
	}
	return nil
}

func isDigit(msg tea.KeyMsg) bool {
	return msg.Type == tea.KeyRunes && len(msg.Runes) == 1 && msg.Runes[0] >= '0' && msg.Runes[0] <= '9'
}

func (e *Enrolment) focusField(i int) {
	e.focus = i
	for j := range e.fields {
		if j == i {
			e.fields[j].Focus()
		} else {
			e.fields[j].Blur()
		}
	}
}

// submit checks the codes locally and, only if they pass, asks AWS to enable the device.
func (e *Enrolment) submit() tea.Cmd {
	first, second := e.fields[0].Value(), e.fields[1].Value()
	p, note := e.device.Check(first, second, e.env.Now())
	e.clockNote = note
	if p != nil {
		if note != "" {
			p.Message += " " + note
		}
		e.wrong = p
		e.fields[p.Field].Reset()
		e.focusField(p.Field)
		return nil
	}
	e.wrong = nil
	return e.enable(normalizeCode(first), normalizeCode(second))
}

// demoCodes is the demo's stand-in for a phone: on the simulated account it types the
// codes an authenticator app would show now.
func (e *Enrolment) demoCodes() tea.Cmd {
	now := e.env.Now()
	for i, at := range []time.Time{now.Add(-totpPeriod * time.Second), now} {
		c, err := totp.GenerateCode(e.device.Seed, at)
		if err != nil {
			return e.fail(enrolScanning, err)
		}
		e.fields[i].SetValue(c)
	}
	return e.submit()
}

// SetSize gives the enrolment its share of the window.
func (e *Enrolment) SetSize(width, height int) { e.width, e.height = width, height }

// Busy reports an AWS call in flight.
func (e *Enrolment) Busy() bool {
	return e.phase == enrolPreparing || e.phase == enrolEnabling || e.phase == enrolDiscarding
}

// ShortHelp lists the keys that work now.
func (e *Enrolment) ShortHelp() []key.Binding {
	k := e.keys
	switch e.phase {
	case enrolScanning:
		b := []key.Binding{k.Check, k.Secret, k.Cancel}
		if e.secret {
			b[1] = k.QR
		}
		if e.env.Console != nil {
			b = append(b, key.NewBinding(key.WithKeys("d"), key.WithHelp("d", "demo codes")))
		}
		return b
	case enrolFailed:
		return []key.Binding{e.env.Keys.Retry, k.Cancel}
	case enrolPreparing, enrolEnabling, enrolDiscarding:
	}
	return nil
}
