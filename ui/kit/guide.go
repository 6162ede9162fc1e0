package kit

import (
	"context"
	"fmt"
	"time"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"

	"github.com/firstrun/firstrun/awsclient"
	"github.com/firstrun/firstrun/steps/checkpoint"
	step "github.com/firstrun/firstrun/steps/core"
	"github.com/firstrun/firstrun/ui/qr"
)

// guide gives console instructions for work AWS has no API for, then checks with AWS
// (on its own every few seconds while the screen is open, and when the operator says it
// is done) or takes the operator's word where AWS offers no check, and says which.
type guide struct {
	env *Env
	g   step.Guide
	qr  *qr.Code

	checking bool
	claimed  bool // the operator said "done" and the check is running or disagreed
	detail   string
	problem  *awsclient.Problem
	polls    int       // tells this guide's poll ticks from stale ones
	until    time.Time // when checking on its own stops, with PollFor
	stopped  bool      // PollFor ran out: only c checks now
}

type (
	guideCheckedMsg struct {
		g   *guide
		in  step.Inspection
		err error
	}
	guidePollMsg struct {
		g *guide
		n int
	}
	guideConsoleMsg struct {
		g   *guide
		err error
	}
)

// checkLimit bounds one check with AWS.
const checkLimit = 30 * time.Second

func newGuide(env *Env, g step.Guide) *guide {
	v := &guide{env: env, g: g}
	if g.QR != "" {
		if code, err := qr.New(g.QR); err == nil {
			v.qr = &code
		}
	}
	return v
}

func (v *guide) vouch() key.Binding {
	return key.NewBinding(key.WithKeys("y"), key.WithHelp("y", "I did it myself"))
}

func (v *guide) init() tea.Cmd {
	if v.g.Check == nil {
		return nil
	}
	v.until = v.env.Base.Now().Add(v.g.PollFor)
	return v.check()
}

func (v *guide) check() tea.Cmd {
	v.checking = true
	ctx, check := v.env.Ctx, v.g.Check
	return func() tea.Msg {
		ctx, cancel := context.WithTimeout(ctx, checkLimit)
		defer cancel()
		in, err := check(ctx)
		return guideCheckedMsg{g: v, in: in, err: err}
	}
}

func (v *guide) schedulePoll() tea.Cmd {
	if v.g.PollFor > 0 && !v.env.Base.Now().Before(v.until) {
		v.stopped = true
		return nil
	}
	every := v.g.PollEvery
	if every == 0 {
		every = 5 * time.Second
	}
	v.polls++
	n := v.polls
	return tea.Tick(every, func(time.Time) tea.Msg { return guidePollMsg{g: v, n: n} })
}

func (v *guide) console() tea.Cmd {
	ctx, c, a := v.env.Ctx, v.env.Console, v.g.Action
	return func() tea.Msg { return guideConsoleMsg{g: v, err: c.Perform(ctx, a)} }
}

func (v *guide) update(msg tea.Msg) (tea.Cmd, *answer) {
	k := v.env.Keys
	switch msg := msg.(type) {
	case guideCheckedMsg:
		if msg.g != v {
			return nil, nil
		}
		v.checking = false
		if msg.err != nil {
			p := awsclient.Explain(msg.err).WithCaller(v.env.Base.Identity.ARN)
			v.problem = &p
			return v.schedulePoll(), nil
		}
		v.problem, v.detail = nil, msg.in.Detail
		if msg.in.Holds {
			return nil, &answer{guide: step.GuideResult{Outcome: checkpoint.Verified, Detail: msg.in.Detail, Found: msg.in}}
		}
		return v.schedulePoll(), nil
	case guidePollMsg:
		if msg.g != v || msg.n != v.polls || v.checking {
			return nil, nil
		}
		return v.check(), nil
	case guideConsoleMsg:
		if msg.g != v {
			return nil, nil
		}
		if msg.err != nil {
			p := awsclient.Explain(msg.err)
			v.problem = &p
			return nil, nil
		}
		if v.g.Check == nil {
			return nil, confirmed("")
		}
		return v.check(), nil
	case tea.KeyMsg:
		switch {
		case key.Matches(msg, k.Continue):
			if v.g.Check == nil {
				return nil, confirmed("")
			}
			v.claimed = true
			if v.checking {
				return nil, nil
			}
			return v.check(), nil
		case key.Matches(msg, k.Check) && v.g.Check != nil && !v.checking:
			v.stopped, v.until = false, v.env.Base.Now().Add(v.g.PollFor)
			return v.check(), nil
		case key.Matches(msg, k.Console) && v.env.Console != nil:
			return v.console(), nil
		case key.Matches(msg, v.vouch()) && v.g.Vouch != "":
			return nil, confirmed(v.g.Vouch)
		case key.Matches(msg, k.Skip):
			return nil, &answer{guide: step.GuideResult{Outcome: checkpoint.Skipped}}
		}
	}
	return nil, nil
}

