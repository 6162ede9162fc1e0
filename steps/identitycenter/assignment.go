package identitycenter

import (
	"context"
	"slices"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/ssoadmin"
	"github.com/aws/aws-sdk-go-v2/service/ssoadmin/types"

	"github.com/firstrun/firstrun/awsclient"
)

// Assignment gives a group (or a user) a permission set in one AWS account.
type Assignment struct {
	AccountID        string
	PermissionSetARN string
	PrincipalType    types.PrincipalType
	PrincipalID      string
}

// HasAssignment reports whether AWS lists the assignment.
func HasAssignment(ctx context.Context, api awsclient.SSOAdminAPI, instanceARN string, a Assignment) (bool, error) {
	return anyAssignment(ctx, api, instanceARN, a.AccountID, a.PermissionSetARN, func(got types.AccountAssignment) bool {
		return got.PrincipalType == a.PrincipalType && aws.ToString(got.PrincipalId) == a.PrincipalID
	})
}

// anyAssignment reports whether AWS lists an assignment of permission set psARN in
// account that matches.
func anyAssignment(ctx context.Context, api awsclient.SSOAdminAPI, instanceARN, account, psARN string, match func(types.AccountAssignment) bool) (bool, error) {
	pages := ssoadmin.NewListAccountAssignmentsPaginator(api, &ssoadmin.ListAccountAssignmentsInput{
		InstanceArn: aws.String(instanceARN), AccountId: aws.String(account), PermissionSetArn: aws.String(psARN)})
	for pages.HasMorePages() {
		page, err := pages.NextPage(ctx)
		if err != nil {
			return false, err
		}
		if slices.ContainsFunc(page.AccountAssignments, match) {
			return true, nil
		}
	}
	return false, nil
}

// EnsureAssignment makes the assignment unless AWS lists it already, and waits until AWS
// reports it SUCCEEDED (the first assignment of a permission set to an account also
// provisions it there). It returns the ID of the request it made, "" when none was needed.
// A FAILED request comes back as an error carrying AWS's reason.
func EnsureAssignment(ctx context.Context, api awsclient.SSOAdminAPI, instanceARN string, a Assignment, w Waiter) (requestID string, err error) {
	if has, err := HasAssignment(ctx, api, instanceARN, a); err != nil || has {
		return "", err
	}
	out, err := api.CreateAccountAssignment(ctx, &ssoadmin.CreateAccountAssignmentInput{
		InstanceArn: aws.String(instanceARN), PermissionSetArn: aws.String(a.PermissionSetARN),
		PrincipalType: a.PrincipalType, PrincipalId: aws.String(a.PrincipalID),
		TargetType: types.TargetTypeAwsAccount, TargetId: aws.String(a.AccountID)})
	if err != nil {
		return "", err
	}
	requestID = aws.ToString(out.AccountAssignmentCreationStatus.RequestId)
	return requestID, w.wait(ctx, work{what: "Assignment", started: "CreateAccountAssignment",
		describer: "DescribeAccountAssignmentCreationStatus",
		status: func(ctx context.Context) (string, string, error) {
			s, err := api.DescribeAccountAssignmentCreationStatus(ctx, &ssoadmin.DescribeAccountAssignmentCreationStatusInput{
				InstanceArn: aws.String(instanceARN), AccountAssignmentCreationRequestId: aws.String(requestID)})
			if err != nil {
				return "", "", err
			}
			return string(s.AccountAssignmentCreationStatus.Status), aws.ToString(s.AccountAssignmentCreationStatus.FailureReason), nil
		}})
}
