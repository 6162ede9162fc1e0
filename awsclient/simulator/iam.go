package simulator

import (
	"fmt"
	"net/http"
	"time"
)

// IAM speaks the query protocol; see
// https://docs.aws.amazon.com/IAM/latest/APIReference/. Each iam_*.go file
// contributes one list of operations.
func iamService() *service {
	errs := queryErrors()
	errs.internal = apiError{Code: "ServiceFailure", Status: http.StatusInternalServerError,
		Message: "The request processing has failed because of an unknown error, exception or failure."}
	errs.notFound = *errNoSuchEntity("The entity cannot be found.")
	errs.concurrent = apiError{Code: "ConcurrentModification", Status: http.StatusConflict,
		Message: "The request was rejected because multiple requests to change this object were submitted simultaneously. Wait a few minutes and submit your request again."}
	return newService(service{
		id: "iam", signingName: "iam", actionPrefix: "iam",
		protocol: queryProtocol{namespace: "https://iam.amazonaws.com/doc/2010-05-08/"},
		errs:     errs,
	},
		iamAccountOperations(),
		iamRootAccessOperations(),
		iamUserOperations(),
		iamRoleOperations(),
		iamPasswordPolicyOperations(),
		iamCredentialReportOperations(),
		iamMFAOperations(),
		iamLoginProfileOperations(),
		iamUserPolicyOperations(),
		iamAccessKeyOperations(),
	)
}

func errNoSuchEntity(format string, args ...any) *apiError {
	return &apiError{Code: "NoSuchEntity", Status: http.StatusNotFound, Message: fmt.Sprintf(format, args...)}
}

func errEntityAlreadyExists(format string, args ...any) *apiError {
	return &apiError{Code: "EntityAlreadyExists", Status: http.StatusConflict, Message: fmt.Sprintf(format, args...)}
}

// xmlList renders a query-protocol list, <Name><member>...</member></Name>,
// keeping the element when the list is empty as IAM does.
type xmlList[T any] struct {
	Members []T `xml:"member"`
}

func iamAccountOperations() []operation {
	return []operation{
		read("GetAccountSummary", iamGetAccountSummary),
	}
}

type summaryEntry struct {
	Key   string `xml:"key"`
	Value int    `xml:"value"`
}

type getAccountSummaryResult struct {
	SummaryMap struct {
		Entries []summaryEntry `xml:"entry"`
	}
}

func iamGetAccountSummary(r *request) (any, error) {
	a := r.account()
	b2i := func(b bool) int {
		if b {
			return 1
		}
		return 0
	}
	policies := map[string]bool{}
	for _, u := range a.IAM.Users {
		for _, p := range u.AttachedPolicies {
			policies[p] = true
		}
	}
	for _, role := range a.IAM.Roles {
		for _, p := range role.AttachedPolicies {
			policies[p] = true
		}
	}
	mfa := b2i(a.Root.MFA != nil)
	mfaDevices, mfaInUse := a.mfaCounts()
	var out getAccountSummaryResult
	// Usage first, then the default quotas of a new account, in the order of
	// the IAM API reference's example.
	out.SummaryMap.Entries = []summaryEntry{
		{"Users", len(a.IAM.Users)},
		{"UsersQuota", 5000},
		{"Groups", 0},
		{"GroupsQuota", 300},
		{"ServerCertificates", 0},
		{"ServerCertificatesQuota", 20},
		{"UserPolicySizeQuota", 2048},
		{"GroupPolicySizeQuota", 5120},
		{"GroupsPerUserQuota", 10},
		{"SigningCertificatesPerUserQuota", 2},
		{"AccessKeysPerUserQuota", 2},
		{"MFADevices", mfaDevices},
		{"MFADevicesInUse", mfaInUse},
		{"AccountMFAEnabled", mfa},
		{"AccountAccessKeysPresent", b2i(len(a.Root.AccessKeys) > 0)},
		{"AccountPasswordPresent", 1},
		{"AccountSigningCertificatesPresent", 0},
		{"AttachedPoliciesPerGroupQuota", 10},
		{"AttachedPoliciesPerRoleQuota", 10},
		{"AttachedPoliciesPerUserQuota", 10},
		{"Policies", 0},
		{"PoliciesQuota", 1500},
		{"PolicySizeQuota", 6144},
		{"PolicyVersionsInUse", len(policies)},
		{"PolicyVersionsInUseQuota", 10000},
		{"VersionsPerPolicyQuota", 5},
		{"GlobalEndpointTokenVersion", 1},
		{"AssumeRolePolicySizeQuota", 2048},
		{"InstanceProfiles", 0},
		{"InstanceProfilesQuota", 1000},
		{"Providers", 0},
		{"RolePolicySizeQuota", 10240},
		{"Roles", len(a.IAM.Roles)},
		{"RolesQuota", 1000},
	}
	return out, nil
}

// iamTime is how IAM's XML shows timestamps: ISO 8601 in UTC, whole seconds.
func iamTime(t time.Time) time.Time { return t.UTC().Truncate(time.Second) }
