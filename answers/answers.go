// Package answers reads an answers file: the values the wizard asks for, written down once
// (for a consultant's next client, or a script) so a run can be repeated. Prefilled values
// still show on screen and can be changed; --non-interactive runs on them alone.
package answers

// Version is the answers file format this build reads.
const Version = 1

// Answers are every value the wizard asks for. A zero value means "not answered": the
// wizard asks, and a non-interactive run uses the step's default or waits for a person.
type Answers struct {
	Version int `yaml:"version"`
	// Region is where firstrun works (Regional services, the default Identity Center Region).
	Region string `yaml:"region,omitempty"`

	Contacts           Contacts       `yaml:"contacts,omitempty"`
	BillingRole        BillingRole    `yaml:"billing_role,omitempty"`
	Budget             Budget         `yaml:"budget,omitempty"`
	Organization       Organization   `yaml:"organization,omitempty"`
	IdentityCenter     IdentityCenter `yaml:"identity_center,omitempty"`
	AdminUser          AdminUser      `yaml:"admin_user,omitempty"`
	AdminGroup         Group          `yaml:"admin_group,omitempty"`
	AdminPermissionSet PermissionSet  `yaml:"admin_permission_set,omitempty"`
	PortalSignIn       PortalSignIn   `yaml:"portal_sign_in,omitempty"`
	LeastPrivilege     LeastPrivilege `yaml:"least_privilege,omitempty"`
	EmergencyAdmin     EmergencyAdmin `yaml:"emergency_admin,omitempty"`
	PasswordPolicy     PasswordPolicy `yaml:"password_policy,omitempty"`
	RemoveRootKeys     RemoveRootKeys `yaml:"remove_root_access_keys,omitempty"`
	Report             Report         `yaml:"report,omitempty"`
}

// Contacts answers the contacts step.
type Contacts struct {
	// RootContactReachable confirms that the root user's email address and phone reach
	// the owner: they are how AWS lets the owner back in.
	RootContactReachable *bool   `yaml:"root_contact_reachable,omitempty"`
	Billing              Contact `yaml:"billing,omitempty"`
	Operations           Contact `yaml:"operations,omitempty"`
	Security             Contact `yaml:"security,omitempty"`
}

// Contact is one alternate contact.
type Contact struct {
	Name  string `yaml:"name,omitempty"`
	Title string `yaml:"title,omitempty"`
	Email string `yaml:"email,omitempty"`
	Phone string `yaml:"phone,omitempty"`
}

// IsZero reports whether the contact was left out.
func (c Contact) IsZero() bool { return c == Contact{} }

// BillingRole answers the billing-role step.
type BillingRole struct {
	Name string `yaml:"name,omitempty"`
}

// Budget answers the optional budget step.
type Budget struct {
	Enabled *bool  `yaml:"enabled,omitempty"`
	Amount  string `yaml:"amount,omitempty"` // US dollars a month, as typed: "100" or "99.50"
	Email   string `yaml:"email,omitempty"`
}

// Organization answers the organization step.
type Organization struct {
	// Create allows creating an organization with this account as its management account.
	Create *bool `yaml:"create,omitempty"`
	// MemberAccount says what to do when the account belongs to someone else's
	// organization: "stop" (skip the Identity Center chapter) or "continue" (as a
	// delegated administrator).
	MemberAccount string `yaml:"member_account,omitempty"`
}

// IdentityCenter answers the identity-center and identity-source steps.
type IdentityCenter struct {
	Region string `yaml:"region,omitempty"`
	// IdentitySource is "directory" (the default), "active-directory" or "external".
	IdentitySource string `yaml:"identity_source,omitempty"`
	// PortalURL is the access portal's address, when it has a custom subdomain: no API
	// reports it, and firstrun otherwise uses the default AWS gives the instance.
	PortalURL string `yaml:"portal_url,omitempty"`
}

// AdminUser answers the admin-user step.
type AdminUser struct {
	UserName    string `yaml:"user_name,omitempty"`
	Email       string `yaml:"email,omitempty"`
	GivenName   string `yaml:"given_name,omitempty"`
	FamilyName  string `yaml:"family_name,omitempty"`
	DisplayName string `yaml:"display_name,omitempty"`
}

// Group names an Identity Center group.
type Group struct {
	Name string `yaml:"name,omitempty"`
}

// PermissionSet answers a permission set's values.
type PermissionSet struct {
	// SessionDuration is an ISO 8601 duration between PT1H and PT12H.
	SessionDuration string `yaml:"session_duration,omitempty"`
}

// PortalSignIn answers the portal-sign-in step. The sign-in check itself needs a person.
type PortalSignIn struct {
	// CLIProfile, when set, is the name of the AWS CLI sso-session profile to write.
	CLIProfile string `yaml:"cli_profile,omitempty"`
}

// LeastPrivilege answers the least-privilege step.
type LeastPrivilege struct {
	// Policy is the AWS managed policy of the everyday permission set: ReadOnlyAccess,
	// PowerUserAccess, a job function such as job-function/ViewOnlyAccess, or "none".
	Policy          string `yaml:"policy,omitempty"`
	Group           string `yaml:"group,omitempty"`
	SessionDuration string `yaml:"session_duration,omitempty"`
}

// EmergencyAdmin answers the optional emergency-admin step. Its MFA enrolment needs a
// person, so a non-interactive run that is asked for it waits for one.
type EmergencyAdmin struct {
	Enabled  *bool  `yaml:"enabled,omitempty"`
	UserName string `yaml:"user_name,omitempty"`
}

// PasswordPolicy answers the password-policy step.
type PasswordPolicy struct {
	Apply         *bool `yaml:"apply,omitempty"`
	MinimumLength int   `yaml:"minimum_length,omitempty"`
}

// RemoveRootKeys answers the remove-root-keys step: deleting the keys firstrun runs on is
// never done without this explicit yes.
type RemoveRootKeys struct {
	Delete *bool `yaml:"delete,omitempty"`
}

// Report answers the summary's report export.
type Report struct {
	// Path is where the Markdown report goes; the JSON report goes beside it.
	Path string `yaml:"path,omitempty"`
}

// True reports whether an optional yes/no answer was given as yes.
func True(b *bool) bool { return b != nil && *b }

// False reports whether an optional yes/no answer was given as no.
func False(b *bool) bool { return b != nil && !*b }
