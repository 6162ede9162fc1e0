package identitycenter

import (
	"context"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/organizations"
	"github.com/aws/aws-sdk-go-v2/service/organizations/types"

	"github.com/firstrun/firstrun/awsclient"
)

// Organization is the AWS organization an account belongs to.
type Organization struct {
	ID                string
	ManagementAccount string
	AllFeatures       bool
	// Manages reports whether the account asked about is the management account.
	Manages bool
}

// ReadOrganization returns the organization of account, or nil when it is in none.
func ReadOrganization(ctx context.Context, api awsclient.OrganizationsAPI, account string) (*Organization, error) {
	out, err := api.DescribeOrganization(ctx, &organizations.DescribeOrganizationInput{})
	if awsclient.ErrorCode(err) == "AWSOrganizationsNotInUseException" {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	return organizationOf(out.Organization, account), nil
}

func organizationOf(o *types.Organization, account string) *Organization {
	mgmt := aws.ToString(o.MasterAccountId)
	return &Organization{
		ID: aws.ToString(o.Id), ManagementAccount: mgmt,
		AllFeatures: o.FeatureSet == types.OrganizationFeatureSetAll, Manages: mgmt == account,
	}
}

// CreateOrganization makes account the management account of a new organization with all
// features, which IAM Identity Center needs. If the account already belongs to one (an
// earlier run that was cut short), it returns that one instead.
func CreateOrganization(ctx context.Context, api awsclient.OrganizationsAPI, account string) (*Organization, error) {
	out, err := api.CreateOrganization(ctx, &organizations.CreateOrganizationInput{FeatureSet: types.OrganizationFeatureSetAll})
	if awsclient.ErrorCode(err) == "AlreadyInOrganizationException" {
		return ReadOrganization(ctx, api, account)
	}
	if err != nil {
		return nil, err
	}
	return organizationOf(out.Organization, account), nil
}
