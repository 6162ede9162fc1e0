package kit

import (
	"context"
	"strings"
	"time"

	"github.com/charmbracelet/bubbles/cursor"
	"github.com/charmbracelet/bubbles/key"
	"github.com/charmbracelet/bubbles/textinput"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"
	"github.com/pquerna/otp/totp"

	step "github.com/firstrun/firstrun/steps/core"
	"github.com/firstrun/firstrun/ui/qr"
)

// codes shows a new MFA device's QR code (or its key as text) beside two fields for the
// first two codes of the authenticator app, and checks them before AWS sees them.
type codes struct {
	env    *Env
	c      step.Codes
	code   qr.Code
	secret bool // the key is shown as text instead of the QR code
	fields [2]textinput.Model
	focus  int
	wrong  *step.CodeProblem
	k      codeKeys
}

// codeKeys are the codes screen's own keys, beside the shared ones.
type codeKeys struct {
	Check, Secret, QR, Cancel, Next, Demo key.Binding
}

// The TOTP parameters of AWS virtual MFA devices, and the height a QR code may take: the
// body of a compact screen at 80x24.
const (
	codeDigits = 6
	codePeriod = 30 * time.Second
	qrRows     = 22
)

func newCodes(env *Env, c step.Codes) *codes {
	v := &codes{env: env, c: c, k: codeKeys{
		Check:  key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", "confirm")),
		Secret: key.NewBinding(key.WithKeys("s"), key.WithHelp("s", "key as text")),
		QR:     key.NewBinding(key.WithKeys("s"), key.WithHelp("s", "QR code")),
		Cancel: key.NewBinding(key.WithKeys("esc"), key.WithHelp("esc", "cancel")),
		Next:   key.NewBinding(key.WithKeys("tab", "shift+tab"), key.WithHelp("tab", "other code")),
		Demo:   key.NewBinding(key.WithKeys("d"), key.WithHelp("d", "demo codes")),
	}}
	for i := range v.fields {
		f := textinput.New()
		f.Prompt = ""
		f.Placeholder = "······"
		f.CharLimit = codeDigits
		f.Width = codeDigits + 1
		f.Cursor.SetMode(cursor.CursorStatic)
		v.fields[i] = f
	}
	if c.Message != "" {
		v.wrong = &step.CodeProblem{Message: c.Message}
	}
	v.code = drawable(c)
	// A user name too long for the code to fit the window starts with the key as text.
	_, h := v.code.Size()
	v.secret = h > qrRows
	v.focusField(0)
	return v
}

// drawable is the device's QR code at the size that fits the window: the full label
// where it fits, else the label without the account. Either way the secret is whole.
func drawable(c step.Codes) qr.Code {
	code, err := qr.New(c.URI)
	if _, h := code.Size(); err == nil && h <= qrRows {
		return code
	}
	short, err := qr.New(c.ShortURI)
	if err != nil {
		return code
	}
	return short
}

func (v *codes) init() tea.Cmd { return nil }

func (v *codes) update(msg tea.Msg) (tea.Cmd, *answer) {
	m, ok := msg.(tea.KeyMsg)
	if !ok {
		return nil, nil
	}
	switch {
	case key.Matches(m, v.k.Cancel):
		return nil, &answer{err: step.ErrCanceled}
	case key.Matches(m, v.k.Secret):
		v.secret = !v.secret
	case key.Matches(m, v.k.Next):
		v.focusField(1 - v.focus)
	case key.Matches(m, v.k.Check):
		if v.focus == 0 && len(v.fields[0].Value()) == codeDigits && v.fields[1].Value() == "" {
			v.focusField(1)
			return nil, nil
		}
		return nil, v.submit(v.fields[0].Value(), v.fields[1].Value())
	case v.env.Console != nil && key.Matches(m, v.k.Demo):
		return nil, v.demoCodes()
	case m.Type == tea.KeyBackspace || m.Type == tea.KeyLeft || m.Type == tea.KeyRight || isDigit(m):
		var cmd tea.Cmd
		v.fields[v.focus], cmd = v.fields[v.focus].Update(m)
		v.wrong = nil
		if v.focus == 0 && len(v.fields[0].Value()) == codeDigits && isDigit(m) {
			v.focusField(1)
		}
		return cmd, nil
	}
	return nil, nil
}

func isDigit(msg tea.KeyMsg) bool {
	return msg.Type == tea.KeyRunes && len(msg.Runes) == 1 && msg.Runes[0] >= '0' && msg.Runes[0] <= '9'
}

func (v *codes) focusField(i int) {
	v.focus = i
	for j := range v.fields {
		if j == i {
			v.fields[j].Focus()
		} else {
			v.fields[j].Blur()
		}
	}
}

// submit checks the codes locally: only codes that pass go to AWS.
func (v *codes) submit(first, second string) *answer {
	if p := v.c.Check(first, second, v.env.Base.Now()); p != nil {
		v.wrong = p
		v.fields[p.Field].Reset()
		v.focusField(p.Field)
		return nil
	}
	return &answer{codes: [2]string{first, second}}
}

