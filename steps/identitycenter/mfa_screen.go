package identitycenter

import (
	"github.com/firstrun/firstrun/steps/step"
)

// MFAScreen guides the MFA settings for Identity Center users. AWS has no public API for
// them, so the step is recorded as confirmed by the operator.
func MFAScreen(env *step.Env, def step.Definition) step.Screen {
	if s := gate(env, def); s != nil {
		return s
	}
	region := chosenRegion(env)
	g := step.NewGuided(env, def)
	g.Intro = "With MFA, a stolen password alone can't open the access portal. Identity Center asks for a second " +
		"factor according to its authentication settings, which AWS lets you change only in the console."
	g.Instructions = []string{
		"Open IAM Identity Center in " + region + " (link below) and go to Settings, tab Authentication.",
		"Under Multi-factor authentication, choose Configure.",
		"Prompt users for MFA: Every time they sign in (always-on).",
		"Users can authenticate with: select both Security keys and built-in authenticators, and Authenticator apps.",
		"If a user does not yet have a registered MFA device: Require them to register an MFA device at sign in. Save.",
	}
	g.Link = consoleLink(region)
	g.Action = step.ConsoleAction{Region: region}
	g.Resources = func() map[string]string { return map[string]string{"region": region} }
	return g
}
