package identitycenter

import (
	"context"

	"github.com/charmbracelet/huh"

	"github.com/firstrun/firstrun/awsclient"

	"github.com/firstrun/firstrun/steps/step"
)

const adminGroupDescription = "Administrators of this AWS organization, with AdministratorAccess (set up by firstrun)"

// AdminGroupScreen creates the administrators' group and puts the administrator in it.
// Access is given to the group, not the person, so a second administrator later needs
// only a membership.
func AdminGroupScreen(env *step.Env, def step.Definition) step.Screen {
	if s := gate(env, def); s != nil {
		return s
	}
	name := adminGroupName(env)
	t := step.NewTask(env, def)
	t.Intro = "Permissions go to a group rather than to a person: when someone else joins or leaves, you change " +
		"the group's members and nothing else. firstrun makes the group and puts your administrator in it."
	t.ConfirmLabel = "create the group"
	var inst Instance
	var admin User
	t.Inspect = func(ctx context.Context) (step.Inspection, error) {
		var err error
		if inst, err = LoadInstance(ctx, env.Base()); err != nil {
			return step.Inspection{}, err
		}
		if admin, err = adminUser(ctx, env, inst); err != nil {
			return step.Inspection{}, err
		}
		return inspectGroup(ctx, env, inst, name, admin)
	}
	t.Form = func(step.Inspection) *huh.Form {
		return huh.NewForm(huh.NewGroup(huh.NewInput().Title("Group name").Value(&name).Validate(ValidateGroupName).
			Description("The group that gets administrator access in the next steps")))
	}
	t.Revise = func(found step.Inspection) step.Inspection {
		if found.Resources["group_name"] != name { // a name other than the one inspected
			found.Changes = []string{
				"Create group " + name + " in the Identity Center directory, or use it if it exists (identitystore:CreateGroup)",
				"Add " + admin.UserName + " to it (identitystore:CreateGroupMembership)",
			}
		}
		return found
	}
	t.Apply = func(ctx context.Context) (map[string]string, error) {
		return ensureGroupWith(ctx, env.AWS.IdentityStore(inst.Region), inst, name, adminGroupDescription, admin.ID)
	}
	return t
}

// ensureGroupWith makes group name, if needed, with the user memberID in it ("" for no
// member).
func ensureGroupWith(ctx context.Context, api awsclient.IdentityStoreAPI, inst Instance, name, description, memberID string) (map[string]string, error) {
	groupID, _, err := EnsureGroup(ctx, api, inst.IdentityStoreID, name, description)
	if err != nil {
		return nil, err
	}
	made := map[string]string{"group_name": name, "group_id": groupID}
	if memberID == "" {
		return made, nil
	}
	if made["membership_id"], _, err = EnsureMembership(ctx, api, inst.IdentityStoreID, groupID, memberID); err != nil {
		return nil, err
	}
	return made, nil
}

// inspectGroup reports whether group name exists with user in it.
func inspectGroup(ctx context.Context, env *step.Env, inst Instance, name string, user User) (step.Inspection, error) {
	api := env.AWS.IdentityStore(inst.Region)
	groupID, found, err := FindGroup(ctx, api, inst.IdentityStoreID, name)
	if err != nil {
		return step.Inspection{}, err
	}
	if !found {
		return step.Inspection{
			Facts: []step.Fact{{Label: "Group " + name, Value: "not made yet", Good: step.No()}},
			Changes: []string{
				"Create the group in the Identity Center directory (identitystore:CreateGroup)",
				"Add " + user.UserName + " to it (identitystore:CreateGroupMembership)",
			},
		}, nil
	}
	res := map[string]string{"group_name": name, "group_id": groupID}
	facts := []step.Fact{{Label: "Group " + name, Value: groupID, Good: step.Yes()}}
	membershipID, member, err := FindMembership(ctx, api, inst.IdentityStoreID, groupID, user.ID)
	if err != nil {
		return step.Inspection{}, err
	}
	if !member {
		facts = append(facts, step.Fact{Label: "Members", Value: user.UserName + " is not in it", Good: step.No()})
		return step.Inspection{Facts: facts, Resources: res,
			Changes: []string{"Add " + user.UserName + " to the group (identitystore:CreateGroupMembership)"}}, nil
	}
	res["membership_id"] = membershipID
	facts = append(facts, step.Fact{Label: "Members", Value: user.UserName + " is in it", Good: step.Yes()})
	return step.Inspection{Facts: facts, Resources: res, Satisfied: true}, nil
}
