package audit

import (
	"context"

	"github.com/firstrun/firstrun/awsclient"
)

// SessionName names the role sessions of an audit in the member accounts' CloudTrail.
const SessionName = "firstrun-audit"

// Source is one account to audit and how to reach it.
type Source struct {
	// Account, Name, Profile and Role label the result, even when Connect fails.
	Account, Name, Profile, Role string
	Connect                      func(ctx context.Context) (Target, error)
}

// Accounts audits every source, at most o.AccountsAtOnce accounts at once, and returns the
// results in the sources' order. An account that can't be reached is reported in its
// result; the others are audited all the same.
func Accounts(ctx context.Context, sources []Source, o Options) []Result {
	results := make([]Result, len(sources))
	forEach(len(sources), o.accountsAtOnce(), func(i int) {
		s := sources[i]
		var r Result
		if t, err := s.Connect(ctx); err != nil {
			r = Result{Account: s.Account, Time: o.now(), Version: o.Version, Error: awsclient.Explain(err).Summary(), Controls: []Control{}}
		} else {
			r = Account(ctx, t, o)
		}
		r.Name, r.Profile, r.Role = s.Name, s.Profile, s.Role
		results[i] = r
	})
	return results
}

// Organization lists the accounts of the organization that mgmt manages and returns a
// source for each active one: the management account through mgmt itself, each member
// through the role roleName, which AWS creates, trusting the management account, in every
// account an organization creates (OrganizationAccountAccessRole).
func Organization(ctx context.Context, mgmt Target, roleName string) ([]Source, error) {
	accounts, err := awsclient.ListAccounts(ctx, mgmt.AWS.Organizations)
	if err != nil {
		return nil, err
	}
	var sources []Source
	for _, a := range accounts {
		if !a.Active() {
			continue
		}
		s := Source{Account: a.ID, Name: a.Name}
		if a.ID == mgmt.Identity.Account {
			s.Connect = func(context.Context) (Target, error) { return mgmt, nil }
		} else {
			s.Role = awsclient.RoleARN(mgmt.Identity.Partition(), a.ID, roleName)
			s.Connect = func(ctx context.Context) (Target, error) { return assume(ctx, mgmt, s.Role) }
		}
		sources = append(sources, s)
	}
	return sources, nil
}

// assume connects to a member account through roleARN.
func assume(ctx context.Context, mgmt Target, roleARN string) (Target, error) {
	clients := mgmt.AWS.AssumeRole(roleARN, SessionName)
	id, err := clients.WhoAmI(ctx)
	if err != nil {
		return Target{}, err // sts:AssumeRole's error names the role
	}
	return Target{AWS: clients, Identity: id}, nil
}
