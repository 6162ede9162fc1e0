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
	client := organizations.NewFromConfig(cfg)
	if _, err := client.CreateOrganization(t.Context(), &organizations.CreateOrganizationInput{FeatureSet: types.OrganizationFeatureSetAll}); err != nil {
		t.Fatalf("CreateOrganization: %v", err)
	}
	return Members(t, cfg, n)
}

// Members creates n more member accounts in the organization cfg's caller manages, as
// Organization does, and returns their IDs in creation order.
func Members(t testing.TB, cfg aws.Config, n int) []string {
	t.Helper()
	ctx := t.Context()
	client := organizations.NewFromConfig(cfg)
	existing := 0 // members are numbered on from those the organization has
	for pages := organizations.NewListAccountsPaginator(client, &organizations.ListAccountsInput{}); pages.HasMorePages(); {
		page, err := pages.NextPage(ctx)
		if err != nil {
			t.Fatalf("ListAccounts: %v", err)
		}
		existing += len(page.Accounts)
	}
	members := make([]string, n)
	for i := range members {
		number := existing + i // the management account is the first
		out, err := client.CreateAccount(ctx, &organizations.CreateAccountInput{
			AccountName: aws.String(fmt.Sprintf("Member %02d", number)),
			Email:       aws.String(fmt.Sprintf("aws-member-%02d@example.com", number)),
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
