package awsclient

import (
	"context"

	"github.com/aws/aws-sdk-go-v2/service/organizations"
)

// OrganizationsAPI is the part of AWS Organizations firstrun uses.
type OrganizationsAPI interface {
	DescribeOrganization(context.Context, *organizations.DescribeOrganizationInput, ...func(*organizations.Options)) (*organizations.DescribeOrganizationOutput, error)
	CreateOrganization(context.Context, *organizations.CreateOrganizationInput, ...func(*organizations.Options)) (*organizations.CreateOrganizationOutput, error)
	EnableAWSServiceAccess(context.Context, *organizations.EnableAWSServiceAccessInput, ...func(*organizations.Options)) (*organizations.EnableAWSServiceAccessOutput, error)
	ListAccounts(context.Context, *organizations.ListAccountsInput, ...func(*organizations.Options)) (*organizations.ListAccountsOutput, error)
}

var _ OrganizationsAPI = (*organizations.Client)(nil)
