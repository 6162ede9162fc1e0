// Package billing is the billing chapter: IAM access to billing (a root-only console
// setting), a role for billing work, and an optional monthly budget alert.
package billing

import "github.com/firstrun/firstrun/awsclient"

// IAM access to billing is an account setting only the root user can change, in the
// console: AWS offers no API to read or change it. firstrun guides it and records the
// operator's word.

// AccountPageURL opens the root user's Account page, where the setting lives.
const AccountPageURL = "https://console.aws.amazon.com/billing/home#/account"

// ReasonNeedsRoot is recorded when billing access is skipped because firstrun does not run
// as the root user.
const ReasonNeedsRoot = "needs the root user"

// AccessInstructions are the console steps that activate IAM access to billing.
func AccessInstructions() []string {
	return []string{
		"Sign in to the AWS console as the root user.",
		"Choose your account name at the top right, then Account.",
		`Scroll to "IAM user and role access to Billing information" and choose Edit.`,
		"Select Activate IAM Access, then choose Update.",
	}
}

// CanActivateAccess reports whether the caller can do the step: only the root user can.
func CanActivateAccess(id awsclient.Identity) bool { return id.IsRoot }
