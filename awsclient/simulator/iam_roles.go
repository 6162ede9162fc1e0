package simulator

import (
	"cmp"
	"encoding/json"
	"net/http"
	"net/url"
	"regexp"
	"slices"
	"sort"
	"strconv"
	"strings"
	"time"
)

func iamRoleOperations() []operation {
	return []operation{
		write("CreateRole", iamCreateRole),
		read("GetRole", iamGetRole),
		write("UpdateAssumeRolePolicy", iamUpdateAssumeRolePolicy),
		write("AttachRolePolicy", iamAttachRolePolicy),
		read("ListAttachedRolePolicies", iamListAttachedRolePolicies),
	}
}

// IAM's defaults and quotas for roles (IAM and AWS STS quotas).
const (
	defaultMaxSessionDuration = 3600
	maxSessionDurationLimit   = 43200
	trustPolicySizeQuota      = 2048 // characters, not counting white space
)

// roleXML is IAM's Role shape.
type roleXML struct {
	Path       string
	RoleName   string
	RoleID     string `xml:"RoleId"`
	Arn        string
	CreateDate time.Time
	// AssumeRolePolicyDocument is URL-encoded, as IAM returns policy documents.
	AssumeRolePolicyDocument string `xml:",omitempty"`
	Description              string `xml:",omitempty"`
	MaxSessionDuration       int    `xml:",omitempty"`
	RoleLastUsed             *struct{}
}

func (a *account) roleARN(r *iamRole) string {
	return a.arn("iam", "role"+r.Path+r.Name)
}

func (a *account) roleXML(r *iamRole) roleXML {
	return roleXML{
		Path: r.Path, RoleName: r.Name, RoleID: r.ID, Arn: a.roleARN(r), CreateDate: iamTime(r.Created),
		AssumeRolePolicyDocument: rfc3986Escape(r.TrustPolicy),
		Description:              r.Description,
	}
}

type roleResult struct {
	Role roleXML
}

// role finds an IAM role by name, ignoring case as IAM does.
func (a *account) role(name string) *iamRole { return a.IAM.Roles[strings.ToLower(name)] }

// existingRole validates a RoleName parameter and finds the role.
func (r *request) existingRole() (*iamRole, *apiError) {
	name := r.form.Get("RoleName")
	if aerr := r.validateName("roleName", name); aerr != nil {
		return nil, aerr
	}
	role := r.account().role(name)
	if role == nil {
		return nil, errNoSuchEntity("The role with name %s cannot be found.", name)
	}
	return role, nil
}

// modifiableRole is existingRole for a change: service-linked roles belong to AWS.
func (r *request) modifiableRole() (*iamRole, *apiError) {
	role, aerr := r.existingRole()
	if aerr != nil {
		return nil, aerr
	}
	if strings.HasPrefix(role.Path, "/aws-service-role/") {
		return nil, &apiError{Code: "UnmodifiableEntity", Status: http.StatusBadRequest,
			Message: "Cannot perform the operation on the protected role '" + role.Name + "' - this role is only modifiable by AWS"}
	}
	return role, nil
}

func iamCreateRole(r *request) (any, error) {
	name, path, desc := r.form.Get("RoleName"), r.form.Get("Path"), r.form.Get("Description")
	if path == "" {
		path = "/"
	}
	if aerr := r.validateName("roleName", name); aerr != nil {
		return nil, aerr
	}
	if len(path) > 512 || !iamPathRE.MatchString(path) {
		return nil, r.svc.errs.validation.with("The specified value for path is invalid. It must begin and end with / and contain only alphanumeric characters and/or / characters.")
	}
	if len(desc) > 1000 {
		return nil, r.svc.errs.validation.with("1 validation error detected: Value at 'description' failed to satisfy constraint: Member must have length less than or equal to 1000")
	}
	duration, aerr := r.intParam("MaxSessionDuration")
	if aerr != nil {
		return nil, aerr
	}
	if duration != nil && (*duration < defaultMaxSessionDuration || *duration > maxSessionDurationLimit) {
		return nil, r.svc.errs.validation.with("1 validation error detected: Value '%d' at 'maxSessionDuration' failed to satisfy constraint: Member must have value between %d and %d",
			*duration, defaultMaxSessionDuration, maxSessionDurationLimit)
	}
	doc := r.form.Get("AssumeRolePolicyDocument")
	a := r.account()
	if aerr := checkTrustPolicy(a, doc); aerr != nil {
		return nil, aerr
	}
	if a.role(name) != nil {
		return nil, errEntityAlreadyExists("Role with name %s already exists.", name)
	}
	role := r.world.addRole(a, name, path, doc, iamTime(r.now))
	role.Description = desc
	if duration != nil {
		role.MaxSessionDuration = *duration
	}
	return roleResult{Role: a.roleXML(role)}, nil
}

