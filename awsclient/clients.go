package awsclient

import (
	"context"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/iam"
	"github.com/aws/aws-sdk-go-v2/service/organizations"
	"github.com/aws/aws-sdk-go-v2/service/ssoadmin"
	"github.com/aws/aws-sdk-go-v2/service/sts"
)

// The interfaces below hold only the methods firstrun calls, in the SDK's own shape, so the
// SDK's paginators and waiters accept them and a step's needs are visible at a glance.

// STSAPI is the part of AWS STS firstrun uses.
type STSAPI interface {
	GetCallerIdentity(context.Context, *sts.GetCallerIdentityInput, ...func(*sts.Options)) (*sts.GetCallerIdentityOutput, error)
}

// IAMAPI is the part of IAM firstrun uses.
type IAMAPI interface {
	GetAccountSummary(context.Context, *iam.GetAccountSummaryInput, ...func(*iam.Options)) (*iam.GetAccountSummaryOutput, error)
}

// OrganizationsAPI is the part of AWS Organizations firstrun uses.
type OrganizationsAPI interface {
	DescribeOrganization(context.Context, *organizations.DescribeOrganizationInput, ...func(*organizations.Options)) (*organizations.DescribeOrganizationOutput, error)
}

// SSOAdminAPI is the part of the IAM Identity Center admin API firstrun uses.
type SSOAdminAPI interface {
	ssoadmin.ListInstancesAPIClient
}

var (
	_ STSAPI           = (*sts.Client)(nil)
	_ IAMAPI           = (*iam.Client)(nil)
	_ OrganizationsAPI = (*organizations.Client)(nil)
	_ SSOAdminAPI      = (*ssoadmin.Client)(nil)
)

// Clients holds one client per service, built from one configuration.
type Clients struct {
	cfg           aws.Config
	STS           STSAPI
	IAM           IAMAPI
	Organizations OrganizationsAPI
}

// NewClients builds the service clients for cfg.
func NewClients(cfg aws.Config) *Clients {
	return &Clients{
		cfg:           cfg,
		STS:           sts.NewFromConfig(cfg),
		IAM:           iam.NewFromConfig(cfg),
		Organizations: organizations.NewFromConfig(cfg),
	}
}

// Region is the Region the clients were configured for.
func (c *Clients) Region() string { return c.cfg.Region }

// SSOAdmin returns an Identity Center admin client for region: an organization's Identity
// Center instance lives in one Region, which need not be the one firstrun runs in.
func (c *Clients) SSOAdmin(region string) SSOAdminAPI {
	return ssoadmin.NewFromConfig(c.cfg, func(o *ssoadmin.Options) { o.Region = region })
}
