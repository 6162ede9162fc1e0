package identitycenter

import (
	"context"

	step "github.com/firstrun/firstrun/steps/core"
)

// MFAOutputs are what the ic-mfa step records: the Region whose settings were changed.
type MFAOutputs struct {
	Region string `json:"region,omitempty"`
}

// MFAFlow guides the MFA settings for Identity Center users. AWS has no public API that
// reads or changes them, so the step is console work recorded as confirmed by the
// operator, never verified; a run without a person waits for it, and the audit leaves it
// to a person.
func MFAFlow(env step.Env) *step.Flow {
	region := flowRegion(env)
	return &step.Flow{
		Intro: "With MFA, a stolen password alone can't open the access portal. Identity Center asks for a second " +
			"factor according to its authentication settings, which AWS lets you change only in the console.",
		Inspect: func(ctx context.Context) (step.Inspection, error) {
			if _, found, err := FindInstance(ctx, env.AWS.SSOAdmin(region), region); err != nil || !found {
				if err == nil {
					err = NotEnabledError{Region: region}
				}
				return step.Inspection{}, err
			}
			return step.Inspection{
				Detail: "AWS offers no API that reads Identity Center's MFA settings: see Settings, Authentication, in " +
					"the IAM Identity Center console in " + region + ".",
				Outputs: MFAOutputs{Region: region},
				Console: &step.Guide{
					Instructions: []string{
						"Open IAM Identity Center in " + region + " (link below) and go to Settings, tab Authentication.",
						"Under Multi-factor authentication, choose Configure.",
						"Prompt users for MFA: Every time they sign in (always-on).",
						"Users can authenticate with: select both Security keys and built-in authenticators, and Authenticator apps.",
						"If a user does not yet have a registered MFA device: Require them to register an MFA device at sign in. Save.",
					},
					Link:   consoleLink(region),
					Action: step.ConsoleAction{Region: region},
					Work:   mfaWork(region),
				},
			}, nil
		},
	}
}

func mfaWork(region string) string {
	return "require MFA at every sign-in in the console: IAM Identity Center in " + region + ", Settings, Authentication, " +
		"Multi-factor authentication (AWS has no API for it)"
}
