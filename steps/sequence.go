// Package steps holds the documented sequence of first-time setup: one ordered list that
// the wizard, the progress rail, checkpoints, reports and the audit all read.
package steps

import (
	billingsteps "github.com/firstrun/firstrun/steps/billing"
	"github.com/firstrun/firstrun/steps/connect"
	core "github.com/firstrun/firstrun/steps/core"
	"github.com/firstrun/firstrun/steps/iamuser"
	"github.com/firstrun/firstrun/steps/identitycenter"
	reviewsteps "github.com/firstrun/firstrun/steps/review" // "review" is the chapter below
	"github.com/firstrun/firstrun/steps/rootuser"
	"github.com/firstrun/firstrun/steps/step"
	"github.com/firstrun/firstrun/steps/summary"
)

// Sequence returns the steps in the order AWS's guidance gives them. A step whose Screen is
// nil is not built yet: the wizard shows it as "not available yet" and never as done.
func Sequence() []step.Definition {
	const (
		connectCh = step.ChapterConnect
		root      = step.ChapterRootUser
		billing   = step.ChapterBilling
		ic        = step.ChapterIdentityCenter
		review    = step.ChapterReview
	)
	return []step.Definition{
		{ID: "connect", Chapter: connectCh, Title: "Connect to the account", Flow: connect.Flow, Outputs: connect.Outputs{},
			Purpose: "Find out who firstrun acts as, in which account and Region, and what already exists."},

		{ID: "contacts", Chapter: root, Title: "Contact details", Flow: rootuser.ContactsFlow,
			Outputs: rootuser.ContactsOutputs{}, CIS: "1.1, 1.2",
			Purpose: "Make sure AWS can reach the owner, and set the billing, operations and security contacts."},
		{ID: "root-mfa", Chapter: root, Title: "Root user MFA", Flow: rootuser.RootMFAFlow, CIS: "1.5",
			Purpose: "Protect the root user with multi-factor authentication."},
		{ID: "root-password", Chapter: root, Title: "Root password", Flow: rootuser.RootPasswordFlow,
			Purpose: "Give the root user a strong, unique password."},
		{ID: "root-access-keys", Chapter: root, Title: "Root access keys", Flow: rootuser.RootAccessKeysFlow,
			Outputs: rootuser.RootKeysOutputs{}, CIS: "1.4",
			Purpose: "Find root access keys, which should not exist."},

		{ID: "billing-access", Chapter: billing, Title: "IAM access to billing", Flow: billingsteps.AccessFlow,
			Purpose: "Let IAM users and roles see billing, which only the root user can allow."},
		{ID: "billing-role", Chapter: billing, Title: "Billing role", Flow: billingsteps.RoleFlow,
			Outputs: billingsteps.RoleOutputs{},
			Purpose: "A role for billing work, limited to this account and requiring MFA."},
		{ID: "budget", Chapter: billing, Title: "Budget alert", Optional: true, Flow: billingsteps.BudgetFlow,
			Outputs: billingsteps.BudgetOutputs{},
			Purpose: "An email before a runaway bill gets large."},

		{ID: "organization", Chapter: ic, Title: "Organization", Flow: identitycenter.OrganizationFlow,
			Outputs: identitycenter.OrganizationOutputs{}, CIS: "1.21",
			Purpose: "AWS Organizations, which IAM Identity Center needs."},
		{ID: "identity-center", Chapter: ic, Title: "Enable Identity Center", Flow: identitycenter.IdentityCenterFlow,
			Outputs: identitycenter.InstanceOutputs{}, Needs: []core.Need{identitycenter.NeedsOrganization}, CIS: "1.21",
			Purpose: "IAM Identity Center, where people sign in instead of using the root user."},
		{ID: "identity-source", Chapter: ic, Title: "Identity source", Flow: identitycenter.IdentitySourceFlow,
			Outputs: identitycenter.SourceOutputs{}, Needs: []core.Need{identitycenter.NeedsOrganization, identitycenter.NeedsIdentityCenter},
			Purpose: "Where Identity Center's users and groups come from."},
		{ID: "ic-mfa", Chapter: ic, Title: "MFA for Identity Center users", Flow: identitycenter.MFAFlow,
			Outputs: identitycenter.MFAOutputs{}, Needs: []core.Need{identitycenter.NeedsOrganization, identitycenter.NeedsIdentityCenter},
			Purpose: "Require MFA when people sign in through the access portal."},
		{ID: "admin-user", Chapter: ic, Title: "Administrator user", Flow: identitycenter.AdminUserFlow,
			Outputs: identitycenter.UserOutputs{},
			Purpose: "A named person who administers the account day to day."},
		{ID: "admin-group", Chapter: ic, Title: "Admins group", Flow: identitycenter.AdminGroupFlow,
			Outputs: identitycenter.GroupOutputs{},
			Purpose: "A group that holds administrator access, with the new user in it."},
		{ID: "admin-permission-set", Chapter: ic, Title: "Administrator permission set", Flow: identitycenter.AdminPermissionSetFlow,
			Outputs: identitycenter.PermissionSetOutputs{},
			Purpose: "AdministratorAccess with one-hour sessions."},
		{ID: "admin-assignment", Chapter: ic, Title: "Account assignment", Flow: identitycenter.AdminAssignmentFlow,
			Outputs: identitycenter.AssignmentOutputs{}, CIS: "1.7",
			Purpose: "Give the Admins group the permission set in this account."},
		{ID: "portal-sign-in", Chapter: ic, Title: "Access portal and first sign-in", Screen: identitycenter.PortalSignInScreen, Headless: identitycenter.PortalSignInHeadless(),
			Purpose: "Prove that the new administrator can sign in."},

		{ID: "least-privilege", Chapter: review, Title: "Everyday permission set", Flow: identitycenter.LeastPrivilegeFlow,
			Outputs: identitycenter.LeastPrivilegeOutputs{}, CIS: "1.16",
			Purpose: "A lesser-privileged permission set for daily work."},
		{ID: "emergency-admin", Chapter: review, Title: "Emergency IAM administrator", Optional: true, Flow: iamuser.AdminFlow,
			Outputs: iamuser.AdminOutputs{},
			Purpose: "An IAM user with MFA for when Identity Center can't be reached."},
		{ID: "iam-users-mfa", Chapter: review, Title: "MFA for IAM users", Flow: iamuser.UsersMFAFlow,
			Outputs: iamuser.UsersMFAOutputs{}, CIS: "1.10",
			Purpose: "Every IAM user with a console password has an MFA device."},
		{ID: "password-policy", Chapter: review, Title: "IAM password policy", Flow: reviewsteps.PasswordPolicyFlow,
			Outputs: reviewsteps.PasswordPolicyOutputs{}, CIS: "1.8, 1.9",
			Purpose: "Strong passwords for IAM users, as CIS recommends."},
		{ID: "credential-report", Chapter: review, Title: "Credential report", Flow: reviewsteps.CredentialReportFlow,
			Outputs: reviewsteps.CredentialReportOutputs{}, CIS: "1.12, 1.14",
			Purpose: "Review every credential in the account."},
		{ID: "access-analyzer", Chapter: review, Title: "IAM Access Analyzer", Flow: reviewsteps.AccessAnalyzerFlow,
			Outputs: reviewsteps.AccessAnalyzerOutputs{}, CIS: "1.20",
			Purpose: "Find resources shared outside the account or organization."},
		{ID: "remove-root-keys", Chapter: review, Title: "Remove root access keys", Flow: rootuser.RemoveRootKeysFlow,
			Outputs: rootuser.RootKeysOutputs{}, CIS: "1.4",
			Purpose: "Delete root access keys once the new administrator can sign in."},
		{ID: summary.ID, Chapter: review, Title: "Summary", Screen: summary.Screen,
			Purpose:  "Every step's outcome and what is left to do.",
			Headless: summary.Headless()},
	}
}

// Find returns the definition of id.
func Find(seq []step.Definition, id step.ID) (step.Definition, bool) {
	for _, d := range seq {
		if d.ID == id {
			return d, true
		}
	}
	return step.Definition{}, false
}