// demoCodes is the demo's stand-in for a phone: on the simulated account it types the
// codes an authenticator app would show now.
func (v *codes) demoCodes() *answer {
	now := v.env.Base.Now()
	for i, at := range []time.Time{now.Add(-codePeriod), now} {
		c, err := totp.GenerateCode(v.c.Secret, at)
		if err != nil {
			v.wrong = &step.CodeProblem{Message: err.Error()}
			return nil
		}
		v.fields[i].SetValue(c)
	}
	return v.submit(v.fields[0].Value(), v.fields[1].Value())
}

// minInstructions is the narrowest the instructions beside the QR code may get.
const minInstructions = 28

// view draws the QR code (or the key as text) on the left and the instructions and the
// two code fields on the right.
func (v *codes) view(l layout) string {
	left := v.codeView()
	right := v.instructions(max(minInstructions, l.width-lipgloss.Width(left)-2))
	return lipgloss.JoinHorizontal(lipgloss.Top, left, "  ", right)
}

// codeView is the QR code, or with s the key as text, in groups of four as apps show it.
func (v *codes) codeView() string {
	th := v.env.Theme
	w, _ := v.code.Size()
	if !v.secret {
		return v.code.String(th.Colour)
	}
	return th.Text.Width(w).Render(Sections(
		th.Heading.Render("Set-up key"),
		th.Code.Render(strings.Join(groupKey(v.c.Secret), "\n")),
		Facts(th, w-2, []step.Fact{
			{Label: "Account", Value: label(v.c)},
			{Label: "Type", Value: "time-based, 6 digits"},
		}),
	))
}

// groupKey lays a set-up key out as apps show it: groups of four, eight to a line.
func groupKey(secret string) []string {
	var groups []string
	for s := secret; len(s) > 0; {
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
	return lines
}

// label is the account's name in the app, as the URI gives it.
func label(c step.Codes) string {
	rest, ok := strings.CutPrefix(c.URI, "otpauth://totp/")
	if !ok {
		return c.User
	}
	rest, _, _ = strings.Cut(rest, "?")
	return strings.ReplaceAll(rest, "%40", "@")
}

func (v *codes) instructions(width int) string {
	th := v.env.Theme
	add := "Add an account in the app and scan the code on the left. No camera? Press s to see the key as text."
	if v.secret {
		add = "Add an account in the app, choose to enter a set-up key, and type the key on the left."
	}
	return Sections(
		th.Title.Width(width).Render(v.c.Title),
		Numbered(th, width, []string{
			"On the phone, open an authenticator app (Google Authenticator, Microsoft Authenticator, 1Password, Authy…).",
			add,
			"Type the code the app shows, wait for the next code, and type that one too.",
		}),
		v.fieldsView(width),
	)
}

func (v *codes) fieldsView(width int) string {
	th := v.env.Theme
	labels := [2]string{"First code ", "Second code"}
	var rows []string
	for i, f := range v.fields {
		l := th.Muted.Render(labels[i])
		if v.focus == i {
			l = th.Accent.Render(labels[i])
		}
		rows = append(rows, l+"  "+f.View())
		if v.wrong != nil && v.wrong.Field == i {
			rows = append(rows, th.Warning.Width(width).Render("! "+v.wrong.Message))
		}
	}
	return strings.Join(rows, "\n")
}

func (v *codes) compact() bool { return true }

func (v *codes) keys() []key.Binding {
	b := []key.Binding{v.k.Check, v.k.Secret, v.k.Cancel}
	if v.secret {
		b[1] = v.k.QR
	}
	if v.env.Console != nil {
		b = append(b, v.k.Demo)
	}
	return b
}

func (v *codes) typing() bool { return false }

// plain gives the set-up key as text (a screen reader can't scan a QR code), then reads
// the two codes, each on its own line, until they pass the check; "cancel" gives up.
func (v *codes) plain(_ context.Context, p *Prompter) (answer, error) {
	p.Say(v.c.Title,
		"On the phone, open an authenticator app, add an account, choose to enter a set-up key, and type this key:")
	for _, l := range groupKey(v.c.Secret) {
		p.Say("  " + l)
	}
	p.Say("Account: "+label(v.c), "Type: time-based, 6 digits",
		"Then type the code the app shows, wait for the next code, and type that one too (or cancel).")
	if v.c.Message != "" {
		p.Say(v.c.Message)
	}
	for {
		first, err := p.Line("First code: ")
		if err != nil {
			return answer{}, err
		}
		if strings.EqualFold(strings.TrimSpace(first), "cancel") {
			return answer{err: step.ErrCanceled}, nil
		}
		second, err := p.Line("Second code: ")
		if err != nil {
			return answer{}, err
		}
		if strings.EqualFold(strings.TrimSpace(second), "cancel") {
			return answer{err: step.ErrCanceled}, nil
		}
		if problem := v.c.Check(first, second, v.env.Base.Now()); problem != nil {
			p.Say(problem.Message)
			continue
		}
		return answer{codes: [2]string{first, second}}, nil
	}
}
