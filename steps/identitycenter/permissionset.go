package identitycenter

import (
	"context"
	"errors"
	"fmt"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/ssoadmin"
	"github.com/aws/aws-sdk-go-v2/service/ssoadmin/types"

	"github.com/firstrun/firstrun/awsclient"
)

// AdministratorAccessPolicy is the ARN, in partition, of the AWS managed policy that
// allows everything.
func AdministratorAccessPolicy(partition string) string {
	return awsclient.ManagedPolicyARN(partition, "AdministratorAccess")
}

// DefaultSessionDuration is how long a sign-in to an account through the portal lasts
// before the person must sign in again: an hour keeps stolen sessions short.
const DefaultSessionDuration = "PT1H"

// The session durations AWS allows for a permission set.
const (
	minSession = time.Hour
	maxSession = 12 * time.Hour
)

// PermissionSetSpec is a permission set as firstrun wants it.
type PermissionSetSpec struct {
	Name            string
	Description     string
	SessionDuration string   // ISO 8601, from PT1H to PT12H
	ManagedPolicies []string // AWS managed policy ARNs
}

// PermissionSet is a permission set as AWS has it.
type PermissionSet struct {
	ARN             string
	Name            string
	SessionDuration string
	ManagedPolicies []string
}

// isoDuration is the part of ISO 8601 a session duration uses: hours and minutes.
var isoDuration = regexp.MustCompile(`^PT(?:([0-9]{1,2})H)?(?:([0-9]{1,3})M)?$`)

// ParseSessionDuration reads an ISO 8601 duration of hours and minutes, such as PT1H or
// PT1H30M, checking that AWS allows it for a permission set.
func ParseSessionDuration(s string) (time.Duration, error) {
	m := isoDuration.FindStringSubmatch(s)
	if m == nil || s == "PT" {
		return 0, fmt.Errorf("%q is not an ISO 8601 duration such as PT1H or PT4H30M", s)
	}
	h, _ := strconv.Atoi(m[1]) // the pattern admits only digits; empty means 0
	mins, _ := strconv.Atoi(m[2])
	d := time.Duration(h)*time.Hour + time.Duration(mins)*time.Minute
	if d < minSession || d > maxSession {
		return 0, fmt.Errorf("a session lasts from PT1H (1 hour) to PT12H (12 hours); %s is %s", s, d)
	}
	return d, nil
}

// ValidateSessionDuration is ParseSessionDuration as a form validator.
func ValidateSessionDuration(s string) error {
	_, err := ParseSessionDuration(s)
	return err
}

// sameDuration compares two ISO 8601 durations by length, so PT60M equals PT1H.
func sameDuration(a, b string) bool {
	da, errA := ParseSessionDuration(a)
	db, errB := ParseSessionDuration(b)
	return errA == nil && errB == nil && da == db || a == b
}

// missing lists what ps lacks compared with spec.
func (ps PermissionSet) missing(spec PermissionSetSpec) (policies []string, duration bool) {
	for _, p := range spec.ManagedPolicies {
		if !slices.Contains(ps.ManagedPolicies, p) {
			policies = append(policies, p)
		}
	}
	return policies, !sameDuration(ps.SessionDuration, spec.SessionDuration)
}

// FindPermissionSet looks a permission set up by name, which Identity Center keeps
// unique; found is false when there is none.
func FindPermissionSet(ctx context.Context, api awsclient.SSOAdminAPI, instanceARN, name string) (ps PermissionSet, found bool, err error) {
	err = visitPermissionSets(ctx, api, instanceARN, func(each PermissionSet) (bool, error) {
		if !strings.EqualFold(each.Name, name) {
			return true, nil
		}
		policies, err := managedPolicies(ctx, api, instanceARN, each.ARN)
		ps, found = each, true
		ps.ManagedPolicies = policies
		return false, err
	})
	if err != nil {
		return PermissionSet{}, false, err
	}
	return ps, found, nil
}

// visitPermissionSets calls visit with each permission set of the instance, without its
// policies, until visit says to stop or fails.
func visitPermissionSets(ctx context.Context, api awsclient.SSOAdminAPI, instanceARN string, visit func(PermissionSet) (more bool, err error)) error {
	pages := ssoadmin.NewListPermissionSetsPaginator(api, &ssoadmin.ListPermissionSetsInput{InstanceArn: aws.String(instanceARN)})
	for pages.HasMorePages() {
		page, err := pages.NextPage(ctx)
		if err != nil {
			return err
		}
		for _, arn := range page.PermissionSets {
			out, err := api.DescribePermissionSet(ctx, &ssoadmin.DescribePermissionSetInput{
				InstanceArn: aws.String(instanceARN), PermissionSetArn: aws.String(arn)})
			if err != nil {
				return err
			}
			more, err := visit(PermissionSet{ARN: arn, Name: aws.ToString(out.PermissionSet.Name),
				SessionDuration: aws.ToString(out.PermissionSet.SessionDuration)})
			if err != nil || !more {
				return err
			}
		}
	}
	return nil
}

func managedPolicies(ctx context.Context, api awsclient.SSOAdminAPI, instanceARN, psARN string) ([]string, error) {
	var arns []string
	pages := ssoadmin.NewListManagedPoliciesInPermissionSetPaginator(api, &ssoadmin.ListManagedPoliciesInPermissionSetInput{
		InstanceArn: aws.String(instanceARN), PermissionSetArn: aws.String(psARN)})
	for pages.HasMorePages() {
		page, err := pages.NextPage(ctx)
		if err != nil {
			return nil, err
		}
		for _, p := range page.AttachedManagedPolicies {
			arns = append(arns, aws.ToString(p.Arn))
		}
	}
	return arns, nil
}

