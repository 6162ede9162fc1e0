package simulator

import (
	"sort"
	"strings"
	"time"
)

// world is everything the simulated AWS holds. It is exactly what the state
// file stores, so it must never hold a secret (MFA seed, password, secret
// access key, session token): those live in the vault.
type world struct {
	SchemaVersion int `json:"schema_version"`
	// Partition is where new accounts live; "" is "aws".
	Partition string   `json:"partition,omitempty"`
	Scenario  Scenario `json:"scenario"`
	// UUIDIdentityStores: see Options.UUIDIdentityStores.
	UUIDIdentityStores bool `json:"uuid_identity_stores,omitempty"`
	// Seed and Seq make generated IDs deterministic per scenario and unique
	// across restarts.
	Seed          string                   `json:"seed"`
	Seq           uint64                   `json:"seq"`
	Caller        callerRef                `json:"caller"`
	Accounts      map[string]*account      `json:"accounts"`
	Organizations map[string]*organization `json:"organizations"`
}

// callerRef is who the scenario's operator is and how they sign in: with a
// long-term access key, or (AccessKeyID empty) with temporary credentials
// minted at every start, as CloudShell hands them out.
type callerRef struct {
	Principal   principalRef `json:"principal"`
	AccessKeyID string       `json:"access_key_id,omitempty"`
}

type account struct {
	ID string `json:"id"`
	// Partition is the AWS partition the account lives in; "" is "aws".
	Partition string    `json:"partition,omitempty"`
	Name      string    `json:"name"`
	Email     string    `json:"email"`
	Created   time.Time `json:"created"`
	// Membership is nil for a standalone account.
	Membership *membership         `json:"membership,omitempty"`
	Root       rootUser            `json:"root"`
	IAM        iamState            `json:"iam"`
	Contact    *contactInformation `json:"contact,omitempty"`
	// IdentityCenter holds the account's Identity Center instance by Region.
	IdentityCenter map[string]*ssoInstance `json:"identity_center,omitempty"`
	// IAMBillingAccess is the root user's console setting "IAM user and role access to
	// Billing information". No API reads or changes it; see Console.ActivateIAMBillingAccess.
	IAMBillingAccess bool `json:"iam_billing_access,omitempty"`
	// Budgets are the account's AWS Budgets by name (names are case-sensitive).
	Budgets map[string]*budget `json:"budgets,omitempty"`
	// PasswordPolicy is the IAM account password policy; nil when none is set.
	PasswordPolicy *passwordPolicy `json:"password_policy,omitempty"`
	// CredentialReport is the latest IAM credential report; nil before the first.
	CredentialReport *credentialReport `json:"credential_report,omitempty"`
	// ReportsWithoutRoot makes the next credential reports leave out the
	// <root_account> row (Console.LeaveRootOutOfCredentialReports).
	ReportsWithoutRoot bool `json:"reports_without_root,omitempty"`
	// Analyzers are the IAM Access Analyzer analyzers by ARN (which names the Region).
	Analyzers map[string]*analyzer `json:"analyzers,omitempty"`
	// SharedResources are resources whose policies let principals outside the
	// account in: what Access Analyzer reports as external access.
	SharedResources []sharedResource `json:"shared_resources,omitempty"`
	// AlternateContacts are the billing, operations and security contacts by
	// type (BILLING, OPERATIONS, SECURITY); a type is missing until set.
	AlternateContacts map[string]*alternateContact `json:"alternate_contacts,omitempty"`
}

type membership struct {
	Organization string `json:"organization"`
	JoinedMethod string `json:"joined_method"` // CREATED or INVITED
	// Joined may lie in the future while CreateAccount is still running: the
	// account is not visible until then.
	Joined time.Time `json:"joined"`
}

type rootUser struct {
	MFA              *mfaDevice  `json:"mfa,omitempty"`
	AccessKeys       []accessKey `json:"access_keys,omitempty"`
	PasswordLastUsed *time.Time  `json:"password_last_used,omitempty"`
	// NoPassword is true for a root user without a password: a member account created
	// while the organization manages root credentials centrally, or one whose password
	// the management account deleted.
	NoPassword bool `json:"no_password,omitempty"`
}

type mfaDevice struct {
	Serial  string    `json:"serial"`
	Enabled time.Time `json:"enabled"`
}

// accessKey is a long-term key's public half; its secret is in the vault.
type accessKey struct {
	ID      string    `json:"id"`
	Status  string    `json:"status"` // Active or Inactive
	Created time.Time `json:"created"`
	// LastUsed is nil for a key never used; the credential report says N/A then.
	LastUsed        *time.Time `json:"last_used,omitempty"`
	LastUsedService string     `json:"last_used_service,omitempty"`
	LastUsedRegion  string     `json:"last_used_region,omitempty"`
}

