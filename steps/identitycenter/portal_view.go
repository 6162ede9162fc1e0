package identitycenter

import (
	"fmt"
	"strings"

	"github.com/charmbracelet/bubbles/key"
	"github.com/charmbracelet/lipgloss"

	"github.com/firstrun/firstrun/steps/step"
	"github.com/firstrun/firstrun/ui/qr"
)

func (p *portalScreen) View() string {
	th, w := p.env.Theme, p.width
	switch p.phase {
	case portalLoading:
		return p.spin.View() + " Reading Identity Center…"
	case portalShowing:
		return p.portalView()
	case portalStarting:
		return p.spin.View() + " Starting a sign-in with AWS…"
	case portalWaiting:
		return p.waitingView()
	case portalChecked:
		return p.checkedView()
	case portalNaming:
		return step.Sections(p.outcomeLine(), p.form.View())
	case portalPlanning:
		return p.spin.View() + " Reading the AWS CLI configuration…"
	case portalPreview:
		return p.previewView()
	case portalWriting:
		return p.spin.View() + " Writing the AWS CLI configuration…"
	case portalFailed:
		return step.ProblemView(th, w, *p.problem)
	}
	return ""
}

// beside draws a QR code of content with text to its right, or above it when the window
// is too narrow for both.
func (p *portalScreen) beside(content string, text func(width int) string) string {
	code, err := qr.New(content)
	if err != nil {
		return text(p.width)
	}
	cw, _ := code.Size()
	if p.width-cw-2 < 30 {
		return step.Sections(text(p.width), code.String(p.env.Theme.Colour))
	}
	return lipgloss.JoinHorizontal(lipgloss.Top, code.String(p.env.Theme.Colour), "  ", text(p.width-cw-2))
}

func (p *portalScreen) portalView() string {
	th, url, who := p.env.Theme, p.inst.PortalURL(), p.signedInAs()
	top := p.beside(url, func(w int) string {
		return step.Sections(
			th.Heading.Render("AWS access portal")+"\n"+th.Code.Render(url),
			step.Paragraphs(th, w, "Bookmark it, or scan the code with a phone. Firewalls and proxies must allow "+
				portalDomains(url)+" and *.signin.aws."),
			th.Heading.Render("First sign-in as "+who)+"\n"+step.Numbered(th, w, []string{
				"Open the portal and sign in as " + who + "; set a password with the email or one-time password from the Administrator user step.",
				"Register an MFA device when asked: an authenticator app or a security key.",
				"Choose account " + p.env.Identity.Account + ", then " + p.role + ", to open the console.",
			}),
		)
	})
	return step.Sections(top, step.Paragraphs(th, p.width, "Press enter to prove it works: firstrun signs in as "+who+
		" the way the AWS CLI does, and asks AWS which accounts and roles "+who+" can reach."))
}

func (p *portalScreen) waitingView() string {
	th, s, who := p.env.Theme, p.signIn, p.signedInAs()
	top := p.beside(s.VerificationURIComplete, func(w int) string {
		asked := "not asked yet"
		switch {
		case p.polls == 1:
			asked = "asked once"
		case p.polls > 1:
			asked = fmt.Sprintf("asked %d times", p.polls)
		}
		status := fmt.Sprintf("%s Waiting for approval: %s, next in %s; the code expires at %s.",
			p.spin.View(), asked, p.interval, s.Expires.Local().Format("15:04"))
		if p.pending == ErrSlowDown.Error() {
			status += " AWS asked firstrun to ask less often."
		}
		blocks := []string{
			th.Heading.Render("Sign in as " + who),
			step.Numbered(th, w, []string{
				"On any device, open the page below, or scan the code.",
				"Check that it shows the code below.",
				"Sign in as " + who + " and allow the request.",
			}),
			th.Muted.Width(w).Render(status),
		}
		if p.env.Console != nil {
			blocks = append(blocks, th.Muted.Width(w).Render("Demo: press d to approve it in the simulated account."))
		}
		return step.Sections(blocks...)
	})
	// The page's address is too long to share a column with the code: it goes below.
	return top + "\n" + step.Facts(th, p.width, []step.Fact{
		{Label: "Page", Value: s.VerificationURI},
		{Label: "Code", Value: s.UserCode},
	})
}

