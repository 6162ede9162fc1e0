package simulator

import (
	"errors"
	"fmt"
	"regexp"
	"strings"
	"time"
)

// Console does what a person does in the AWS console where no API exists.
// Each action acts as the root user of the caller's account, saves the
// world, and is recorded in the call log with Service "console" so that
// tests can tell it from the program's own calls.
type Console struct{ s *Simulator }

// IdentityCenter describes an Identity Center instance.
type IdentityCenter struct {
	InstanceARN     string `json:"instance_arn"`
	IdentityStoreID string `json:"identity_store_id"`
	Region          string `json:"region"`
}

// do runs one console action under the world lock.
func (c *Console) do(action, region string, fn func(w *world, a *account, now time.Time) error) error {
	s := c.s
	s.mu.Lock()
	now := s.now()
	a := s.world.Accounts[s.world.Caller.Principal.Account]
	err := fn(s.world, a, now)
	if err == nil {
		err = s.save()
	}
	s.mu.Unlock()
	call := Call{Time: now, Service: "console", Operation: action, Account: a.ID, Region: region, Mutating: true}
	if err != nil {
		call.ErrorCode = "ConsoleError"
	}
	s.calls.add(call)
	return err
}

// EnableRootMFA assigns a virtual MFA device to the root user, as the
// owner does on the root user's Security credentials page. It does nothing
// if the root user already has MFA.
func (c *Console) EnableRootMFA() error {
	return c.do("EnableRootMFA", "", func(_ *world, a *account, now time.Time) error {
		if a.Root.MFA == nil {
			a.Root.MFA = &mfaDevice{Serial: a.rootMFASerial(), Enabled: now.Truncate(time.Second)}
		}
		return nil
	})
}

// EnableIdentityCenter enables the organization instance of IAM Identity
// Center in region. Like the console, it first creates an organization with
// all features if the account has none. An organization has at most one
// instance, so enabling it again in the same Region returns the existing
// one and another Region is an error.
func (c *Console) EnableIdentityCenter(region string) (IdentityCenter, error) {
	var out IdentityCenter
	err := c.do("EnableIdentityCenter", region, func(w *world, a *account, now time.Time) error {
		if region == "" {
			return errors.New("simulator: console: EnableIdentityCenter needs a Region")
		}
		for r, inst := range a.IdentityCenter {
			switch {
			case inst.AccountInstance:
				return fmt.Errorf("simulator: console: this account has an account instance of Identity Center in %s; delete it before enabling the organization instance", r)
			case r != region:
				return fmt.Errorf("simulator: console: Identity Center is already enabled in %s", r)
			}
		}
		// Membership times are not truncated: an organization created this second counts.
		switch org := w.organizationOf(a, now); {
		case org == nil:
			w.createOrganization(a, "ALL", now.Truncate(time.Second))
		case org.Management != a.ID:
			return fmt.Errorf("simulator: console: account %s is a member of %s; only its management account can enable the organization instance of Identity Center", a.ID, org.ID)
		case org.FeatureSet != "ALL":
			return fmt.Errorf("simulator: console: organization %s has only consolidated billing; Identity Center needs all features", org.ID)
		}
		inst := a.IdentityCenter[region]
		if inst == nil {
			inst = w.enableIdentityCenter(a, region, now.Truncate(time.Second))
		}
		out = IdentityCenter{InstanceARN: inst.ARN, IdentityStoreID: inst.IdentityStoreID, Region: region}
		return nil
	})
	return out, err
}

// EnableAccountInstance enables an account instance of IAM Identity Center in region, as
// the console offers a standalone or member account (and as sso:CreateInstance does): it
// serves applications, and can't give people access to AWS accounts. AWS refuses one in
// an organization's management account, and an account has at most one instance.
func (c *Console) EnableAccountInstance(region string) (IdentityCenter, error) {
	var out IdentityCenter
	err := c.do("EnableAccountInstance", region, func(w *world, a *account, now time.Time) error {
		if region == "" {
			return errors.New("simulator: console: EnableAccountInstance needs a Region")
		}
		if org := w.organizationOf(a, now); org != nil && org.Management == a.ID {
			return fmt.Errorf("simulator: console: account %s is the management account of %s, which can't have an account instance of Identity Center", a.ID, org.ID)
		}
		for r := range a.IdentityCenter {
			return fmt.Errorf("simulator: console: Identity Center is already enabled in %s", r)
		}
		inst := w.enableIdentityCenter(a, region, now.Truncate(time.Second))
		inst.AccountInstance = true
		out = IdentityCenter{InstanceARN: inst.ARN, IdentityStoreID: inst.IdentityStoreID, Region: region}
		return nil
	})
	return out, err
}

// ChangeRootPassword changes the root user's password, as the owner does on
// the root user's Security credentials page after signing in with the old
// one. The simulator keeps no password, only that it was used.
func (c *Console) ChangeRootPassword() error {
	return c.do("ChangeRootPassword", "", func(_ *world, a *account, now time.Time) error {
		used := now.Truncate(time.Second)
		a.Root.PasswordLastUsed = &used
		return nil
	})
}

