package identitycenter

import "github.com/firstrun/firstrun/steps/checkpoint"

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

// sourceAnswers are the names of the identity sources: the answers file calls the
// external identity provider "external", the checkpoint "external-idp".
var sourceAnswers = map[string]Source{
	"directory":            SourceDirectory,
	"active-directory":     SourceActiveDirectory,
	"external":             SourceExternal,
	string(SourceExternal): SourceExternal,
}

// sourceAnswer reads a source's name, as the answers file or the checkpoint gives it; ok
// is false when it is empty or names no source.
func sourceAnswer(s string) (source Source, ok bool) {
	source, ok = sourceAnswers[s]
	return source, ok
}

// sourceRecord is the identity-source step's outcome: the operator's choice, which AWS
// offers no way to check.
func sourceRecord(source Source) checkpoint.StepRecord {
	reason := "kept the Identity Center directory, the default; nothing changes"
	if source != SourceDirectory {
		reason = "users and groups will come from " + source.Label() + " (connected in the console); the user and " +
			"group steps are skipped"
	}
	return checkpoint.StepRecord{Outcome: checkpoint.Confirmed, Reason: reason, Resources: map[string]string{"source": string(source)}}
}
