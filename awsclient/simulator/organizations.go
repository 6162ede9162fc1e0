package simulator

import (
	"fmt"
	"slices"
	"strings"
	"time"
)

// Organizations speaks AWS JSON 1.1; see
// https://docs.aws.amazon.com/organizations/latest/APIReference/.
func organizationsService() *service {
	errs := jsonErrors("TooManyRequestsException", "ServiceException")
	// Organizations reports bad input, paging included, as InvalidInputException.
	errs.validation = apiError{Code: "InvalidInputException", Status: 400}
	errs.badNextToken = *errs.validation.with("The NextToken is not valid.").field("Reason", "INVALID_NEXT_TOKEN")
	errs.notFound = apiError{Code: "CreateAccountStatusNotFoundException", Status: 400,
		Message: "We can't find an create account request with the CreateAccountRequestId that you specified."}
	errs.concurrent = apiError{Code: "ConcurrentModificationException", Status: 400,
		Message: "AWS Organizations can't complete your request because it conflicts with another attempt to modify the same entity. Try again later."}
	return newService(service{
		id: "organizations", signingName: "organizations", actionPrefix: "organizations",
		protocol: jsonProtocol{targetPrefix: "AWSOrganizationsV20161128"},
		errs:     errs,
	}, []operation{
		write("CreateAccount", orgCreateAccount),
		write("CreateOrganization", orgCreateOrganization),
		read("DescribeCreateAccountStatus", orgDescribeCreateAccountStatus),
		read("DescribeOrganization", orgDescribeOrganization),
		read("ListAccounts", orgListAccounts),
	}, orgServiceAccessOperations())
}

func errOrgNotInUse() *apiError {
	return &apiError{Code: "AWSOrganizationsNotInUseException", Status: 400, Message: "Your account is not a member of an organization."}
}

func errOrgAccessDenied() *apiError {
	return &apiError{Code: "AccessDeniedException", Status: 400, Message: "You don't have permissions to access this resource."}
}

// createOrganization makes a the management account of a new organization.
func (w *world) createOrganization(a *account, featureSet string, now time.Time) *organization {
	org := &organization{
		ID:         "o-" + w.newID(lowerAlnum, 10),
		RootID:     "r-" + w.newID(lowerAlnum, 4),
		FeatureSet: featureSet,
		Management: a.ID,
		Created:    now,
	}
	w.Organizations[org.ID] = org
	w.join(a, org, "CREATED", now)
	return org
}

func (w *world) join(a *account, org *organization, method string, when time.Time) {
	a.Membership = &membership{Organization: org.ID, JoinedMethod: method, Joined: when}
}

// createMemberAccount creates an account the way CreateAccount does: no
// primary contact yet, and a role the management account can assume.
func (w *world) createMemberAccount(org *organization, name, email string, joined time.Time) *account {
	a := w.addAccount(w.newAccountID(), name, email, joined)
	a.Contact = nil
	a.Root.NoPassword = slices.Contains(org.RootFeatures, featureRootCredentials)
	role := w.addRole(a, "OrganizationAccountAccessRole", "/", accountTrustPolicy(w.Accounts[org.Management]), joined)
	role.AttachedPolicies = []string{a.managedPolicyARN("AdministratorAccess")}
	w.join(a, org, "CREATED", joined)
	return a
}

// managedOrganization returns the organization the caller's account manages,
// or the error Organizations gives a standalone or member account.
func (r *request) managedOrganization() (*organization, *apiError) {
	org := r.world.organizationOf(r.account(), r.now)
	switch {
	case org == nil:
		return nil, errOrgNotInUse()
	case org.Management != r.caller.Account:
		return nil, errOrgAccessDenied()
	}
	return org, nil
}

type organizationJSON struct {
	ID                   string           `json:"Id"`
	Arn                  string           `json:"Arn"`
	FeatureSet           string           `json:"FeatureSet"`
	MasterAccountArn     string           `json:"MasterAccountArn"`
	MasterAccountID      string           `json:"MasterAccountId"`
	MasterAccountEmail   string           `json:"MasterAccountEmail"`
	AvailablePolicyTypes []policyTypeJSON `json:"AvailablePolicyTypes"`
}

