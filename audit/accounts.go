package audit

import (
	"context"
	"slices"

	"github.com/firstrun/firstrun/awsclient"
)

// SessionName names the role sessions of an audit in the member accounts' CloudTrail.
const SessionName = "firstrun-audit"

// Source is one account to audit and how to reach it.
type Source struct {
	// Account, Name, Profile and Role label the result, even when Connect fails.
	Account, Name, Profile, Role string
	// Management marks an organization's management account: what it does for the
	// whole organization counts for the other sources, its members.
	Management bool
	Connect    func(ctx context.Context) (Target, error)
}

// Accounts audits every source, at most o.AccountsAtOnce accounts at once, and returns the
// results in the sources' order. An account that can't be reached is reported in its
// result; the others are audited all the same. When one source is an organization's
// management account, the members' results are completed with what it meets for them.
func Accounts(ctx context.Context, sources []Source, o Options) []Result {
	results := make([]Result, len(sources))
	targets := make([]*Target, len(sources))
	forEach(len(sources), o.accountsAtOnce(), func(i int) {
		s := sources[i]
		var r Result
		if t, err := s.Connect(ctx); err != nil {
			r = Result{Account: s.Account, Time: o.now(), Version: o.Version, Error: awsclient.Explain(err).Summary(), Controls: []Control{}}
		} else {
			r, targets[i] = Account(ctx, t, o), &t
		}
		r.Name, r.Profile, r.Role = s.Name, s.Profile, s.Role
		results[i] = r
	})
	i := slices.IndexFunc(sources, func(s Source) bool { return s.Management })
	if i < 0 || targets[i] == nil {
		return results
	}
	mgmt := readManagement(ctx, *targets[i], o)
	forEach(len(sources), o.accountsAtOnce(), func(j int) {
		if j != i && targets[j] != nil {
			mgmt.cover(ctx, &results[j], o)
		}
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
		s := Source{Account: a.ID, Name: a.Name, Management: a.ID == mgmt.Identity.Account}
		if s.Management {
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
