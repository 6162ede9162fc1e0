package identitycenter

import (
	"context"
	"strings"

	"github.com/charmbracelet/huh"

	"github.com/firstrun/firstrun/steps/step"
)

// AdminUserScreen creates the administrator's user in the Identity Center directory and
// then guides the console setting that lets that user set a password: AWS sends nothing
// to a user created through the API.
func AdminUserScreen(env *step.Env, def step.Definition) step.Screen {
	if s := gate(env, def); s != nil {
		return s
	}
	in, _ := answeredAdminUser(env)
	t := step.NewTask(env, def)
	t.Intro = "Your administrator gets an Identity Center user of their own, with their name and email, so that " +
		"nobody needs the root user day to day. One person, one user."
	t.ConfirmLabel = "create the user"
	var inst Instance
	t.Inspect = func(ctx context.Context) (step.Inspection, error) {
		var err error
		if inst, err = LoadInstance(ctx, env.Base()); err != nil {
			return step.Inspection{}, err
		}
		return inspectAdminUser(ctx, env, inst, in.UserName)
	}
	t.Form = func(step.Inspection) *huh.Form { return adminUserForm(&in) }
	t.Revise = func(found step.Inspection) step.Inspection {
		found.Changes = append([]string{"Create user " + in.UserName + " (" + in.Display() + ", " + strings.TrimSpace(in.Email) +
			") in the Identity Center directory (identitystore:CreateUser)"}, found.Changes[1:]...)
		return found
	}
	t.Apply = func(ctx context.Context) (map[string]string, error) {
		u, _, err := EnsureUser(ctx, env.AWS.IdentityStore(inst.Region), inst.IdentityStoreID, in)
		if err != nil {
			return nil, err
		}
		return map[string]string{"user_name": u.UserName, "user_id": u.ID}, nil
	}
	t.Then = func(found map[string]string) step.Screen { return invitationGuide(env, def, chosenRegion(env), found) }
	return t
}

func inspectAdminUser(ctx context.Context, env *step.Env, inst Instance, userName string) (step.Inspection, error) {
	var facts []step.Fact
	if userName != "" {
		u, found, err := FindUser(ctx, env.AWS.IdentityStore(inst.Region), inst.IdentityStoreID, userName)
		if err != nil {
			return step.Inspection{}, err
		}
		if found {
			facts = append(facts,
				step.Fact{Label: "Administrator user", Value: u.UserName + " (" + u.DisplayName + ")", Good: step.Yes()},
				step.Fact{Label: "Email", Value: u.Email},
				step.Fact{Label: "User ID", Value: u.ID})
			return step.Inspection{Facts: facts, Satisfied: true,
				Resources: map[string]string{"user_name": u.UserName, "user_id": u.ID}}, nil
		}
	}
	facts = append(facts, step.Fact{Label: "Administrator user", Value: "not made yet", Good: step.No()})
	return step.Inspection{
		Facts: facts,
		Changes: []string{
			"Create the user you described in the Identity Center directory (identitystore:CreateUser)",
			"AWS sends no invitation to a user made this way: the next screen shows the console setting that lets them set a password",
		},
	}, nil
}

func adminUserForm(in *AdminUser) *huh.Form {
	return huh.NewForm(huh.NewGroup(
		huh.NewInput().Title("User name").Description("What the administrator types to sign in, e.g. jane.doe").
			Value(&in.UserName).Validate(ValidateUserName),
		huh.NewInput().Title("Email").Description("Where the invitation and sign-in codes go").
			Value(&in.Email).Validate(ValidateEmail),
		huh.NewInput().Title("Email again").Value(&in.EmailAgain).Validate(SameEmail(&in.Email)),
	), huh.NewGroup(
		huh.NewInput().Title("First name").Value(&in.GivenName).Validate(ValidateName("first name", false)),
		huh.NewInput().Title("Last name").Value(&in.FamilyName).Validate(ValidateName("last name", false)),
		huh.NewInput().Title("Display name").Description("Leave empty for “First Last”").
			Value(&in.DisplayName).Validate(ValidateName("display name", true)),
	))
}

// invitationGuide is the console work after the user exists: AWS sends no email to a
// user created through the API, so nobody can sign in as them until one of these is done.
func invitationGuide(env *step.Env, def step.Definition, region string, found map[string]string) step.Screen {
	name := found["user_name"]
	g := step.NewGuided(env, def)
	g.Intro = "User " + name + " exists, but AWS sends no invitation to a user created through the API, as firstrun " +
		"just did: " + name + " has no password yet and can't sign in. Do one of the following in the console."
	g.Instructions = []string{
		"Either let Identity Center email them: open IAM Identity Center in " + region + " (link below), Settings, tab " +
			"Authentication, Standard authentication, Configure; select Send email OTP and Save. At their first sign-in, " +
			name + " gets a verification email and sets a password.",
		"Or give them a one-time password yourself: Users, " + name + ", Reset password, Generate a one-time password; " +
			"share it in person or over a channel other than their email.",
	}
	g.Link = consoleLink(region)
	g.Action = step.ConsoleAction{Region: region, Target: name}
	g.Resources = func() map[string]string { return found }
	return g
}
