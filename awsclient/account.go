package awsclient

import (
	"context"

	"github.com/aws/aws-sdk-go-v2/service/account"
)

// AccountAPI is the part of AWS Account Management firstrun uses: the account's primary
// contact, its alternate contacts and its enabled Regions.
type AccountAPI interface {
	account.ListRegionsAPIClient
	GetContactInformation(context.Context, *account.GetContactInformationInput, ...func(*account.Options)) (*account.GetContactInformationOutput, error)
	GetAlternateContact(context.Context, *account.GetAlternateContactInput, ...func(*account.Options)) (*account.GetAlternateContactOutput, error)
	PutAlternateContact(context.Context, *account.PutAlternateContactInput, ...func(*account.Options)) (*account.PutAlternateContactOutput, error)
}

var _ AccountAPI = (*account.Client)(nil)
