package identitycenter

import (
	"context"
	"fmt"
	"strings"

	step "github.com/firstrun/firstrun/steps/core"
)

const adminUserIntro = "Your administrator gets an Identity Center user of their own, with their name and email, so " +
	"that nobody needs the root user day to day. One person, one user."

// UserOutputs are what the admin-user step records.
type UserOutputs struct {
	UserName string `json:"user_name,omitempty"`
	UserID   string `json:"user_id,omitempty"`
}

// AdminUserFlow creates the administrator's user in the Identity Center directory (the
// user name saved earlier, else admin_user in the answers file), then guides the console
// work that lets them set a password: AWS sends nothing to a user created through the API,
// and no API shows whether it was done, so the operator's word finishes the step. A run
// without a person makes the user and waits for that work. The audit looks for the user by
// name; without a name to look for, for a user in the administrators' group.
func AdminUserFlow(env step.Env) *step.Flow {
	u := &userStep{env: env}
	u.in, u.missing = answeredUser(env)
	// A user found made already gets the console work as the inspection's guide; a user
	// Apply makes gets it as the Then part, which Apply sets.
	u.flow = &step.Flow{
		Intro:        adminUserIntro,
		Inspect:      u.inspect,
		Questions:    u.questions,
		Apply:        u.apply,
		ConfirmLabel: "create the user",
	}
	return u.flow
}

// userStep is the step's state between the Flow's calls.
type userStep struct {
	flow    *step.Flow
	env     step.Env
	in      AdminUser
	missing []string // the answers keys making the user needs and the file leaves out
	inst    Instance
	// last is the inspection of lastName, reused while nothing was applied since.
	last     *step.Inspection
	lastName string
	// made is the user Apply made or found: AWS's answer shows it exists.
	made *User
}

// answeredUser is the administrator to make: the user name the checkpoint saved, else the
// answers file's, and the rest from the answers file; missing lists the answers keys that
// making the user needs and the file leaves out.
func answeredUser(env step.Env) (u AdminUser, missing []string) {
	a := env.Answers.AdminUser
	u = AdminUser{UserName: userNameIn(env), Email: a.Email, EmailAgain: a.Email, GivenName: a.GivenName,
		FamilyName: a.FamilyName, DisplayName: a.DisplayName}
	for _, f := range []struct{ key, value string }{
		{"admin_user.user_name", u.UserName}, {"admin_user.email", u.Email},
		{"admin_user.given_name", u.GivenName}, {"admin_user.family_name", u.FamilyName},
	} {
		if strings.TrimSpace(f.value) == "" {
			missing = append(missing, f.key)
		}
	}
	return u, missing
}

func (u *userStep) createChange() step.Change {
	email := strings.TrimSpace(u.in.Email)
	return step.Change{Service: "identitystore", Operation: "CreateUser", Resource: "user " + u.in.UserName,
		Params: []step.Param{{Name: "email", Value: email}, {Name: "display_name", Value: u.in.Display()}},
		Say:    "Create user " + u.in.UserName + " (" + u.in.Display() + ", " + email + ") in the Identity Center directory"}
}

func (u *userStep) inspect(ctx context.Context) (step.Inspection, error) {
	if u.made == nil && u.last != nil && u.lastName == u.in.UserName {
		return *u.last, nil
	}
	in, err := u.read(ctx)
	if err == nil {
		u.last, u.lastName = &in, u.in.UserName
	}
	return in, err
}

func (u *userStep) read(ctx context.Context) (step.Inspection, error) {
	inst, off, err := adminStart(ctx, u.env, stepAdminUser)
	if off != nil || err != nil {
		if off != nil && off.Skip == "" && len(u.missing) == 0 {
			off.Changes = []step.Change{u.createChange()}
		}
		return derefInspection(off), err
	}
	u.inst = inst
	api := u.env.AWS.IdentityStore(inst.Region)
	name := u.in.UserName
	var found User
	exists := false
	switch {
	case u.made != nil && strings.EqualFold(u.made.UserName, name):
		found, exists = *u.made, true
	case name != "":
		if found, exists, err = FindUser(ctx, api, inst.IdentityStoreID, name); err != nil {
			return step.Inspection{}, err
		}
	}
	if exists {
		in := step.Inspection{
			Facts: []step.Fact{
				{Label: "Administrator user", Value: found.UserName + " (" + found.DisplayName + ")", Good: step.Yes()},
				{Label: "Email", Value: found.Email},
				{Label: "User ID", Value: found.ID},
			},
			Holds:   true,
			Detail:  fmt.Sprintf("User %s (%s) is in identity store %s.", found.UserName, found.DisplayName, inst.IdentityStoreID),
			Outputs: UserOutputs{UserName: found.UserName, UserID: found.ID},
		}
		if u.made == nil { // made earlier: what follows is the console work
			in.Console = u.guide(found.UserName, false)
		}
		return in, nil
	}
	in := step.Inspection{
		Facts:   []step.Fact{{Label: "Administrator user", Value: "not made yet", Good: step.No()}},
		Note:    "AWS sends no invitation to a user made this way: the next screen shows the console setting that lets them set a password.",
		Changes: []step.Change{u.createChange()},
		Detail:  fmt.Sprintf("There is no user %s in identity store %s.", name, inst.IdentityStoreID),
	}
	if name == "" { // nobody named: the audit looks for anyone in the administrators' group
		group := groupNameIn(u.env)
		member, ok, err := FirstMember(ctx, api, inst.IdentityStoreID, group)
		switch {
		case err != nil:
			return step.Inspection{}, err
		case ok:
			in.Holds = true
			in.Detail = fmt.Sprintf("User %s is in group %s (no administrator was named to look for).", member.UserName, group)
		default:
			in.Detail = fmt.Sprintf("No administrator is named (admin_user.user_name), and group %s has no user in it.", group)
		}
	}
	return in, nil
}

