package awsclient

import (
	"github.com/aws/aws-sdk-go-v2/service/sso"
)

// SSOPortalAPI is the AWS access portal as a signed-in Identity Center user sees it: the
// accounts and roles assigned to them. It authenticates with the user's access token.
type SSOPortalAPI interface {
	sso.ListAccountsAPIClient
	sso.ListAccountRolesAPIClient
}

var _ SSOPortalAPI = (*sso.Client)(nil)