// DeleteRootAccessKeys deletes every access key of the root user, as the
// owner does on the root user's Security credentials page. Requests signed
// with those keys fail from then on.
func (c *Console) DeleteRootAccessKeys() error {
	return c.do("DeleteRootAccessKeys", "", func(_ *world, a *account, _ time.Time) error {
		for _, k := range a.Root.AccessKeys {
			delete(c.s.vault.secretKeys, k.ID)
		}
		a.Root.AccessKeys = nil
		return nil
	})
}

// ActivateIAMBillingAccess turns on "IAM user and role access to Billing information" on
// the root user's Account page, as only the root user can. Activating it again changes
// nothing.
func (c *Console) ActivateIAMBillingAccess() error {
	return c.do("ActivateIAMBillingAccess", "", func(_ *world, a *account, _ time.Time) error {
		a.IAMBillingAccess = true
		return nil
	})
}

// IAMBillingAccess reports the setting as the root user sees it on the Account page; AWS
// offers no API that reads it.
func (c *Console) IAMBillingAccess() bool {
	c.s.mu.Lock()
	defer c.s.mu.Unlock()
	return c.s.world.Accounts[c.s.world.Caller.Principal.Account].IAMBillingAccess
}

// identityCenter finds the account's Identity Center instance in region, as
// the console does once the operator picks the Region.
func identityCenterIn(a *account, region string) (*ssoInstance, error) {
	inst := a.IdentityCenter[region]
	if inst == nil {
		return nil, fmt.Errorf("simulator: console: Identity Center is not enabled in %q", region)
	}
	inst.initStore()
	return inst, nil
}

// RequireIdentityCenterMFA sets Identity Center to ask for MFA at every
// sign-in, with authenticator apps and security keys allowed, as on the
// console's Authentication settings page. No API reads this back.
func (c *Console) RequireIdentityCenterMFA(region string) error {
	return c.do("RequireIdentityCenterMFA", region, func(_ *world, a *account, _ time.Time) error {
		inst, err := identityCenterIn(a, region)
		if err != nil {
			return err
		}
		inst.MFA = "every-sign-in; authenticator-apps, security-keys"
		return nil
	})
}

// CustomizePortalURL gives the access portal in region the address
// https://<subdomain>.awsapps.com/start, as the console's Settings page does. AWS allows it
// once per instance, with a subdomain no other portal uses, of letters, digits and
// hyphens.
func (c *Console) CustomizePortalURL(region, subdomain string) error {
	return c.do("CustomizePortalURL", region, func(w *world, a *account, _ time.Time) error {
		inst, err := identityCenterIn(a, region)
		if err != nil {
			return err
		}
		if inst.PortalSubdomain != "" {
			return fmt.Errorf("simulator: console: the access portal's address is already customized, as %s", inst.PortalSubdomain)
		}
		if !portalSubdomain.MatchString(subdomain) || strings.HasPrefix(subdomain, "d-") {
			return fmt.Errorf("simulator: console: %q is not a subdomain AWS allows", subdomain)
		}
		for _, other := range w.Accounts {
			for _, i := range other.IdentityCenter {
				if i.PortalSubdomain == subdomain {
					return fmt.Errorf("simulator: console: the subdomain %s is taken", subdomain)
				}
			}
		}
		inst.PortalSubdomain = subdomain
		return nil
	})
}

// portalSubdomain is what a custom access portal subdomain may be.
var portalSubdomain = regexp.MustCompile(`^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$`)

// InviteIdentityCenterUser sends a directory user the email that verifies
// the address and sets a password (the console's "Send email verification
// link"), which a user created through the API never gets by itself.
func (c *Console) InviteIdentityCenterUser(region, userName string) error {
	return c.do("InviteIdentityCenterUser", region, func(_ *world, a *account, now time.Time) error {
		inst, err := identityCenterIn(a, region)
		if err != nil {
			return err
		}
		u := inst.userNamed(userName)
		if u == nil {
			return fmt.Errorf("simulator: console: no user %q in identity store %s", userName, inst.IdentityStoreID)
		}
		if u.Invited == nil {
			t := now.Truncate(time.Second)
			u.Invited = &t
		}
		return nil
	})
}

// ApproveDeviceSignIn does what a user does on the verification page of the
// device flow: signs in to the access portal as userName and approves every
// pending sign-in request of the instance in region.
func (c *Console) ApproveDeviceSignIn(region, userName string) error {
	return c.do("ApproveDeviceSignIn", region, func(_ *world, a *account, now time.Time) error {
		inst, err := identityCenterIn(a, region)
		if err != nil {
			return err
		}
		u := inst.userNamed(userName)
		if u == nil {
			return fmt.Errorf("simulator: console: no user %q in identity store %s", userName, inst.IdentityStoreID)
		}
		if c.s.vault.oidc.approveDevices(a.ID, region, u.ID, now) == 0 {
			return errors.New("simulator: console: no sign-in request is waiting for approval")
		}
		return nil
	})
}

// LeaveRootOutOfCredentialReports makes the credential reports generated from now on
// lack the <root_account> row, or have it again: a report that says nothing of the
// root user, which a reader must not take for a root user with nothing to fix.
func (c *Console) LeaveRootOutOfCredentialReports(leave bool) error {
	return c.do("LeaveRootOutOfCredentialReports", "", func(_ *world, a *account, _ time.Time) error {
		a.ReportsWithoutRoot = leave
		return nil
	})
}
