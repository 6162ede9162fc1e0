package identitycenter

import (
	"context"

	"github.com/aws/aws-sdk-go-v2/service/ssoadmin/types"

	"github.com/firstrun/firstrun/steps/step"
)

// DailyAccess is a lesser-privileged permission set for daily work, built on one AWS
// managed policy, with the group that receives it.
type DailyAccess struct {
	Label  string
	Policy string // AWS managed policy ARN
	Name   string // of the permission set, after the policy
	Group  string
}

// DailyAccessChoices are the permission sets the least-privilege step offers: the two
// broad AWS managed policies, then the job-function policies.
func DailyAccessChoices() []DailyAccess {
	const jobFunction = "arn:aws:iam::aws:policy/job-function/"
	return []DailyAccess{
		{"ReadOnlyAccess: read everything, change nothing", "arn:aws:iam::aws:policy/ReadOnlyAccess", "ReadOnlyAccess", "ReadOnly"},
		{"PowerUserAccess: everything except users, groups and permissions", "arn:aws:iam::aws:policy/PowerUserAccess", "PowerUserAccess", "PowerUsers"},
		{"Job function ViewOnlyAccess: list resources, not read their data", jobFunction + "ViewOnlyAccess", "ViewOnlyAccess", "ViewOnly"},
		{"Job function SystemAdministrator", jobFunction + "SystemAdministrator", "SystemAdministrator", "SystemAdministrators"},
		{"Job function DatabaseAdministrator", jobFunction + "DatabaseAdministrator", "DatabaseAdministrator", "DatabaseAdministrators"},
		{"Job function NetworkAdministrator", jobFunction + "NetworkAdministrator", "NetworkAdministrator", "NetworkAdministrators"},
		{"Job function DataScientist", jobFunction + "DataScientist", "DataScientist", "DataScientists"},
		{"Job function SupportUser: AWS Support cases and troubleshooting", jobFunction + "SupportUser", "SupportUser", "SupportUsers"},
		{"Job function Billing: bills, payments and budgets", jobFunction + "Billing", "Billing", "Billing"},
	}
}

// spec is the permission set of a daily access choice.
func (d DailyAccess) spec(sessionDuration string) PermissionSetSpec {
	return PermissionSetSpec{
		Name: d.Name, SessionDuration: sessionDuration, ManagedPolicies: []string{d.Policy},
		Description: "Daily work with the AWS managed policy " + d.Name + " (set up by firstrun)",
	}
}

// EnsureDailyAccess makes the permission set and group of d, puts the user memberID in
// the group (unless it is empty), and assigns the group the permission set in account.
// Every part is looked up first, so running it again changes nothing.
func EnsureDailyAccess(ctx context.Context, env *step.Env, inst Instance, d DailyAccess, sessionDuration, memberID, account string, w Waiter) (map[string]string, error) {
	ps, err := EnsurePermissionSet(ctx, env.AWS.SSOAdmin(inst.Region), inst.ARN, d.spec(sessionDuration), w)
	if err != nil {
		return nil, err
	}
	description := "Daily work with " + d.Name + " (set up by firstrun)"
	groupID, _, err := EnsureGroup(ctx, env.AWS.IdentityStore(inst.Region), inst.IdentityStoreID, d.Group, description)
	if err != nil {
		return nil, err
	}
	made := map[string]string{"group_name": d.Group, "group_id": groupID}
	if memberID != "" {
		if made["membership_id"], _, err = EnsureMembership(ctx, env.AWS.IdentityStore(inst.Region), inst.IdentityStoreID, groupID, memberID); err != nil {
			return nil, err
		}
	}
	a := Assignment{AccountID: account, PermissionSetARN: ps.ARN, PrincipalType: types.PrincipalTypeGroup, PrincipalID: groupID}
	if _, err := EnsureAssignment(ctx, env.AWS.SSOAdmin(inst.Region), inst.ARN, a, w); err != nil {
		return nil, err
	}
	made["permission_set_name"], made["permission_set_arn"], made["policy_arn"] = ps.Name, ps.ARN, d.Policy
	return made, nil
}
