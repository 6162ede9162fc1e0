// Package connect is the first step: it says who firstrun is acting as, in which account
// and Region, and what the account already has.
package connect

import (
	"context"
	"fmt"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/iam"
	"github.com/aws/aws-sdk-go-v2/service/organizations"

	"github.com/firstrun/firstrun/awsclient"
)

// Survey is what the account already has, read without changing anything.
type Survey struct {
	Identity          awsclient.Identity
	RootMFA           bool
	RootAccessKeys    bool
	Users             int32
	Organization      *Organization // nil when the account is in no organization
	IdentityCenter    awsclient.IdentityCenterSearch
	IdentityCenterErr error // Identity Center could not be read (not fatal)
}

// Organization is the organization the account belongs to.
type Organization struct {
	ID                  string
	ManagementAccount   string
	AllFeatures         bool
	IsManagementAccount bool
}

// Read surveys the account: the IAM account summary, the organization and its Identity
// Center instance, in the current Region or any other it has enabled.
func Read(ctx context.Context, c *awsclient.Clients, id awsclient.Identity) (Survey, error) {
	s := Survey{Identity: id}
	sum, err := c.IAM.GetAccountSummary(ctx, &iam.GetAccountSummaryInput{})
	if err != nil {
		return s, err
	}
	s.RootMFA = sum.SummaryMap["AccountMFAEnabled"] == 1
	s.RootAccessKeys = sum.SummaryMap["AccountAccessKeysPresent"] == 1
	s.Users = sum.SummaryMap["Users"]

	org, err := c.Organizations.DescribeOrganization(ctx, &organizations.DescribeOrganizationInput{})
	switch {
	case awsclient.ErrorCode(err) == "AWSOrganizationsNotInUseException":
	case err != nil:
		return s, err
	default:
		o := org.Organization
		s.Organization = &Organization{
			ID:                  aws.ToString(o.Id),
			ManagementAccount:   aws.ToString(o.MasterAccountId),
			AllFeatures:         o.FeatureSet == "ALL",
			IsManagementAccount: aws.ToString(o.MasterAccountId) == id.Account,
		}
	}

	// Identity Center may be unreadable (a member account without permission): that is
	// worth showing, not worth stopping for.
	s.IdentityCenter, s.IdentityCenterErr = awsclient.FindIdentityCenter(ctx, c, c.Region())
	return s, nil
}

// IdentityCenterText describes the account's Identity Center: where it is enabled, and
// whether it is the organization's instance, which alone can give people access to AWS
// accounts.
func (s Survey) IdentityCenterText() string {
	ic, region := s.IdentityCenter, s.Identity.Region
	switch {
	case s.IdentityCenterErr != nil:
		return "could not be read here (" + awsclient.Explain(s.IdentityCenterErr).Summary() + ")"
	case len(ic.Instances) == 0 && ic.Incomplete != nil:
		return fmt.Sprintf("not enabled in %s; the other Regions could not all be read (%s)", region, awsclient.Explain(ic.Incomplete).Summary())
	case len(ic.Instances) == 0:
		return fmt.Sprintf("not enabled in any of the %d Regions this account uses", len(ic.Searched))
	}
	inst := ic.Instances[0]
	kind := "an account instance: it serves applications, but can't give people access to AWS accounts"
	if s.Organization != nil && inst.OrganizationInstance(s.Organization.ManagementAccount) {
		kind = "the organization's instance"
	}
	return fmt.Sprintf("enabled in %s (%s): %s", inst.Region, kind, inst.ARN)
}

// identityCenterRegion is the Region of the instance found, or "" for none.
func (s Survey) identityCenterRegion() string {
	if s.IdentityCenterErr != nil || len(s.IdentityCenter.Instances) == 0 {
		return ""
	}
	return s.IdentityCenter.Instances[0].Region
}

// CallerKind describes the caller in words.
func CallerKind(id awsclient.Identity) string {
	switch {
	case id.RunsOnRootAccessKeys():
		return "the root user, with root access keys"
	case id.IsRoot:
		return "the root user, in a console session"
	case id.LongTermKeys:
		return "an IAM user, with access keys"
	default:
		return "a role or federated session"
	}
}

// OrganizationText describes the account's place in an organization.
func (s Survey) OrganizationText() string {
	switch o := s.Organization; {
	case o == nil:
		return "none: this is a standalone account"
	case o.IsManagementAccount:
		return fmt.Sprintf("%s; this is its management account", o.ID)
	default:
		return fmt.Sprintf("%s; this is a member account (management account %s)", o.ID, o.ManagementAccount)
	}
}
