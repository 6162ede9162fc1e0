package iamuser

import (
	"github.com/firstrun/firstrun/steps/step"
)

const adminIntro = "An emergency administrator is an IAM user kept for the day IAM Identity Center " +
	"can't be reached, for example when its Region has an outage. AWS recommends that people sign in " +
	"through Identity Center, so this user is optional, and firstrun creates it only if you ask.\n\n" +
	"If you do, it gets full administrator rights, an MFA device on your phone and a console password " +
	"you see once. Until it signs in with MFA it can do nothing but set up MFA and change its password."

func (s *adminScreen) View() string {
	th, w := s.env.Theme, s.width
	switch s.phase {
	case adminEnrolling:
		if s.enrol != nil {
			return s.enrol.View()
		}
	case adminAsking:
		return step.Sections(step.Paragraphs(th, w, adminIntro), s.form.View())
	case adminInspecting:
		return step.Sections(step.Paragraphs(th, w, adminIntro), s.spin.View()+" Reading what AWS has…")
	case adminApplying:
		return step.Sections(s.factsView(), s.spin.View()+" Creating the user and its policies…")
	case adminSettingPassword:
		return s.spin.View() + " Setting the console password…"
	case adminShowingPassword:
		return s.passwordView()
	case adminNoting, adminVerifying:
		return s.spin.View() + " Checking with AWS…"
	case adminReview:
		return s.reviewView()
	case adminFailed:
		return step.Sections(s.factsView(), step.ProblemView(th, w, *s.problem))
	}
	return ""
}

func (s *adminScreen) reviewView() string {
	th, w := s.env.Theme, s.width
	intro := "What AWS has of the emergency administrator " + s.input.UserName + ", and what setting it up changes."
	blocks := []string{step.Paragraphs(th, w, intro), s.factsView()}
	if s.note != "" {
		blocks = append(blocks, th.Warning.Width(w).Render(s.note))
	}
	if s.state.Complete() {
		return step.Sections(append(blocks, th.Success.Render("Already in place: nothing to change."))...)
	}
	return step.Sections(append(blocks, th.Heading.Render("What will change")+"\n"+step.Bullets(th, w, s.state.Changes()))...)
}

func (s *adminScreen) factsView() string {
	st := s.state
	user := st.UserName + ": does not exist yet"
	if st.Exists {
		user = st.UserName + ": exists, created " + st.Created.Local().Format("2 Jan 2006")
	}
	mfa := "none"
	if len(st.MFADevices) > 0 {
		mfa = st.MFADevices[0]
	}
	return step.Facts(s.env.Theme, s.width, []step.Fact{
		{Label: "User", Value: user, Good: good(st.Exists)},
		{Label: "Administrator rights", Value: yesNo(st.AdministratorAccess, "AdministratorAccess attached", "not attached"), Good: good(st.AdministratorAccess)},
		{Label: "Guard policy", Value: yesNo(st.Guarded, GuardPolicyName, "missing"), Good: good(st.Guarded)},
		{Label: "MFA device", Value: mfa, Good: good(len(st.MFADevices) > 0)},
		s.passwordFact(),
	})
}

func (s *adminScreen) passwordFact() step.Fact {
	st := s.state
	switch {
	case st.PasswordUnconfirmed:
		return step.Fact{Label: "Console password", Value: "set by an interrupted run, never confirmed as stored", Good: step.No()}
	case st.ConsolePassword:
		return step.Fact{Label: "Console password", Value: "set", Good: step.Yes()}
	}
	return step.Fact{Label: "Console password", Value: "none", Good: step.No()}
}

func (s *adminScreen) passwordView() string {
	th, w := s.env.Theme, s.width
	blocks := []string{
		th.Title.Render("Console password for " + s.input.UserName),
		th.Panel.Width(w - 2).Render(step.Facts(th, w-6, []step.Fact{
			{Label: "Sign-in page", Value: SignInURL(s.env.Identity.Account)},
			{Label: "User name", Value: s.input.UserName},
			{Label: "Password", Value: th.Emphasis.Render(s.password)},
		})),
		step.Paragraphs(th, w, "Store the password in a password manager now. firstrun never saves it and "+
			"can't show it again. At the first sign-in AWS asks for a new password, and for a code from the "+
			"app you just set up."),
	}
	if s.replaced {
		blocks = append(blocks, th.Muted.Width(w).Render("An interrupted run had set a password that may never "+
			"have been seen, so firstrun replaced it with this one."))
	}
	return step.Sections(blocks...)
}

func good(ok bool) *bool {
	if ok {
		return step.Yes()
	}
	return step.No()
}

func yesNo(ok bool, yes, no string) string {
	if ok {
		return yes
	}
	return no
}