type policyTypeJSON struct {
	Type   string `json:"Type"`
	Status string `json:"Status"`
}

func (w *world) organizationJSON(org *organization) organizationJSON {
	mgmt := w.Accounts[org.Management]
	out := organizationJSON{
		ID:                   org.ID,
		Arn:                  mgmt.arn("organizations", "organization/"+org.ID),
		FeatureSet:           org.FeatureSet,
		MasterAccountArn:     w.orgAccountArn(org, org.Management),
		MasterAccountID:      org.Management,
		MasterAccountEmail:   mgmt.Email,
		AvailablePolicyTypes: []policyTypeJSON{},
	}
	if org.FeatureSet == "ALL" { // as the API reference's example shows
		out.AvailablePolicyTypes = append(out.AvailablePolicyTypes, policyTypeJSON{Type: "SERVICE_CONTROL_POLICY", Status: "ENABLED"})
	}
	return out
}

func (w *world) orgAccountArn(org *organization, accountID string) string {
	return w.Accounts[org.Management].arn("organizations", "account/"+org.ID+"/"+accountID)
}

type organizationOutput struct {
	Organization organizationJSON `json:"Organization"`
}

func orgDescribeOrganization(r *request) (any, error) {
	org := r.world.organizationOf(r.account(), r.now)
	if org == nil {
		return nil, errOrgNotInUse()
	}
	return organizationOutput{Organization: r.world.organizationJSON(org)}, nil
}

func orgCreateOrganization(r *request) (any, error) {
	var in struct {
		FeatureSet string `json:"FeatureSet"`
	}
	if aerr := r.decodeJSON(&in); aerr != nil {
		return nil, aerr
	}
	switch in.FeatureSet {
	case "":
		in.FeatureSet = "ALL"
	case "ALL", "CONSOLIDATED_BILLING":
	default:
		return nil, r.svc.errs.validation.with("Unsupported feature set %q.", in.FeatureSet).field("Reason", "INVALID_ENUM")
	}
	a := r.account()
	if a.Membership != nil {
		return nil, &apiError{Code: "AlreadyInOrganizationException", Status: 400, Message: "The AWS account is already a member of an organization."}
	}
	org := r.world.createOrganization(a, in.FeatureSet, r.now)
	return organizationOutput{Organization: r.world.organizationJSON(org)}, nil
}

type orgAccountJSON struct {
	ID              string        `json:"Id"`
	Arn             string        `json:"Arn"`
	Email           string        `json:"Email"`
	Name            string        `json:"Name"`
	Status          string        `json:"Status"` // deprecated by AWS in favour of State; both are sent
	State           string        `json:"State"`
	JoinedMethod    string        `json:"JoinedMethod"`
	JoinedTimestamp *epochSeconds `json:"JoinedTimestamp"`
}

type listAccountsOutput struct {
	Accounts  []orgAccountJSON `json:"Accounts"`
	NextToken string           `json:"NextToken,omitempty"`
}

func orgListAccounts(r *request) (any, error) {
	var in struct {
		MaxResults *int   `json:"MaxResults"`
		NextToken  string `json:"NextToken"`
	}
	if aerr := r.decodeJSON(&in); aerr != nil {
		return nil, aerr
	}
	org, aerr := r.managedOrganization()
	if aerr != nil {
		return nil, aerr
	}
	page, next, aerr := paginate(r, r.world.members(org, r.now), pageRequest{
		token: in.NextToken, limit: in.MaxResults, param: "maxResults", def: 20, max: 20,
	})
	if aerr != nil {
		return nil, aerr
	}
	out := listAccountsOutput{Accounts: []orgAccountJSON{}, NextToken: next}
	for _, a := range page {
		out.Accounts = append(out.Accounts, orgAccountJSON{
			ID: a.ID, Arn: r.world.orgAccountArn(org, a.ID), Email: a.Email, Name: a.Name,
			Status: "ACTIVE", State: "ACTIVE",
			JoinedMethod: a.Membership.JoinedMethod, JoinedTimestamp: epoch(a.Membership.Joined),
		})
	}
	return out, nil
}

