package identitycenter

import (
	"context"
	"fmt"

	"github.com/firstrun/firstrun/awsclient"
	step "github.com/firstrun/firstrun/steps/core"
)

const adminGroupDescription = "Administrators of this AWS organization, with AdministratorAccess (set up by firstrun)"

const adminGroupIntro = "Permissions go to a group rather than to a person: when someone else joins or leaves, you " +
	"change the group's members and nothing else. firstrun makes the group and puts your administrator in it."

// GroupOutputs are what the admin-group step records.
type GroupOutputs struct {
	GroupName    string `json:"group_name,omitempty"`
	GroupID      string `json:"group_id,omitempty"`
	MembershipID string `json:"membership_id,omitempty"`
}

// AdminGroupFlow creates the administrators' group (admin_group.name in the answers, else
// Admins) and puts the administrator in it. Access is given to the group, not the person,
// so a second administrator later needs only a membership. The audit looks for the group
// with the administrator in it; without an administrator's name to look for, with anyone
// in it.
func AdminGroupFlow(env step.Env) *step.Flow {
	g := &groupStep{env: env, name: groupNameIn(env)}
	return &step.Flow{
		Intro:        adminGroupIntro,
		Inspect:      g.inspect,
		Questions:    g.questions,
		Apply:        g.apply,
		ConfirmLabel: "create the group",
	}
}

// groupStep is the step's state between the Flow's calls.
type groupStep struct {
	env  step.Env
	name string
	inst Instance // as the last inspection found it; empty without one
	// last is the inspection of lastName, reused while nothing was applied since: the
	// answer to the question needs no second read of the same group.
	last     *step.Inspection
	lastName string
	// admin is the administrator as Apply found them, so the read that verifies its work
	// needs not find them again.
	admin *User
}

func (g *groupStep) inspect(ctx context.Context) (step.Inspection, error) {
	if g.last != nil && g.lastName == g.name {
		return *g.last, nil
	}
	in, err := g.read(ctx)
	if err == nil {
		g.last, g.lastName = &in, g.name
	}
	return in, err
}

// read inspects the group named g.name in AWS.
func (g *groupStep) read(ctx context.Context) (step.Inspection, error) {
	userName := userNameIn(g.env)
	create := step.Change{Service: "identitystore", Operation: "CreateGroup", Resource: "group " + g.name,
		Say: "Create the group " + g.name + " in the Identity Center directory"}
	join := step.Change{Service: "identitystore", Operation: "CreateGroupMembership",
		Resource: "user " + firstOf(userName, "(the administrator)") + " -> group " + g.name,
		Say:      "Add " + firstOf(userName, "the administrator") + " to it"}
	inst, off, err := adminStart(ctx, g.env, stepAdminGroup)
	if off != nil || err != nil {
		if off != nil && off.Skip == "" {
			off.Changes = []step.Change{create, join}
		}
		return derefInspection(off), err
	}
	g.inst = inst
	api := g.env.AWS.IdentityStore(inst.Region)
	groupID, found, err := FindGroup(ctx, api, inst.IdentityStoreID, g.name)
	if err != nil {
		return step.Inspection{}, err
	}
	if !found {
		return step.Inspection{
			Facts:   []step.Fact{{Label: "Group " + g.name, Value: "not made yet", Good: step.No()}},
			Detail:  fmt.Sprintf("There is no group %s in identity store %s.", g.name, inst.IdentityStoreID),
			Changes: []step.Change{create, join},
		}, nil
	}
	in := step.Inspection{
		Facts:   []step.Fact{{Label: "Group " + g.name, Value: groupID, Good: step.Yes()}},
		Outputs: GroupOutputs{GroupName: g.name, GroupID: groupID},
	}
	join.Say = "Add " + firstOf(userName, "the administrator") + " to the group"
	if userName == "" { // nobody named: the audit looks for anyone in the group
		u, member, err := FirstMember(ctx, api, inst.IdentityStoreID, g.name)
		switch {
		case err != nil:
			return step.Inspection{}, err
		case member:
			in.Holds, in.Detail = true, fmt.Sprintf("Group %s has %s in it.", g.name, u.UserName)
		default:
			in.Detail = fmt.Sprintf("Group %s has no user in it.", g.name)
		}
		in.Facts = append(in.Facts, step.Fact{Label: "Administrator user", Value: "none made yet", Good: step.No()})
		in.Changes = []step.Change{join}
		return in, nil
	}
	u, exists := User{}, false
	if g.admin != nil && g.admin.UserName == userName {
		u, exists = *g.admin, true
	} else if u, exists, err = FindUser(ctx, api, inst.IdentityStoreID, userName); err != nil {
		return step.Inspection{}, err
	}
	if !exists { // the admin-user step makes the user; this one then adds them
		in.Detail = fmt.Sprintf("There is no user %s to be in group %s.", userName, g.name)
		in.Facts = append(in.Facts, step.Fact{Label: "Administrator user", Value: userName + " is not in the directory", Good: step.No()})
		in.Note = "Finish the step Administrator user first: " + userName + " must exist to join the group."
		in.Changes = []step.Change{join}
		return in, nil
	}
	membershipID, member, err := FindMembership(ctx, api, inst.IdentityStoreID, groupID, u.ID)
	if err != nil {
		return step.Inspection{}, err
	}
	if !member {
		in.Detail = fmt.Sprintf("User %s is not in group %s.", userName, g.name)
		in.Facts = append(in.Facts, step.Fact{Label: "Members", Value: userName + " is not in it", Good: step.No()})
		in.Changes = []step.Change{join}
		return in, nil
	}
	in.Holds, in.Detail = true, fmt.Sprintf("Group %s has %s in it.", g.name, userName)
	in.Facts = append(in.Facts, step.Fact{Label: "Members", Value: userName + " is in it", Good: step.Yes()})
	in.Outputs = GroupOutputs{GroupName: g.name, GroupID: groupID, MembershipID: membershipID}
	return in, nil
}

func (g *groupStep) questions(step.Inspection) *step.Form {
	return step.NewForm(step.Group{Fields: []step.Field{
		&step.Input{Common: step.Common{Title: "Group name", Description: "The group that gets administrator access in the next steps"},
			Value: &g.name, Validate: ValidateGroupName},
	}})
}

func (g *groupStep) apply(ctx context.Context, a *step.Act) (step.Outputs, error) {
	g.last = nil // what follows changes the group: read it again
	inst, err := instanceFor(ctx, g.env, g.inst)
	if err != nil {
		return nil, err
	}
	admin, err := findAdmin(ctx, g.env, inst)
	if err != nil {
		return nil, err
	}
	g.admin = &admin
	// The name chosen is saved before the group is made, so a resumed run looks for that
	// group instead of making another.
	if err := a.Progress(GroupOutputs{GroupName: g.name}); err != nil {
		return nil, err
	}
	api := g.env.AWS.IdentityStore(inst.Region)
	groupID, _, err := EnsureGroup(ctx, api, inst.IdentityStoreID, g.name, adminGroupDescription)
	if err != nil {
		return nil, err
	}
	if err := a.Progress(GroupOutputs{GroupName: g.name, GroupID: groupID}); err != nil {
		return nil, err
	}
	membershipID, _, err := EnsureMembership(ctx, api, inst.IdentityStoreID, groupID, admin.ID)
	if err != nil {
		return nil, err
	}
	return GroupOutputs{GroupName: g.name, GroupID: groupID, MembershipID: membershipID}, nil
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

// derefInspection is *in, or none.
func derefInspection(in *step.Inspection) step.Inspection {
	if in == nil {
		return step.Inspection{}
	}
	return *in
}
