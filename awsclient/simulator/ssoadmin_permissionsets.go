package simulator

import (
	"regexp"
	"strconv"
	"strings"
	"time"
)

func ssoAdminPermissionSetOperations() []operation {
	return []operation{
		write("CreatePermissionSet", ssoCreatePermissionSet),
		read("DescribePermissionSet", ssoDescribePermissionSet),
		read("ListPermissionSets", ssoListPermissionSets),
		write("UpdatePermissionSet", ssoUpdatePermissionSet),
		write("AttachManagedPolicyToPermissionSet", ssoAttachManagedPolicy),
		read("ListManagedPoliciesInPermissionSet", ssoListManagedPolicies),
	}
}

// permissionSet is a permission set of an Identity Center instance. Updated
// is when its permissions last changed: accounts provisioned before then
// hold an outdated copy until ProvisionPermissionSet runs.
type permissionSet struct {
	ARN             string    `json:"arn"`
	Name            string    `json:"name"`
	Description     string    `json:"description,omitempty"`
	SessionDuration string    `json:"session_duration"`
	Created         time.Time `json:"created"`
	Updated         time.Time `json:"updated"`
	ManagedPolicies []string  `json:"managed_policies,omitempty"`
}

// Patterns and limits of the SSO Admin model.
var (
	permissionSetNameRE = regexp.MustCompile(`^[\w+=,.@-]{1,32}$`)
	managedPolicyArnRE  = regexp.MustCompile(`^arn:(aws|aws-us-gov|aws-cn|aws-iso|aws-iso-b):iam::aws:policy((/[A-Za-z0-9\.,\+@=_-]+)*)/([A-Za-z0-9\.,\+=@_-]+)$`)
	// isoDurationRE is the subset of ISO 8601 durations a session can have:
	// hours and minutes.
	isoDurationRE = regexp.MustCompile(`^PT(?:(\d+)H)?(?:(\d+)M)?$`)
)

// Session durations AWS allows for a permission set.
const (
	minSessionDuration = time.Hour
	maxSessionDuration = 12 * time.Hour
)

func errSSONotFound(format string, args ...any) *apiError {
	return apiError{Code: "ResourceNotFoundException", Status: 400}.with(format, args...)
}

func errSSOConflict(format string, args ...any) *apiError {
	return apiError{Code: "ConflictException", Status: 400}.with(format, args...)
}

// ssoInstance finds the caller's Identity Center instance by ARN in the
// Region called.
func (r *request) ssoInstance(arn string) (*ssoInstance, *apiError) {
	if arn == "" {
		return nil, r.svc.errs.validation.with("1 validation error detected: Value null at 'instanceArn' failed to satisfy constraint: Member must not be null")
	}
	inst := r.account().IdentityCenter[r.region]
	if inst == nil || inst.ARN != arn {
		return nil, errSSONotFound("Instance %s doesn't exist in %s.", arn, r.region)
	}
	if inst.PermissionSets == nil {
		inst.PermissionSets = map[string]*permissionSet{}
	}
	inst.initStore()
	return inst, nil
}

func (inst *ssoInstance) permissionSet(arn string) (*permissionSet, *apiError) {
	ps := inst.PermissionSets[arn]
	if ps == nil {
		return nil, errSSONotFound("Could not find PermissionSet with PermissionSetArn %s.", arn)
	}
	return ps, nil
}

// parseSessionDuration reads an ISO 8601 duration of hours and minutes.
func parseSessionDuration(v string) (time.Duration, bool) {
	m := isoDurationRE.FindStringSubmatch(v)
	if m == nil || v == "PT" {
		return 0, false
	}
	h, _ := strconv.Atoi(m[1]) // empty means zero; the pattern admits only digits
	mins, _ := strconv.Atoi(m[2])
	return time.Duration(h)*time.Hour + time.Duration(mins)*time.Minute, true
}