func confirmed(detail string) *answer {
	return &answer{guide: step.GuideResult{Outcome: checkpoint.Confirmed, Detail: detail}}
}

func (v *guide) view(l layout) string {
	width := l.width
	th := v.env.Theme
	left := width
	var code string
	if v.qr != nil {
		code = v.qr.String(th.Colour)
		w, _ := v.qr.Size()
		left = max(minBeside, width-w-2)
	}
	var blocks []string
	if v.g.Note != "" {
		blocks = append(blocks, Paragraphs(th, left, v.g.Note))
	}
	blocks = append(blocks, th.Heading.Render("In the AWS console")+"\n"+Numbered(th, left, v.g.Instructions))
	if v.g.Link != "" {
		blocks = append(blocks, th.Muted.Render("Open: ")+th.Code.Render(v.g.Link))
	}
	if len(v.g.Facts) > 0 {
		blocks = append(blocks, Facts(th, left, v.g.Facts))
	}
	blocks = append(blocks, v.status(left, l.spin))
	body := Sections(blocks...)
	if code == "" {
		return body
	}
	return lipgloss.JoinHorizontal(lipgloss.Top, body, "  ", code)
}

// minBeside is the narrowest text beside a QR code may get.
const minBeside = 28

func (v *guide) status(width int, spin string) string {
	th := v.env.Theme
	switch {
	case v.problem != nil:
		return ProblemView(th, width, *v.problem)
	case v.g.Check == nil:
		return th.Muted.Width(width).Render("AWS offers no way to check this step, so firstrun will record it as confirmed by you.")
	case v.checking:
		return spin + " Checking with AWS…"
	case v.stopped:
		return th.Warning.Width(width).Render(fmt.Sprintf("AWS does not show it yet: %s. firstrun stopped "+
			"checking on its own after %s; finish the console steps, then press c to check again.", v.detail, v.g.PollFor))
	case v.claimed:
		return th.Warning.Width(width).Render("AWS does not show it yet: " + v.detail +
			". Finish the console steps, then press c to check again. firstrun keeps checking while this screen is open.")
	}
	return th.Muted.Width(width).Render("Waiting for AWS to show it: " + v.detail +
		" (checked every few seconds while this screen is open).")
}

// compact gives a guide with a QR code the whole window.
func (v *guide) compact() bool { return v.qr != nil }

func (v *guide) keys() []key.Binding {
	k := v.env.Keys
	done := key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", "I did it"))
	b := []key.Binding{done}
	if v.g.Check != nil {
		b = append(b, k.Check)
	}
	if v.g.Vouch != "" && v.g.Check != nil {
		b = append(b, v.vouch())
	}
	if v.env.Console != nil {
		b = append(b, k.Console)
	}
	return append(b, k.Skip)
}

func (v *guide) typing() bool { return false }

// plain gives the instructions, then checks with AWS each time the operator says they are
// done, or takes their word where AWS offers no check.
func (v *guide) plain(ctx context.Context, p *Prompter) (answer, error) {
	if v.g.Note != "" {
		p.Say(v.g.Note)
	}
	p.Say("In the AWS console:")
	for i, in := range v.g.Instructions {
		p.Say(fmt.Sprintf("  %d. %s", i+1, in))
	}
	if v.g.Link != "" {
		p.Say("Open: " + v.g.Link)
	}
	p.Facts(v.g.Facts)
	if v.g.Check == nil {
		p.Say("AWS offers no way to check this step, so firstrun records it as confirmed by you.")
	}
	choices := []string{"I did it", "skip this step"}
	const done, skip = 0, 1
	vouch, demo := -1, -1
	if v.g.Vouch != "" && v.g.Check != nil {
		vouch = len(choices)
		choices = append(choices, "I did it myself: record my word for it")
	}
	if v.env.Console != nil {
		demo = len(choices)
		choices = append(choices, "demo: do it in the simulated console")
	}
	for {
		choice, err := p.Choose("When you have done it in the console:", choices...)
		if err != nil {
			return answer{}, err
		}
		switch choice {
		case skip:
			return answer{guide: step.GuideResult{Outcome: checkpoint.Skipped}}, nil
		case vouch:
			return *confirmed(v.g.Vouch), nil
		case demo:
			if err := v.env.Console.Perform(ctx, v.g.Action); err != nil {
				p.Problem(awsclient.Explain(err))
				continue
			}
		case done:
		}
		if v.g.Check == nil {
			return *confirmed(""), nil
		}
		in, err := v.g.Check(ctx)
		switch {
		case err != nil:
			p.Problem(awsclient.Explain(err).WithCaller(v.env.Base.Identity.ARN))
		case in.Holds:
			return answer{guide: step.GuideResult{Outcome: checkpoint.Verified, Detail: in.Detail, Found: in}}, nil
		default:
			p.Say("AWS does not show it yet: " + in.Detail + ".")
		}
	}
}
