package identitycenter

import (
	"context"
	"strings"

	"github.com/aws/aws-sdk-go-v2/service/ssoadmin/types"

	"github.com/firstrun/firstrun/awsclient"
)

// DailyAccess is a lesser-privileged permission set for daily work, built on one AWS
// managed policy, with the group that receives it.
type DailyAccess struct {
	Label  string
	Policy string // the AWS managed policy's path: ReadOnlyAccess, job-function/Billing
	Name   string // of the permission set, after the policy
	Group  string
}

// DailyAccessChoices are the permission sets the least-privilege step offers: the two
// broad AWS managed policies, then the job-function policies.
func DailyAccessChoices() []DailyAccess {
	const jobFunction = "job-function/"
	return []DailyAccess{
		{"ReadOnlyAccess: read everything, change nothing", "ReadOnlyAccess", "ReadOnlyAccess", "ReadOnly"},
		{"PowerUserAccess: everything except users, groups and permissions", "PowerUserAccess", "PowerUserAccess", "PowerUsers"},
		{"Job function ViewOnlyAccess: list resources, not read their data", jobFunction + "ViewOnlyAccess", "ViewOnlyAccess", "ViewOnly"},
		{"Job function SystemAdministrator", jobFunction + "SystemAdministrator", "SystemAdministrator", "SystemAdministrators"},
		{"Job function DatabaseAdministrator", jobFunction + "DatabaseAdministrator", "DatabaseAdministrator", "DatabaseAdministrators"},
		{"Job function NetworkAdministrator", jobFunction + "NetworkAdministrator", "NetworkAdministrator", "NetworkAdministrators"},
		{"Job function DataScientist", jobFunction + "DataScientist", "DataScientist", "DataScientists"},
		{"Job function SupportUser: AWS Support cases and troubleshooting", jobFunction + "SupportUser", "SupportUser", "SupportUsers"},
		{"Job function Billing: bills, payments and budgets", jobFunction + "Billing", "Billing", "Billing"},
	}
}

// noDailyAccessAnswer is the answer least_privilege.policy gives to make none.
const noDailyAccessAnswer = "none"

// answer is how the answers file names the choice: its policy's path, such as
// ReadOnlyAccess or job-function/ViewOnlyAccess.
func (d DailyAccess) answer() string { return d.Policy }

// PolicyARN is the ARN of the choice's policy in partition, the one the account lives in.
func (d DailyAccess) PolicyARN(partition string) string {
	return awsclient.ManagedPolicyARN(partition, d.Policy)
}

// dailyAccessAnswer finds the choice least_privilege.policy names.
func dailyAccessAnswer(policy string) (DailyAccess, bool) {
	for _, d := range DailyAccessChoices() {
		if strings.EqualFold(d.answer(), policy) {
			return d, true
		}
	}
	return DailyAccess{}, false
}

// dailyAccessAnswers lists what least_privilege.policy may say.
func dailyAccessAnswers() string {
	names := []string{}
	for _, d := range DailyAccessChoices() {
		names = append(names, d.answer())
	}
	return strings.Join(append(names, noDailyAccessAnswer), ", ")
}

// spec is the permission set of a daily access choice, in partition.
func (d DailyAccess) spec(sessionDuration, partition string) PermissionSetSpec {
	return PermissionSetSpec{
		Name: d.Name, SessionDuration: sessionDuration, ManagedPolicies: []string{d.PolicyARN(partition)},
		Description: "Daily work with the AWS managed policy " + d.Name + " (set up by firstrun)",
	}
}

// DailyAccessRequest is what EnsureDailyAccess makes: access for daily work in one
// account, with an optional member for its group.
type DailyAccessRequest struct {
	Access          DailyAccess
	SessionDuration string
	MemberID        string // the user put in the group; "" for none
	AccountID       string
}

// EnsureDailyAccess makes the permission set and group of the request, puts the member in
// the group, and assigns the group the permission set in the account. Every part is
// looked up first, so running it again changes nothing.
func EnsureDailyAccess(ctx context.Context, admin awsclient.SSOAdminAPI, store awsclient.IdentityStoreAPI, inst Instance, req DailyAccessRequest, w Waiter) (map[string]string, error) {
	d := req.Access
	ps, err := EnsurePermissionSet(ctx, admin, inst.ARN, d.spec(req.SessionDuration, awsclient.PartitionOf(inst.ARN)), w)
	if err != nil {
		return nil, err
	}
	made, err := ensureGroupWith(ctx, store, inst, d.Group, "Daily work with "+d.Name+" (set up by firstrun)", req.MemberID)
	if err != nil {
		return nil, err
	}
	a := Assignment{AccountID: req.AccountID, PermissionSetARN: ps.ARN, PrincipalType: types.PrincipalTypeGroup, PrincipalID: made["group_id"]}
	if _, err := EnsureAssignment(ctx, admin, inst.ARN, a, w); err != nil {
		return nil, err
	}
	made["permission_set_name"], made["permission_set_arn"], made["policy_arn"] = ps.Name, ps.ARN, d.PolicyARN(awsclient.PartitionOf(inst.ARN))
	return made, nil
}
