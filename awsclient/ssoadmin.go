package awsclient

import (
	"github.com/aws/aws-sdk-go-v2/service/ssoadmin"
)

// SSOAdminAPI is the part of the IAM Identity Center admin API firstrun uses.
type SSOAdminAPI interface {
	ssoadmin.ListInstancesAPIClient
}

var _ SSOAdminAPI = (*ssoadmin.Client)(nil)
