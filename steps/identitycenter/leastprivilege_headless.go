package identitycenter

import (
	"context"
	"slices"
	"strings"

	"github.com/aws/aws-sdk-go-v2/service/ssoadmin/types"

	"github.com/firstrun/firstrun/awsclient"
	"github.com/firstrun/firstrun/steps/checkpoint"
	"github.com/firstrun/firstrun/steps/step"
)

// LeastPrivilegeHeadless is the least-privilege step for audit, --plan and
// --non-interactive: the permission set for daily work named by least_privilege.policy,
// or none.
func LeastPrivilegeHeadless() step.Headless {
	return step.Headless{
		Check: checkLeastPrivilege,
		Plan:  planGated(stepLeastPrivilege, planLeastPrivilege),
		Run:   runGated(stepLeastPrivilege, runLeastPrivilege),
	}
}

// checkLeastPrivilege looks for any permission set for daily work: one whose AWS managed
// policies stop short of AdministratorAccess, assigned to a group in this account.
func checkLeastPrivilege(ctx context.Context, env *step.Env) (step.Control, error) {
	if strings.EqualFold(env.Answers.LeastPrivilege.Policy, noDailyAccessAnswer) {
		return step.Control{Status: step.NotRun, Detail: "The answers file says least_privilege.policy: none."}, nil
	}
	return checkOnInstance(checkDailyAccess)(ctx, env)
}

func checkDailyAccess(ctx context.Context, env *step.Env, inst Instance) (step.Control, error) {
	api, account := env.AWS.SSOAdmin(inst.Region), env.Identity.Account
	var daily *PermissionSet
	err := visitPermissionSets(ctx, api, inst.ARN, func(ps PermissionSet) (bool, error) {
		policies, err := managedPolicies(ctx, api, inst.ARN, ps.ARN)
		if err != nil || len(policies) == 0 || slices.Contains(policies, AdministratorAccessPolicy(awsclient.PartitionOf(inst.ARN))) {
			return err == nil, err
		}
		toGroup, err := anyAssignment(ctx, api, inst.ARN, account, ps.ARN, func(a types.AccountAssignment) bool {
			return a.PrincipalType == types.PrincipalTypeGroup
		})
		if err != nil || !toGroup {
			return err == nil, err
		}
		ps.ManagedPolicies, daily = policies, &ps
		return false, nil
	})
	switch {
	case err != nil:
		return step.Control{}, err
	case daily == nil:
		return fail("No permission set with lesser AWS managed policies is assigned to a group in account %s: daily "+
			"work there needs AdministratorAccess.", account), nil
	}
	return pass("Permission set %s (%s) is assigned to a group in account %s.", daily.Name,
		strings.Join(daily.ManagedPolicies, ", "), account), nil
}

func planLeastPrivilege(ctx context.Context, env *step.Env) ([]step.Change, error) {
	d, duration, err := answeredDailyAccess(env)
	if err != nil || d == nil {
		return nil, err
	}
	member := adminUserName(env)
	inst, err := LoadInstance(ctx, env.Base())
	if err != nil {
		return planWaiting(dailyAccessState{}.changes(*d, duration, member, env.Identity), err)
	}
	s, err := readDailyAccess(ctx, env, inst, *d, member)
	if err != nil {
		return nil, err
	}
	return s.changes(*d, duration, member, env.Identity), nil
}

func runLeastPrivilege(ctx context.Context, env *step.Env) (checkpoint.StepRecord, error) {
	d, duration, err := answeredDailyAccess(env)
	switch {
	case err != nil:
		return checkpoint.StepRecord{}, err
	case d == nil:
		return skipped("no lesser permission set for daily work: the answers file says least_privilege.policy: none"), nil
	}
	inst, err := LoadInstance(ctx, env.Base())
	if err != nil {
		return checkpoint.StepRecord{}, err
	}
	member := ""
	switch u, err := adminUser(ctx, env, inst); {
	case err == nil:
		member = u.ID
	case !isMissing(err): // without an administrator, the group starts empty
		return checkpoint.StepRecord{}, err
	}
	made, err := EnsureDailyAccess(ctx, env.AWS.SSOAdmin(inst.Region), env.AWS.IdentityStore(inst.Region), inst, DailyAccessRequest{
		Access: *d, SessionDuration: duration, MemberID: member, AccountID: env.Identity.Account}, Waiter{})
	if err != nil {
		return checkpoint.StepRecord{}, err
	}
	in, err := inspectDailyAccess(ctx, env, inst, *d, duration)
	if err != nil {
		return checkpoint.StepRecord{}, err
	}
	made["session_duration"] = duration
	return checked(in.Satisfied, made), nil
}

// answeredDailyAccess is the daily access the answers file asks for, with its session
// duration; nil when it says none, and the operator's task when it says nothing.
func answeredDailyAccess(env *step.Env) (*DailyAccess, string, error) {
	policy := env.Answers.LeastPrivilege.Policy
	if strings.EqualFold(policy, noDailyAccessAnswer) {
		return nil, "", nil
	}
	d, ok := dailyAccessAnswer(policy)
	if !ok {
		return nil, "", step.Waiting("choose the permission set for daily work: set least_privilege.policy to one of " +
			dailyAccessAnswers() + " in the answers file")
	}
	d = withGroup(env, d)
	return &d, dailyAccessDuration(env), nil
}

// withGroup gives d the group the checkpoint records, else the one the answers file
// names, else its own.
func withGroup(env *step.Env, d DailyAccess) DailyAccess {
	d.Group = recorded(env, stepLeastPrivilege, "group_name", firstOf(env.Answers.LeastPrivilege.Group, d.Group))
	return d
}

