package billing

import (
	"context"

	step "github.com/firstrun/firstrun/steps/core"
)

const accessIntro = "IAM users and roles can't see bills, payments or budgets in the console, whatever " +
	"their permissions, until the root user activates IAM access to billing. Only the root user " +
	"can change this setting, and AWS offers no API for it: it is done in the console."

// accessUnreadable is what the audit and the guide say of the setting: no API reads it.
const accessUnreadable = "AWS offers no API that reads this setting: the root user sees it on the console's " +
	"Account page, under IAM user and role access to Billing information."

// AccessFlow is the billing-access step: console work for the root user, which no API can
// read, so the operator's word finishes it. Any other caller can't do it: the step is
// skipped, recorded as needing the root user rather than as done. A run without a person
// waits for the root user.
func AccessFlow(env step.Env) *step.Flow {
	return &step.Flow{
		Intro: accessIntro,
		Inspect: func(context.Context) (step.Inspection, error) {
			if !CanActivateAccess(env.Identity) {
				return step.Inspection{Skip: ReasonNeedsRoot, Detail: accessUnreadable}, nil
			}
			return step.Inspection{
				Detail: accessUnreadable,
				Console: &step.Guide{
					Instructions: AccessInstructions(),
					Link:         AccountPageURL,
					Work:         "activate IAM access to billing in the console (Account page, " + AccountPageURL + ")",
				},
			}, nil
		},
	}
}
