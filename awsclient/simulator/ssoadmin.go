package simulator

import (
	"sort"
	"time"
)

// SSO Admin (IAM Identity Center) speaks AWS JSON 1.1 and signs as "sso";
// see https://docs.aws.amazon.com/singlesignon/latest/APIReference/.
func ssoAdminService() *service {
	return newService(service{
		id: "sso-admin", signingName: "sso", actionPrefix: "sso",
		protocol: jsonProtocol{targetPrefix: "SWBExternalService"},
		errs:     ssoAdminErrors(),
	}, []operation{
		read("ListInstances", ssoListInstances),
	}, ssoAdminPermissionSetOperations(), ssoAdminAssignmentOperations())
}

// ssoAdminErrors adds SSO Admin's ConflictException for a write racing one not yet
// propagated, which its model documents as "a retry is the recommended response". The
// same code also answers a duplicate permission set name, whose message says so.
func ssoAdminErrors() serviceErrors {
	errs := jsonErrors("ThrottlingException", "InternalServerException")
	errs.concurrent = apiError{Code: "ConflictException", Status: 400,
		Message: "The request conflicts with a previous write that has not propagated yet. Retry the request."}
	errs.notFound = *errSSONotFound("The request ID could not be found.")
	return errs
}

// enableIdentityCenter creates the account's Identity Center instance in a
// Region. No API does this for an organization instance; see
// Console.EnableIdentityCenter.
func (w *world) enableIdentityCenter(a *account, region string, now time.Time) *ssoInstance {
	store := "d-" + w.newID(lowerHex, 10)
	if w.UUIDIdentityStores {
		id := w.newID(lowerHex, 32)
		store = id[:8] + "-" + id[8:12] + "-" + id[12:16] + "-" + id[16:20] + "-" + id[20:]
	}
	inst := &ssoInstance{
		ARN:             "arn:" + a.partition() + ":sso:::instance/ssoins-" + w.newID(lowerHex, 16),
		IdentityStoreID: store,
		Region:          region,
		Status:          "ACTIVE",
		Created:         now,
	}
	if a.IdentityCenter == nil {
		a.IdentityCenter = map[string]*ssoInstance{}
	}
	a.IdentityCenter[region] = inst
	return inst
}

type instanceMetadataJSON struct {
	InstanceArn     string        `json:"InstanceArn"`
	IdentityStoreID string        `json:"IdentityStoreId"`
	OwnerAccountID  string        `json:"OwnerAccountId"`
	CreatedDate     *epochSeconds `json:"CreatedDate"`
	Status          string        `json:"Status"`
}

type listInstancesOutput struct {
	Instances []instanceMetadataJSON `json:"Instances"`
	NextToken string                 `json:"NextToken,omitempty"`
}

// ssoListInstances lists the caller's instances in the Region called: an
// instance lives in one Region, and ListInstances elsewhere finds nothing.
func ssoListInstances(r *request) (any, error) {
	var in struct {
		MaxResults *int   `json:"MaxResults"`
		NextToken  string `json:"NextToken"`
	}
	if aerr := r.decodeJSON(&in); aerr != nil {
		return nil, aerr
	}
	a := r.account()
	var list []*ssoInstance
	if inst := a.IdentityCenter[r.region]; inst != nil {
		list = append(list, inst)
	}
	sort.Slice(list, func(i, j int) bool { return list[i].ARN < list[j].ARN })
	page, next, aerr := paginate(r, list, pageRequest{
		token: in.NextToken, limit: in.MaxResults, param: "maxResults", def: 100, max: 100,
	})
	if aerr != nil {
		return nil, aerr
	}
	out := listInstancesOutput{Instances: []instanceMetadataJSON{}, NextToken: next}
	for _, inst := range page {
		out.Instances = append(out.Instances, instanceMetadataJSON{
			InstanceArn: inst.ARN, IdentityStoreID: inst.IdentityStoreID, OwnerAccountID: a.ID,
			CreatedDate: epoch(inst.Created), Status: inst.Status,
		})
	}
	return out, nil
}
