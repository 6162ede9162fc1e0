package identitycenter

import (
	"context"
	"strings"

	"github.com/firstrun/firstrun/steps/checkpoint"
	"github.com/firstrun/firstrun/steps/step"
)

// AdminUserHeadless is the admin-user step for audit, --plan and --non-interactive. A run
// makes the user the answers file describes; AWS then sends them nothing, so the step
// waits for the operator to send the invitation from the console, until the checkpoint
// records that they did (the wizard's screen asks).
func AdminUserHeadless() step.Headless {
	return step.Headless{
		Check: checkOnInstance(checkAdminUser),
		Plan:  planGated(stepAdminUser, planAdminUser),
		Run:   runGated(stepAdminUser, runAdminUser),
	}
}

// checkAdminUser looks for the administrator by name; without a name to look for, for a
// user in the administrators' group.
func checkAdminUser(ctx context.Context, env *step.Env, inst Instance) (step.Control, error) {
	api := env.AWS.IdentityStore(inst.Region)
	name := checkAnswer(env, env.Answers.AdminUser.UserName, stepAdminUser, "user_name", "")
	if name == "" {
		group := checkAnswer(env, env.Answers.AdminGroup.Name, stepAdminGroup, "group_name", DefaultAdminGroup)
		u, found, err := FirstMember(ctx, api, inst.IdentityStoreID, group)
		switch {
		case err != nil:
			return step.Control{}, err
		case !found:
			return fail("No administrator is named (admin_user.user_name), and group %s has no user in it.", group), nil
		}
		return pass("User %s is in group %s (no administrator was named to look for).", u.UserName, group), nil
	}
	u, found, err := FindUser(ctx, api, inst.IdentityStoreID, name)
	switch {
	case err != nil:
		return step.Control{}, err
	case !found:
		return fail("There is no user %s in identity store %s.", name, inst.IdentityStoreID), nil
	}
	return pass("User %s (%s) is in identity store %s.", u.UserName, u.DisplayName, inst.IdentityStoreID), nil
}

func planAdminUser(ctx context.Context, env *step.Env) ([]step.Change, error) {
	if _, ok := earlier(env, stepAdminUser); ok {
		return nil, nil
	}
	in, missing := answeredAdminUser(env)
	inst, err := LoadInstance(ctx, env.Base())
	if err != nil {
		if len(missing) > 0 {
			return planWaiting(nil, err)
		}
		return planWaiting([]step.Change{createUserChange(in)}, err)
	}
	if in.UserName != "" {
		if _, found, err := FindUser(ctx, env.AWS.IdentityStore(inst.Region), inst.IdentityStoreID, in.UserName); err != nil || found {
			return nil, orWaiting(err, invitationWork(inst.Region, in.UserName))
		}
	}
	if len(missing) > 0 {
		return nil, answerWork(missing)
	}
	return []step.Change{createUserChange(in)}, step.Waiting(invitationWork(inst.Region, in.UserName))
}

func runAdminUser(ctx context.Context, env *step.Env) (checkpoint.StepRecord, error) {
	if rec, ok := earlier(env, stepAdminUser); ok { // the operator has seen to the invitation
		return rec, nil
	}
	in, missing := answeredAdminUser(env)
	inst, err := LoadInstance(ctx, env.Base())
	if err != nil {
		return checkpoint.StepRecord{}, err
	}
	api := env.AWS.IdentityStore(inst.Region)
	var u User
	switch {
	case len(missing) == 0:
		u, _, err = EnsureUser(ctx, api, inst.IdentityStoreID, in)
	case in.UserName != "": // made earlier: the rest of its answers are not needed
		var found bool
		if u, found, err = FindUser(ctx, api, inst.IdentityStoreID, in.UserName); err == nil && !found {
			err = answerWork(missing)
		}
	default:
		err = answerWork(missing)
	}
	if err != nil {
		return checkpoint.StepRecord{}, err
	}
	if err := progress(env, stepAdminUser, map[string]string{"user_name": u.UserName, "user_id": u.ID}); err != nil {
		return checkpoint.StepRecord{}, err
	}
	return checkpoint.StepRecord{}, step.Waiting(invitationWork(inst.Region, u.UserName))
}

// answeredAdminUser is the administrator to make: the user name the checkpoint records,
// else the answers file's, and the rest from the answers file; missing lists the answers
// keys that making the user needs and the file leaves out.
func answeredAdminUser(env *step.Env) (u AdminUser, missing []string) {
	a := env.Answers.AdminUser
	u = AdminUser{UserName: adminUserName(env), Email: a.Email, EmailAgain: a.Email, GivenName: a.GivenName,
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

func createUserChange(in AdminUser) step.Change {
	return change("identitystore", "CreateUser", "user "+in.UserName,
		"email", strings.TrimSpace(in.Email), "display_name", in.Display())
}

// answerWork asks the operator for answers a run needs.
func answerWork(keys []string) error {
	return step.Waiting("answer " + strings.Join(keys, ", ") + " in the answers file")
}

// invitationWork is the console work after the user exists: AWS sends no invitation to
// a user made through the API.
func invitationWork(region, name string) string {
	return "let " + name + " set a password, which AWS does not offer a user made through the API: in the IAM Identity " +
		"Center console in " + region + ", send the email verification (Settings, Authentication, Send email OTP) or " +
		"generate a one-time password (Users, " + name + ", Reset password)"
}

// orWaiting is err, or when there is none the operator's task what.
func orWaiting(err error, what string) error {
	if err != nil {
		return err
	}
	return step.Waiting(what)
}