// dailyAccessDuration is the session duration of the daily permission set.
func dailyAccessDuration(env *step.Env) string {
	return recorded(env, stepLeastPrivilege, "session_duration", firstOf(env.Answers.LeastPrivilege.SessionDuration, DefaultSessionDuration))
}

// dailyAccessState is what AWS has of a daily access.
type dailyAccessState struct {
	ps       PermissionSet
	psFound  bool
	groupID  string // "" when there is no such group
	member   bool   // the administrator is in the group
	assigned bool
}

// readDailyAccess reads what exists of d in this account; memberName, when set, is the
// user to look for in its group.
func readDailyAccess(ctx context.Context, env *step.Env, inst Instance, d DailyAccess, memberName string) (dailyAccessState, error) {
	var s dailyAccessState
	admin, store := env.AWS.SSOAdmin(inst.Region), env.AWS.IdentityStore(inst.Region)
	ps, found, err := FindPermissionSet(ctx, admin, inst.ARN, d.Name)
	if err != nil {
		return s, err
	}
	s.ps, s.psFound = ps, found
	groupID, found, err := FindGroup(ctx, store, inst.IdentityStoreID, d.Group)
	if err != nil || !found {
		return s, err
	}
	s.groupID = groupID
	if memberName != "" {
		u, found, err := FindUser(ctx, store, inst.IdentityStoreID, memberName)
		if err != nil {
			return s, err
		}
		if found {
			if _, s.member, err = FindMembership(ctx, store, inst.IdentityStoreID, groupID, u.ID); err != nil {
				return s, err
			}
		}
	}
	if s.psFound {
		s.assigned, err = HasAssignment(ctx, admin, inst.ARN, Assignment{AccountID: env.Identity.Account,
			PermissionSetARN: s.ps.ARN, PrincipalType: types.PrincipalTypeGroup, PrincipalID: groupID})
	}
	return s, err
}

// changes are what EnsureDailyAccess does from s: the permission set, the group with
// member in it ("" for none) and the assignment in the caller's account.
func (s dailyAccessState) changes(d DailyAccess, duration, member string, caller awsclient.Identity) []step.Change {
	account := caller.Account
	changes := permissionSetChanges(d.spec(duration, caller.Partition()), s.ps, s.psFound)
	group := "group " + d.Group
	if s.groupID == "" {
		changes = append(changes, change("identitystore", "CreateGroup", group))
	}
	if member != "" && !s.member {
		changes = append(changes, change("identitystore", "CreateGroupMembership", "user "+member+" -> "+group))
	}
	if !s.assigned {
		changes = append(changes, change("sso", "CreateAccountAssignment", group+" -> account "+account, "PermissionSet", d.Name))
	}
	return changes
}

func permissionSetResources(ps PermissionSet) map[string]string {
	return map[string]string{"permission_set_name": ps.Name, "permission_set_arn": ps.ARN, "session_duration": ps.SessionDuration}
}

func inspectPermissionSet(spec PermissionSetSpec, ps PermissionSet, found bool) step.Inspection {
	if !found {
		return step.Inspection{
			Facts: []step.Fact{{Label: "Permission set " + spec.Name, Value: "not made yet", Good: step.No()}},
			Changes: []string{
				"Create permission set " + spec.Name + " with sessions of " + spec.SessionDuration + " (sso:CreatePermissionSet)",
				"Attach the AWS managed policy " + strings.Join(spec.ManagedPolicies, ", ") + " (sso:AttachManagedPolicyToPermissionSet)",
			},
		}
	}
	policies, duration := ps.missing(spec)
	facts := []step.Fact{
		{Label: "Permission set " + spec.Name, Value: ps.ARN, Good: step.Yes()},
		{Label: "Managed policies", Value: orNone(strings.Join(ps.ManagedPolicies, ", ")), Good: good(len(policies) == 0)},
		{Label: "Session duration", Value: ps.SessionDuration, Good: good(!duration)},
	}
	var changes []string
	for _, p := range policies {
		changes = append(changes, "Attach the AWS managed policy "+p+" (sso:AttachManagedPolicyToPermissionSet)")
	}
	if duration {
		changes = append(changes, "Set the session duration to "+spec.SessionDuration+" (sso:UpdatePermissionSet)")
	}
	if len(changes) > 0 {
		changes = append(changes, "Provision the change to the accounts that already use it (sso:ProvisionPermissionSet)")
	}
	return step.Inspection{Facts: facts, Satisfied: len(changes) == 0, Changes: changes, Resources: permissionSetResources(ps)}
}

// permissionSetChanges are the changes EnsurePermissionSet makes to ps, found or not, to
// match spec.
func permissionSetChanges(spec PermissionSetSpec, ps PermissionSet, found bool) []step.Change {
	resource := "permission set " + spec.Name
	var changes []step.Change
	if !found {
		changes = append(changes, change("sso", "CreatePermissionSet", resource, "SessionDuration", spec.SessionDuration))
	}
	policies, duration := ps.missing(spec)
	for _, p := range policies {
		changes = append(changes, change("sso", "AttachManagedPolicyToPermissionSet", resource, "ManagedPolicyArn", p))
	}
	if found && duration {
		changes = append(changes, change("sso", "UpdatePermissionSet", resource, "SessionDuration", spec.SessionDuration))
	}
	if found && len(changes) > 0 {
		changes = append(changes, change("sso", "ProvisionPermissionSet", resource, "Target", "every account that holds it"))
	}
	return changes
}
