package awsclient

import (
	"context"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/organizations"
	"github.com/aws/aws-sdk-go-v2/service/organizations/types"
)

// OrgAccount is an account of an organization, as its management account lists it.
type OrgAccount struct {
	ID, Name, Email string
	// State is ACTIVE, SUSPENDED, PENDING_CLOSURE or CLOSED.
	State string
}

// Active reports whether the account can be used (and audited).
func (a OrgAccount) Active() bool { return a.State == string(types.AccountStateActive) }

// ListAccounts lists every account of the caller's organization, the management account
// included, reading every page. Only the management account (or a delegated
// administrator) may call it.
func ListAccounts(ctx context.Context, api OrganizationsAPI) ([]OrgAccount, error) {
	var list []OrgAccount
	pages := organizations.NewListAccountsPaginator(api, &organizations.ListAccountsInput{})
	for pages.HasMorePages() {
		page, err := pages.NextPage(ctx)
		if err != nil {
			return nil, err
		}
		for _, a := range page.Accounts {
			state := string(a.State)
			if state == "" { // State is new; older answers carry only the deprecated Status
				state = string(a.Status)
			}
			list = append(list, OrgAccount{ID: aws.ToString(a.Id), Name: aws.ToString(a.Name),
				Email: aws.ToString(a.Email), State: state})
		}
	}
	return list, nil
}
