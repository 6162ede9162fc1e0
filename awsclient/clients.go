package awsclient

import (
	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/account"
	"github.com/aws/aws-sdk-go-v2/service/budgets"
	"github.com/aws/aws-sdk-go-v2/service/iam"
	"github.com/aws/aws-sdk-go-v2/service/identitystore"
	"github.com/aws/aws-sdk-go-v2/service/organizations"
	"github.com/aws/aws-sdk-go-v2/service/sso"
	"github.com/aws/aws-sdk-go-v2/service/ssoadmin"
	"github.com/aws/aws-sdk-go-v2/service/ssooidc"
	"github.com/aws/aws-sdk-go-v2/service/sts"
)

// Clients holds one client per service, built from one configuration. Global services
// are fields; Region-scoped ones are methods taking the Region.
type Clients struct {
	cfg           aws.Config
	STS           STSAPI
	IAM           IAMAPI
	Organizations OrganizationsAPI
	Budgets       BudgetsAPI
	Account       AccountAPI
}

// NewClients builds the service clients for cfg.
func NewClients(cfg aws.Config) *Clients {
	return &Clients{
		cfg:           cfg,
		STS:           sts.NewFromConfig(cfg),
		IAM:           iam.NewFromConfig(cfg),
		Organizations: organizations.NewFromConfig(cfg),
		Budgets:       budgets.NewFromConfig(cfg),
		Account:       account.NewFromConfig(cfg),
	}
}

// Region is the Region the clients were configured for.
func (c *Clients) Region() string { return c.cfg.Region }

// SSOAdmin returns an Identity Center admin client for region: an organization's Identity
// Center instance lives in one Region, which need not be the one firstrun runs in.
func (c *Clients) SSOAdmin(region string) SSOAdminAPI {
	return ssoadmin.NewFromConfig(c.cfg, func(o *ssoadmin.Options) { o.Region = region })
}

// IdentityStore returns a client for the Identity Center directory in region, the Region
// of the Identity Center instance.
func (c *Clients) IdentityStore(region string) IdentityStoreAPI {
	return identitystore.NewFromConfig(c.cfg, func(o *identitystore.Options) { o.Region = region })
}

// SSOOIDC returns a client for the OIDC device flow of the Identity Center instance in
// region.
func (c *Clients) SSOOIDC(region string) SSOOIDCAPI {
	return ssooidc.NewFromConfig(c.cfg, func(o *ssooidc.Options) { o.Region = region })
}

// SSOPortal returns a client for the AWS access portal API of the instance in region.
func (c *Clients) SSOPortal(region string) SSOPortalAPI {
	return sso.NewFromConfig(c.cfg, func(o *sso.Options) { o.Region = region })
}
