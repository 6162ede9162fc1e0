// Package identitycenter is the IAM Identity Center chapter: the organization, the
// Identity Center instance and its settings, a named administrator with a group, a
// permission set and an assignment, the first sign-in through the access portal, and the
// lesser-privileged permission set for daily work that the review chapter offers.
package identitycenter

import (
	"context"
	"fmt"
	"regexp"
	"strings"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/ssoadmin"
	"github.com/aws/aws-sdk-go-v2/service/ssoadmin/types"

	"github.com/firstrun/firstrun/awsclient"
	core "github.com/firstrun/firstrun/steps/core"
	"github.com/firstrun/firstrun/steps/validate"
)

// Instance is the organization's IAM Identity Center instance: the Region it lives in and
// the identifiers every later step needs.
type Instance struct {
	Region          string
	ARN             string
	IdentityStoreID string
	// Portal is the access portal's address when the answers give it; see PortalURL.
	Portal string
	// Owner is the account that owns the instance, as ListInstances says; "" when read
	// from a checkpoint.
	Owner string
}

// OrganizationInstance reports whether the instance is org's own, the only kind that can
// give people access to AWS accounts: one owned by its management account, which can't
// own an account instance. An account instance (made in a standalone or member account)
// serves applications only.
func (i Instance) OrganizationInstance(org *Organization) bool {
	return org != nil && i.Owner != "" && i.Owner == org.ManagementAccount
}

// PortalURL is the AWS access portal's address: the one the answers give
// (identity_center.portal_url) when the owner chose a custom subdomain, which no API
// reports; else the default AWS gives the instance. That is
// https://<identity store ID>.awsapps.com/start for a d- identity store ID (in AWS GovCloud
// (US), https://start.us-gov-home.awsapps.com/directory/<ID>); an instance whose identity
// store ID is a UUID has no such address, and is reached at its dual-stack address,
// https://ssoins-<instance ID>.portal.<Region>.app.aws, which every instance has.
func (i Instance) PortalURL() string {
	switch {
	case i.Portal != "":
		return i.Portal
	case strings.HasPrefix(i.ARN, "arn:aws-us-gov:"):
		return "https://start.us-gov-home.awsapps.com/directory/" + i.IdentityStoreID
	case strings.HasPrefix(i.IdentityStoreID, "d-"):
		return "https://" + i.IdentityStoreID + ".awsapps.com/start"
	}
	return "https://" + i.ARN[strings.LastIndex(i.ARN, "/")+1:] + ".portal." + i.Region + ".app.aws"
}

// ValidatePortalURL checks an access portal address typed in or answered: one of the
// forms AWS gives, https://<subdomain>.awsapps.com/start,
// https://ssoins-<instance ID>.portal.<Region>.app.aws, or AWS GovCloud (US)'s
// https://start.us-gov-home.awsapps.com/directory/<identity store ID>.
func ValidatePortalURL(s string) error {
	if !portalURL.MatchString(s) {
		return fmt.Errorf("%q is not an access portal address: it looks like https://example.awsapps.com/start or "+
			"https://ssoins-0123456789abcdef.portal.us-east-1.app.aws (the console's Dashboard shows it)", s)
	}
	return nil
}

var portalURL = regexp.MustCompile(`^https://(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.awsapps\.com/start|` +
	`ssoins-[0-9a-f]{16}\.portal\.[a-z]{2}(?:-[a-z]+)+-[0-9]\.app\.aws|` +
	`start\.us-gov-home\.awsapps\.com/directory/[0-9a-z-]+)/?$`)

// resources are the identifiers the identity-center step records.
func (i Instance) resources() map[string]string {
	return map[string]string{"region": i.Region, "instance_arn": i.ARN, "identity_store_id": i.IdentityStoreID}
}

// FindInstance reads the Identity Center instance in region; found is false when Identity
// Center is not enabled there.
func FindInstance(ctx context.Context, api awsclient.SSOAdminAPI, region string) (inst Instance, found bool, err error) {
	pages := ssoadmin.NewListInstancesPaginator(api, &ssoadmin.ListInstancesInput{})
	for pages.HasMorePages() {
		page, err := pages.NextPage(ctx)
		if err != nil {
			return Instance{}, false, err
		}
		for _, in := range page.Instances {
			// An instance still being created or deleted can't be used yet.
			if in.Status == types.InstanceStatusActive {
				return Instance{Region: region, ARN: aws.ToString(in.InstanceArn), IdentityStoreID: aws.ToString(in.IdentityStoreId),
					Owner: aws.ToString(in.OwnerAccountId)}, true, nil
			}
		}
	}
	return Instance{}, false, nil
}

// NotEnabledError says Identity Center is not enabled where a step looked for it.
type NotEnabledError struct{ Region string }

func (e NotEnabledError) Error() string {
	return fmt.Sprintf("IAM Identity Center is not enabled in %s: finish the step \"Enable Identity Center\" first", e.Region)
}

// Prerequisite is what the operator must do before a step that needs Identity Center can
// go on: a run without a person waits for it.
func (e NotEnabledError) Prerequisite() string { return enableWork(e.Region) }

// Finding is what an audit reports of it: a failed control, not a failed check.
func (e NotEnabledError) Finding() string {
	return "Identity Center is not enabled in " + e.Region + "."
}

// LoadInstance returns the instance the identity-center step recorded, reading it again
// from ListInstances in the recorded Region when the record lacks its identifiers.
func LoadInstance(ctx context.Context, env core.Env) (Instance, error) {
	rec := func(key string) string { return env.Saved.Resource(string(stepIdentityCenter), key) }
	region := firstOf(rec("region"), env.Answers.IdentityCenter.Region, env.AWS.Region())
	portal := env.Answers.IdentityCenter.PortalURL
	if arn, store := rec("instance_arn"), rec("identity_store_id"); rec("region") != "" && arn != "" && store != "" {
		return Instance{Region: region, ARN: arn, IdentityStoreID: store, Portal: portal}, nil
	}
	inst, found, err := FindInstance(ctx, env.AWS.SSOAdmin(region), region)
	if err != nil {
		return Instance{}, err
	}
	if !found {
		return Instance{}, NotEnabledError{Region: region}
	}
	inst.Portal = portal
	return inst, nil
}

// ValidateRegion checks the Identity Center Region typed in.
func ValidateRegion(s string) error { return validate.Region(s) }

// consoleLink opens the IAM Identity Center console in region. It stays short enough to
// fit an 80-column line after its label, for every Region name.
func consoleLink(region string) string {
	return "https://console.aws.amazon.com/singlesignon/home?region=" + region
}
