package identitycenter_test

import (
	"strings"
	"testing"

	"github.com/firstrun/firstrun/answers"
	"github.com/firstrun/firstrun/steps/identitycenter"
)

func TestValidateAnswersAcceptsWhatTheFormsAccept(t *testing.T) {
	a := consultantAnswers()
	a.AdminUser.DisplayName = "Jane D."
	a.IdentityCenter.IdentitySource = "external"
	a.Organization.MemberAccount = "continue"
	a.LeastPrivilege = answers.LeastPrivilege{Policy: "job-function/ViewOnlyAccess", Group: "Viewers", SessionDuration: "PT4H30M"}
	if problems := identitycenter.ValidateAnswers(a); len(problems) != 0 {
		t.Errorf("problems %v", problems)
	}
	if problems := identitycenter.ValidateAnswers(&answers.Answers{}); len(problems) != 0 {
		t.Errorf("an empty file: problems %v", problems)
	}
	a.LeastPrivilege.Policy = "none"
	if problems := identitycenter.ValidateAnswers(a); len(problems) != 0 {
		t.Errorf("policy none: problems %v", problems)
	}
}

func TestValidateAnswersRefusesWhatTheFormsRefuse(t *testing.T) {
	for _, tc := range []struct {
		key  string
		set  func(*answers.Answers)
		says string
	}{
		{"organization.member_account", func(a *answers.Answers) { a.Organization.MemberAccount = "go-on" }, `"go-on" is not one of stop, continue`},
		{"identity_center.region", func(a *answers.Answers) { a.IdentityCenter.Region = "Ireland" }, "not an AWS Region name"},
		{"identity_center.identity_source", func(a *answers.Answers) { a.IdentityCenter.IdentitySource = "okta" }, "use directory, active-directory or external"},
		{"admin_user.user_name", func(a *answers.Answers) { a.AdminUser.UserName = "jane doe" }, "no spaces"},
		{"admin_user.user_name", func(a *answers.Answers) { a.AdminUser.UserName = "Administrator" }, "reserved by AWS"},
		{"admin_user.email", func(a *answers.Answers) { a.AdminUser.Email = "jane@localhost" }, "not an email address"},
		{"admin_user.given_name", func(a *answers.Answers) { a.AdminUser.GivenName = "   " }, "enter the first name"},
		{"admin_user.family_name", func(a *answers.Answers) { a.AdminUser.FamilyName = strings.Repeat("D", 1025) }, "at most 1024 characters"},
		{"admin_user.display_name", func(a *answers.Answers) { a.AdminUser.DisplayName = "Jane\x00" }, "letters, digits, spaces"},
		{"admin_group.name", func(a *answers.Answers) { a.AdminGroup.Name = "AWSAdministrators" }, "reserved by AWS"},
		{"admin_permission_set.session_duration", func(a *answers.Answers) { a.AdminPermissionSet.SessionDuration = "1h" }, "not an ISO 8601 duration"},
		{"admin_permission_set.session_duration", func(a *answers.Answers) { a.AdminPermissionSet.SessionDuration = "PT13H" }, "from PT1H (1 hour) to PT12H"},
		{"portal_sign_in.cli_profile", func(a *answers.Answers) { a.PortalSignIn.CLIProfile = "default" }, "other than default"},
		{"portal_sign_in.cli_profile", func(a *answers.Answers) { a.PortalSignIn.CLIProfile = "my profile" }, "letters, digits, dots"},
		{"least_privilege.policy", func(a *answers.Answers) { a.LeastPrivilege.Policy = "AdministratorAccess" }, "ReadOnlyAccess, PowerUserAccess"},
		{"least_privilege.group", func(a *answers.Answers) { a.LeastPrivilege.Group = "admins" }, "must not be Admins"},
		{"least_privilege.session_duration", func(a *answers.Answers) { a.LeastPrivilege.SessionDuration = "PT30M" }, "from PT1H"},
	} {
		a := consultantAnswers()
		tc.set(a)
		problems := identitycenter.ValidateAnswers(a)
		if len(problems) != 1 || problems[0].Key != tc.key || !strings.Contains(problems[0].Err.Error(), tc.says) {
			t.Errorf("%s: problems %v, want one for %s saying %q", tc.key, problems, tc.key, tc.says)
		}
	}
}

// TestAnswersFileProblemNamesItsLine goes through the answers file as firstrun reads it.
func TestAnswersFileProblemNamesItsLine(t *testing.T) {
	f, err := answers.Parse("client.yaml", []byte(`version: 1
identity_center:
  region: eu-west-1
admin_user:
  user_name: jane.doe
  email: jane(at)example.com
least_privilege:
  policy: ReadOnly
`))
	if err != nil {
		t.Fatal(err)
	}
	err = f.Check(identitycenter.ValidateAnswers(&f.Answers))
	if err == nil {
		t.Fatal("accepted")
	}
	lines := strings.Split(err.Error(), "\n")
	if len(lines) != 2 || !strings.HasPrefix(lines[0], "client.yaml:6: admin_user.email: ") ||
		!strings.HasPrefix(lines[1], `client.yaml:8: least_privilege.policy: "ReadOnly" is not one of`) {
		t.Errorf("error:\n%v", err)
	}
}
