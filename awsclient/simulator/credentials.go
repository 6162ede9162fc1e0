package simulator

import (
	"crypto/subtle"
	"strings"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
)

type principalKind string

const (
	kindRoot principalKind = "root"
	kindUser principalKind = "user"
	kindRole principalKind = "assumed-role"
)

// principalRef names a principal in the world.
type principalRef struct {
	Account string        `json:"account"`
	Kind    principalKind `json:"kind"`
	Name    string        `json:"name,omitempty"`    // IAM user or role name
	Session string        `json:"session,omitempty"` // role session name
	// Task is the task policy of a root session from sts:AssumeRoot, whose actions are
	// all it may do; "" for the root user's own credentials.
	Task string `json:"task,omitempty"`
}

// principal is the resolved caller of a request.
type principal struct {
	principalRef
	path string // IAM path of the user or role
	id   string // unique ID (AIDA..., AROA...) of the user or role
	// account is the Partition of the caller's account; "" is "aws".
	accountPartition string
}

func (p principal) partition() string {
	if p.accountPartition == "" {
		return "aws"
	}
	return p.accountPartition
}

// arn is the caller's ARN as GetCallerIdentity and AccessDenied messages
// show it; an unsigned request is "anonymous" there.
func (p principal) arn() string {
	switch p.Kind {
	case "":
		return "anonymous"
	case kindUser:
		return "arn:" + p.partition() + ":iam::" + p.Account + ":user" + p.path + p.Name
	case kindRole:
		return "arn:" + p.partition() + ":sts::" + p.Account + ":assumed-role/" + p.Name + "/" + p.Session
	default:
		return "arn:" + p.partition() + ":iam::" + p.Account + ":root"
	}
}

// arns are the ARNs a policy may use to name the caller: an assumed-role
// session is also its role.
func (p principal) arns() []string {
	if p.Kind == kindRole {
		return []string{p.arn(), "arn:" + p.partition() + ":iam::" + p.Account + ":role" + p.path + p.Name}
	}
	return []string{p.arn()}
}

// userID is GetCallerIdentity's UserId: the account ID for root.
func (p principal) userID() string {
	switch p.Kind {
	case kindUser:
		return p.id
	case kindRole:
		return p.id + ":" + p.Session
	default:
		return p.Account
	}
}

// vault holds what must never reach the state file. It lives only in memory:
// after a restart, sessions are minted again and an unenabled virtual MFA
// device simply cannot validate codes any more, as the design requires.
type vault struct {
	sessions   map[string]*session // temporary credentials by access key ID
	secretKeys map[string]string   // long-term access key ID -> secret
	// expired marks credentials the tests switched to "expired".
	expired map[string]bool
	// mfaSeeds are virtual MFA seeds by serial number (base32).
	mfaSeeds map[string]string
	// oidc holds SSO OIDC clients, device authorizations and portal tokens.
	oidc *oidcVault
}

func newVault() *vault {
	return &vault{
		sessions:   map[string]*session{},
		secretKeys: map[string]string{},
		expired:    map[string]bool{},
		mfaSeeds:   map[string]string{},
		oidc:       newOIDCVault(),
	}
}

type session struct {
	principal principalRef
	secret    string
	token     string
	expires   time.Time // zero: until the simulator stops
}

// mint issues temporary credentials (ASIA...) for p, forgetting the
// sessions that have run out.
func (v *vault) mint(w *world, p principalRef, now, expires time.Time) aws.Credentials {
	for id, sess := range v.sessions {
		if sess.expired(now) {
			delete(v.sessions, id)
		}
	}
	id := "ASIA" + w.newID(base32Upper, 16)
	sess := &session{principal: p, secret: newSecret(30), token: newSecret(300), expires: expires}
	v.sessions[id] = sess
	return aws.Credentials{
		AccessKeyID: id, SecretAccessKey: sess.secret, SessionToken: sess.token,
		CanExpire: !expires.IsZero(), Expires: expires, Source: "simulator",
	}
}

func (sess *session) expired(now time.Time) bool {
	return !sess.expires.IsZero() && !now.Before(sess.expires)
}

// longTermCredentials returns a long-term access key with a secret: the
// secret is made up again after a restart, which is harmless because the
// simulator never checks signatures.
func (s *Simulator) longTermCredentials(id string) aws.Credentials {
	secret, ok := s.vault.secretKeys[id]
	if !ok {
		secret = newSecret(30)
		s.vault.secretKeys[id] = secret
	}
	return aws.Credentials{AccessKeyID: id, SecretAccessKey: secret, Source: "simulator"}
}

type authFailure int

const (
	authOK authFailure = iota
	authInvalid
	authExpired
)

// authenticate finds the principal behind an access key ID, as AWS would
// before running any operation.
func (s *Simulator) authenticate(sc sigScope, now time.Time) (principal, authFailure) {
	if sess, ok := s.vault.sessions[sc.accessKeyID]; ok {
		if subtle.ConstantTimeCompare([]byte(sess.token), []byte(sc.sessionToken)) != 1 {
			return principal{}, authInvalid
		}
		if s.vault.expired[sc.accessKeyID] || sess.expired(now) {
			return principal{}, authExpired
		}
		return s.resolve(sess.principal)
	}
	if sc.sessionToken != "" { // a session token with a long-term key
		return principal{}, authInvalid
	}
	ref, ok := s.world.longTermKey(sc.accessKeyID)
	if !ok {
		return principal{}, authInvalid
	}
	if s.vault.expired[sc.accessKeyID] {
		return principal{}, authExpired
	}
	return s.resolve(ref)
}

// resolve looks up the details of a principal; one deleted since its
// credentials were issued can no longer authenticate.
func (s *Simulator) resolve(ref principalRef) (principal, authFailure) {
	a := s.world.Accounts[ref.Account]
	if a == nil {
		return principal{}, authInvalid
	}
	p := principal{principalRef: ref, accountPartition: a.Partition}
	switch ref.Kind {
	case kindUser:
		u := a.user(ref.Name)
		if u == nil {
			return principal{}, authInvalid
		}
		p.Name, p.path, p.id = u.Name, u.Path, u.ID
	case kindRole:
		r := a.IAM.Roles[strings.ToLower(ref.Name)]
		if r == nil {
			return principal{}, authInvalid
		}
		p.Name, p.path, p.id = r.Name, r.Path, r.ID
	case kindRoot:
	}
	return p, authOK
}

// longTermKey finds the owner of an active long-term access key.
func (w *world) longTermKey(id string) (principalRef, bool) {
	active := func(keys []accessKey) bool {
		for _, k := range keys {
			if k.ID == id {
				return k.Status == "Active"
			}
		}
		return false
	}
	for _, a := range w.Accounts {
		if active(a.Root.AccessKeys) {
			return principalRef{Account: a.ID, Kind: kindRoot}, true
		}
		for _, u := range a.IAM.Users {
			if active(u.AccessKeys) {
				return principalRef{Account: a.ID, Kind: kindUser, Name: u.Name}, true
			}
		}
	}
	return principalRef{}, false
}
