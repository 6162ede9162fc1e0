package simulator

import (
	"net/http"
	"slices"
)

// Centralized root access for member accounts
// (https://docs.aws.amazon.com/IAM/latest/UserGuide/id_root-user.html#id_root-user-access-management):
// with trusted access for IAM, the management account turns on root credentials
// management (members created from then on have no root credentials, and existing
// ones can be deleted) and root sessions (sts:AssumeRoot, a short root session in a
// member limited to one task policy).
const (
	featureRootCredentials = "RootCredentialsManagement"
	featureRootSessions    = "RootSessions"
)

func iamRootAccessOperations() []operation {
	return []operation{
		read("ListOrganizationsFeatures", iamListOrganizationsFeatures),
		write("EnableOrganizationsRootCredentialsManagement", iamEnableRootFeature(featureRootCredentials)),
		write("EnableOrganizationsRootSessions", iamEnableRootFeature(featureRootSessions)),
		write("DeleteLoginProfile", iamDeleteLoginProfile),
	}
}

// organizationForRootAccess is the organization whose root access the caller's
// account manages, or IAM's error for why there is none.
func (r *request) organizationForRootAccess() (*organization, *apiError) {
	org := r.world.organizationOf(r.account(), r.now)
	switch {
	case org == nil:
		return nil, &apiError{Code: "OrganizationNotFoundException", Status: http.StatusBadRequest,
			Message: "The request was rejected because no organization is associated with your account."}
	case org.Management != r.caller.Account:
		return nil, &apiError{Code: "AccountNotManagementOrDelegatedAdministratorException", Status: http.StatusBadRequest,
			Message: "The request was rejected because the account making the request is not the management account or delegated administrator account for centralized root access."}
	case org.FeatureSet != "ALL":
		return nil, &apiError{Code: "OrganizationNotInAllFeaturesModeException", Status: http.StatusBadRequest,
			Message: "The request was rejected because your organization does not have All features enabled."}
	case !org.trustedAccess("iam.amazonaws.com"):
		return nil, &apiError{Code: "ServiceAccessNotEnabledException", Status: http.StatusBadRequest,
			Message: "The request was rejected because trusted access is not enabled for IAM in AWS Organizations."}
	}
	return org, nil
}

type organizationsFeaturesResult struct {
	OrganizationID  string `xml:"OrganizationId"`
	EnabledFeatures xmlList[string]
}

func iamListOrganizationsFeatures(r *request) (any, error) {
	org, aerr := r.organizationForRootAccess()
	if aerr != nil {
		return nil, aerr
	}
	return organizationsFeaturesResult{OrganizationID: org.ID, EnabledFeatures: xmlList[string]{Members: org.RootFeatures}}, nil
}

func iamEnableRootFeature(feature string) handler {
	return func(r *request) (any, error) {
		org, aerr := r.organizationForRootAccess()
		if aerr != nil {
			return nil, aerr
		}
		if !slices.Contains(org.RootFeatures, feature) {
			org.RootFeatures = append(org.RootFeatures, feature)
		}
		return organizationsFeaturesResult{OrganizationID: org.ID, EnabledFeatures: xmlList[string]{Members: org.RootFeatures}}, nil
	}
}

// iamDeleteLoginProfile deletes an IAM user's console password or, with no UserName
// from a root session, the root user's.
func iamDeleteLoginProfile(r *request) (any, error) {
	u, aerr := r.userOrCaller()
	if aerr != nil {
		return nil, aerr
	}
	if u == nil {
		root := &r.account().Root
		if root.NoPassword {
			return nil, errNoSuchEntity("Login Profile for User root cannot be found.")
		}
		root.NoPassword = true
		return nil, nil
	}
	if u.LoginProfile == nil {
		return nil, errNoSuchEntity("Login Profile for User %s cannot be found.", u.Name)
	}
	u.LoginProfile = nil
	return nil, nil
}

// rootTaskActions are the actions each task policy of sts:AssumeRoot allows
// (arn:aws:iam::aws:policy/root-task/NAME); a root session may do nothing else.
var rootTaskActions = map[string][]string{
	"IAMAuditRootUserCredentials": {"iam:GetAccessKeyLastUsed", "iam:GetLoginProfile", "iam:GetUser",
		"iam:ListAccessKeys", "iam:ListMFADevices", "iam:ListSigningCertificates"},
	"IAMCreateRootUserPassword": {"iam:CreateLoginProfile", "iam:GetLoginProfile"},
	"IAMDeleteRootUserCredentials": {"iam:DeactivateMFADevice", "iam:DeleteAccessKey", "iam:DeleteLoginProfile",
		"iam:DeleteSigningCertificate", "iam:DeleteVirtualMFADevice", "iam:GetAccessKeyLastUsed", "iam:GetLoginProfile",
		"iam:GetUser", "iam:ListAccessKeys", "iam:ListMFADevices", "iam:ListSigningCertificates"},
	"S3UnlockBucketPolicy": {"s3:DeleteBucketPolicy", "s3:GetBucketPolicy"},
	"SQSUnlockQueuePolicy": {"sqs:GetQueueAttributes", "sqs:SetQueueAttributes"},
}

// taskAllows reports whether a caller limited to a task policy may perform action;
// any caller may ask who it is.
func (p principal) taskAllows(action string) bool {
	return p.Task == "" || action == "sts:GetCallerIdentity" || slices.Contains(rootTaskActions[p.Task], action)
}
