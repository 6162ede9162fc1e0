package rootuser

import (
	"context"

	"github.com/firstrun/firstrun/steps/step"
)

// SecurityCredentialsURL opens the signed-in user's Security credentials page, where the
// root user manages its MFA devices, password and access keys.
const SecurityCredentialsURL = "https://console.aws.amazon.com/iam/home#/security_credentials"

// RootMFAScreen is the root-mfa step: console instructions, then AWS's answer, checked
// while the screen is open. Only AWS's answer makes it verified.
func RootMFAScreen(env *step.Env, def step.Definition) step.Screen {
	g := step.NewGuided(env, def)
	g.Intro = "MFA (multi-factor authentication) adds a second proof to the password at sign-in, from a " +
		"device only you hold: the root user's most important protection. AWS has no API for it, so you set " +
		"it up in the console and firstrun checks with AWS. Best is a passkey or security key, else an " +
		"authenticator app on your phone; add a second device as a backup."
	g.Instructions = []string{
		"Sign in as the root user and open Security credentials (account name, top right).",
		"Under Multi-factor authentication, choose Assign MFA device and follow the prompts; then press enter here.",
	}
	g.Link = SecurityCredentialsURL
	g.Verify = func(ctx context.Context) (bool, string, error) { return RootMFAEnabled(ctx, env.AWS.IAM) }
	return g
}
