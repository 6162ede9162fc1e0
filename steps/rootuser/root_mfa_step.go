package rootuser

import (
	"context"

	step "github.com/firstrun/firstrun/steps/core"
)

// SecurityCredentialsURL opens the signed-in user's Security credentials page, where the
// root user manages its MFA devices, password and access keys.
const SecurityCredentialsURL = "https://console.aws.amazon.com/iam/home#/security_credentials"

// RootMFAFlow is the root-mfa step. AWS has no API that turns root MFA on, so the step
// gives the console instructions, then checks the account summary while the operator
// works: only AWS's answer makes it verified.
func RootMFAFlow(env step.Env) *step.Flow {
	f := &step.Flow{
		Intro: "MFA (multi-factor authentication) adds a second proof to the password at sign-in, from a " +
			"device only you hold: the root user's most important protection. AWS has no API for it, so you set " +
			"it up in the console and firstrun checks with AWS. Best is a passkey or security key, else an " +
			"authenticator app on your phone; add a second device as a backup.",
	}
	f.Inspect = func(ctx context.Context) (step.Inspection, error) {
		on, detail, err := RootMFAEnabled(ctx, env.AWS.IAM)
		if err != nil {
			return step.Inspection{}, err
		}
		in := step.Inspection{Holds: on, Detail: detail,
			Facts: []step.Fact{{Label: "Root MFA", Value: detail, Good: step.GoodIf(on)}}}
		if !on {
			in.Facts = nil
			in.Console = &step.Guide{
				Instructions: []string{
					"Sign in as the root user and open Security credentials (account name, top right).",
					"Under Multi-factor authentication, choose Assign MFA device and follow the prompts; then press enter here.",
				},
				Link:  SecurityCredentialsURL,
				Check: f.Inspect,
				Work:  "sign in to the console as the root user and assign an MFA device on the Security credentials page",
			}
		}
		return in, nil
	}
	return f
}