func (r *request) validateSessionDuration(v string) *apiError {
	d, ok := parseSessionDuration(v)
	if !ok || d < minSessionDuration || d > maxSessionDuration {
		return r.svc.errs.validation.with("Session duration %s is invalid: it must be an ISO 8601 duration between PT1H and PT12H.", v)
	}
	return nil
}

type permissionSetJSON struct {
	Name             string        `json:"Name"`
	PermissionSetArn string        `json:"PermissionSetArn"`
	Description      string        `json:"Description,omitempty"`
	CreatedDate      *epochSeconds `json:"CreatedDate"`
	SessionDuration  string        `json:"SessionDuration"`
}

func (ps *permissionSet) json() permissionSetJSON {
	return permissionSetJSON{Name: ps.Name, PermissionSetArn: ps.ARN, Description: ps.Description,
		CreatedDate: epoch(ps.Created), SessionDuration: ps.SessionDuration}
}

type permissionSetOutput struct {
	PermissionSet permissionSetJSON `json:"PermissionSet"`
}

func ssoCreatePermissionSet(r *request) (any, error) {
	var in struct {
		InstanceArn     string `json:"InstanceArn"`
		Name            string `json:"Name"`
		Description     string `json:"Description"`
		SessionDuration string `json:"SessionDuration"`
	}
	if aerr := r.decodeJSON(&in); aerr != nil {
		return nil, aerr
	}
	inst, aerr := r.ssoInstance(in.InstanceArn)
	if aerr != nil {
		return nil, aerr
	}
	if !permissionSetNameRE.MatchString(in.Name) {
		return nil, r.svc.errs.validation.with("1 validation error detected: Value '%s' at 'name' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\w+=,.@-]+ and have length between 1 and 32", in.Name)
	}
	if len(in.Description) > 700 {
		return nil, r.svc.errs.validation.with("1 validation error detected: Value at 'description' failed to satisfy constraint: Member must have length less than or equal to 700")
	}
	if in.SessionDuration == "" {
		in.SessionDuration = "PT1H"
	}
	if aerr := r.validateSessionDuration(in.SessionDuration); aerr != nil {
		return nil, aerr
	}
	for _, ps := range inst.PermissionSets {
		if strings.EqualFold(ps.Name, in.Name) {
			return nil, errSSOConflict("PermissionSet with name %s already exists.", in.Name)
		}
	}
	instanceID := inst.ARN[strings.LastIndex(inst.ARN, "/")+1:]
	ps := &permissionSet{
		ARN:  "arn:aws:sso:::permissionSet/" + instanceID + "/ps-" + r.world.newID(lowerHex, 16),
		Name: in.Name, Description: in.Description, SessionDuration: in.SessionDuration,
		Created: r.now, Updated: r.now,
	}
	inst.PermissionSets[ps.ARN] = ps
	return permissionSetOutput{PermissionSet: ps.json()}, nil
}

type permissionSetInput struct {
	InstanceArn      string `json:"InstanceArn"`
	PermissionSetArn string `json:"PermissionSetArn"`
	MaxResults       *int   `json:"MaxResults"`
	NextToken        string `json:"NextToken"`
}

// find resolves the instance and the permission set an input names.
func (in permissionSetInput) find(r *request) (*ssoInstance, *permissionSet, *apiError) {
	inst, aerr := r.ssoInstance(in.InstanceArn)
	if aerr != nil {
		return nil, nil, aerr
	}
	ps, aerr := inst.permissionSet(in.PermissionSetArn)
	return inst, ps, aerr
}

func ssoDescribePermissionSet(r *request) (any, error) {
	var in permissionSetInput
	if aerr := r.decodeJSON(&in); aerr != nil {
		return nil, aerr
	}
	_, ps, aerr := in.find(r)
	if aerr != nil {
		return nil, aerr
	}
	return permissionSetOutput{PermissionSet: ps.json()}, nil
}

