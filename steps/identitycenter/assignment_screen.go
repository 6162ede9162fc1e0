package identitycenter

import (
	"context"
	"fmt"

	"github.com/aws/aws-sdk-go-v2/service/ssoadmin/types"

	"github.com/firstrun/firstrun/steps/step"
)

// AdminAssignmentScreen gives the administrators' group the AdministratorAccess permission
// set in this account, and waits for AWS to finish it.
func AdminAssignmentScreen(env *step.Env, def step.Definition) step.Screen {
	if s := gate(env, def); s != nil {
		return s
	}
	t := step.NewTask(env, def)
	t.Intro = "The last link: the group gets the permission set in this account. AWS does this in the background " +
		"(it creates a role in the account for the permission set), so firstrun waits for AWS to report it done."
	t.ConfirmLabel = "assign"
	t.Working = &step.Status{}
	groupName, psName := adminGroupName(env), adminPermissionSetName(env)
	var inst Instance
	var a Assignment
	t.Inspect = func(ctx context.Context) (step.Inspection, error) {
		var err error
		if inst, err = LoadInstance(ctx, env.Base()); err != nil {
			return step.Inspection{}, err
		}
		if a, err = findAssignment(ctx, env, inst, groupName, psName); err != nil {
			return step.Inspection{}, err
		}
		return inspectAssignment(ctx, env, inst, a, groupName, psName)
	}
	t.Apply = func(ctx context.Context) (map[string]string, error) {
		requestID, err := EnsureAssignment(ctx, env.AWS.SSOAdmin(inst.Region), inst.ARN, a, Waiter{Report: t.Working.Set})
		if err != nil {
			return nil, err
		}
		return map[string]string{"assignment_request_id": requestID}, nil
	}
	return t
}

// findAssignment builds the assignment of group groupName to permission set psName in this
// account, finding both by name.
func findAssignment(ctx context.Context, env *step.Env, inst Instance, groupName, psName string) (Assignment, error) {
	groupID, found, err := FindGroup(ctx, env.AWS.IdentityStore(inst.Region), inst.IdentityStoreID, groupName)
	if err != nil {
		return Assignment{}, err
	}
	if !found {
		return Assignment{}, &missingError{what: fmt.Sprintf("there is no group %s in identity store %s", groupName, inst.IdentityStoreID),
			fix: "finish the step Admins group first"}
	}
	ps, found, err := FindPermissionSet(ctx, env.AWS.SSOAdmin(inst.Region), inst.ARN, psName)
	if err != nil {
		return Assignment{}, err
	}
	if !found {
		return Assignment{}, &missingError{what: "there is no permission set " + psName, fix: "finish the step Administrator permission set first"}
	}
	return Assignment{AccountID: env.Identity.Account, PermissionSetARN: ps.ARN, PrincipalType: types.PrincipalTypeGroup, PrincipalID: groupID}, nil
}

func inspectAssignment(ctx context.Context, env *step.Env, inst Instance, a Assignment, groupName, psName string) (step.Inspection, error) {
	has, err := HasAssignment(ctx, env.AWS.SSOAdmin(inst.Region), inst.ARN, a)
	if err != nil {
		return step.Inspection{}, err
	}
	what := fmt.Sprintf("group %s → %s in account %s", groupName, psName, a.AccountID)
	in := step.Inspection{
		Facts:     []step.Fact{{Label: "Assignment", Value: what, Good: good(has)}},
		Satisfied: has,
		Resources: map[string]string{"account_id": a.AccountID, "group_id": a.PrincipalID, "permission_set_arn": a.PermissionSetARN},
	}
	if !has {
		in.Changes = []string{"Assign " + what + " (sso:CreateAccountAssignment), then wait for AWS to report it SUCCEEDED"}
	}
	return in, nil
}