type iamState struct {
	// Users and Roles are keyed by lower-case name: IAM names are unique
	// regardless of case.
	Users map[string]*iamUser `json:"users"`
	Roles map[string]*iamRole `json:"roles"`
	// VirtualMFADevices are keyed by serial number. Their seeds live in the
	// vault, never here.
	VirtualMFADevices map[string]*virtualMFADevice `json:"virtual_mfa_devices,omitempty"`
}

type iamUser struct {
	Name             string      `json:"name"`
	Path             string      `json:"path"`
	ID               string      `json:"id"`
	Created          time.Time   `json:"created"`
	AttachedPolicies []string    `json:"attached_policies,omitempty"`
	AccessKeys       []accessKey `json:"access_keys,omitempty"`
	// LoginProfile is the console password's metadata; nil without one. The
	// password itself is never kept.
	LoginProfile *loginProfile `json:"login_profile,omitempty"`
	// MFASerials are the serial numbers of the MFA devices enabled for the user.
	MFASerials []string `json:"mfa_serials,omitempty"`
	// InlinePolicies are the user's inline policy documents by policy name.
	InlinePolicies map[string]string `json:"inline_policies,omitempty"`
}

type loginProfile struct {
	Created               time.Time  `json:"created"`
	PasswordResetRequired bool       `json:"password_reset_required"`
	PasswordLastUsed      *time.Time `json:"password_last_used,omitempty"`
}

// virtualMFADevice is a virtual MFA device; User is empty until it is enabled for one.
type virtualMFADevice struct {
	Serial  string     `json:"serial"`
	Created time.Time  `json:"created"`
	User    string     `json:"user,omitempty"`
	Enabled *time.Time `json:"enabled,omitempty"`
}

type iamRole struct {
	Name             string    `json:"name"`
	Path             string    `json:"path"`
	ID               string    `json:"id"`
	Created          time.Time `json:"created"`
	Description      string    `json:"description,omitempty"`
	TrustPolicy      string    `json:"trust_policy"`
	AttachedPolicies []string  `json:"attached_policies,omitempty"`
	// MaxSessionDuration is in seconds; 0 means IAM's default of one hour.
	MaxSessionDuration int `json:"max_session_duration,omitempty"`
}

type organization struct {
	ID         string    `json:"id"`
	RootID     string    `json:"root_id"`
	FeatureSet string    `json:"feature_set"`
	Management string    `json:"management"`
	Created    time.Time `json:"created"`
	// CreateAccountRequests are CreateAccount's asynchronous requests by ID.
	CreateAccountRequests map[string]*createAccountRequest `json:"create_account_requests,omitempty"`
	// ServiceAccess lists the service principals with trusted access.
	ServiceAccess []string `json:"service_access,omitempty"`
	// RootFeatures are IAM's centralized root access features the organization has on:
	// RootCredentialsManagement, RootSessions.
	RootFeatures []string `json:"root_features,omitempty"`
}

type ssoInstance struct {
	ARN             string    `json:"arn"`
	IdentityStoreID string    `json:"identity_store_id"`
	Region          string    `json:"region"`
	Status          string    `json:"status"`
	Created         time.Time `json:"created"`
	// AccountInstance marks an account instance, made in a standalone or member account: it
	// serves applications but can't give anyone access to AWS accounts. ListInstances does
	// not say which kind an instance is; its OwnerAccountId tells them apart, since only a
	// management account owns an organization instance, and a management account can't own
	// an account instance.
	AccountInstance bool `json:"account_instance,omitempty"`
	// PortalSubdomain is the access portal's custom subdomain, chosen once in the console's
	// settings; "" until then.
	PortalSubdomain string `json:"portal_subdomain,omitempty"`
	// The identity store's users, groups and memberships, by ID.
	Users       map[string]*storeUser       `json:"users,omitempty"`
	Groups      map[string]*storeGroup      `json:"groups,omitempty"`
	Memberships map[string]*storeMembership `json:"memberships,omitempty"`
	// PermissionSets are keyed by ARN; the requests by their request ID.
	PermissionSets       map[string]*permissionSet       `json:"permission_sets,omitempty"`
	AssignmentRequests   map[string]*assignmentRequest   `json:"assignment_requests,omitempty"`
	ProvisioningRequests map[string]*provisioningRequest `json:"provisioning_requests,omitempty"`
	// MFA is the sign-in MFA setting chosen in the console; empty until then.
	MFA string `json:"mfa,omitempty"`
}

