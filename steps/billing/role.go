package billing

import (
	"context"
	"errors"
	"fmt"
	"net/url"
	"regexp"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/iam"

	"github.com/firstrun/firstrun/awsclient"
)

// BillingPolicyARN is AWS's managed job-function policy for billing work in partition: it
// reads and manages billing, payments, budgets and cost reports, and nothing else.
func BillingPolicyARN(partition string) string {
	return awsclient.ManagedPolicyARN(partition, billingPolicy)
}

// billingPolicy is the path of the AWS managed policy for billing work.
const billingPolicy = "job-function/Billing"

// DefaultRoleName is the billing role's name unless the operator picks another.
const DefaultRoleName = "Billing"

// roleDescription says on the IAM console what the role is for and where it came from.
const roleDescription = "Billing work in this account; MFA required. Created by firstrun."

// RoleInput is what the operator decides about the billing role.
type RoleInput struct {
	Name string
}

// DefaultRoleInput is the input before the operator changes anything.
func DefaultRoleInput() RoleInput { return RoleInput{Name: DefaultRoleName} }

// Validate checks the input as IAM would, so a bad value is refused before any call.
func (in RoleInput) Validate() error { return ValidateRoleName(in.Name) }

var roleNameRE = regexp.MustCompile(`^[\w+=,.@-]+$`)

// ValidateRoleName applies IAM's rules for role names: 1 to 64 letters, digits and
// + = , . @ _ -.
func ValidateRoleName(name string) error {
	switch {
	case name == "":
		return errors.New("enter a name for the role")
	case len(name) > 64:
		return fmt.Errorf("a role name has at most 64 characters; this one has %d", len(name))
	case !roleNameRE.MatchString(name):
		return errors.New("use only letters, digits and + = , . @ _ - (no spaces)")
	}
	return nil
}

// Role is what IAM has under the billing role's name.
type Role struct {
	Name   string
	ARN    string // empty when the role does not exist
	Exists bool
	// PolicyAttached reports whether the Billing policy is attached.
	PolicyAttached bool
	// OtherPolicies are the names of any other managed policies attached to the role.
	OtherPolicies []string
	// TrustPolicy is the role's trust policy as IAM has it, decoded.
	TrustPolicy string
	// TrustDifferences say how TrustPolicy differs from the one firstrun sets; empty when
	// they are equivalent.
	TrustDifferences []string
}

// Ready reports whether the role does what the step is for, so nothing needs to change.
func (r Role) Ready() bool { return r.Exists && r.PolicyAttached && len(r.TrustDifferences) == 0 }

// ReadRole reads the role named name in the caller's account and how it compares with the
// billing role. It changes nothing.
func ReadRole(ctx context.Context, api awsclient.IAMAPI, caller awsclient.Identity, name string) (Role, error) {
	r := Role{Name: name}
	out, err := api.GetRole(ctx, &iam.GetRoleInput{RoleName: aws.String(name)})
	switch {
	case awsclient.IsNotFound(err):
		return r, nil
	case err != nil:
		return r, err
	}
	r.Exists, r.Name, r.ARN = true, aws.ToString(out.Role.RoleName), aws.ToString(out.Role.Arn)
	// IAM returns policy documents URL-encoded.
	r.TrustPolicy, err = url.PathUnescape(aws.ToString(out.Role.AssumeRolePolicyDocument))
	if err != nil {
		r.TrustPolicy = aws.ToString(out.Role.AssumeRolePolicyDocument)
	}
	r.TrustDifferences = TrustDifferences(r.TrustPolicy, caller.Partition(), caller.Account)

	pages := iam.NewListAttachedRolePoliciesPaginator(api, &iam.ListAttachedRolePoliciesInput{RoleName: aws.String(name)})
	for pages.HasMorePages() {
		page, err := pages.NextPage(ctx)
		if err != nil {
			return r, err
		}
		for _, p := range page.AttachedPolicies {
			if aws.ToString(p.PolicyArn) == BillingPolicyARN(caller.Partition()) {
				r.PolicyAttached = true
			} else {
				r.OtherPolicies = append(r.OtherPolicies, aws.ToString(p.PolicyName))
			}
		}
	}
	return r, nil
}

// EnsureRole makes the role named name the billing role: it creates it if it is missing,
// replaces a trust policy that differs, and attaches the Billing policy if it is not
// attached. It changes only what differs, so running it again changes nothing. created,
// when not nil, is told the new role's ARN as soon as the role exists, before the rest,
// so a run stopped halfway knows the role is its own.
func EnsureRole(ctx context.Context, api awsclient.IAMAPI, caller awsclient.Identity, name string, created func(arn string) error) (string, error) {
	if err := ValidateRoleName(name); err != nil {
		return "", err
	}
	r, err := ReadRole(ctx, api, caller, name)
	if err != nil {
		return "", err
	}
	return ensureRole(ctx, api, caller, r, created)
}

// ensureRole is EnsureRole on the role r as just read.
func ensureRole(ctx context.Context, api awsclient.IAMAPI, caller awsclient.Identity, r Role, created func(arn string) error) (string, error) {
	name := r.Name
	trust := TrustPolicy(caller.Partition(), caller.Account)
	if !r.Exists {
		out, err := api.CreateRole(ctx, &iam.CreateRoleInput{
			RoleName: aws.String(name), AssumeRolePolicyDocument: aws.String(trust), Description: aws.String(roleDescription),
		})
		switch {
		case awsclient.IsAlreadyExists(err):
			// Made since the read: compare it like any role found.
			if r, err = ReadRole(ctx, api, caller, name); err != nil {
				return "", err
			}
		case err != nil:
			return "", err
		default:
			r = Role{Name: name, ARN: aws.ToString(out.Role.Arn), Exists: true}
			if created != nil {
				if err := created(r.ARN); err != nil {
					return r.ARN, err
				}
			}
		}
	}
	if len(r.TrustDifferences) > 0 {
		if _, err := api.UpdateAssumeRolePolicy(ctx, &iam.UpdateAssumeRolePolicyInput{
			RoleName: aws.String(name), PolicyDocument: aws.String(trust),
		}); err != nil {
			return r.ARN, err
		}
	}
	if !r.PolicyAttached {
		if _, err := api.AttachRolePolicy(ctx, &iam.AttachRolePolicyInput{
			RoleName: aws.String(name), PolicyArn: aws.String(BillingPolicyARN(caller.Partition())),
		}); err != nil {
			return r.ARN, err
		}
	}
	return r.ARN, nil
}
