package main

import (
	"cmp"
	"context"
	"fmt"
	"io"
	"regexp"
	"strings"
	"time"

	"github.com/firstrun/firstrun/answers"
	"github.com/firstrun/firstrun/audit"
	"github.com/firstrun/firstrun/awsclient"
	"github.com/firstrun/firstrun/demo"
	"github.com/firstrun/firstrun/steps"
)

// auditFlags are firstrun audit's flags.
type auditFlags struct {
	common
	profile, profiles, region, endpointURL string
	awsTimeout                             time.Duration
	answersFile                            string
	org                                    bool
	roleName                               string
	json, markdown                         bool
}

// roleNameRE is what IAM accepts as a role name.
var roleNameRE = regexp.MustCompile(`^[\w+=,.@-]{1,64}$`)

// runAudit checks, reading only, where one account or several stand against every step,
// prints the result and exits non-zero when a control fails or an account can't be
// audited.
func runAudit(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	var f auditFlags
	fs := newFlagSet("audit", stderr)
	f.register(fs)
	fs.StringVar(&f.profile, "profile", "", "AWS profile")
	fs.StringVar(&f.profiles, "profiles", "", "audit the accounts of these profiles (comma-separated)")
	fs.StringVar(&f.region, "region", "", "AWS Region")
	fs.StringVar(&f.endpointURL, "endpoint-url", "", "AWS endpoint URL")
	fs.DurationVar(&f.awsTimeout, "aws-timeout", awsclient.DefaultAttemptTimeout, "how long one attempt at an AWS call may take")
	fs.StringVar(&f.answersFile, "answers", "", "answers file: the choices the checks compare against")
	fs.BoolVar(&f.org, "org", false, "audit every account of the organization this management account manages")
	fs.StringVar(&f.roleName, "role-name", "OrganizationAccountAccessRole", "the role to assume in member accounts, with --org")
	fs.BoolVar(&f.json, "json", false, "print JSON")
	fs.BoolVar(&f.markdown, "markdown", false, "print Markdown")
	if ok, code := parse(fs, args); !ok {
		return code
	}
	profiles, problem := f.check(fs.Args())
	if problem != "" {
		fmt.Fprintln(stderr, "firstrun audit:", problem)
		return exitUsage
	}
	opts := audit.Options{Sequence: steps.Sequence(), Version: versionString()}
	if f.answersFile != "" {
		file, err := answers.Load(f.answersFile)
		if err == nil {
			err = steps.CheckAnswers(file)
		}
		if err != nil {
			fmt.Fprintln(stderr, "firstrun audit:", err)
			return exitUsage
		}
		opts.Answers = &file.Answers
	}
	// An audit reads only: every fact it reads stays true for its length.
	conn := awsclient.Options{Profile: f.profile, Region: f.region, EndpointURL: f.endpointURL, AttemptTimeout: f.awsTimeout,
		RememberReads: true,
		AppID:         "firstrun/" + versionString()}
	if opts.Answers != nil {
		conn.Region = cmp.Or(conn.Region, opts.Answers.Region)
	}

	var results []audit.Result
	if len(profiles) > 0 {
		results = audit.Accounts(ctx, profileSources(profiles, conn), opts)
	} else {
		var err error
		if results, err = f.auditFrom(ctx, conn, opts, stderr); err != nil {
			fmt.Fprintln(stderr, err)
			return exitFailed
		}
	}
	if err := f.write(stdout, results, len(profiles) > 0 || f.org); err != nil {
		fmt.Fprintln(stderr, "firstrun audit:", err)
		return exitFailed
	}
	if audit.AnyFailed(results) {
		return exitFailed
	}
	return exitOK
}

// auditFrom audits the account conn reaches (the demo's with --demo) or, with --org,
// every account of the organization it manages. An error means nothing could be audited.
func (f *auditFlags) auditFrom(ctx context.Context, conn awsclient.Options, opts audit.Options, stderr io.Writer) ([]audit.Result, error) {
	if f.demo {
		account, err := openDemo(&conn)
		if err != nil {
			return nil, fmt.Errorf("firstrun: %w", err)
		}
		defer account.Close()
	}
	target, err := connectTarget(ctx, conn)
	if err != nil {
		return nil, explainConnect(err)
	}
	if !f.org {
		return []audit.Result{audit.Account(ctx, target, opts)}, nil
	}
	if target.Identity.IsRoot {
		fmt.Fprintln(stderr, "firstrun audit: AWS never lets the root user assume a role, so --org can audit "+
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
	if err := checkTimeout(f.awsTimeout); err != nil {
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

// profileSources are the accounts of profiles, each reached with base and its profile.
func profileSources(profiles []string, base awsclient.Options) []audit.Source {
	sources := make([]audit.Source, len(profiles))
	for i, p := range profiles {
		o := base
		o.Profile = p
		sources[i] = audit.Source{Profile: p, Connect: func(ctx context.Context) (audit.Target, error) {
			return connectTarget(ctx, o)
		}}
	}
	return sources
}

// openDemo starts the demo's simulated account and points o at it, as firstrun --demo
// does.
func openDemo(o *awsclient.Options) (*demo.Account, error) {
	dir, err := stateDir(true)
	if err != nil {
		return nil, err
	}
	account, err := demo.Open(dir)
	if err != nil {
		return nil, err
	}
	url, err := account.Start()
	if err != nil {
		_ = account.Close() // the start failure is the one to report
		return nil, fmt.Errorf("start the simulated account: %w", err)
	}
	o.EndpointURL, o.Credentials, o.Profile, o.Isolated = url, account.Credentials(), "", true
	return account, nil
}

// connectTarget loads the configuration o describes and asks STS who it acts as.
func connectTarget(ctx context.Context, o awsclient.Options) (audit.Target, error) {
	cfg, err := awsclient.LoadConfig(ctx, o)
	if err != nil {
		return audit.Target{}, err
	}
	clients := awsclient.NewClients(cfg)
	ctx, cancel := context.WithTimeout(ctx, 30*time.Second)
	defer cancel()
	id, err := clients.WhoAmI(ctx)
	if err != nil {
		return audit.Target{}, err
	}
	return audit.Target{AWS: clients, Identity: id}, nil
}
