package identitycenter

import (
	"context"

	"github.com/firstrun/firstrun/steps/checkpoint"
	"github.com/firstrun/firstrun/steps/step"
)

// AdminAssignmentHeadless is the admin-assignment step for audit, --plan and
// --non-interactive.
func AdminAssignmentHeadless() step.Headless {
	return step.Headless{
		Check: checkOnInstance(checkAdminAssignment),
		Plan:  planGated(stepAdminAssignment, planAdminAssignment),
		Run:   runGated(stepAdminAssignment, runAdminAssignment),
	}
}

// adminPermissionSetName is the permission set the admin-permission-set step made.
func adminPermissionSetName(env *step.Env) string {
	return recorded(env, stepAdminPermissionSet, "permission_set_name", AdminPermissionSetName)
}

// checkAdminAssignment looks for the administrators' group holding AdministratorAccess
// in this account: a named administrator instead of the root user.
func checkAdminAssignment(ctx context.Context, env *step.Env, inst Instance) (step.Control, error) {
	group := checkAnswer(env, env.Answers.AdminGroup.Name, stepAdminGroup, "group_name", DefaultAdminGroup)
	a, err := findAssignment(ctx, env, inst, group, AdminPermissionSetName)
	if err != nil {
		return step.Control{}, err
	}
	has, err := HasAssignment(ctx, env.AWS.SSOAdmin(inst.Region), inst.ARN, a)
	switch {
	case err != nil:
		return step.Control{}, err
	case !has:
		return fail("Group %s does not hold %s in account %s.", group, AdminPermissionSetName, a.AccountID), nil
	}
	return pass("Group %s holds %s in account %s.", group, AdminPermissionSetName, a.AccountID), nil
}

func planAdminAssignment(ctx context.Context, env *step.Env) ([]step.Change, error) {
	group, ps := adminGroupName(env), adminPermissionSetName(env)
	assign := []step.Change{change("sso", "CreateAccountAssignment", "group "+group+" -> account "+env.Identity.Account,
		"PermissionSet", ps)}
	inst, err := LoadInstance(ctx, env.Base())
	if err != nil {
		return planWaiting(assign, err)
	}
	a, err := findAssignment(ctx, env, inst, group, ps)
	if isMissing(err) { // the earlier steps of the run make them
		return assign, nil
	}
	if err != nil {
		return nil, err
	}
	if has, err := HasAssignment(ctx, env.AWS.SSOAdmin(inst.Region), inst.ARN, a); err != nil || has {
		return nil, err
	}
	return assign, nil
}

func runAdminAssignment(ctx context.Context, env *step.Env) (checkpoint.StepRecord, error) {
	inst, err := LoadInstance(ctx, env.Base())
	if err != nil {
		return checkpoint.StepRecord{}, err
	}
	a, err := findAssignment(ctx, env, inst, adminGroupName(env), adminPermissionSetName(env))
	if err != nil {
		return checkpoint.StepRecord{}, err
	}
	api := env.AWS.SSOAdmin(inst.Region)
	// EnsureAssignment returns once AWS lists the assignment or reports its creation
	// SUCCEEDED: either is AWS's read-only word that it exists, so no read follows.
	requestID, err := EnsureAssignment(ctx, api, inst.ARN, a, Waiter{})
	if err != nil {
		return checkpoint.StepRecord{}, err
	}
	res := map[string]string{"account_id": a.AccountID, "group_id": a.PrincipalID, "permission_set_arn": a.PermissionSetARN}
	if requestID != "" {
		res["assignment_request_id"] = requestID
	}
	return checkpoint.StepRecord{Outcome: checkpoint.Verified, Resources: res}, nil
}

// adminGroupName is the administrators' group: the one the checkpoint records, else the
// answers file's, else Admins.
func adminGroupName(env *step.Env) string {
	return recorded(env, stepAdminGroup, "group_name", firstOf(env.Answers.AdminGroup.Name, DefaultAdminGroup))
}
