package rootuser

import (
	"context"

	step "github.com/firstrun/firstrun/steps/core"
)

// RootPasswordFlow is the root-password step: AWS's rules and the console steps. No API
// shows the root password's strength or age, so only the operator's word finishes it;
// firstrun never asks for the password. A run without a person waits for that word.
func RootPasswordFlow(step.Env) *step.Flow {
	return &step.Flow{
		Intro: "The root user's password and its MFA guard everything in the account. AWS's rules for it: " +
			RootPasswordRules + ". Better: a long random one from a password manager, used nowhere else. " +
			"firstrun never asks for it: change it in the console if it is weak or used elsewhere, then confirm here.",
		Inspect: func(context.Context) (step.Inspection, error) {
			return step.Inspection{
				Detail: "AWS has no API that shows the root password's strength or age: check it on the console's Security credentials page",
				Console: &step.Guide{
					Instructions: []string{
						"Sign in as the root user and open Security credentials (account name, top right).",
						"Under Account details, choose Edit next to Console password, type the old password and the new one twice, and save.",
					},
					Link: SecurityCredentialsURL,
					Work: "check that the root user's password is strong and used nowhere else " +
						"(change it on the console's Security credentials page if not), then confirm it in the wizard",
				},
			}, nil
		},
	}
}