func iamGetRole(r *request) (any, error) {
	role, aerr := r.existingRole()
	if aerr != nil {
		return nil, aerr
	}
	out := r.account().roleXML(role)
	out.MaxSessionDuration = cmp.Or(role.MaxSessionDuration, defaultMaxSessionDuration)
	out.RoleLastUsed = &struct{}{}
	return roleResult{Role: out}, nil
}

func iamUpdateAssumeRolePolicy(r *request) (any, error) {
	role, aerr := r.modifiableRole()
	if aerr != nil {
		return nil, aerr
	}
	doc := r.form.Get("PolicyDocument")
	if aerr := checkTrustPolicy(r.account(), doc); aerr != nil {
		return nil, aerr
	}
	role.TrustPolicy = doc
	return nil, nil
}

func iamAttachRolePolicy(r *request) (any, error) {
	role, aerr := r.modifiableRole()
	if aerr != nil {
		return nil, aerr
	}
	arn := r.form.Get("PolicyArn")
	if !strings.HasPrefix(arn, "arn:") || len(arn) < 20 {
		return nil, &apiError{Code: "InvalidInput", Status: http.StatusBadRequest, Message: "ARN " + arn + " is not valid."}
	}
	if !r.account().isAWSManagedPolicy(arn) {
		return nil, errNoSuchEntity("Policy %s does not exist or is not attachable.", arn)
	}
	if slices.Contains(role.AttachedPolicies, arn) {
		return nil, nil // attaching again changes nothing, as in IAM
	}
	role.AttachedPolicies = append(role.AttachedPolicies, arn)
	return nil, nil
}

type attachedPolicyXML struct {
	PolicyName string
	PolicyArn  string
}

type listAttachedRolePoliciesResult struct {
	AttachedPolicies xmlList[attachedPolicyXML]
	IsTruncated      bool
	Marker           string `xml:",omitempty"`
}

func iamListAttachedRolePolicies(r *request) (any, error) {
	role, aerr := r.existingRole()
	if aerr != nil {
		return nil, aerr
	}
	prefix := r.form.Get("PathPrefix")
	if prefix == "" {
		prefix = "/"
	}
	limit, aerr := r.intParam("MaxItems")
	if aerr != nil {
		return nil, aerr
	}
	var policies []attachedPolicyXML
	for _, arn := range role.AttachedPolicies {
		path, name := policyPathAndName(arn)
		if strings.HasPrefix(path, prefix) {
			policies = append(policies, attachedPolicyXML{PolicyName: name, PolicyArn: arn})
		}
	}
	sort.Slice(policies, func(i, j int) bool { return policies[i].PolicyName < policies[j].PolicyName })
	page, next, aerr := paginate(r, policies, pageRequest{
		token: r.form.Get("Marker"), limit: limit, param: "maxItems", def: 100, max: 1000,
	})
	if aerr != nil {
		return nil, aerr
	}
	out := listAttachedRolePoliciesResult{IsTruncated: next != "", Marker: next}
	out.AttachedPolicies.Members = page
	return out, nil
}

// policyPathAndName splits a managed policy ARN, arn:aws:iam::aws:policy/job-function/Billing,
// into its path (/job-function/) and name (Billing).
func policyPathAndName(arn string) (string, string) {
	_, resource, _ := strings.Cut(arn, ":policy/")
	i := strings.LastIndex(resource, "/")
	return "/" + resource[:i+1], resource[i+1:]
}

// isAWSManagedPolicy reports whether the simulated account knows the AWS managed policy:
// the ones firstrun attaches, and a few common ones. The simulator has no customer
// managed policies.
func (a *account) isAWSManagedPolicy(arn string) bool {
	name, ok := strings.CutPrefix(arn, a.managedPolicyARN(""))
	if !ok {
		return false
	}
	switch name {
	case "AdministratorAccess", "PowerUserAccess", "ReadOnlyAccess", "SecurityAudit", "IAMUserChangePassword",
		"job-function/Billing", "job-function/ViewOnlyAccess", "job-function/SystemAdministrator":
		return true
	}
	return false
}

