package simulator

import (
	"sort"
	"time"
)

func ssoAdminAssignmentOperations() []operation {
	return []operation{
		write("CreateAccountAssignment", ssoCreateAccountAssignment),
		read("DescribeAccountAssignmentCreationStatus", ssoDescribeAccountAssignmentCreationStatus),
		read("ListAccountAssignments", ssoListAccountAssignments),
		write("ProvisionPermissionSet", ssoProvisionPermissionSet),
		read("DescribePermissionSetProvisioningStatus", ssoDescribePermissionSetProvisioningStatus),
		read("ListAccountsForProvisionedPermissionSet", ssoListAccountsForProvisionedPermissionSet),
	}
}

// assignmentRequest is CreateAccountAssignment's asynchronous request. The
// assignment exists once the work succeeds; creating it also provisions the
// permission set to the account, as of the request.
type assignmentRequest struct {
	ID               string `json:"id"`
	AccountID        string `json:"account_id"`
	PermissionSetARN string `json:"permission_set_arn"`
	PrincipalType    string `json:"principal_type"`
	PrincipalID      string `json:"principal_id"`
	Work             async  `json:"work"`
}

// provisioningRequest is ProvisionPermissionSet's asynchronous request: it
// copies the permission set as of the request to the accounts.
type provisioningRequest struct {
	ID               string   `json:"id"`
	PermissionSetARN string   `json:"permission_set_arn"`
	AccountIDs       []string `json:"account_ids"`
	Work             async    `json:"work"`
}

// newUUID makes a request ID in UUID form, as SSO Admin's are.
func (w *world) newUUID() string {
	h := w.newID(lowerHex, 32)
	return h[:8] + "-" + h[8:12] + "-" + h[12:16] + "-" + h[16:20] + "-" + h[20:]
}

// targetInOrganization checks that an account can receive assignments: the
// caller's own, or a member of the organization it manages.
func (r *request) targetInOrganization(accountID string) *apiError {
	own := r.account()
	if accountID == own.ID {
		return nil
	}
	org := r.world.organizationOf(own, r.now)
	if org == nil || org.Management != own.ID || r.world.organizationOf(r.world.Accounts[accountID], r.now) != org {
		return r.svc.errs.validation.with("TargetId %s is not an account of this organization.", accountID)
	}
	return nil
}

func (inst *ssoInstance) principalExists(kind, id string) bool {
	switch kind {
	case "USER":
		return inst.Users[id] != nil
	case "GROUP":
		return inst.Groups[id] != nil
	}
	return false
}

type assignmentStatusJSON struct {
	Status           string        `json:"Status"`
	RequestID        string        `json:"RequestId"`
	FailureReason    string        `json:"FailureReason,omitempty"`
	TargetID         string        `json:"TargetId"`
	TargetType       string        `json:"TargetType"`
	PermissionSetArn string        `json:"PermissionSetArn"`
	PrincipalType    string        `json:"PrincipalType"`
	PrincipalID      string        `json:"PrincipalId"`
	CreatedDate      *epochSeconds `json:"CreatedDate"`
}

func (req *assignmentRequest) statusJSON(now time.Time) assignmentStatusJSON {
	out := assignmentStatusJSON{
		Status: req.Work.status(now, "IN_PROGRESS", "SUCCEEDED", "FAILED"), RequestID: req.ID,
		TargetID: req.AccountID, TargetType: "AWS_ACCOUNT", PermissionSetArn: req.PermissionSetARN,
		PrincipalType: req.PrincipalType, PrincipalID: req.PrincipalID, CreatedDate: epoch(req.Work.Started),
	}
	if req.Work.state(now) == asyncFailed {
		out.FailureReason = req.Work.Failure
	}
	return out
}

type assignmentStatusOutput struct {
	AccountAssignmentCreationStatus assignmentStatusJSON `json:"AccountAssignmentCreationStatus"`
}

