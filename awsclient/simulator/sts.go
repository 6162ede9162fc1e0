package simulator

import (
	"regexp"
	"slices"
	"strings"
	"time"
)

// STS speaks the query protocol; see
// https://docs.aws.amazon.com/STS/latest/APIReference/.
func stsService() *service {
	return newService(service{
		id: "sts", signingName: "sts", actionPrefix: "sts",
		protocol: queryProtocol{namespace: "https://sts.amazonaws.com/doc/2011-06-15/"},
		errs:     queryErrors(),
	}, []operation{
		// AssumeRole changes nothing in any account: it only issues a
		// session, so an audit that assumes roles stays read-only.
		read("AssumeRole", stsAssumeRole),
		read("AssumeRoot", stsAssumeRoot),
		read("GetCallerIdentity", stsGetCallerIdentity),
	})
}

type getCallerIdentityResult struct {
	UserID  string `xml:"UserId"`
	Account string
	Arn     string
}

func stsGetCallerIdentity(r *request) (any, error) {
	return getCallerIdentityResult{UserID: r.caller.userID(), Account: r.caller.Account, Arn: r.caller.arn()}, nil
}

// roleMaxSessionDuration is a role's default MaxSessionDuration, and the
// limit for role chaining.
const roleMaxSessionDuration = 3600

var (
	roleARNRE     = regexp.MustCompile(`^arn:aws:iam::(\d{12}):role(/|/[\x{21}-\x{7E}]+/)([\w+=,.@-]{1,64})$`)
	sessionNameRE = regexp.MustCompile(`^[\w+=,.@-]{2,64}$`)
)

type assumeRoleResult struct {
	Credentials struct {
		AccessKeyID     string `xml:"AccessKeyId"`
		SecretAccessKey string
		SessionToken    string
		Expiration      time.Time
	}
	AssumedRoleUser struct {
		AssumedRoleID string `xml:"AssumedRoleId"`
		Arn           string
	}
}

// stsAssumeRole issues a role session, as the audit of member accounts does
// with OrganizationAccountAccessRole.
func stsAssumeRole(r *request) (any, error) {
	roleARN, sessionName := r.form.Get("RoleArn"), r.form.Get("RoleSessionName")
	if !sessionNameRE.MatchString(sessionName) {
		return nil, r.svc.errs.validation.with("1 validation error detected: Value '%s' at 'roleSessionName' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\w+=,.@-]*", sessionName)
	}
	seconds := roleMaxSessionDuration
	if d, aerr := r.intParam("DurationSeconds"); aerr != nil {
		return nil, aerr
	} else if d != nil {
		if *d < 900 || *d > 43200 {
			return nil, r.svc.errs.validation.with("1 validation error detected: Value '%d' at 'durationSeconds' failed to satisfy constraint: Member must have value between 900 and 43200", *d)
		}
		seconds = *d
	}
	m := roleARNRE.FindStringSubmatch(roleARN)
	if m == nil {
		return nil, r.svc.errs.validation.with("%s is invalid", roleARN)
	}
	if r.caller.Kind == kindRoot {
		return nil, r.svc.errs.accessDenied.with("Roles may not be assumed by root accounts.")
	}
	var role *iamRole
	if a := r.world.Accounts[m[1]]; a != nil {
		role = a.IAM.Roles[strings.ToLower(m[3])]
	}
	if role == nil || role.Path != m[2] || !trusts(role.TrustPolicy, r.caller, r.caller.arns()) {
		// AWS does not say which: a missing role looks like a refusal.
		return nil, r.svc.errs.accessDenied.with("User: %s is not authorized to perform: sts:AssumeRole on resource: %s", r.caller.arn(), roleARN)
	}
	if seconds > roleMaxSessionDuration {
		return nil, r.svc.errs.validation.with("The requested DurationSeconds exceeds the MaxSessionDuration set for this role.")
	}

	ref := principalRef{Account: m[1], Kind: kindRole, Name: role.Name, Session: sessionName}
	expires := r.now.Add(time.Duration(seconds) * time.Second).Truncate(time.Second)
	creds := r.vault.mint(r.world, ref, r.now, expires)
	var out assumeRoleResult
	out.Credentials.AccessKeyID = creds.AccessKeyID
	out.Credentials.SecretAccessKey = creds.SecretAccessKey
	out.Credentials.SessionToken = creds.SessionToken
	out.Credentials.Expiration = expires
	out.AssumedRoleUser.AssumedRoleID = role.ID + ":" + sessionName
	out.AssumedRoleUser.Arn = principal{principalRef: ref, accountPartition: r.world.Accounts[ref.Account].Partition}.arn()
	return out, nil
}

// rootTaskPolicyRE is the ARN of an AssumeRoot task policy.
var rootTaskPolicyRE = regexp.MustCompile(`^arn:[\w-]+:iam::aws:policy/root-task/([A-Za-z0-9]+)$`)

// rootSessionMaxSeconds is AssumeRoot's only allowed, and default, DurationSeconds.
const rootSessionMaxSeconds = 900

type assumeRootResult struct {
	Credentials struct {
		AccessKeyID     string `xml:"AccessKeyId"`
		SecretAccessKey string
		SessionToken    string
		Expiration      time.Time
	}
}

// stsAssumeRoot issues a root session in a member account, limited to one task policy,
// to the management account of an organization with root sessions on.
func stsAssumeRoot(r *request) (any, error) {
	target, taskARN := r.form.Get("TargetPrincipal"), r.form.Get("TaskPolicyArn.arn")
	m := rootTaskPolicyRE.FindStringSubmatch(taskARN)
	if m == nil || rootTaskActions[m[1]] == nil {
		return nil, r.svc.errs.validation.with("The task policy %s is not valid.", taskARN)
	}
	if d, aerr := r.intParam("DurationSeconds"); aerr != nil {
		return nil, aerr
	} else if d != nil && (*d < 0 || *d > rootSessionMaxSeconds) {
		return nil, r.svc.errs.validation.with("1 validation error detected: Value '%d' at 'durationSeconds' failed to satisfy constraint: Member must have value less than or equal to 900", *d)
	}
	org := r.world.organizationOf(r.account(), r.now)
	member := r.world.Accounts[target]
	denied := r.svc.errs.accessDenied.with("User: %s is not authorized to perform: sts:AssumeRoot on resource: arn:aws:iam::%s:root", r.caller.arn(), target)
	switch {
	case r.caller.Kind == kindRoot, org == nil, org.Management != r.caller.Account, !slices.Contains(org.RootFeatures, featureRootSessions):
		return nil, denied
	case member == nil || member.ID == org.Management || r.world.organizationOf(member, r.now) != org:
		return nil, denied
	}
	ref := principalRef{Account: member.ID, Kind: kindRoot, Task: m[1]}
	expires := r.now.Add(rootSessionMaxSeconds * time.Second).Truncate(time.Second)
	creds := r.vault.mint(r.world, ref, r.now, expires)
	var out assumeRootResult
	out.Credentials.AccessKeyID = creds.AccessKeyID
	out.Credentials.SecretAccessKey = creds.SecretAccessKey
	out.Credentials.SessionToken = creds.SessionToken
	out.Credentials.Expiration = expires
	return out, nil
}
