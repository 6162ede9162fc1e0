package identitycenter

// Source is where Identity Center's users and groups come from.
type Source string

const (
	// SourceDirectory is the Identity Center directory, the default: users and groups are
	// made in Identity Center itself.
	SourceDirectory Source = "directory"
	// SourceActiveDirectory is an AWS Managed Microsoft AD or a self-managed Active
	// Directory connected through AD Connector.
	SourceActiveDirectory Source = "active-directory"
	// SourceExternal is an external identity provider (Okta, Microsoft Entra ID, Google
	// Workspace and others) over SAML 2.0, usually with SCIM provisioning.
	SourceExternal Source = "external-idp"
)

// Label names the source in a sentence.
func (s Source) Label() string {
	switch s {
	case SourceDirectory:
		return "the Identity Center directory"
	case SourceActiveDirectory:
		return "Active Directory"
	case SourceExternal:
		return "an external identity provider"
	}
	return string(s)
}