func ssoCreateAccountAssignment(r *request) (any, error) {
	var in struct {
		InstanceArn      string `json:"InstanceArn"`
		TargetID         string `json:"TargetId"`
		TargetType       string `json:"TargetType"`
		PermissionSetArn string `json:"PermissionSetArn"`
		PrincipalType    string `json:"PrincipalType"`
		PrincipalID      string `json:"PrincipalId"`
	}
	if aerr := r.decodeJSON(&in); aerr != nil {
		return nil, aerr
	}
	inst, aerr := r.ssoInstance(in.InstanceArn)
	if aerr != nil {
		return nil, aerr
	}
	if in.TargetType != "AWS_ACCOUNT" {
		return nil, r.svc.errs.validation.with("1 validation error detected: Value '%s' at 'targetType' failed to satisfy constraint: Member must satisfy enum value set: [AWS_ACCOUNT]", in.TargetType)
	}
	if in.PrincipalType != "USER" && in.PrincipalType != "GROUP" {
		return nil, r.svc.errs.validation.with("1 validation error detected: Value '%s' at 'principalType' failed to satisfy constraint: Member must satisfy enum value set: [USER, GROUP]", in.PrincipalType)
	}
	if aerr := r.targetInOrganization(in.TargetID); aerr != nil {
		return nil, aerr
	}
	if _, aerr := inst.permissionSet(in.PermissionSetArn); aerr != nil {
		return nil, aerr
	}
	if !inst.principalExists(in.PrincipalType, in.PrincipalID) {
		return nil, errSSONotFound("%s %s doesn't exist in identity store %s.", in.PrincipalType, in.PrincipalID, inst.IdentityStoreID)
	}
	req := &assignmentRequest{
		ID: r.world.newUUID(), AccountID: in.TargetID, PermissionSetARN: in.PermissionSetArn,
		PrincipalType: in.PrincipalType, PrincipalID: in.PrincipalID, Work: r.startAsync(),
	}
	if inst.AssignmentRequests == nil {
		inst.AssignmentRequests = map[string]*assignmentRequest{}
	}
	inst.AssignmentRequests[req.ID] = req
	// The first answer is IN_PROGRESS however short the delay, as with AWS.
	return assignmentStatusOutput{AccountAssignmentCreationStatus: req.statusJSON(time.Time{})}, nil
}

func ssoDescribeAccountAssignmentCreationStatus(r *request) (any, error) {
	var in struct {
		InstanceArn string `json:"InstanceArn"`
		RequestID   string `json:"AccountAssignmentCreationRequestId"`
	}
	if aerr := r.decodeJSON(&in); aerr != nil {
		return nil, aerr
	}
	inst, aerr := r.ssoInstance(in.InstanceArn)
	if aerr != nil {
		return nil, aerr
	}
	req := inst.AssignmentRequests[in.RequestID]
	if req == nil {
		return nil, errSSONotFound("AccountAssignmentCreationRequest %s doesn't exist.", in.RequestID)
	}
	return assignmentStatusOutput{AccountAssignmentCreationStatus: req.statusJSON(r.now)}, nil
}

// sortedAssignmentRequests lists the requests in the order they were made.
func (inst *ssoInstance) sortedAssignmentRequests() []*assignmentRequest {
	return byCreation(inst.AssignmentRequests,
		func(req *assignmentRequest) time.Time { return req.Work.Started },
		func(req *assignmentRequest) string { return req.ID })
}

type assignmentJSON struct {
	AccountID        string `json:"AccountId"`
	PermissionSetArn string `json:"PermissionSetArn"`
	PrincipalType    string `json:"PrincipalType"`
	PrincipalID      string `json:"PrincipalId"`
}

func ssoListAccountAssignments(r *request) (any, error) {
	var in struct {
		permissionSetInput
		AccountID string `json:"AccountId"`
	}
	if aerr := r.decodeJSON(&in); aerr != nil {
		return nil, aerr
	}
	inst, _, aerr := in.find(r)
	if aerr != nil {
		return nil, aerr
	}
	var list []assignmentJSON
	seen := map[assignmentJSON]bool{}
	for _, req := range inst.sortedAssignmentRequests() {
		a := assignmentJSON{AccountID: req.AccountID, PermissionSetArn: req.PermissionSetARN, PrincipalType: req.PrincipalType, PrincipalID: req.PrincipalID}
		if req.AccountID != in.AccountID || req.PermissionSetARN != in.PermissionSetArn || req.Work.state(r.now) != asyncSucceeded || seen[a] {
			continue
		}
		seen[a] = true
		list = append(list, a)
	}
	page, next, aerr := paginate(r, list, pageRequest{token: in.NextToken, limit: in.MaxResults, param: "maxResults", def: 100, max: 100})
	if aerr != nil {
		return nil, aerr
	}
	return struct {
		AccountAssignments []assignmentJSON `json:"AccountAssignments"`
		NextToken          string           `json:"NextToken,omitempty"`
	}{append([]assignmentJSON{}, page...), next}, nil
}

// provisionedCopies maps every account holding a copy of a permission set to
// when that copy was taken.
func (inst *ssoInstance) provisionedCopies(psARN string, now time.Time) map[string]time.Time {
	copies := map[string]time.Time{}
	note := func(account string, w async) {
		if w.state(now) != asyncSucceeded {
			return
		}
		if t, ok := copies[account]; !ok || w.Started.After(t) {
			copies[account] = w.Started
		}
	}
	for _, req := range inst.AssignmentRequests {
		if req.PermissionSetARN == psARN {
			note(req.AccountID, req.Work)
		}
	}
	for _, req := range inst.ProvisioningRequests {
		if req.PermissionSetARN == psARN {
			for _, a := range req.AccountIDs {
				note(a, req.Work)
			}
		}
	}
	return copies
}

type provisioningStatusJSON struct {
	Status           string        `json:"Status"`
	RequestID        string        `json:"RequestId"`
	AccountID        string        `json:"AccountId,omitempty"`
	PermissionSetArn string        `json:"PermissionSetArn"`
	FailureReason    string        `json:"FailureReason,omitempty"`
	CreatedDate      *epochSeconds `json:"CreatedDate"`
}

