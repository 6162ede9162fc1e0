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
	Policy string // AWS managed policy ARN
	Name   string // of the permission set, after the policy
	Group  string
}

// DailyAccessChoices are the permission sets the least-privilege step offers: the two
// broad AWS managed policies, then the job-function policies.
func DailyAccessChoices() []DailyAccess {
	const jobFunction = awsManagedPolicy + "job-function/"
	return []DailyAccess{
		{"ReadOnlyAccess: read everything, change nothing", awsManagedPolicy + "ReadOnlyAccess", "ReadOnlyAccess", "ReadOnly"},
		{"PowerUserAccess: everything except users, groups and permissions", awsManagedPolicy + "PowerUserAccess", "PowerUserAccess", "PowerUsers"},
		{"Job function ViewOnlyAccess: list resources, not read their data", jobFunction + "ViewOnlyAccess", "ViewOnlyAccess", "ViewOnly"},
		{"Job function SystemAdministrator", jobFunction + "SystemAdministrator", "SystemAdministrator", "SystemAdministrators"},
		{"Job function DatabaseAdministrator", jobFunction + "DatabaseAdministrator", "DatabaseAdministrator", "DatabaseAdministrators"},
		{"Job function NetworkAdministrator", jobFunction + "NetworkAdministrator", "NetworkAdministrator", "NetworkAdministrators"},
		{"Job function DataScientist", jobFunction + "DataScientist", "DataScientist", "DataScientists"},
		{"Job function SupportUser: AWS Support cases and troubleshooting", jobFunction + "SupportUser", "SupportUser", "SupportUsers"},
		{"Job function Billing: bills, payments and budgets", jobFunction + "Billing", "Billing", "Billing"},
	}
}

// awsManagedPolicy begins the ARN of every AWS managed policy.
const awsManagedPolicy = "arn:aws:iam::aws:policy/"

// noDailyAccessAnswer is the answer least_privilege.policy gives to make none.
const noDailyAccessAnswer = "none"

// answer is how the answers file names the choice: its policy's name after
// arn:aws:iam::aws:policy/, such as ReadOnlyAccess or job-function/ViewOnlyAccess.
func (d DailyAccess) answer() string { return strings.TrimPrefix(d.Policy, awsManagedPolicy) }

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

// spec is the permission set of a daily access choice.
func (d DailyAccess) spec(sessionDuration string) PermissionSetSpec {
	return PermissionSetSpec{
		Name: d.Name, SessionDuration: sessionDuration, ManagedPolicies: []string{d.Policy},
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
	ps, err := EnsurePermissionSet(ctx, admin, inst.ARN, d.spec(req.SessionDuration), w)
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
	made["permission_set_name"], made["permission_set_arn"], made["policy_arn"] = ps.Name, ps.ARN, d.Policy
	return made, nil
}
