package simulator_test

import (
	"context"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/account"
	"github.com/aws/aws-sdk-go-v2/service/account/types"
	"github.com/aws/aws-sdk-go-v2/service/organizations"

	"github.com/firstrun/firstrun/awsclient/simulator"
)

func TestGetContactInformation(t *testing.T) {
	_, cfg := start(t, simulator.Options{})
	out, err := account.NewFromConfig(cfg).GetContactInformation(context.Background(), &account.GetContactInformationInput{})
	if err != nil {
		t.Fatal(err)
	}
	c := out.ContactInformation
	if aws.ToString(c.FullName) == "" || aws.ToString(c.PhoneNumber) == "" || aws.ToString(c.CountryCode) != "US" ||
		aws.ToString(c.AddressLine1) == "" || aws.ToString(c.City) == "" || aws.ToString(c.PostalCode) == "" {
		t.Errorf("contact %+v", c)
	}
}

func TestGetContactInformationOfMemberAccount(t *testing.T) {
	_, cfg := start(t, simulator.Options{Scenario: simulator.HalfSetUp})
	ctx := context.Background()
	created, err := organizations.NewFromConfig(cfg).CreateAccount(ctx, &organizations.CreateAccountInput{
		AccountName: aws.String("Sandbox"), Email: aws.String("aws-sandbox@example.com"),
	})
	if err != nil {
		t.Fatal(err)
	}
	status, err := organizations.NewFromConfig(cfg).DescribeCreateAccountStatus(ctx, &organizations.DescribeCreateAccountStatusInput{
		CreateAccountRequestId: created.CreateAccountStatus.Id,
	})
	if err != nil {
		t.Fatal(err)
	}
	client := account.NewFromConfig(cfg)

	// An account made by CreateAccount has no primary contact yet.
	_, err = client.GetContactInformation(ctx, &account.GetContactInformationInput{AccountId: status.CreateAccountStatus.AccountId})
	requireCode(t, err, "ResourceNotFoundException")
	requireType[*types.ResourceNotFoundException](t, err)

	_, err = client.GetContactInformation(ctx, &account.GetContactInformationInput{AccountId: aws.String("111122223333")})
	requireCode(t, err, "AccessDeniedException")
	requireType[*types.AccessDeniedException](t, err)
}