// createAccountRequest is CreateAccount's asynchronous request.
type createAccountRequest struct {
	ID          string `json:"id"`
	AccountName string `json:"account_name"`
	AccountID   string `json:"account_id,omitempty"` // empty when it failed
	Work        async  `json:"work"`
}

type createAccountStatusJSON struct {
	ID                 string        `json:"Id"`
	AccountName        string        `json:"AccountName"`
	State              string        `json:"State"`
	RequestedTimestamp *epochSeconds `json:"RequestedTimestamp"`
	CompletedTimestamp *epochSeconds `json:"CompletedTimestamp,omitempty"`
	AccountID          string        `json:"AccountId,omitempty"`
	FailureReason      string        `json:"FailureReason,omitempty"`
}

func (req *createAccountRequest) statusJSON(now time.Time) createAccountStatusJSON {
	out := createAccountStatusJSON{
		ID: req.ID, AccountName: req.AccountName, RequestedTimestamp: epoch(req.Work.Started),
		State: req.Work.status(now, "IN_PROGRESS", "SUCCEEDED", "FAILED"),
	}
	switch req.Work.state(now) {
	case asyncSucceeded:
		out.AccountID, out.CompletedTimestamp = req.AccountID, epoch(req.Work.done())
	case asyncFailed:
		out.FailureReason, out.CompletedTimestamp = req.Work.Failure, epoch(req.Work.done())
	case asyncInProgress:
	}
	return out
}

type createAccountStatusOutput struct {
	CreateAccountStatus createAccountStatusJSON `json:"CreateAccountStatus"`
}

// orgCreateAccount starts creating a member account; the account joins the
// organization when the work finishes, as with AWS.
func orgCreateAccount(r *request) (any, error) {
	var in struct {
		Email       string `json:"Email"`
		AccountName string `json:"AccountName"`
	}
	if aerr := r.decodeJSON(&in); aerr != nil {
		return nil, aerr
	}
	if !strings.Contains(in.Email, "@") || in.AccountName == "" {
		return nil, r.svc.errs.validation.with("You must specify a valid email address and account name.").field("Reason", "INVALID_EMAIL_ADDRESS_TARGET")
	}
	org, aerr := r.managedOrganization()
	if aerr != nil {
		return nil, aerr
	}
	req := &createAccountRequest{ID: "car-" + r.world.newID(lowerAlnum, 32), AccountName: in.AccountName, Work: r.startAsync()}
	if r.world.emailInUse(in.Email) {
		req.Work.Failure = "EMAIL_ALREADY_EXISTS"
	} else {
		req.AccountID = r.world.createMemberAccount(org, in.AccountName, in.Email, req.Work.done()).ID
	}
	if org.CreateAccountRequests == nil {
		org.CreateAccountRequests = map[string]*createAccountRequest{}
	}
	org.CreateAccountRequests[req.ID] = req
	// The first answer is IN_PROGRESS however short the delay: ask as of the
	// beginning of time.
	return createAccountStatusOutput{CreateAccountStatus: req.statusJSON(time.Time{})}, nil
}

func orgDescribeCreateAccountStatus(r *request) (any, error) {
	var in struct {
		CreateAccountRequestID string `json:"CreateAccountRequestId"`
	}
	if aerr := r.decodeJSON(&in); aerr != nil {
		return nil, aerr
	}
	org, aerr := r.managedOrganization()
	if aerr != nil {
		return nil, aerr
	}
	req := org.CreateAccountRequests[in.CreateAccountRequestID]
	if req == nil {
		return nil, &apiError{Code: "CreateAccountStatusNotFoundException", Status: 400,
			Message: fmt.Sprintf("We can't find a create account request with the ID %s.", in.CreateAccountRequestID)}
	}
	return createAccountStatusOutput{CreateAccountStatus: req.statusJSON(r.now)}, nil
}

func (w *world) emailInUse(email string) bool {
	for _, a := range w.Accounts {
		if strings.EqualFold(a.Email, email) {
			return true
		}
	}
	return false
}