func (p *portalScreen) checkedView() string {
	th, w, a, who := p.env.Theme, p.width, p.access, p.signedInAs()
	roles := "none"
	if len(a.Roles) > 0 {
		roles = strings.Join(a.Roles, ", ")
	}
	return step.Sections(
		th.Warning.Width(w).Render(who+" signed in, but AWS does not show "+p.role+" in account "+p.env.Identity.Account+"."),
		step.Facts(th, w, []step.Fact{
			{Label: "Account listed", Value: yesNo(a.AccountListed), Good: good(a.AccountListed)},
			{Label: "Roles there", Value: roles, Good: good(a.Has(p.role))},
		}),
		step.Paragraphs(th, w, "Check that "+who+" is in the administrators' group and that the assignment finished. "+
			"Press r to sign in and check again."),
	)
}

func (p *portalScreen) outcomeLine() string {
	th := p.env.Theme
	return step.OutcomeStyle(th, p.outcome).Render(step.Glyph(p.outcome)+" ") + th.Text.Width(max(10, p.width-2)).Render(capitalize(p.reason)+".")
}

func (p *portalScreen) previewView() string {
	th, w, c := p.env.Theme, p.width, p.change
	if c.Unchanged() {
		return step.Sections(p.outcomeLine(), step.Paragraphs(th, w, c.Path+" already holds profile "+p.profile.Name+": nothing to write."))
	}
	var notes []string
	if c.Exists {
		notes = append(notes, "firstrun first copies the file to a backup beside it, then changes only these sections; every other line stays as it is.")
	} else {
		notes = append(notes, "The file does not exist yet; firstrun creates it, readable only by you.")
	}
	if len(c.Replaced) > 0 {
		notes = append(notes, "It replaces your existing "+strings.Join(c.Replaced, " and ")+".")
	}
	return step.Sections(
		step.Paragraphs(th, w, "Write this to "+c.Path+"?"),
		th.Code.Render(strings.TrimRight(p.profile.Sections(), "\n")),
		step.Bullets(th, w, notes),
		step.Paragraphs(th, w, "Then sign in with: aws sso login --profile "+p.profile.Name),
	)
}

func (p *portalScreen) ShortHelp() []key.Binding {
	k := p.env.Keys
	b := func(keys, help string) key.Binding {
		return key.NewBinding(key.WithKeys(keys), key.WithHelp(keys, help))
	}
	switch p.phase {
	case portalShowing:
		return []key.Binding{b("enter", "check the sign-in"), b("y", "I signed in"), k.Skip}
	case portalWaiting:
		if p.env.Console != nil {
			return []key.Binding{k.Console, b("esc", "stop waiting")}
		}
		return []key.Binding{b("esc", "stop waiting")}
	case portalChecked:
		return []key.Binding{b("r", "sign in again"), b("y", "I signed in anyway"), k.Skip}
	case portalFailed:
		return []key.Binding{k.Retry, k.Skip}
	case portalNaming:
		return []key.Binding{b("enter", "continue"), b("esc", "no CLI profile")}
	case portalPreview:
		if p.change.Unchanged() {
			return []key.Binding{k.Continue}
		}
		return []key.Binding{b("enter", "write it"), b("n", "leave the CLI as it is")}
	case portalLoading, portalStarting, portalPlanning, portalWriting:
	}
	return nil
}

func (p *portalScreen) FullHelp() [][]key.Binding { return [][]key.Binding{p.ShortHelp()} }

// portalDomains is the domain a firewall must allow for the portal at url: its dual-stack
// address is under app.aws, the others under awsapps.com.
func portalDomains(url string) string {
	host, _, _ := strings.Cut(strings.TrimPrefix(url, "https://"), "/")
	if strings.HasSuffix(host, ".app.aws") {
		return "*.app.aws"
	}
	return "*.awsapps.com"
}
