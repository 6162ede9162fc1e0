package billing

import (
	"context"
	"slices"

	"github.com/aws/aws-sdk-go-v2/service/ssoadmin/types"

	"github.com/firstrun/firstrun/awsclient"
	step "github.com/firstrun/firstrun/steps/core"
	"github.com/firstrun/firstrun/steps/identitycenter"
)

// With IAM Identity Center, people sign in through the access portal rather than as IAM
// users, and get permissions from permission sets given to their groups. The billing
// role's screen then also offers billing work that way: a Billing permission set with the
// same AWS managed policy, given to a group in this account.

// BillingPermissionSetName names the permission set. It is the name the least-privilege
// step gives its Billing choice, so the two steps find one permission set, not two.
const BillingPermissionSetName = "Billing"

// DefaultBillingGroup is the Identity Center group that gets the permission set.
const DefaultBillingGroup = "Billing"

// IdentityCenterBilling is what Identity Center has for billing work.
type IdentityCenterBilling struct {
	Instance identitycenter.Instance
	Group    string
	// Policy is the Billing policy's ARN in the caller's partition.
	Policy string
	// PermissionSet is the Billing permission set, when HasPermissionSet.
	PermissionSet    identitycenter.PermissionSet
	HasPermissionSet bool
	GroupID          string // "" when the group does not exist
	// Assigned reports whether the group holds the permission set in this account.
	Assigned bool
}

// HasPolicy reports whether the permission set has the Billing policy.
func (b IdentityCenterBilling) HasPolicy() bool {
	return slices.Contains(b.PermissionSet.ManagedPolicies, b.Policy)
}

// Ready reports whether the group can do billing work in this account.
func (b IdentityCenterBilling) Ready() bool {
	return b.HasPermissionSet && b.HasPolicy() && b.GroupID != "" && b.Assigned
}

// sessionDuration is the permission set's session duration: the one it has, which
// firstrun leaves alone, or the default for a new one.
func (b IdentityCenterBilling) sessionDuration() string {
	if b.HasPermissionSet && b.PermissionSet.SessionDuration != "" {
		return b.PermissionSet.SessionDuration
	}
	return identitycenter.DefaultSessionDuration
}

// access is the permission set and group as identitycenter makes them.
func (b IdentityCenterBilling) access() identitycenter.DailyAccess {
	return identitycenter.DailyAccess{Label: "Billing", Policy: billingPolicy, Name: BillingPermissionSetName, Group: b.Group}
}

// ReadIdentityCenterBilling reads the Billing permission set, the group and whether the
// group holds it in the caller's account. It changes nothing.
func ReadIdentityCenterBilling(ctx context.Context, admin awsclient.SSOAdminAPI, store awsclient.IdentityStoreAPI,
	inst identitycenter.Instance, caller awsclient.Identity, group string) (IdentityCenterBilling, error) {
	account := caller.Account
	b := IdentityCenterBilling{Instance: inst, Group: group, Policy: BillingPolicyARN(caller.Partition())}
	var err error
	if b.PermissionSet, b.HasPermissionSet, err = identitycenter.FindPermissionSet(ctx, admin, inst.ARN, BillingPermissionSetName); err != nil {
		return b, err
	}
	if b.GroupID, _, err = identitycenter.FindGroup(ctx, store, inst.IdentityStoreID, group); err != nil || b.GroupID == "" || !b.HasPermissionSet {
		return b, err
	}
	b.Assigned, err = identitycenter.HasAssignment(ctx, admin, inst.ARN, identitycenter.Assignment{
		AccountID: account, PermissionSetARN: b.PermissionSet.ARN, PrincipalType: types.PrincipalTypeGroup, PrincipalID: b.GroupID})
	return b, err
}

// EnsureIdentityCenterBilling makes what b lacks: the permission set (or its policy), the
// group, which starts empty, and the assignment, waiting for AWS to finish it. It keeps
// the session duration of a permission set that exists. It returns the identifiers of
// the permission set and the group.
func EnsureIdentityCenterBilling(ctx context.Context, admin awsclient.SSOAdminAPI, store awsclient.IdentityStoreAPI,
	b IdentityCenterBilling, account string, w identitycenter.Waiter) (map[string]string, error) {
	return identitycenter.EnsureDailyAccess(ctx, admin, store, b.Instance, identitycenter.DailyAccessRequest{
		Access: b.access(), SessionDuration: b.sessionDuration(), AccountID: account,
	}, w)
}

// identityCenterFor finds the Identity Center instance where billing work can be given
// to a group: the one the identity-center step recorded, or found again in the Identity
// Center Region. ok is false when Identity Center is not enabled, when its users and
// groups come from another source (groups are then made there), or when AWS can't be
// read: the offer is optional, and the role does not depend on it.
func identityCenterFor(ctx context.Context, env step.Env) (inst identitycenter.Instance, ok bool) {
	source := identitycenter.Source(env.Saved.Resource("identity-source", "source"))
	if source != "" && source != identitycenter.SourceDirectory {
		return identitycenter.Instance{}, false
	}
	inst, err := identitycenter.LoadInstance(ctx, env)
	return inst, err == nil
}
