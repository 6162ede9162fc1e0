package simulator

import (
	"strings"
	"time"
)

// TestCredentials are the credentials of the root user (User empty) or of an
// IAM user, set directly in the world for tests of what reads them (the
// credential report), apart from the operations that normally set them.
type TestCredentials struct {
	User     string
	Created  time.Time // the IAM user's creation; ignored for the root user
	Password *TestPassword
	MFA      bool // an MFA device listed on the user (or the root user's)
	// VirtualMFA is a virtual MFA device enabled for the IAM user.
	VirtualMFA bool
	Keys       []TestKey
}

// TestPassword is a console password's metadata.
type TestPassword struct {
	Set      time.Time
	LastUsed *time.Time
}

// TestKey is an access key's public half.
type TestKey struct {
	Created         time.Time
	Inactive        bool
	LastUsed        *time.Time
	LastUsedService string
	LastUsedRegion  string
}

// SetCredentialsForTest creates or replaces the credentials c describes.
func (s *Simulator) SetCredentialsForTest(c TestCredentials) {
	s.mu.Lock()
	defer s.mu.Unlock()
	a := s.world.Accounts[s.world.Caller.Principal.Account]
	keys := make([]accessKey, 0, len(c.Keys))
	for _, k := range c.Keys {
		status := "Active"
		if k.Inactive {
			status = "Inactive"
		}
		keys = append(keys, accessKey{ID: "AKIA" + s.world.newID(base32Upper, 16), Status: status, Created: k.Created,
			LastUsed: k.LastUsed, LastUsedService: k.LastUsedService, LastUsedRegion: k.LastUsedRegion})
	}
	if c.User == "" {
		a.Root.AccessKeys = keys
		a.Root.MFA = nil
		if c.MFA {
			a.Root.MFA = &mfaDevice{Serial: a.rootMFASerial(), Enabled: a.Created}
		}
		if c.Password != nil {
			a.Root.PasswordLastUsed = c.Password.LastUsed
		}
		return
	}
	u := a.user(c.User)
	if u == nil {
		u = s.world.addUser(a, c.User, "/", c.Created)
	}
	u.AccessKeys, u.LoginProfile, u.MFASerials = keys, nil, nil
	if c.Password != nil {
		u.LoginProfile = &loginProfile{Created: c.Password.Set, PasswordLastUsed: c.Password.LastUsed}
	}
	serial := "arn:aws:iam::" + a.ID + ":mfa/" + strings.ToLower(c.User)
	if c.MFA {
		u.MFASerials = []string{serial}
	}
	if c.VirtualMFA {
		if a.IAM.VirtualMFADevices == nil {
			a.IAM.VirtualMFADevices = map[string]*virtualMFADevice{}
		}
		enabled := c.Created
		a.IAM.VirtualMFADevices[serial] = &virtualMFADevice{Serial: serial, Created: c.Created, User: c.User, Enabled: &enabled}
	}
}
