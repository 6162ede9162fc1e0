package simulator

import (
	"bytes"
	"encoding/json"
	"regexp"
	"slices"
	"sort"
	"strings"
)

func iamUserPolicyOperations() []operation {
	return []operation{
		write("AttachUserPolicy", iamAttachUserPolicy),
		read("ListAttachedUserPolicies", iamListAttachedUserPolicies),
		write("PutUserPolicy", iamPutUserPolicy),
		read("GetUserPolicy", iamGetUserPolicy),
		read("ListUserPolicies", iamListUserPolicies),
	}
}

// Quotas of a new account (GetAccountSummary's AttachedPoliciesPerUserQuota
// and UserPolicySizeQuota).
const (
	maxAttachedPoliciesPerUser = 10
	maxUserPolicySize          = 2048
)

var (
	awsManagedPolicyARNRE = regexp.MustCompile(`^arn:[\w-]+:iam::aws:policy(/|/[\x{21}-\x{7E}]+/)[\w+=,.@-]{1,128}$`)
	policyNameRE          = regexp.MustCompile(`^[\w+=,.@-]{1,128}$`)
)

// The simulator knows AWS managed policies by the form of their ARN; it has
// no customer managed policies, so any other ARN names nothing attachable.
func iamAttachUserPolicy(r *request) (any, error) {
	u, aerr := r.namedUser()
	if aerr != nil {
		return nil, aerr
	}
	arn, aerr := r.required("PolicyArn")
	if aerr != nil {
		return nil, aerr
	}
	switch {
	case !strings.HasPrefix(arn, "arn:"):
		return nil, &apiError{Code: "InvalidInput", Status: 400, Message: "ARN " + arn + " is not valid."}
	case !awsManagedPolicyARNRE.MatchString(arn), !strings.HasPrefix(arn, r.account().managedPolicyARN("")):
		return nil, errNoSuchEntity("Policy %s does not exist or is not attachable.", arn)
	case slices.Contains(u.AttachedPolicies, arn): // attaching again changes nothing, as in IAM
	case len(u.AttachedPolicies) >= maxAttachedPoliciesPerUser:
		return nil, &apiError{Code: "LimitExceeded", Status: 409, Message: "Cannot exceed quota for PoliciesPerUser: 10"}
	default:
		u.AttachedPolicies = append(u.AttachedPolicies, arn)
	}
	return nil, nil
}

type listAttachedUserPoliciesResult struct {
	AttachedPolicies xmlList[attachedPolicyXML]
	IsTruncated      bool
	Marker           string `xml:",omitempty"`
}

func iamListAttachedUserPolicies(r *request) (any, error) {
	u, aerr := r.namedUser()
	if aerr != nil {
		return nil, aerr
	}
	limit, aerr := r.intParam("MaxItems")
	if aerr != nil {
		return nil, aerr
	}
	prefix := r.form.Get("PathPrefix")
	if prefix == "" {
		prefix = "/"
	}
	var policies []attachedPolicyXML
	for _, arn := range u.AttachedPolicies {
		_, path, _ := strings.Cut(arn, ":policy")
		if !strings.HasPrefix(path, prefix) {
			continue
		}
		policies = append(policies, attachedPolicyXML{PolicyName: path[strings.LastIndex(path, "/")+1:], PolicyArn: arn})
	}
	page, next, aerr := paginate(r, policies, pageRequest{
		token: r.form.Get("Marker"), limit: limit, param: "maxItems", def: 100, max: 1000,
	})
	if aerr != nil {
		return nil, aerr
	}
	out := listAttachedUserPoliciesResult{IsTruncated: next != "", Marker: next}
	out.AttachedPolicies.Members = page
	return out, nil
}

func iamPutUserPolicy(r *request) (any, error) {
	u, aerr := r.namedUser()
	if aerr != nil {
		return nil, aerr
	}
	name, aerr := r.required("PolicyName")
	if aerr != nil {
		return nil, aerr
	}
	if !policyNameRE.MatchString(name) {
		return nil, r.svc.errs.validation.with("1 validation error detected: Value '%s' at 'policyName' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\w+=,.@-]+", name)
	}
	doc, aerr := r.required("PolicyDocument")
	if aerr != nil {
		return nil, aerr
	}
	size, ok := policySize(doc)
	if !ok {
		return nil, &apiError{Code: "MalformedPolicyDocument", Status: 400, Message: "Syntax errors in policy."}
	}
	// The quota is for all of a user's inline policies together.
	for other, d := range u.InlinePolicies {
		if other != name {
			n, _ := policySize(d)
			size += n
		}
	}
	if size > maxUserPolicySize {
		return nil, &apiError{Code: "LimitExceeded", Status: 409, Message: "Maximum policy size of 2048 bytes exceeded for user " + u.Name}
	}
	if u.InlinePolicies == nil {
		u.InlinePolicies = map[string]string{}
	}
	u.InlinePolicies[name] = doc
	return nil, nil
}

// policySize is a policy's size as IAM's quotas count it, without
// whitespace; ok is false for a document that is not a JSON policy.
func policySize(doc string) (int, bool) {
	var p struct {
		Statement json.RawMessage
	}
	if json.Unmarshal([]byte(doc), &p) != nil || len(p.Statement) == 0 {
		return 0, false
	}
	var compact bytes.Buffer
	if json.Compact(&compact, []byte(doc)) != nil {
		return 0, false
	}
	return compact.Len(), true
}

type getUserPolicyResult struct {
	UserName       string
	PolicyName     string
	PolicyDocument string
}

func iamGetUserPolicy(r *request) (any, error) {
	u, aerr := r.namedUser()
	if aerr != nil {
		return nil, aerr
	}
	name, aerr := r.required("PolicyName")
	if aerr != nil {
		return nil, aerr
	}
	doc, ok := u.InlinePolicies[name]
	if !ok {
		return nil, errNoSuchEntity("The user policy with name %s cannot be found.", name)
	}
	// IAM returns policy documents URL-encoded (RFC 3986).
	return getUserPolicyResult{UserName: u.Name, PolicyName: name, PolicyDocument: rfc3986Escape(doc)}, nil
}

type listUserPoliciesResult struct {
	PolicyNames xmlList[string]
	IsTruncated bool
	Marker      string `xml:",omitempty"`
}

func iamListUserPolicies(r *request) (any, error) {
	u, aerr := r.namedUser()
	if aerr != nil {
		return nil, aerr
	}
	limit, aerr := r.intParam("MaxItems")
	if aerr != nil {
		return nil, aerr
	}
	names := make([]string, 0, len(u.InlinePolicies))
	for name := range u.InlinePolicies {
		names = append(names, name)
	}
	sort.Strings(names)
	page, next, aerr := paginate(r, names, pageRequest{
		token: r.form.Get("Marker"), limit: limit, param: "maxItems", def: 100, max: 1000,
	})
	if aerr != nil {
		return nil, aerr
	}
	out := listUserPoliciesResult{IsTruncated: next != "", Marker: next}
	out.PolicyNames.Members = page
	return out, nil
}