func (req *provisioningRequest) statusJSON(now time.Time) provisioningStatusJSON {
	out := provisioningStatusJSON{
		Status: req.Work.status(now, "IN_PROGRESS", "SUCCEEDED", "FAILED"), RequestID: req.ID,
		PermissionSetArn: req.PermissionSetARN, CreatedDate: epoch(req.Work.Started),
	}
	if len(req.AccountIDs) == 1 {
		out.AccountID = req.AccountIDs[0]
	}
	if req.Work.state(now) == asyncFailed {
		out.FailureReason = req.Work.Failure
	}
	return out
}

type provisioningStatusOutput struct {
	PermissionSetProvisioningStatus provisioningStatusJSON `json:"PermissionSetProvisioningStatus"`
}

func ssoProvisionPermissionSet(r *request) (any, error) {
	var in struct {
		permissionSetInput
		TargetID   string `json:"TargetId"`
		TargetType string `json:"TargetType"`
	}
	if aerr := r.decodeJSON(&in); aerr != nil {
		return nil, aerr
	}
	inst, ps, aerr := in.find(r)
	if aerr != nil {
		return nil, aerr
	}
	var accounts []string
	switch in.TargetType {
	case "AWS_ACCOUNT":
		if aerr := r.targetInOrganization(in.TargetID); aerr != nil {
			return nil, aerr
		}
		accounts = []string{in.TargetID}
	case "ALL_PROVISIONED_ACCOUNTS":
		for a := range inst.provisionedCopies(ps.ARN, r.now) {
			accounts = append(accounts, a)
		}
		sort.Strings(accounts)
	default:
		return nil, r.svc.errs.validation.with("1 validation error detected: Value '%s' at 'targetType' failed to satisfy constraint: Member must satisfy enum value set: [AWS_ACCOUNT, ALL_PROVISIONED_ACCOUNTS]", in.TargetType)
	}
	req := &provisioningRequest{ID: r.world.newUUID(), PermissionSetARN: ps.ARN, AccountIDs: accounts, Work: r.startAsync()}
	if inst.ProvisioningRequests == nil {
		inst.ProvisioningRequests = map[string]*provisioningRequest{}
	}
	inst.ProvisioningRequests[req.ID] = req
	return provisioningStatusOutput{PermissionSetProvisioningStatus: req.statusJSON(time.Time{})}, nil
}

func ssoDescribePermissionSetProvisioningStatus(r *request) (any, error) {
	var in struct {
		InstanceArn string `json:"InstanceArn"`
		RequestID   string `json:"ProvisionPermissionSetRequestId"`
	}
	if aerr := r.decodeJSON(&in); aerr != nil {
		return nil, aerr
	}
	inst, aerr := r.ssoInstance(in.InstanceArn)
	if aerr != nil {
		return nil, aerr
	}
	req := inst.ProvisioningRequests[in.RequestID]
	if req == nil {
		return nil, errSSONotFound("PermissionSetProvisioningRequest %s doesn't exist.", in.RequestID)
	}
	return provisioningStatusOutput{PermissionSetProvisioningStatus: req.statusJSON(r.now)}, nil
}

func ssoListAccountsForProvisionedPermissionSet(r *request) (any, error) {
	var in struct {
		permissionSetInput
		ProvisioningStatus string `json:"ProvisioningStatus"`
	}
	if aerr := r.decodeJSON(&in); aerr != nil {
		return nil, aerr
	}
	inst, ps, aerr := in.find(r)
	if aerr != nil {
		return nil, aerr
	}
	var wantLatest *bool // nil lists every account
	switch in.ProvisioningStatus {
	case "LATEST_PERMISSION_SET_PROVISIONED":
		wantLatest = new(true)
	case "LATEST_PERMISSION_SET_NOT_PROVISIONED":
		wantLatest = new(false)
	case "":
	default:
		return nil, r.svc.errs.validation.with("1 validation error detected: Value '%s' at 'provisioningStatus' failed to satisfy constraint: Member must satisfy enum value set: [LATEST_PERMISSION_SET_PROVISIONED, LATEST_PERMISSION_SET_NOT_PROVISIONED]", in.ProvisioningStatus)
	}
	var accounts []string
	for a, copied := range inst.provisionedCopies(ps.ARN, r.now) {
		if latest := !copied.Before(ps.Updated); wantLatest == nil || *wantLatest == latest {
			accounts = append(accounts, a)
		}
	}
	sort.Strings(accounts)
	page, next, aerr := paginate(r, accounts, pageRequest{token: in.NextToken, limit: in.MaxResults, param: "maxResults", def: 100, max: 100})
	if aerr != nil {
		return nil, aerr
	}
	return struct {
		AccountIDs []string `json:"AccountIds"`
		NextToken  string   `json:"NextToken,omitempty"`
	}{append([]string{}, page...), next}, nil
}
