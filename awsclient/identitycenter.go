package awsclient

import (
	"context"
	"fmt"
	"slices"
	"sync"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/ssoadmin"
)

// IdentityCenterInstance is an instance of IAM Identity Center as ListInstances gives it,
// with the Region it answered in.
type IdentityCenterInstance struct {
	Region, ARN, IdentityStoreID, Status string
	// Owner is the account that owns the instance: for an organization instance, the
	// organization's management account.
	Owner string
}

// OrganizationInstance reports whether the instance is its organization's, the only kind
// that can give people access to AWS accounts; an account instance (made in a standalone
// or member account) serves applications only.
func (i IdentityCenterInstance) OrganizationInstance(managementAccount string) bool {
	return managementAccount != "" && i.Owner == managementAccount
}

// IdentityCenterSearch is where FindIdentityCenter looked and what it found.
type IdentityCenterSearch struct {
	Instances []IdentityCenterInstance
	Searched  []string // the Regions looked in
	// Incomplete says why not every enabled Region could be looked in; nil when all were.
	Incomplete error
}

// searchParallel bounds the Regions searched at once: ListInstances is cheap, but
// seventeen at once from a slow network would all time out together.
const searchParallel = 8

// FindIdentityCenter looks for the account's Identity Center instances in preferred
// first and, when there is none, in every other Region the account has enabled, several
// at once: an account has one instance across all Regions, and it may have been enabled
// in any of them. When the Regions can't be listed, or one can't be read, Incomplete
// says why; an error in preferred is returned.
func FindIdentityCenter(ctx context.Context, c *Clients, preferred string) (IdentityCenterSearch, error) {
	s := IdentityCenterSearch{Searched: []string{preferred}}
	found, err := listInstances(ctx, c.SSOAdmin(preferred), preferred)
	if err != nil || len(found) > 0 {
		s.Instances = found
		return s, err
	}
	regions, err := EnabledRegions(ctx, c.Account)
	if err != nil {
		s.Incomplete = err
		return s, nil
	}
	regions = slices.DeleteFunc(regions, func(r string) bool { return r == preferred })
	results := make([][]IdentityCenterInstance, len(regions))
	errs := make([]error, len(regions))
	var wg sync.WaitGroup
	limit := make(chan struct{}, searchParallel)
	for i, region := range regions {
		wg.Go(func() {
			limit <- struct{}{}
			defer func() { <-limit }()
			results[i], errs[i] = listInstances(ctx, c.SSOAdmin(region), region)
		})
	}
	wg.Wait()
	s.Searched = append(s.Searched, regions...)
	for i, region := range regions {
		if errs[i] != nil && s.Incomplete == nil { // a Region a policy keeps closed, say
			s.Incomplete = fmt.Errorf("%s: %w", region, errs[i])
		}
		s.Instances = append(s.Instances, results[i]...)
	}
	return s, nil
}

func listInstances(ctx context.Context, api SSOAdminAPI, region string) ([]IdentityCenterInstance, error) {
	var found []IdentityCenterInstance
	pages := ssoadmin.NewListInstancesPaginator(api, &ssoadmin.ListInstancesInput{})
	for pages.HasMorePages() {
		page, err := pages.NextPage(ctx)
		if err != nil {
			return nil, err
		}
		for _, in := range page.Instances {
			found = append(found, IdentityCenterInstance{Region: region, ARN: aws.ToString(in.InstanceArn),
				IdentityStoreID: aws.ToString(in.IdentityStoreId), Status: string(in.Status), Owner: aws.ToString(in.OwnerAccountId)})
		}
	}
	return found, nil
}
