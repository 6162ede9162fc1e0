package billing

import (
	"github.com/firstrun/firstrun/steps/step"
)

// withIdentityCenter adds to the role's inspection what Identity Center has for billing
// work and what will change there.
func withIdentityCenter(in step.Inspection, b IdentityCenterBilling) step.Inspection {
	ps := "not made yet"
	switch {
	case b.HasPermissionSet && b.HasPolicy():
		ps = "has the Billing policy, sessions of " + b.PermissionSet.SessionDuration
	case b.HasPermissionSet:
		ps = "exists, without the Billing policy"
	}
	group := "not made yet"
	if b.GroupID != "" {
		group = "exists"
	}
	assigned := "no"
	if b.Assigned {
		assigned = "yes"
	}
	in.Facts = append(in.Facts,
		step.Fact{Label: "Identity Center", Value: b.Instance.Region},
		step.Fact{Label: "Permission set " + BillingPermissionSetName, Value: ps, Good: good(b.HasPermissionSet && b.HasPolicy())},
		step.Fact{Label: "Group " + b.Group, Value: group, Good: good(b.GroupID != "")},
		step.Fact{Label: "Group has it in this account", Value: assigned, Good: good(b.Assigned)},
	)
	in.Satisfied = in.Satisfied && b.Ready()
	in.Changes = append(in.Changes, identityCenterChanges(b)...)
	if b.Ready() {
		if in.Resources == nil {
			in.Resources = map[string]string{}
		}
		in.Resources["permission_set_name"], in.Resources["permission_set_arn"] = b.PermissionSet.Name, b.PermissionSet.ARN
		in.Resources["group_name"], in.Resources["group_id"], in.Resources["policy_arn"] = b.Group, b.GroupID, BillingPolicyARN
	}
	return in
}

// identityCenterChanges say what EnsureIdentityCenterBilling does for b.
func identityCenterChanges(b IdentityCenterBilling) []string {
	var changes []string
	switch {
	case !b.HasPermissionSet:
		changes = append(changes, "Create the permission set "+BillingPermissionSetName+" with the Billing policy and "+
			"sessions of "+b.sessionDuration()+" (sso:CreatePermissionSet)")
	case !b.HasPolicy():
		changes = append(changes, "Attach the Billing policy to the permission set "+BillingPermissionSetName+
			", and update the accounts that have it (sso:AttachManagedPolicyToPermissionSet)")
	}
	if b.GroupID == "" {
		changes = append(changes, "Create the group "+b.Group+", empty: add the people who do billing work to it in "+
			"the Identity Center console (identitystore:CreateGroup)")
	}
	if !b.Assigned {
		changes = append(changes, "Give the group "+b.Group+" the permission set in this account, and wait for AWS "+
			"(sso:CreateAccountAssignment)")
	}
	return changes
}

func good(ok bool) *bool {
	if ok {
		return step.Yes()
	}
	return step.No()
}
