package simulator

import (
	"fmt"
	"strings"
	"time"
)

// Scenario names the world a simulator starts with when it has no state file.
type Scenario string

const (
	// NewAccount is a brand-new standalone account. The caller is the root
	// user in a CloudShell-like session (temporary credentials); there are no
	// root access keys, no MFA, no organization and no Identity Center, and
	// the primary contact is set.
	NewAccount Scenario = "new-account"
	// RootAccessKeys is NewAccount with the caller using the root user's
	// long-term access keys.
	RootAccessKeys Scenario = "root-access-keys"
	// IAMAdminCaller is NewAccount with the caller an IAM user "admin" that
	// has AdministratorAccess and an access key.
	IAMAdminCaller Scenario = "iam-admin-caller"
	// HalfSetUp is an account whose owner has started: it manages an
	// organization, Identity Center is enabled in the home Region and the
	// root user has MFA. The caller is the root user in a session.
	HalfSetUp Scenario = "half-set-up"
	// ExistingOrganization is a member account of someone else's organization;
	// the caller is its root user in a session.
	ExistingOrganization Scenario = "existing-organization"
)

// Scenarios lists every scenario, for flags and help text.
func Scenarios() []Scenario {
	return []Scenario{NewAccount, RootAccessKeys, IAMAdminCaller, HalfSetUp, ExistingOrganization}
}

// Fixed account IDs make each scenario's output stable; they are distinct so
// that mixed-up state files are easy to spot.
const (
	newAccountID         = "412318265094"
	rootKeysAccountID    = "538214760931"
	iamAdminAccountID    = "609174283512"
	halfSetUpAccountID   = "725940381627"
	existingOrgMemberID  = "836104927351"
	existingOrgManagerID = "947261583046"
)

// newWorld builds a scenario's initial world.
func newWorld(sc Scenario, now time.Time, homeRegion string, opts Options) (*world, error) {
	now = now.UTC().Truncate(time.Second)
	w := &world{SchemaVersion: stateSchemaVersion, Scenario: sc, Seed: string(sc), Partition: opts.Partition,
		UUIDIdentityStores: opts.UUIDIdentityStores}
	w.normalize()
	switch sc {
	case NewAccount:
		a := w.addAccount(newAccountID, "Example Corp", "aws-root@example.com", now)
		w.Caller = callerRef{Principal: principalRef{Account: a.ID, Kind: kindRoot}}
	case RootAccessKeys:
		a := w.addAccount(rootKeysAccountID, "Example Corp", "aws-root@example.com", now.AddDate(-2, 0, 0))
		key := accessKey{ID: "AKIA" + w.newID(base32Upper, 16), Status: "Active", Created: now.AddDate(-1, -3, 0)}
		a.Root.AccessKeys = append(a.Root.AccessKeys, key)
		w.Caller = callerRef{Principal: principalRef{Account: a.ID, Kind: kindRoot}, AccessKeyID: key.ID}
	case IAMAdminCaller:
		a := w.addAccount(iamAdminAccountID, "Example Corp", "aws-root@example.com", now.AddDate(0, -6, 0))
		u := w.addUser(a, "admin", "/", now.AddDate(0, -6, 0))
		u.AttachedPolicies = []string{a.managedPolicyARN("AdministratorAccess")}
		key := accessKey{ID: "AKIA" + w.newID(base32Upper, 16), Status: "Active", Created: u.Created}
		u.AccessKeys = append(u.AccessKeys, key)
		w.Caller = callerRef{Principal: principalRef{Account: a.ID, Kind: kindUser, Name: u.Name}, AccessKeyID: key.ID}
	case HalfSetUp:
		created := now.AddDate(0, 0, -3)
		a := w.addAccount(halfSetUpAccountID, "Example Corp", "aws-root@example.com", created)
		a.Root.MFA = &mfaDevice{Serial: a.rootMFASerial(), Enabled: created.Add(time.Hour)}
		w.createOrganization(a, "ALL", created.Add(2*time.Hour))
		w.enableIdentityCenter(a, homeRegion, created.Add(3*time.Hour))
		w.Caller = callerRef{Principal: principalRef{Account: a.ID, Kind: kindRoot}}
	case ExistingOrganization:
		mgmt := w.addAccount(existingOrgManagerID, "Example Holdings", "aws-management@example.org", now.AddDate(-3, 0, 0))
		org := w.createOrganization(mgmt, "ALL", now.AddDate(-3, 0, 0))
		for i, m := range []struct{ name, email string }{
			{"Log Archive", "aws-log-archive@example.org"},
			{"Audit", "aws-audit@example.org"},
		} {
			w.createMemberAccount(org, m.name, m.email, now.AddDate(-3, 0, i+1))
		}
		a := w.addAccount(existingOrgMemberID, "Example Corp", "aws-root@example.com", now.AddDate(-1, 0, 0))
		w.join(a, org, "INVITED", now.AddDate(0, -1, 0))
		w.Caller = callerRef{Principal: principalRef{Account: a.ID, Kind: kindRoot}}
	default:
		return nil, fmt.Errorf("simulator: unknown scenario %q (want one of %v)", sc, Scenarios())
	}
	return w, nil
}

// addAccount creates an account as AWS sign-up leaves it: a root user with a
// password, the primary contact, and the service-linked roles every account
// gets.
func (w *world) addAccount(id, name, email string, created time.Time) *account {
	a := &account{
		ID: id, Name: name, Email: email, Created: created, Partition: w.Partition,
		IAM:     iamState{Users: map[string]*iamUser{}, Roles: map[string]*iamRole{}},
		Contact: exampleContact(name),
	}
	w.Accounts[id] = a
	for _, slr := range []struct{ name, service string }{
		{"AWSServiceRoleForSupport", "support.amazonaws.com"},
		{"AWSServiceRoleForTrustedAdvisor", "trustedadvisor.amazonaws.com"},
	} {
		w.addRole(a, slr.name, "/aws-service-role/"+slr.service+"/", serviceTrustPolicy(slr.service), created)
	}
	return a
}

func exampleContact(company string) *contactInformation {
	return &contactInformation{
		FullName:      "Alex Rivera",
		CompanyName:   company,
		AddressLine1:  "410 Terry Ave N",
		City:          "Seattle",
		StateOrRegion: "WA",
		PostalCode:    "98109",
		CountryCode:   "US",
		PhoneNumber:   "+1-206-555-0142",
		WebsiteURL:    "https://www.example.com",
	}
}

func (w *world) addUser(a *account, name, path string, created time.Time) *iamUser {
	u := &iamUser{Name: name, Path: path, ID: "AIDA" + w.newID(base32Upper, 17), Created: created}
	a.IAM.Users[strings.ToLower(name)] = u
	return u
}

func (w *world) addRole(a *account, name, path, trust string, created time.Time) *iamRole {
	r := &iamRole{Name: name, Path: path, ID: "AROA" + w.newID(base32Upper, 17), Created: created, TrustPolicy: trust}
	a.IAM.Roles[strings.ToLower(name)] = r
	return r
}

func serviceTrustPolicy(service string) string {
	return `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":"` + service + `"},"Action":"sts:AssumeRole"}]}`
}

func accountTrustPolicy(trusted *account) string {
	return `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"` + trusted.arn("iam", "root") + `"},"Action":"sts:AssumeRole"}]}`
}

func (a *account) rootMFASerial() string { return a.arn("iam", "mfa/root-account-mfa-device") }
