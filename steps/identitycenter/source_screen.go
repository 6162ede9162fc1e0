package identitycenter

import (
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/huh"

	"github.com/firstrun/firstrun/steps/step"
)

// IdentitySourceScreen records where Identity Center's users come from. The default, the
// Identity Center directory, needs no change; connecting Active Directory or an external
// identity provider is console work that replaces the directory's users, so firstrun only
// records the choice and leaves the user and group steps to that source.
func IdentitySourceScreen(env *step.Env, def step.Definition) step.Screen {
	if s := gate(env, def); s != nil {
		return s
	}
	source, ok := sourceAnswer(recorded(env, def.ID, "source", env.Answers.IdentityCenter.IdentitySource))
	if !ok {
		source = SourceDirectory
	}
	elsewhere := true
	form := huh.NewForm(huh.NewGroup(
		huh.NewSelect[Source]().Title("Where will your people's sign-ins come from?").Value(&source).Options(
			huh.NewOption("The Identity Center directory (recommended for a new account)", SourceDirectory),
			huh.NewOption("Active Directory (AWS Managed Microsoft AD or AD Connector)", SourceActiveDirectory),
			huh.NewOption("An external identity provider (Okta, Microsoft Entra ID, Google Workspace…)", SourceExternal),
		).Description("Changing the source later deletes the users and groups made in the directory, and their assignments."),
	), huh.NewGroup(
		huh.NewConfirm().Title("Leave the administrator to that source?").Value(&elsewhere).
			Affirmative("Yes, skip making users here").Negative("No, keep the directory").
			Description("Users and groups will come from the source you connect in the console. firstrun then skips the "+
				"administrator user, the Admins group and its assignment: make them there, then assign the group in "+
				"the Identity Center console. Connecting the source also removes the users already in the directory."),
	).WithHideFunc(func() bool { return source == SourceDirectory }))
	intro := "Identity Center keeps its own directory of users and groups, and that is what firstrun sets up next. " +
		"If your organization already signs people in with Active Directory or another identity provider, you can " +
		"connect it instead (in the console, under Settings › Identity source): users and groups then come from " +
		"there, and firstrun skips making them here."
	a := step.NewAsk(env, def, form)
	a.Intro = intro
	a.Then = func(bool) (step.Screen, tea.Cmd) {
		if !elsewhere {
			source = SourceDirectory
		}
		return a.Finish(sourceRecord(source))
	}
	return a
}
