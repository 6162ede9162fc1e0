package simulator_test

import (
	"context"
	"errors"
	"fmt"
	"regexp"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/organizations"
	"github.com/aws/aws-sdk-go-v2/service/organizations/types"

	"github.com/firstrun/firstrun/awsclient/simulator"
)

func TestCreateOrganization(t *testing.T) {
	sim, cfg := start(t, simulator.Options{})
	client := organizations.NewFromConfig(cfg)
	ctx := context.Background()

	_, err := client.DescribeOrganization(ctx, &organizations.DescribeOrganizationInput{})
	requireCode(t, err, "AWSOrganizationsNotInUseException")
	requireType[*types.AWSOrganizationsNotInUseException](t, err)
	_, err = client.ListAccounts(ctx, &organizations.ListAccountsInput{})
	requireType[*types.AWSOrganizationsNotInUseException](t, err)

	created, err := client.CreateOrganization(ctx, &organizations.CreateOrganizationInput{FeatureSet: types.OrganizationFeatureSetAll})
	if err != nil {
		t.Fatal(err)
	}
	org := created.Organization
	acct := sim.AccountID()
	if !regexp.MustCompile(`^o-[a-z0-9]{10}$`).MatchString(aws.ToString(org.Id)) ||
		aws.ToString(org.Arn) != "arn:aws:organizations::"+acct+":organization/"+aws.ToString(org.Id) ||
		aws.ToString(org.MasterAccountId) != acct || org.FeatureSet != types.OrganizationFeatureSetAll ||
		aws.ToString(org.MasterAccountEmail) != "aws-root@example.com" {
		t.Errorf("CreateOrganization returned %+v", org)
	}

	described, err := client.DescribeOrganization(ctx, &organizations.DescribeOrganizationInput{})
	if err != nil {
		t.Fatal(err)
	}
	if aws.ToString(described.Organization.Id) != aws.ToString(org.Id) {
		t.Errorf("DescribeOrganization = %+v", described.Organization)
	}

	_, err = client.CreateOrganization(ctx, &organizations.CreateOrganizationInput{})
	requireCode(t, err, "AlreadyInOrganizationException")
	requireType[*types.AlreadyInOrganizationException](t, err)

	accounts, err := client.ListAccounts(ctx, &organizations.ListAccountsInput{})
	if err != nil {
		t.Fatal(err)
	}
	if len(accounts.Accounts) != 1 || aws.ToString(accounts.Accounts[0].Id) != acct ||
		accounts.Accounts[0].JoinedMethod != types.AccountJoinedMethodCreated || accounts.Accounts[0].State != types.AccountStateActive {
		t.Errorf("ListAccounts = %+v", accounts.Accounts)
	}
}

func TestMemberAccountOfExistingOrganization(t *testing.T) {
	_, cfg := start(t, simulator.Options{Scenario: simulator.ExistingOrganization})
	client := organizations.NewFromConfig(cfg)
	ctx := context.Background()

	out, err := client.DescribeOrganization(ctx, &organizations.DescribeOrganizationInput{})
	if err != nil {
		t.Fatal(err)
	}
	if aws.ToString(out.Organization.MasterAccountId) != "947261583046" {
		t.Errorf("management account %s", aws.ToString(out.Organization.MasterAccountId))
	}
	_, err = client.CreateOrganization(ctx, &organizations.CreateOrganizationInput{})
	requireType[*types.AlreadyInOrganizationException](t, err)
	_, err = client.ListAccounts(ctx, &organizations.ListAccountsInput{})
	requireCode(t, err, "AccessDeniedException")
	requireType[*types.AccessDeniedException](t, err)
}

