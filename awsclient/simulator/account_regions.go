package simulator

import "slices"

// The aws partition's Regions as the Account API lists them: the Regions enabled for
// every account, then those an account must opt in to
// (https://docs.aws.amazon.com/accounts/latest/reference/manage-acct-regions.html).
// The simulated account has opted in to none.
var (
	defaultRegions = []string{"ap-northeast-1", "ap-northeast-2", "ap-northeast-3", "ap-south-1", "ap-southeast-1",
		"ap-southeast-2", "ca-central-1", "eu-central-1", "eu-north-1", "eu-west-1", "eu-west-2", "eu-west-3",
		"sa-east-1", "us-east-1", "us-east-2", "us-west-1", "us-west-2"}
	optInRegions = []string{"af-south-1", "ap-east-1", "ap-south-2", "ap-southeast-3", "ap-southeast-4",
		"ap-southeast-5", "ap-southeast-7", "ca-west-1", "eu-central-2", "eu-south-1", "eu-south-2",
		"il-central-1", "me-central-1", "me-south-1", "mx-central-1"}
)

type regionJSON struct {
	RegionName      string `json:"RegionName"`
	RegionOptStatus string `json:"RegionOptStatus"`
}

// accountListRegions answers account:ListRegions, filtered by RegionOptStatusContains
// and paged (MaxResults 1-50, default 20).
func accountListRegions(r *request) (any, error) {
	var in struct {
		AccountID               string   `json:"AccountId"`
		MaxResults              *int     `json:"MaxResults"`
		NextToken               string   `json:"NextToken"`
		RegionOptStatusContains []string `json:"RegionOptStatusContains"`
	}
	if aerr := r.decodeJSON(&in); aerr != nil {
		return nil, aerr
	}
	if _, aerr := r.targetAccount(in.AccountID); aerr != nil {
		return nil, aerr
	}
	var list []regionJSON
	add := func(names []string, status string) {
		if len(in.RegionOptStatusContains) > 0 && !slices.Contains(in.RegionOptStatusContains, status) {
			return
		}
		for _, n := range names {
			list = append(list, regionJSON{RegionName: n, RegionOptStatus: status})
		}
	}
	add(defaultRegions, "ENABLED_BY_DEFAULT")
	add(optInRegions, "DISABLED")
	page, next, aerr := paginate(r, list, pageRequest{token: in.NextToken, limit: in.MaxResults, param: "maxResults", def: 20, max: 50})
	if aerr != nil {
		return nil, aerr
	}
	out := struct {
		NextToken string       `json:"NextToken,omitempty"`
		Regions   []regionJSON `json:"Regions"`
	}{next, page}
	return out, nil
}