// rfc3986Escape URL-encodes a policy document the way IAM returns one.
func rfc3986Escape(s string) string {
	return strings.ReplaceAll(url.QueryEscape(s), "+", "%20")
}

// AWS principals a trust policy may name: everyone, an account, or an IAM user or role.
var awsPrincipalRE = regexp.MustCompile(`^(\*|\d{12}|arn:(aws|aws-us-gov|aws-cn):iam::\d{12}:(root|user/.+|role/.+))$`)

// checkTrustPolicy refuses the trust policies IAM refuses, with IAM's messages: text that
// is not JSON, statements without the required elements, a Resource element (a trust
// policy's resource is the role itself), principals that are not valid, and documents
// over the size quota.
func checkTrustPolicy(a *account, doc string) *apiError {
	malformed := func(msg string) *apiError {
		return &apiError{Code: "MalformedPolicyDocument", Status: http.StatusBadRequest, Message: msg}
	}
	if len(strings.Join(strings.Fields(doc), "")) > trustPolicySizeQuota {
		return &apiError{Code: "LimitExceeded", Status: http.StatusConflict,
			Message: "Cannot exceed quota for ACLSizePerRole: " + strconv.Itoa(trustPolicySizeQuota)}
	}
	p, err := parseTrustPolicy(doc)
	if err != nil {
		return malformed("This policy contains invalid Json")
	}
	if len(p.Statement) == 0 {
		return malformed("Syntax errors in policy.")
	}
	for _, st := range p.Statement {
		switch {
		case st.Effect != "Allow" && st.Effect != "Deny", len(st.Action) == 0:
			return malformed("Syntax errors in policy.")
		case len(st.Resource) > 0:
			return malformed("Has prohibited field Resource")
		case len(st.Principal) == 0:
			return malformed("Missing required field Principal")
		}
		principals, ok := st.awsPrincipals()
		if !ok {
			return malformed("Invalid principal in policy")
		}
		for _, p := range principals {
			if other, ok := otherPartition(a, p); ok {
				return malformed(`Partition "` + other + `" is not valid for resource "` + p + `".`)
			}
			if !awsPrincipalRE.MatchString(p) || !a.principalExists(p) {
				return malformed(`Invalid principal in policy: "AWS":"` + p + `"`)
			}
		}
	}
	return nil
}

// principalExists reports whether an IAM user or role named in this account's trust
// policy exists, as IAM checks; other accounts' principals are taken on trust.
func (a *account) principalExists(arn string) bool {
	own := a.arn("iam", "")
	rest, ok := strings.CutPrefix(arn, own)
	if !ok {
		return true
	}
	kind, path, _ := strings.Cut(rest, "/")
	name := path[strings.LastIndex(path, "/")+1:]
	switch kind {
	case "user":
		return a.user(name) != nil
	case "role":
		return a.role(name) != nil
	}
	return true
}

// trustDocument is a trust policy as checkTrustPolicy reads it.
type trustDocument struct {
	Statement oneOrMany[trustStatement]
}

type trustStatement struct {
	Effect    string
	Action    oneOrMany[string]
	Principal json.RawMessage
	Resource  json.RawMessage
}

func parseTrustPolicy(doc string) (trustDocument, error) {
	var p trustDocument
	err := json.Unmarshal([]byte(doc), &p)
	return p, err
}

// awsPrincipals lists the statement's AWS principals; "*" alone means everyone. ok is
// false when the Principal element has neither form.
func (st trustStatement) awsPrincipals() (principals []string, ok bool) {
	var everyone string
	if json.Unmarshal(st.Principal, &everyone) == nil {
		return []string{everyone}, everyone == "*"
	}
	var byType struct{ AWS oneOrMany[string] }
	if json.Unmarshal(st.Principal, &byType) != nil {
		return nil, false
	}
	return byType.AWS, true
}

// otherPartition reports the partition of an ARN that is not the account's: IAM refuses
// policies that name resources in another partition.
func otherPartition(a *account, arn string) (string, bool) {
	rest, ok := strings.CutPrefix(arn, "arn:")
	if !ok {
		return "", false
	}
	partition, _, _ := strings.Cut(rest, ":")
	return partition, partition != a.partition()
}
