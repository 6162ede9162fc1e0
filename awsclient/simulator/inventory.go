package simulator

import (
	"fmt"
	"maps"
	"path"
	"slices"
	"strings"
	"time"
)

// Inventory lists what the world holds, one line per resource or setting, sorted. A line
// names resources by their chosen names and settings by their values, never by generated
// IDs, ARNs or times, so two worlds that hold the same things have equal inventories
// however (and in whatever order) they came to hold them: tests compare a run that was
// interrupted and resumed with a clean one this way. Asynchronous work counts once it has
// succeeded, as AWS's list operations show it.
func (s *Simulator) Inventory() []string {
	s.mu.Lock()
	defer s.mu.Unlock()
	now := s.now()
	var lines []string
	add := func(format string, args ...any) { lines = append(lines, fmt.Sprintf(format, args...)) }
	add("organizations: %d", len(s.world.Organizations)) // one too many is a duplicate

	for _, a := range s.world.Accounts {
		if a.Membership != nil && a.Membership.Joined.After(now) {
			continue // CreateAccount has not finished
		}
		acct := "account " + a.Name
		if org := s.world.organizationOf(a, now); org != nil {
			role := "member"
			if org.Management == a.ID {
				role = "management"
				add("%s: organization %s, trusted access %v", acct, org.FeatureSet, sorted(org.ServiceAccess))
			}
			add("%s: %s of an organization", acct, role)
		}
		add("%s: root MFA %t, root access keys %d, IAM billing access %t", acct, a.Root.MFA != nil, len(a.Root.AccessKeys), a.IAMBillingAccess)
		for _, c := range a.AlternateContacts {
			add("%s: alternate contact %s: %s, %s, %s, %s", acct, c.AlternateContactType, c.Name, c.Title, c.EmailAddress, c.PhoneNumber)
		}
		if p := a.PasswordPolicy; p != nil {
			add("%s: password policy %s", acct, passwordPolicyLine(p))
		}
		for _, u := range a.IAM.Users {
			add("%s: IAM user %s: policies %v, inline %v, access keys %d, console password %t, MFA devices %d",
				acct, u.Name, policyNames(u.AttachedPolicies), sorted(slices.Collect(maps.Keys(u.InlinePolicies))),
				len(u.AccessKeys), u.LoginProfile != nil, len(u.MFASerials))
		}
		for _, d := range a.IAM.VirtualMFADevices {
			add("%s: virtual MFA device %s, assigned to %q", acct, path.Base(d.Serial), d.User)
		}
		for _, r := range a.IAM.Roles {
			add("%s: IAM role %s: policies %v, max session %ds", acct, r.Name, policyNames(r.AttachedPolicies), r.MaxSessionDuration)
		}
		for _, b := range a.Budgets {
			add("%s: budget %s: %s %s %s %s, %d notifications", acct, b.Name, b.Type, b.TimeUnit, b.LimitAmount, b.LimitUnit, len(b.Notifications))
		}
		for _, an := range a.Analyzers {
			if an.Work.state(now) == asyncSucceeded {
				add("%s: access analyzer %s (%s) in %s", acct, an.Name, an.Type, an.Region)
			}
		}
		for _, inst := range a.IdentityCenter {
			lines = append(lines, s.identityCenterInventory(acct, inst, now)...)
		}
	}
	slices.Sort(lines)
	return lines
}

// identityCenterInventory lists an Identity Center instance's users, groups, memberships,
// permission sets and account assignments by name.
func (s *Simulator) identityCenterInventory(acct string, inst *ssoInstance, now time.Time) []string {
	prefix := fmt.Sprintf("%s: Identity Center in %s", acct, inst.Region)
	lines := []string{fmt.Sprintf("%s: status %s, sign-in MFA %q", prefix, inst.Status, inst.MFA)}
	for _, u := range inst.Users {
		lines = append(lines, fmt.Sprintf("%s: user %s (%s %s, %s)", prefix, u.UserName, u.GivenName, u.FamilyName, u.Email))
	}
	for _, g := range inst.Groups {
		lines = append(lines, fmt.Sprintf("%s: group %s", prefix, g.DisplayName))
	}
	for _, m := range inst.Memberships {
		lines = append(lines, fmt.Sprintf("%s: %s in group %s", prefix, inst.principalName("USER", m.UserID), inst.principalName("GROUP", m.GroupID)))
	}
	for _, ps := range inst.PermissionSets {
		lines = append(lines, fmt.Sprintf("%s: permission set %s: session %s, policies %v", prefix, ps.Name, ps.SessionDuration, policyNames(ps.ManagedPolicies)))
	}
	assigned := map[string]bool{}
	for _, req := range inst.AssignmentRequests {
		if req.Work.state(now) != asyncSucceeded {
			continue
		}
		target := req.AccountID
		if a := s.world.Accounts[target]; a != nil {
			target = a.Name
		}
		ps := req.PermissionSetARN
		if p := inst.PermissionSets[ps]; p != nil {
			ps = p.Name
		}
		assigned[fmt.Sprintf("%s: %s %s has %s in account %s", prefix, strings.ToLower(req.PrincipalType), inst.principalName(req.PrincipalType, req.PrincipalID), ps, target)] = true
	}
	return append(lines, slices.Collect(maps.Keys(assigned))...)
}

// principalName names an identity store user or group, or says it is gone.
func (inst *ssoInstance) principalName(kind, id string) string {
	switch {
	case kind == "USER" && inst.Users[id] != nil:
		return inst.Users[id].UserName
	case kind == "GROUP" && inst.Groups[id] != nil:
		return inst.Groups[id].DisplayName
	}
	return "(deleted " + strings.ToLower(kind) + ")"
}

// policyNames turns policy ARNs into names, sorted.
func policyNames(arns []string) []string {
	names := make([]string, len(arns))
	for i, arn := range arns {
		names[i] = path.Base(arn)
	}
	return sorted(names)
}

func sorted(list []string) []string { return slices.Sorted(slices.Values(list)) }

// passwordPolicyLine is a password policy with its optional numbers spelled out.
func passwordPolicyLine(p *passwordPolicy) string {
	opt := func(v *int) string {
		if v == nil {
			return "-"
		}
		return fmt.Sprint(*v)
	}
	return fmt.Sprintf("length %d, symbols %t, numbers %t, upper %t, lower %t, users change %t, max age %s, reuse %s",
		p.MinimumLength, p.RequireSymbols, p.RequireNumbers, p.RequireUppercase, p.RequireLowercase,
		p.AllowUsersToChange, opt(p.MaxAge), opt(p.ReusePrevention))
}