func (u *userStep) questions(in step.Inspection) *step.Form {
	if in.Console != nil { // the user exists: nothing to ask
		return nil
	}
	name := &step.Input{Common: step.Common{Title: "User name", Description: "What the administrator types to sign in, e.g. jane.doe"},
		Value: &u.in.UserName, Validate: ValidateUserName}
	if len(u.missing) > 0 {
		name.Wait = "answer " + strings.Join(u.missing, ", ") + " in the answers file"
	}
	return step.NewForm(
		step.Group{Fields: []step.Field{
			name,
			&step.Input{Common: step.Common{Title: "Email", Description: "Where the invitation and sign-in codes go"},
				Value: &u.in.Email, Validate: ValidateEmail},
			&step.Input{Common: step.Common{Title: "Email again"}, Value: &u.in.EmailAgain, Validate: SameEmail(&u.in.Email)},
		}},
		step.Group{Fields: []step.Field{
			&step.Input{Common: step.Common{Title: "First name"}, Value: &u.in.GivenName, Validate: ValidateName("first name", false)},
			&step.Input{Common: step.Common{Title: "Last name"}, Value: &u.in.FamilyName, Validate: ValidateName("last name", false)},
			&step.Input{Common: step.Common{Title: "Display name", Description: "Leave empty for “First Last”"},
				Value: &u.in.DisplayName, Validate: ValidateName("display name", true)},
		}},
	)
}

func (u *userStep) apply(ctx context.Context, _ *step.Act) (step.Outputs, error) {
	inst, err := instanceFor(ctx, u.env, u.inst)
	if err != nil {
		return nil, err
	}
	made, _, err := EnsureUser(ctx, u.env.AWS.IdentityStore(inst.Region), inst.IdentityStoreID, u.in)
	if err != nil {
		return nil, err
	}
	u.inst, u.made = inst, &made
	u.flow.Then = u.invitation
	return UserOutputs{UserName: made.UserName, UserID: made.ID}, nil
}

// invitation is the console work after the user is made: AWS sends no email to a user
// created through the API, so nobody can sign in as them until it is done.
func (u *userStep) invitation(step.Outputs) *step.Flow {
	name := u.made.UserName
	return &step.Flow{
		Intro: "User " + name + " is made. What is left, AWS has no API for: it is yours to do in the console.",
		Inspect: func(context.Context) (step.Inspection, error) {
			return step.Inspection{Console: u.guide(name, true),
				Detail: "AWS offers no API that shows whether " + name + " can set a password"}, nil
		},
	}
}

// invitationNote says why the console work is needed; justMade when firstrun made the user.
func invitationNote(name string, justMade bool) string {
	how := "as firstrun did"
	if justMade {
		how = "as firstrun just did"
	}
	return "User " + name + " exists, but AWS sends no invitation to a user created through the API, " + how + ": " +
		name + " has no password yet and can't sign in until one of these is done. Do one of the following in the console."
}

// guide is the console work that lets the user name set a password; justMade when
// firstrun made the user in this run.
func (u *userStep) guide(name string, justMade bool) *step.Guide {
	region := u.inst.Region
	return &step.Guide{
		Instructions: []string{
			"Either let Identity Center email them: open IAM Identity Center in " + region + " (link below), Settings, tab " +
				"Authentication, Standard authentication, Configure; select Send email OTP and Save. At their first sign-in, " +
				name + " gets a verification email and sets a password.",
			"Or give them a one-time password yourself: Users, " + name + ", Reset password, Generate a one-time password; " +
				"share it in person or over a channel other than their email.",
		},
		Link:   consoleLink(region),
		Action: step.ConsoleAction{Region: region, Target: name},
		Work:   invitationWork(region, name),
		// Said with the instructions, so a key meant for them is not pressed before they show.
		Note: invitationNote(name, justMade),
	}
}

// invitationWork is the console work after the user exists: AWS sends no invitation to
// a user made through the API.
func invitationWork(region, name string) string {
	return "let " + name + " set a password, which AWS does not offer a user made through the API: in the IAM Identity " +
		"Center console in " + region + ", send the email verification (Settings, Authentication, Send email OTP) or " +
		"generate a one-time password (Users, " + name + ", Reset password)"
}