// budget is an AWS Budgets budget with its notifications.
type budget struct {
	Name        string          `json:"name"`
	Type        string          `json:"type"`      // COST, USAGE, ...
	TimeUnit    string          `json:"time_unit"` // MONTHLY, ...
	LimitAmount string          `json:"limit_amount"`
	LimitUnit   string          `json:"limit_unit"`
	CostTypes   map[string]bool `json:"cost_types,omitempty"`
	Start       time.Time       `json:"start"`
	End         time.Time       `json:"end"`
	Updated     time.Time       `json:"updated"`

	Notifications []*budgetNotification `json:"notifications,omitempty"`
}

// budgetNotification is when a budget alerts, and whom.
type budgetNotification struct {
	Type          string             `json:"type"`       // ACTUAL or FORECASTED
	Comparison    string             `json:"comparison"` // GREATER_THAN, LESS_THAN, EQUAL_TO
	Threshold     float64            `json:"threshold"`
	ThresholdType string             `json:"threshold_type"` // PERCENTAGE or ABSOLUTE_VALUE
	Subscribers   []budgetSubscriber `json:"subscribers"`
}

type budgetSubscriber struct {
	Type    string `json:"type"` // EMAIL or SNS
	Address string `json:"address"`
}

// contactInformation is the Account API's ContactInformation shape; the
// state file uses the wire names too.
type contactInformation struct {
	AddressLine1     string `json:"AddressLine1"`
	AddressLine2     string `json:"AddressLine2,omitempty"`
	AddressLine3     string `json:"AddressLine3,omitempty"`
	City             string `json:"City"`
	CompanyName      string `json:"CompanyName,omitempty"`
	CountryCode      string `json:"CountryCode"`
	DistrictOrCounty string `json:"DistrictOrCounty,omitempty"`
	FullName         string `json:"FullName"`
	PhoneNumber      string `json:"PhoneNumber"`
	PostalCode       string `json:"PostalCode"`
	StateOrRegion    string `json:"StateOrRegion,omitempty"`
	WebsiteURL       string `json:"WebsiteUrl,omitempty"`
}

// alternateContact is the Account API's AlternateContact shape; the state
// file uses the wire names too.
type alternateContact struct {
	AlternateContactType string `json:"AlternateContactType"`
	EmailAddress         string `json:"EmailAddress"`
	Name                 string `json:"Name"`
	PhoneNumber          string `json:"PhoneNumber"`
	Title                string `json:"Title"`
}

// normalize gives a freshly decoded world non-nil maps.
func (w *world) normalize() {
	if w.Accounts == nil {
		w.Accounts = map[string]*account{}
	}
	if w.Organizations == nil {
		w.Organizations = map[string]*organization{}
	}
	for _, a := range w.Accounts {
		if a.IAM.Users == nil {
			a.IAM.Users = map[string]*iamUser{}
		}
		if a.IAM.Roles == nil {
			a.IAM.Roles = map[string]*iamRole{}
		}
	}
}

// organizationOf returns the organization a account belongs to, if any,
// counting it a member only once it has joined.
func (w *world) organizationOf(a *account, now time.Time) *organization {
	if a == nil || a.Membership == nil || a.Membership.Joined.After(now) {
		return nil
	}
	return w.Organizations[a.Membership.Organization]
}

// members lists an organization's joined accounts in joining order.
func (w *world) members(org *organization, now time.Time) []*account {
	var list []*account
	for _, a := range w.Accounts {
		if w.organizationOf(a, now) == org {
			list = append(list, a)
		}
	}
	sort.Slice(list, func(i, j int) bool {
		mi, mj := list[i].Membership.Joined, list[j].Membership.Joined
		if !mi.Equal(mj) {
			return mi.Before(mj)
		}
		return list[i].ID < list[j].ID
	})
	return list
}

// user finds an IAM user by name, ignoring case as IAM does.
func (a *account) user(name string) *iamUser { return a.IAM.Users[strings.ToLower(name)] }

// partition is the account's AWS partition.
func (a *account) partition() string {
	if a.Partition == "" {
		return "aws"
	}
	return a.Partition
}

// arn is the ARN of one of the account's resources in a global service (IAM,
// Organizations): arn:PARTITION:SERVICE::ACCOUNT:RESOURCE.
func (a *account) arn(service, resource string) string {
	return "arn:" + a.partition() + ":" + service + "::" + a.ID + ":" + resource
}

// managedPolicyARN is the ARN of an AWS managed policy in the account's partition.
func (a *account) managedPolicyARN(path string) string {
	return "arn:" + a.partition() + ":iam::aws:policy/" + path
}