func TestCreateAccountIsAsynchronous(t *testing.T) {
	clock := newClock()
	_, cfg := start(t, simulator.Options{Scenario: simulator.HalfSetUp, Clock: clock.Now, AsyncDelay: 5 * time.Second})
	client := organizations.NewFromConfig(cfg)
	ctx := context.Background()

	out, err := client.CreateAccount(ctx, &organizations.CreateAccountInput{AccountName: aws.String("Workloads"), Email: aws.String("aws-workloads@example.com")})
	if err != nil {
		t.Fatal(err)
	}
	status := out.CreateAccountStatus
	if status.State != types.CreateAccountStateInProgress || status.AccountId != nil {
		t.Fatalf("CreateAccount returned %+v", status)
	}
	describe := func() *types.CreateAccountStatus {
		t.Helper()
		out, err := client.DescribeCreateAccountStatus(ctx, &organizations.DescribeCreateAccountStatusInput{CreateAccountRequestId: status.Id})
		if err != nil {
			t.Fatal(err)
		}
		return out.CreateAccountStatus
	}
	listed := func() int {
		t.Helper()
		out, err := client.ListAccounts(ctx, &organizations.ListAccountsInput{})
		if err != nil {
			t.Fatal(err)
		}
		return len(out.Accounts)
	}

	clock.Advance(4 * time.Second)
	if s := describe(); s.State != types.CreateAccountStateInProgress {
		t.Errorf("after 4s: %s", s.State)
	}
	if n := listed(); n != 1 {
		t.Errorf("ListAccounts shows %d accounts while the new one is being created", n)
	}
	clock.Advance(time.Second)
	done := describe()
	if done.State != types.CreateAccountStateSucceeded || len(aws.ToString(done.AccountId)) != 12 || done.CompletedTimestamp == nil {
		t.Errorf("after 5s: %+v", done)
	}
	if n := listed(); n != 2 {
		t.Errorf("ListAccounts shows %d accounts, want 2", n)
	}

	// A second account with the same email fails the way AWS reports it.
	again, err := client.CreateAccount(ctx, &organizations.CreateAccountInput{AccountName: aws.String("Dup"), Email: aws.String("AWS-workloads@example.com")})
	if err != nil {
		t.Fatal(err)
	}
	clock.Advance(5 * time.Second)
	failed, err := client.DescribeCreateAccountStatus(ctx, &organizations.DescribeCreateAccountStatusInput{CreateAccountRequestId: again.CreateAccountStatus.Id})
	if err != nil {
		t.Fatal(err)
	}
	if failed.CreateAccountStatus.State != types.CreateAccountStateFailed || failed.CreateAccountStatus.FailureReason != types.CreateAccountFailureReasonEmailAlreadyExists {
		t.Errorf("duplicate email: %+v", failed.CreateAccountStatus)
	}

	_, err = client.DescribeCreateAccountStatus(ctx, &organizations.DescribeCreateAccountStatusInput{CreateAccountRequestId: aws.String("car-nope")})
	requireType[*types.CreateAccountStatusNotFoundException](t, err)
}

func TestListAccountsPagination(t *testing.T) {
	_, cfg := start(t, simulator.Options{Scenario: simulator.HalfSetUp})
	client := organizations.NewFromConfig(cfg)
	ctx := context.Background()
	for i := range 6 {
		if _, err := client.CreateAccount(ctx, &organizations.CreateAccountInput{
			AccountName: aws.String(fmt.Sprintf("Member %d", i)), Email: aws.String(fmt.Sprintf("member-%d@example.com", i)),
		}); err != nil {
			t.Fatal(err)
		}
	}

	seen := map[string]bool{}
	pages := 0
	p := organizations.NewListAccountsPaginator(client, &organizations.ListAccountsInput{MaxResults: aws.Int32(3)})
	for p.HasMorePages() {
		out, err := p.NextPage(ctx)
		if err != nil {
			t.Fatal(err)
		}
		pages++
		for _, a := range out.Accounts {
			if seen[aws.ToString(a.Id)] {
				t.Errorf("account %s listed twice", aws.ToString(a.Id))
			}
			seen[aws.ToString(a.Id)] = true
		}
	}
	if pages != 3 || len(seen) != 7 {
		t.Errorf("%d pages, %d accounts; want 3 pages, 7 accounts", pages, len(seen))
	}

	_, err := client.ListAccounts(ctx, &organizations.ListAccountsInput{NextToken: aws.String("bogus")})
	requireCode(t, err, "InvalidInputException")
	if e, ok := errors.AsType[*types.InvalidInputException](err); !ok || e.Reason != types.InvalidInputExceptionReasonInvalidPaginationToken {
		t.Errorf("got %v, want InvalidInputException with reason INVALID_NEXT_TOKEN", err)
	}
	_, err = client.ListAccounts(ctx, &organizations.ListAccountsInput{MaxResults: aws.Int32(21)})
	requireType[*types.InvalidInputException](t, err)
}
