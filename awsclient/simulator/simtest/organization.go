package simtest

import (
	"context"
	"fmt"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/organizations"
	"github.com/aws/aws-sdk-go-v2/service/organizations/types"
)

// Organization makes the account of cfg's caller the management account of a new
// organization with n member accounts, created through the Organizations API as AWS
// creates them: each has an OrganizationAccountAccessRole that trusts the management
// account. It returns the members' IDs in creation order. The caller must not be a root
// user, whom AWS never lets assume a role.
func Organization(t testing.TB, cfg aws.Config, n int) []string {
	t.Helper()
	ctx := t.Context()
	client := organizations.NewFromConfig(cfg)
	if _, err := client.CreateOrganization(ctx, &organizations.CreateOrganizationInput{FeatureSet: types.OrganizationFeatureSetAll}); err != nil {
		t.Fatalf("CreateOrganization: %v", err)
	}
	members := make([]string, n)
	for i := range members {
		out, err := client.CreateAccount(ctx, &organizations.CreateAccountInput{
			AccountName: aws.String(fmt.Sprintf("Member %02d", i+1)),
			Email:       aws.String(fmt.Sprintf("aws-member-%02d@example.com", i+1)),
		})
		if err != nil {
			t.Fatalf("CreateAccount: %v", err)
		}
		members[i] = createdAccount(ctx, t, client, aws.ToString(out.CreateAccountStatus.Id))
	}
	return members
}

// createdAccount polls a CreateAccount request until the account exists, and returns its ID.
func createdAccount(ctx context.Context, t testing.TB, client *organizations.Client, request string) string {
	t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for {
		out, err := client.DescribeCreateAccountStatus(ctx, &organizations.DescribeCreateAccountStatusInput{CreateAccountRequestId: aws.String(request)})
		if err != nil {
			t.Fatalf("DescribeCreateAccountStatus: %v", err)
		}
		switch s := out.CreateAccountStatus; s.State {
		case types.CreateAccountStateSucceeded:
			return aws.ToString(s.AccountId)
		case types.CreateAccountStateFailed:
			t.Fatalf("CreateAccount %s failed: %s", request, s.FailureReason)
		}
		if time.Now().After(deadline) {
			t.Fatalf("CreateAccount %s still in progress after 10s", request)
		}
		time.Sleep(10 * time.Millisecond)
	}
}
