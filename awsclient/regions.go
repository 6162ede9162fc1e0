package awsclient

import (
	"context"
	"slices"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/account"
	accounttypes "github.com/aws/aws-sdk-go-v2/service/account/types"
)

// EnabledRegions lists the Regions the account can use: those enabled by default and
// those it opted in to (account:ListRegions), sorted.
func EnabledRegions(ctx context.Context, api AccountAPI) ([]string, error) {
	pages := account.NewListRegionsPaginator(api, &account.ListRegionsInput{
		RegionOptStatusContains: []accounttypes.RegionOptStatus{accounttypes.RegionOptStatusEnabled, accounttypes.RegionOptStatusEnabledByDefault}})
	var regions []string
	for pages.HasMorePages() {
		page, err := pages.NextPage(ctx)
		if err != nil {
			return nil, err
		}
		for _, r := range page.Regions {
			regions = append(regions, aws.ToString(r.RegionName))
		}
	}
	slices.Sort(regions)
	return regions, nil
}
