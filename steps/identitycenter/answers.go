package identitycenter

import (
	"errors"
	"fmt"
	"strings"

	"github.com/firstrun/firstrun/answers"
)

// ValidateAnswers checks the answers this package's steps use, with the same checks as
// their form fields, so a bad value is refused before anything runs. A value left out is
// not a problem here: the wizard asks for it, and a run without a person waits for it.
func ValidateAnswers(a *answers.Answers) []answers.Problem {
	var problems []answers.Problem
	check := func(key, value string, validate func(string) error) {
		if value == "" {
			return
		}
		if err := validate(value); err != nil {
			problems = append(problems, answers.Problem{Key: key, Err: err})
		}
	}
	check("organization.member_account", a.Organization.MemberAccount, oneOf(memberStop, memberContinue))
	check("identity_center.region", a.IdentityCenter.Region, ValidateRegion)
	check("identity_center.identity_source", a.IdentityCenter.IdentitySource, validateSourceAnswer)
	check("identity_center.portal_url", a.IdentityCenter.PortalURL, ValidatePortalURL)
	check("admin_user.user_name", a.AdminUser.UserName, ValidateUserName)
	check("admin_user.email", a.AdminUser.Email, ValidateEmail)
	check("admin_user.given_name", a.AdminUser.GivenName, ValidateName("first name", false))
	check("admin_user.family_name", a.AdminUser.FamilyName, ValidateName("last name", false))
	check("admin_user.display_name", a.AdminUser.DisplayName, ValidateName("display name", true))
	check("admin_group.name", a.AdminGroup.Name, ValidateGroupName)
	check("admin_permission_set.session_duration", a.AdminPermissionSet.SessionDuration, ValidateSessionDuration)
	check("portal_sign_in.cli_profile", a.PortalSignIn.CLIProfile, ValidateProfileName)
	check("least_privilege.policy", a.LeastPrivilege.Policy, validateDailyAccessAnswer)
	check("least_privilege.group", a.LeastPrivilege.Group, ValidateGroupName)
	check("least_privilege.group", a.LeastPrivilege.Group, notTheAdminGroup(firstOf(a.AdminGroup.Name, DefaultAdminGroup)))
	check("least_privilege.session_duration", a.LeastPrivilege.SessionDuration, ValidateSessionDuration)
	return problems
}

// oneOf accepts only the values given.
func oneOf(values ...string) func(string) error {
	return func(s string) error {
		for _, v := range values {
			if s == v {
				return nil
			}
		}
		return fmt.Errorf("%q is not one of %s", s, strings.Join(values, ", "))
	}
}

func validateSourceAnswer(s string) error {
	if _, ok := sourceAnswer(s); !ok {
		return fmt.Errorf("%q is not an identity source: use directory, active-directory or external", s)
	}
	return nil
}

func validateDailyAccessAnswer(s string) error {
	if _, ok := dailyAccessAnswer(s); !ok && !strings.EqualFold(s, noDailyAccessAnswer) {
		return fmt.Errorf("%q is not one of the permission sets firstrun offers for daily work: %s", s, dailyAccessAnswers())
	}
	return nil
}

// notTheAdminGroup refuses the administrators' group as the group for daily work: its
// members would keep AdministratorAccess.
func notTheAdminGroup(admins string) func(string) error {
	return func(s string) error {
		if strings.EqualFold(s, admins) {
			return errors.New("the group for daily work must not be " + admins + ", the administrators' group: its members " +
				"hold AdministratorAccess")
		}
		return nil
	}
}
