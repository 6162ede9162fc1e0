package identitycenter

import (
	"context"
	"errors"
	"fmt"

	step "github.com/firstrun/firstrun/steps/core"
)

// What the Flows of the administrator's steps (admin-user, admin-group,
// admin-permission-set, admin-assignment and least-privilege) share.
//
// Each Flow's Inspect judges the goal as the audit does (Holds and Detail: the answers
// file says what to look for, else the checkpoint, else the defaults) and lists the changes
// a run would make, as --plan lists them. Where something an earlier step makes is missing
// in AWS, Apply says so with a missingError, which a run without a person waits on.

// savedOr is a resource an earlier run of step id saved in env, or fallback: the
// checkpoint holds the choices already made in this account; an answer or a default only
// fills in what was not chosen yet.
func savedOr(env step.Env, id step.ID, key, fallback string) string {
	return firstOf(env.Saved.Resource(string(id), key), fallback)
}

// userNameIn is the administrator's user name: the one the admin-user step saved, else
// the answers file's.
func userNameIn(env step.Env) string {
	return savedOr(env, stepAdminUser, "user_name", env.Answers.AdminUser.UserName)
}

// groupNameIn is the administrators' group: the one the checkpoint saved, else the
// answers file's, else Admins.
func groupNameIn(env step.Env) string {
	return savedOr(env, stepAdminGroup, "group_name", firstOf(env.Answers.AdminGroup.Name, DefaultAdminGroup))
}

// permissionSetNameIn is the permission set the admin-permission-set step made.
func permissionSetNameIn(env step.Env) string {
	return savedOr(env, stepAdminPermissionSet, "permission_set_name", AdminPermissionSetName)
}

// findAdmin finds the administrator the admin-user step made, by user name: an ID in the
// checkpoint is not trusted without asking AWS.
func findAdmin(ctx context.Context, env step.Env, inst Instance) (User, error) {
	name := userNameIn(env)
	if name == "" {
		return User{}, &missingError{what: "no administrator user was made", fix: "finish the step Administrator user first"}
	}
	u, found, err := FindUser(ctx, env.AWS.IdentityStore(inst.Region), inst.IdentityStoreID, name)
	if err != nil {
		return User{}, err
	}
	if !found {
		return User{}, &missingError{what: fmt.Sprintf("user %s is not in identity store %s", name, inst.IdentityStoreID),
			fix: "run the step Administrator user again"}
	}
	return u, nil
}

// adminStart is where an administrator's step starts: skipped when an earlier step of
// the chapter makes it impossible, else on the Identity Center instance. Without one
// (Identity Center not enabled yet), off is the inspection to show: the goal does not
// hold, and a run without a person waits for the console work after listing changes.
func adminStart(ctx context.Context, env step.Env, id step.ID) (inst Instance, off *step.Inspection, err error) {
	if reason := blocked(env.Saved, id); reason != "" {
		return Instance{}, &step.Inspection{Skip: reason}, nil
	}
	inst, err = LoadInstance(ctx, env)
	var notEnabled NotEnabledError
	if errors.As(err, &notEnabled) {
		return Instance{}, &step.Inspection{
			Facts:    []step.Fact{{Label: "Identity Center", Value: "not enabled in " + notEnabled.Region, Good: step.No()}},
			Note:     "Finish the step Enable Identity Center first: this step works in its directory.",
			Detail:   fmt.Sprintf("Identity Center is not enabled in %s.", notEnabled.Region),
			Decision: enableWork(notEnabled.Region),
		}, nil
	}
	return inst, nil, err
}

// instanceFor is the instance an Apply works on: the one inspected, else (Identity Center
// was enabled since) the one there is now.
func instanceFor(ctx context.Context, env step.Env, inst Instance) (Instance, error) {
	if inst.ARN != "" {
		return inst, nil
	}
	return LoadInstance(ctx, env)
}
