package simulator

import (
	"net/http"
	"slices"
	"strconv"
)

// The SSO portal API speaks REST-JSON and authenticates with the access
// token of an access portal session instead of a signature; see
// https://docs.aws.amazon.com/singlesignon/latest/PortalAPIReference/.
func ssoPortalService() *service {
	errs := restErrors("TooManyRequestsException")
	errs.validation = apiError{Code: "InvalidRequestException", Status: http.StatusBadRequest}
	errs.badNextToken = apiError{Code: "InvalidRequestException", Status: http.StatusBadRequest, Message: "The next token is invalid."}
	return newService(service{
		id: "sso", signingName: "awsssoportal", actionPrefix: "sso", unsigned: true,
		protocol: restJSONProtocol{messageKey: "message"},
		errs:     errs,
	}, []operation{
		read("ListAccounts", portalListAccounts).at("GET /assignment/accounts"),
		read("ListAccountRoles", portalListAccountRoles).at("GET /assignment/roles"),
	})
}

// portalCaller is the Identity Center user behind a request's bearer token.
type portalCaller struct {
	account *account
	inst    *ssoInstance
	userID  string
}

func (r *request) portalCaller() (portalCaller, *apiError) {
	unauthorized := &apiError{Code: "UnauthorizedException", Status: http.StatusUnauthorized, Message: "Session token not found or invalid"}
	t := r.vault.oidc.tokens[r.header.Get("x-amz-sso_bearer_token")]
	if t == nil || !r.now.Before(t.expires) {
		return portalCaller{}, unauthorized
	}
	a := r.world.Accounts[t.account]
	inst := a.IdentityCenter[t.region]
	if inst == nil || inst.Users[t.userID] == nil {
		return portalCaller{}, unauthorized
	}
	return portalCaller{account: a, inst: inst, userID: t.userID}, nil
}

// assigned reports whether an assignment reaches the caller: directly, or
// through a group the caller is in.
func (c portalCaller) assigned(req *assignmentRequest) bool {
	switch req.PrincipalType {
	case "USER":
		return req.PrincipalID == c.userID
	case "GROUP":
		return c.inst.membershipOf(req.PrincipalID, c.userID) != nil
	}
	return false
}

// roles lists, per account, the permission sets the caller can use there,
// in the order they were assigned.
func (r *request) portalRoles(c portalCaller) (accounts []string, roles map[string][]string) {
	roles = map[string][]string{}
	for _, req := range c.inst.sortedAssignmentRequests() {
		ps := c.inst.PermissionSets[req.PermissionSetARN]
		if ps == nil || req.Work.state(r.now) != asyncSucceeded || !c.assigned(req) || slices.Contains(roles[req.AccountID], ps.Name) {
			continue
		}
		if len(roles[req.AccountID]) == 0 {
			accounts = append(accounts, req.AccountID)
		}
		roles[req.AccountID] = append(roles[req.AccountID], ps.Name)
	}
	return accounts, roles
}

// portalPage reads the portal's paging parameters from the query string.
func (r *request) portalPage() (pageRequest, *apiError) {
	p := pageRequest{token: r.query.Get("next_token"), param: "maxResults", def: 100, max: 100}
	if v := r.query.Get("max_result"); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil {
			return p, r.svc.errs.validation.with("Invalid value %q for max_result", v)
		}
		p.limit = &n
	}
	return p, nil
}

type portalAccountJSON struct {
	AccountID    string `json:"accountId"`
	AccountName  string `json:"accountName"`
	EmailAddress string `json:"emailAddress"`
}

func portalListAccounts(r *request) (any, error) {
	c, aerr := r.portalCaller()
	if aerr != nil {
		return nil, aerr
	}
	p, aerr := r.portalPage()
	if aerr != nil {
		return nil, aerr
	}
	accounts, _ := r.portalRoles(c)
	page, next, aerr := paginate(r, accounts, p)
	if aerr != nil {
		return nil, aerr
	}
	out := make([]portalAccountJSON, 0, len(page))
	for _, id := range page {
		a := r.world.Accounts[id]
		out = append(out, portalAccountJSON{AccountID: a.ID, AccountName: a.Name, EmailAddress: a.Email})
	}
	return struct {
		AccountList []portalAccountJSON `json:"accountList"`
		NextToken   string              `json:"nextToken,omitempty"`
	}{out, next}, nil
}

type portalRoleJSON struct {
	RoleName  string `json:"roleName"`
	AccountID string `json:"accountId"`
}

func portalListAccountRoles(r *request) (any, error) {
	c, aerr := r.portalCaller()
	if aerr != nil {
		return nil, aerr
	}
	p, aerr := r.portalPage()
	if aerr != nil {
		return nil, aerr
	}
	accountID := r.query.Get("account_id")
	if accountID == "" {
		return nil, r.svc.errs.validation.with("account_id is required")
	}
	_, roles := r.portalRoles(c)
	page, next, aerr := paginate(r, roles[accountID], p)
	if aerr != nil {
		return nil, aerr
	}
	out := make([]portalRoleJSON, 0, len(page))
	for _, name := range page {
		out = append(out, portalRoleJSON{RoleName: name, AccountID: accountID})
	}
	return struct {
		RoleList  []portalRoleJSON `json:"roleList"`
		NextToken string           `json:"nextToken,omitempty"`
	}{out, next}, nil
}
