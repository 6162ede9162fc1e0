package identitycenter

import (
	"context"

	"github.com/firstrun/firstrun/steps/checkpoint"
	"github.com/firstrun/firstrun/steps/step"
)

// AdminGroupHeadless is the admin-group step for audit, --plan and --non-interactive.
func AdminGroupHeadless() step.Headless {
	return step.Headless{
		Check: checkOnInstance(checkAdminGroup),
		Plan:  planGated(stepAdminGroup, planAdminGroup),
		Run:   runGated(stepAdminGroup, runAdminGroup),
	}
}

// adminGroupName is the administrators' group: the one the checkpoint records, else the
// answers file's, else Admins.
func adminGroupName(env *step.Env) string {
	return recorded(env, stepAdminGroup, "group_name", firstOf(env.Answers.AdminGroup.Name, DefaultAdminGroup))
}

// checkAdminGroup looks for the group with the administrator in it; without an
// administrator's name to look for, with anyone in it.
func checkAdminGroup(ctx context.Context, env *step.Env, inst Instance) (step.Control, error) {
	api := env.AWS.IdentityStore(inst.Region)
	group := checkAnswer(env, env.Answers.AdminGroup.Name, stepAdminGroup, "group_name", DefaultAdminGroup)
	name := checkAnswer(env, env.Answers.AdminUser.UserName, stepAdminUser, "user_name", "")
	groupID, found, err := FindGroup(ctx, api, inst.IdentityStoreID, group)
	switch {
	case err != nil:
		return step.Control{}, err
	case !found:
		return fail("There is no group %s in identity store %s.", group, inst.IdentityStoreID), nil
	case name == "":
		u, found, err := FirstMember(ctx, api, inst.IdentityStoreID, group)
		switch {
		case err != nil:
			return step.Control{}, err
		case !found:
			return fail("Group %s has no user in it.", group), nil
		}
		return pass("Group %s has %s in it.", group, u.UserName), nil
	}
	u, found, err := FindUser(ctx, api, inst.IdentityStoreID, name)
	switch {
	case err != nil:
		return step.Control{}, err
	case !found:
		return fail("There is no user %s to be in group %s.", name, group), nil
	}
	_, member, err := FindMembership(ctx, api, inst.IdentityStoreID, groupID, u.ID)
	switch {
	case err != nil:
		return step.Control{}, err
	case !member:
		return fail("User %s is not in group %s.", name, group), nil
	}
	return pass("Group %s has %s in it.", group, name), nil
}

func planAdminGroup(ctx context.Context, env *step.Env) ([]step.Change, error) {
	group, user := adminGroupName(env), adminUserName(env)
	create := change("identitystore", "CreateGroup", "group "+group)
	join := change("identitystore", "CreateGroupMembership", "user "+firstOf(user, "(the administrator)")+" -> group "+group)
	inst, err := LoadInstance(ctx, env.Base())
	if err != nil {
		return planWaiting([]step.Change{create, join}, err)
	}
	api := env.AWS.IdentityStore(inst.Region)
	groupID, found, err := FindGroup(ctx, api, inst.IdentityStoreID, group)
	if err != nil {
		return nil, err
	}
	if !found {
		return []step.Change{create, join}, nil
	}
	if user == "" {
		return []step.Change{join}, nil
	}
	u, found, err := FindUser(ctx, api, inst.IdentityStoreID, user)
	switch {
	case err != nil:
		return nil, err
	case !found: // the admin-user step makes the user; this one then adds them
		return []step.Change{join}, nil
	}
	_, member, err := FindMembership(ctx, api, inst.IdentityStoreID, groupID, u.ID)
	if err != nil || member {
		return nil, err
	}
	return []step.Change{join}, nil
}

func runAdminGroup(ctx context.Context, env *step.Env) (checkpoint.StepRecord, error) {
	inst, err := LoadInstance(ctx, env.Base())
	if err != nil {
		return checkpoint.StepRecord{}, err
	}
	admin, err := adminUser(ctx, env, inst)
	if err != nil {
		return checkpoint.StepRecord{}, err
	}
	name := adminGroupName(env)
	made, err := ensureGroupWith(ctx, env.AWS.IdentityStore(inst.Region), inst, name, adminGroupDescription, admin.ID)
	if err != nil {
		return checkpoint.StepRecord{}, err
	}
	in, err := inspectGroup(ctx, env, inst, name, admin)
	if err != nil {
		return checkpoint.StepRecord{}, err
	}
	return checked(in.Satisfied, made, in.Resources), nil
}
