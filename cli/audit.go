package cli

import (
	"cmp"
	"context"
	"fmt"
	"io"
	"regexp"
	"strings"

	"github.com/firstrun/firstrun/answers"
	"github.com/firstrun/firstrun/audit"
	"github.com/firstrun/firstrun/awsclient"
	"github.com/firstrun/firstrun/steps"
)

// auditFlags are firstrun audit's flags.
type auditFlags struct {
	connection
	profiles       string
	answersFile    string
	org            bool
	roleName       string
	json, markdown bool
}

// roleNameRE is what IAM accepts as a role name.
var roleNameRE = regexp.MustCompile(`^[\w+=,.@-]{1,64}$`)

// audit checks, reading only, where one account or several stand against every step,
// prints the result and exits non-zero when a control fails or an account can't be
// audited.
func (a *app) audit(ctx context.Context, args []string) int {
	var f auditFlags
	fs := newFlagSet("audit", a.stderr)
	f.register(fs)
	fs.StringVar(&f.profiles, "profiles", "", "audit the accounts of these profiles (comma-separated)")
	fs.StringVar(&f.answersFile, "answers", "", "answers file: the choices the checks compare against")
	fs.BoolVar(&f.org, "org", false, "audit every account of the organization this management account manages")
	fs.StringVar(&f.roleName, "role-name", "OrganizationAccountAccessRole", "the role to assume in member accounts, with --org")
	fs.BoolVar(&f.json, "json", false, "print JSON")
	fs.BoolVar(&f.markdown, "markdown", false, "print Markdown")
	rest, ok, code := parse(fs, args)
	if !ok {
		return code
	}
	profiles, problem := f.check(rest)
	if problem != "" {
		fmt.Fprintln(a.stderr, "firstrun audit:", problem)
		return exitUsage
	}
	opts := audit.Options{Sequence: steps.Sequence(), Version: a.versionString()}
	if f.answersFile != "" {
		file, err := answers.Load(f.answersFile)
		if err == nil {
			err = steps.CheckAnswers(file)
		}
		if err != nil {
			fmt.Fprintln(a.stderr, "firstrun audit:", err)
			return exitUsage
		}
		opts.Answers = &file.Answers
		f.region = cmp.Or(f.region, opts.Answers.Region)
	}

	var results []audit.Result
	if len(profiles) > 0 {
		results = audit.Accounts(ctx, a.profileSources(profiles, f.connection), opts)
	} else {
		var err error
		if results, err = a.auditFrom(ctx, f, opts); err != nil {
			fmt.Fprintln(a.stderr, err)
			return exitFailed
		}
	}
	if err := f.write(a.stdout, results, len(profiles) > 0 || f.org); err != nil {
		fmt.Fprintln(a.stderr, "firstrun audit:", err)
		return exitFailed
	}
	if audit.AnyFailed(results) {
		return exitFailed
	}
	return exitOK
}

// auditFrom audits the account f reaches (the demo's with --demo) or, with --org, every
// account of the organization it manages. An error means nothing could be audited.
func (a *app) auditFrom(ctx context.Context, f auditFlags, opts audit.Options) ([]audit.Result, error) {
	s, err := a.open(ctx, f.connection, auditSession())
	if err != nil {
		return nil, err
	}
	defer s.close()
	target := audit.Target{AWS: s.clients, Identity: s.identity}
	if !f.org {
		return []audit.Result{audit.Account(ctx, target, opts)}, nil
	}
	if target.Identity.IsRoot {
		fmt.Fprintln(a.stderr, "firstrun audit: AWS never lets the root user assume a role, so --org can audit "+
			"only the management account. Run it as an IAM Identity Center user or an IAM role or user instead.")
	}
	sources, err := audit.Organization(ctx, target, f.roleName)
	if err != nil {
		return nil, fmt.Errorf("firstrun audit: could not list the organization's accounts (%s). --org runs "+
			"from the organization's management account, as a user or role allowed organizations:ListAccounts.",
			strings.TrimSuffix(awsclient.Explain(err).Summary(), "."))
	}
	return audit.Accounts(ctx, sources, opts), nil
}

// check refuses flags that contradict each other and returns the profiles of
// --profiles.
func (f *auditFlags) check(args []string) (profiles []string, problem string) {
	if len(args) > 0 {
		return nil, fmt.Sprintf("unexpected argument %q (try firstrun help)", args[0])
	}
	if f.json && f.markdown {
		return nil, "choose one of --json and --markdown"
	}
	if err := f.connection.check(); err != nil {
		return nil, err.Error()
	}
	if !roleNameRE.MatchString(f.roleName) {
		return nil, fmt.Sprintf("--role-name %q is not a role name (letters, digits and +=,.@_- only, at most 64)", f.roleName)
	}
	if f.profiles == "" {
		return nil, ""
	}
	if f.profile != "" || f.demo || f.org {
		return nil, "--profiles audits the accounts it names; it goes without --profile, --demo and --org"
	}
	for p := range strings.SplitSeq(f.profiles, ",") {
		if p = strings.TrimSpace(p); p != "" {
			profiles = append(profiles, p)
		}
	}
	if len(profiles) == 0 {
		return nil, "--profiles needs profile names, separated by commas"
	}
	return profiles, ""
}

func (f *auditFlags) write(w io.Writer, results []audit.Result, many bool) error {
	switch {
	case f.json:
		return audit.WriteJSON(w, results, many)
	case f.markdown:
		return audit.WriteMarkdown(w, results)
	default:
		return audit.WriteTable(w, results)
	}
}

// auditSession is how an audit opens a session: it reads only, so every fact it reads
// stays true for its length.
func auditSession() sessionOptions { return sessionOptions{rememberReads: true} }

// profileSources are the accounts of profiles, each reached as base says, with its
// profile.
func (a *app) profileSources(profiles []string, base connection) []audit.Source {
	sources := make([]audit.Source, len(profiles))
	for i, p := range profiles {
		c := base
		c.profile = p
		sources[i] = audit.Source{Profile: p, Connect: func(ctx context.Context) (audit.Target, error) {
			s, err := a.open(ctx, c, auditSession())
			if err != nil {
				return audit.Target{}, err
			}
			return audit.Target{AWS: s.clients, Identity: s.identity}, nil
		}}
	}
	return sources
}
