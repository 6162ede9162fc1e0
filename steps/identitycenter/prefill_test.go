package identitycenter_test

import (
	"testing"

	"github.com/firstrun/firstrun/answers"
	"github.com/firstrun/firstrun/awsclient/simulator"
	"github.com/firstrun/firstrun/steps/checkpoint"
)

// The screens start from the answers file's values, which still show and can be changed.

func TestScreensShowTheAnsweredOrganizationAndRegion(t *testing.T) {
	no := false
	h, _ := answered(t, simulator.NewAccount, &answers.Answers{
		Organization:   answers.Organization{Create: &no},
		IdentityCenter: answers.IdentityCenter{Region: "eu-west-1", IdentitySource: "external"},
	})
	org := h.RunStep("organization")
	org.WaitFor("Create the organization?", "> Not now")
	org.Press("up", "enter") // the operator changes their mind
	org.WaitFor("What will change")

	ic := h.RunStep("identity-center")
	ic.WaitFor("Identity Center Region", "eu-west-1")
	ic.Press("enter")
	ic.WaitFor("https://console.aws.amazon.com/singlesignon/home?region=eu-west-1")
	ic.Stop()

	source := h.RunStep("identity-source")
	source.WaitFor("> An external identity provider")
}

func TestAdminScreensShowTheAnsweredValues(t *testing.T) {
	h, _ := administered(t, simulator.Options{})
	h.Env.Answers = &answers.Answers{
		AdminUser:          answers.AdminUser{UserName: "sam.roe", Email: "sam@example.com", GivenName: "Sam", FamilyName: "Roe"},
		AdminGroup:         answers.Group{Name: "Platform Admins"},
		AdminPermissionSet: answers.PermissionSet{SessionDuration: "PT4H"},
	}
	user := h.RunStep("admin-user")
	user.WaitFor("User name", "sam.roe", "sam@example.com")
	for _, next := range []string{"┃ Email", "┃ Email again", "┃ First name", "┃ Last name", "┃ Display name"} {
		user.Press("enter")
		user.WaitFor(next)
	}
	user.Press("enter")
	user.WaitFor("Create user sam.roe (Sam Roe, sam@example.com)")

	h.Env.Answers.AdminUser.UserName = "jane.doe" // the group screen needs an administrator that exists
	group := h.RunStep("admin-group")
	group.WaitFor("Group name", "Platform Admins")

	ps := h.RunStep("admin-permission-set")
	ps.WaitFor("Session duration", "PT4H")
	ps.Press("enter")
	ps.WaitFor("Set the session duration to PT4H")
}

func TestLeastPrivilegeAndPortalScreensShowTheAnsweredValues(t *testing.T) {
	h, _ := signInReady(t)
	h.Env.Answers = &answers.Answers{
		LeastPrivilege: answers.LeastPrivilege{Policy: "PowerUserAccess", Group: "Builders", SessionDuration: "PT2H"},
		PortalSignIn:   answers.PortalSignIn{CLIProfile: "jane-admin"},
	}
	daily := h.RunStep("least-privilege")
	daily.WaitFor("> PowerUserAccess")
	daily.Press("enter")
	daily.WaitFor("Session duration", "PT2H")
	daily.Press("enter")
	daily.WaitFor("Create group Builders")

	portal := h.RunStep("portal-sign-in")
	portal.WaitFor("Press enter to prove it works")
	portal.Press("y")
	portal.WaitFor("AWS CLI profile name", "jane-admin")
	portal.Press("esc")
	if rec := portal.Finished(); rec.Outcome != checkpoint.Confirmed {
		t.Errorf("record %+v", rec)
	}
}