func ssoListPermissionSets(r *request) (any, error) {
	var in permissionSetInput
	if aerr := r.decodeJSON(&in); aerr != nil {
		return nil, aerr
	}
	inst, aerr := r.ssoInstance(in.InstanceArn)
	if aerr != nil {
		return nil, aerr
	}
	all := byCreation(inst.PermissionSets, func(ps *permissionSet) time.Time { return ps.Created }, func(ps *permissionSet) string { return ps.ARN })
	page, next, aerr := paginate(r, all, pageRequest{token: in.NextToken, limit: in.MaxResults, param: "maxResults", def: 100, max: 100})
	if aerr != nil {
		return nil, aerr
	}
	arns := make([]string, 0, len(page))
	for _, ps := range page {
		arns = append(arns, ps.ARN)
	}
	return struct {
		PermissionSets []string `json:"PermissionSets"`
		NextToken      string   `json:"NextToken,omitempty"`
	}{arns, next}, nil
}

func ssoUpdatePermissionSet(r *request) (any, error) {
	var in struct {
		permissionSetInput
		Description     string `json:"Description"`
		SessionDuration string `json:"SessionDuration"`
	}
	if aerr := r.decodeJSON(&in); aerr != nil {
		return nil, aerr
	}
	_, ps, aerr := in.find(r)
	if aerr != nil {
		return nil, aerr
	}
	if in.SessionDuration != "" {
		if aerr := r.validateSessionDuration(in.SessionDuration); aerr != nil {
			return nil, aerr
		}
		ps.SessionDuration = in.SessionDuration
	}
	if in.Description != "" {
		ps.Description = in.Description
	}
	ps.Updated = r.now
	return struct{}{}, nil
}

func ssoAttachManagedPolicy(r *request) (any, error) {
	var in struct {
		permissionSetInput
		ManagedPolicyArn string `json:"ManagedPolicyArn"`
	}
	if aerr := r.decodeJSON(&in); aerr != nil {
		return nil, aerr
	}
	_, ps, aerr := in.find(r)
	if aerr != nil {
		return nil, aerr
	}
	if !managedPolicyArnRE.MatchString(in.ManagedPolicyArn) {
		return nil, r.svc.errs.validation.with("1 validation error detected: Value '%s' at 'managedPolicyArn' failed to satisfy constraint: Member must satisfy regular expression pattern: arn:(aws|aws-us-gov|aws-cn|aws-iso|aws-iso-b):iam::aws:policy/...", in.ManagedPolicyArn)
	}
	if !strings.HasPrefix(in.ManagedPolicyArn, r.account().managedPolicyARN("")) {
		return nil, r.svc.errs.notFound.with("Policy %s does not exist in this partition.", in.ManagedPolicyArn)
	}
	for _, arn := range ps.ManagedPolicies {
		if arn == in.ManagedPolicyArn {
			return nil, errSSOConflict("Managed policy %s is already attached to permission set %s.", arn, ps.ARN)
		}
	}
	ps.ManagedPolicies = append(ps.ManagedPolicies, in.ManagedPolicyArn)
	ps.Updated = r.now
	return struct{}{}, nil
}

type attachedPolicyJSON struct {
	Name string `json:"Name"`
	Arn  string `json:"Arn"`
}

func ssoListManagedPolicies(r *request) (any, error) {
	var in permissionSetInput
	if aerr := r.decodeJSON(&in); aerr != nil {
		return nil, aerr
	}
	_, ps, aerr := in.find(r)
	if aerr != nil {
		return nil, aerr
	}
	page, next, aerr := paginate(r, ps.ManagedPolicies, pageRequest{token: in.NextToken, limit: in.MaxResults, param: "maxResults", def: 100, max: 100})
	if aerr != nil {
		return nil, aerr
	}
	out := make([]attachedPolicyJSON, 0, len(page))
	for _, arn := range page {
		out = append(out, attachedPolicyJSON{Name: arn[strings.LastIndex(arn, "/")+1:], Arn: arn})
	}
	return struct {
		AttachedManagedPolicies []attachedPolicyJSON `json:"AttachedManagedPolicies"`
		NextToken               string               `json:"NextToken,omitempty"`
	}{out, next}, nil
}
