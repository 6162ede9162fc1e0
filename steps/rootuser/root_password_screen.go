package rootuser

import "github.com/firstrun/firstrun/steps/step"

// RootPasswordScreen is the root-password step: AWS's rules and the console steps. AWS can't
// tell anyone when the password was last changed, so the operator confirms it; firstrun
// never asks for the password.
func RootPasswordScreen(env *step.Env, def step.Definition) step.Screen {
	g := step.NewGuided(env, def)
	g.Intro = "The root user's password and its MFA guard everything in the account. AWS's rules for it: " +
		RootPasswordRules + ". Better: a long random one from a password manager, used nowhere else. " +
		"firstrun never asks for it: change it in the console if it is weak or used elsewhere, then confirm here."
	g.Instructions = []string{
		"Sign in as the root user and open Security credentials (account name, top right).",
		"Under Account details, choose Edit next to Console password, type the old password and the new one twice, and save.",
	}
	g.Link = SecurityCredentialsURL
	return g
}