// EnsurePermissionSet makes the permission set match spec: it creates it when missing,
// attaches the policies it lacks and sets its session duration. When it changes a
// permission set that accounts already hold, it provisions the change to them, since AWS
// does not do that by itself.
func EnsurePermissionSet(ctx context.Context, api awsclient.SSOAdminAPI, instanceARN string, spec PermissionSetSpec, w Waiter) (PermissionSet, error) {
	if _, err := ParseSessionDuration(spec.SessionDuration); err != nil {
		return PermissionSet{}, err
	}
	ps, found, err := FindPermissionSet(ctx, api, instanceARN, spec.Name)
	if err != nil {
		return PermissionSet{}, err
	}
	if !found {
		if ps, err = createPermissionSet(ctx, api, instanceARN, spec); err != nil {
			return PermissionSet{}, err
		}
	}
	policies, duration := ps.missing(spec)
	for _, p := range policies {
		_, err := api.AttachManagedPolicyToPermissionSet(ctx, &ssoadmin.AttachManagedPolicyToPermissionSetInput{
			InstanceArn: aws.String(instanceARN), PermissionSetArn: aws.String(ps.ARN), ManagedPolicyArn: aws.String(p)})
		if err != nil && !awsclient.IsAlreadyExists(err) {
			return PermissionSet{}, err
		}
		ps.ManagedPolicies = append(ps.ManagedPolicies, p)
	}
	if duration {
		if _, err := api.UpdatePermissionSet(ctx, &ssoadmin.UpdatePermissionSetInput{
			InstanceArn: aws.String(instanceARN), PermissionSetArn: aws.String(ps.ARN), SessionDuration: aws.String(spec.SessionDuration)}); err != nil {
			return PermissionSet{}, err
		}
		ps.SessionDuration = spec.SessionDuration
	}
	if found && (len(policies) > 0 || duration) {
		if err := reprovision(ctx, api, instanceARN, ps.ARN, w); err != nil {
			return PermissionSet{}, err
		}
	}
	return ps, nil
}

func createPermissionSet(ctx context.Context, api awsclient.SSOAdminAPI, instanceARN string, spec PermissionSetSpec) (PermissionSet, error) {
	in := &ssoadmin.CreatePermissionSetInput{
		InstanceArn: aws.String(instanceARN), Name: aws.String(spec.Name), SessionDuration: aws.String(spec.SessionDuration)}
	if spec.Description != "" {
		in.Description = aws.String(spec.Description)
	}
	out, err := api.CreatePermissionSet(ctx, in)
	if awsclient.IsAlreadyExists(err) { // made by a run whose answer was lost
		ps, found, err := FindPermissionSet(ctx, api, instanceARN, spec.Name)
		if err == nil && !found {
			err = errors.New("AWS says permission set " + spec.Name + " exists but does not list it; retry in a moment")
		}
		return ps, err
	}
	if err != nil {
		return PermissionSet{}, err
	}
	return PermissionSet{ARN: aws.ToString(out.PermissionSet.PermissionSetArn), Name: spec.Name, SessionDuration: spec.SessionDuration}, nil
}

// reprovision copies the latest version of a permission set to every account that holds
// an older one, and waits for each copy.
func reprovision(ctx context.Context, api awsclient.SSOAdminAPI, instanceARN, psARN string, w Waiter) error {
	var outdated []string
	pages := ssoadmin.NewListAccountsForProvisionedPermissionSetPaginator(api, &ssoadmin.ListAccountsForProvisionedPermissionSetInput{
		InstanceArn: aws.String(instanceARN), PermissionSetArn: aws.String(psARN),
		ProvisioningStatus: types.ProvisioningStatusLatestPermissionSetNotProvisioned})
	for pages.HasMorePages() {
		page, err := pages.NextPage(ctx)
		if err != nil {
			return err
		}
		outdated = append(outdated, page.AccountIds...)
	}
	for _, account := range outdated {
		out, err := api.ProvisionPermissionSet(ctx, &ssoadmin.ProvisionPermissionSetInput{
			InstanceArn: aws.String(instanceARN), PermissionSetArn: aws.String(psARN),
			TargetType: types.ProvisionTargetTypeAwsAccount, TargetId: aws.String(account)})
		if err != nil {
			return err
		}
		requestID := out.PermissionSetProvisioningStatus.RequestId
		err = w.wait(ctx, work{what: "Provisioning to " + account, started: "ProvisionPermissionSet",
			describer: "DescribePermissionSetProvisioningStatus",
			status: func(ctx context.Context) (string, string, error) {
				s, err := api.DescribePermissionSetProvisioningStatus(ctx, &ssoadmin.DescribePermissionSetProvisioningStatusInput{
					InstanceArn: aws.String(instanceARN), ProvisionPermissionSetRequestId: requestID})
				if err != nil {
					return "", "", err
				}
				return string(s.PermissionSetProvisioningStatus.Status), aws.ToString(s.PermissionSetProvisioningStatus.FailureReason), nil
			}})
		if err != nil {
			return err
		}
	}
	return nil
}
