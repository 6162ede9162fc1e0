package cli

import (
	"context"
	"errors"
	"fmt"
	"path/filepath"
	"time"

	"github.com/firstrun/firstrun/answers"
	"github.com/firstrun/firstrun/awsclient"
	"github.com/firstrun/firstrun/demo"
	"github.com/firstrun/firstrun/steps"
	"github.com/firstrun/firstrun/steps/checkpoint"
	"github.com/firstrun/firstrun/steps/step"
	"github.com/firstrun/firstrun/ui/keys"
	"github.com/firstrun/firstrun/ui/theme"
)

// session is what every mode learns before it starts: the configuration and clients, who
// the caller is, where state lives, the demo's simulated account when it is the one, and
// (for the modes that keep progress) the account's open checkpoint. Credential problems
// surface while it opens, as a plain message, before any screen takes over.
type session struct {
	conn     connection
	dir      string // the state directory; the demo's is apart
	clients  *awsclient.Clients
	identity awsclient.Identity
	console  step.Console // the simulated console; nil on a real account
	retries  *awsclient.Retries
	store    *checkpoint.Store
	notes    []string // said before the mode starts
	closers  []func() error
}

// sessionOptions tune how a session opens.
type sessionOptions struct {
	// rememberReads keeps each fact read until the run changes something: for modes where
	// no person changes the account meanwhile (plans, unattended runs, audits).
	rememberReads bool
	debug         *debugging // nil: no debug log
}

// stateDir is where checkpoints live; the demo's are kept apart from real accounts'.
func stateDir(demoMode bool) (string, error) {
	dir, err := checkpoint.Dir()
	if err != nil {
		return "", err
	}
	if demoMode {
		dir = filepath.Join(dir, "demo")
	}
	return dir, nil
}

// open connects to the account c names (the demo's simulated one with --demo) and asks
// STS who the caller is. Its errors read as one paragraph for the operator.
func (a *app) open(ctx context.Context, c connection, o sessionOptions) (*session, error) {
	s := &session{conn: c, retries: &awsclient.Retries{}}
	opts := awsclient.Options{Profile: c.profile, Region: c.region, EndpointURL: c.url, AttemptTimeout: c.awsTimeout,
		RememberReads: o.rememberReads, AppID: "firstrun/" + a.versionString(), Retries: s.retries}
	if o.debug != nil && o.debug.on {
		opts.Debug, opts.Wire = o.debug.Logger, o.debug.wire
	}
	dir, err := stateDir(c.demo)
	if err != nil {
		return nil, fmt.Errorf("firstrun: %w", err)
	}
	s.dir = dir
	if c.demo {
		account, err := demo.Open(dir)
		if err != nil {
			return nil, stateDirProblem(dir, err)
		}
		s.closers = append(s.closers, account.Close)
		url, err := account.Start()
		if err != nil {
			s.close()
			return nil, fmt.Errorf("firstrun: start the simulated account: %w", err)
		}
		s.console = account.Console
		opts.EndpointURL, opts.Credentials, opts.Profile, opts.Isolated = url, account.Credentials(), "", true
	}
	cfg, err := awsclient.LoadConfig(ctx, opts)
	if err != nil {
		s.close()
		return nil, connectError{err}
	}
	if err := c.checkConfig(cfg); err != nil {
		s.close()
		return nil, err
	}
	s.clients = awsclient.NewClients(cfg)
	callCtx, cancel := context.WithTimeout(ctx, 30*time.Second)
	defer cancel()
	if s.identity, err = s.clients.WhoAmI(callCtx); err != nil {
		s.close()
		return nil, connectError{err}
	}
	return s, nil
}

// openStore opens the caller's account's checkpoint, making the file private first if
// other users could read it.
func (s *session) openStore(version string, dbg *debugging) error {
	path := checkpoint.Path(s.dir, s.identity.Account)
	repaired, err := checkpoint.MakePrivate(path)
	if err != nil {
		return stateDirProblem(s.dir, err)
	}
	if repaired {
		s.notes = append(s.notes, fmt.Sprintf("firstrun: %s could be read by other users; it is now readable only by you (mode 0600).", path))
		dbg.Warn("checkpoint made private", "path", path)
	}
	o := checkpoint.Options{ToolVersion: version, CallerARN: s.identity.ARN, Region: s.identity.Region}
	if dbg.on {
		o.Saved = dbg.saved
	}
	if s.store, err = checkpoint.Open(s.dir, s.identity.Account, o); err != nil {
		return stateDirProblem(s.dir, err)
	}
	s.closers = append(s.closers, s.store.Close)
	return nil
}

// env is what the steps of a wizard run are given.
func (s *session) env(ctx context.Context, given *answers.Answers, th *theme.Theme, version string, dbg *debugging) *step.Env {
	return &step.Env{
		Ctx:      ctx,
		AWS:      s.clients,
		Identity: s.identity,
		Store:    s.store,
		Sequence: dbg.steps(steps.Sequence()),
		Console:  s.console,
		Answers:  given,
		Retries:  s.retries,
		Theme:    th,
		Keys:     keys.Default(),
		Now:      time.Now,
		Version:  version,
	}
}

func (s *session) close() {
	for i := len(s.closers) - 1; i >= 0; i-- {
		_ = s.closers[i]()
	}
}

// demoSuffix is what a command line needs to reach the same account again.
func (s *session) demoSuffix() string {
	if s.conn.demo {
		return " --demo"
	}
	return ""
}

// connectError is a failure to reach or authenticate with AWS. It reads as one paragraph,
// the cause and the fix; the audit, which reports many accounts, unwraps it for AWS's
// own words.
type connectError struct{ err error }

func (e connectError) Error() string { return explainConnect(e.err).Error() }
func (e connectError) Unwrap() error { return e.err }

// explainConnect turns a failure to reach or authenticate with AWS into one paragraph:
// the cause and the fix, without a stack trace.
func explainConnect(err error) error {
	p := awsclient.Explain(err)
	var cause string
	switch p.Kind {
	case awsclient.KindNoCredentials:
		cause = "no AWS credentials were found."
	case awsclient.KindNoProfile:
		cause = "the AWS profile could not be loaded (" + rootMessage(err) + ")."
	case awsclient.KindExpiredCredentials:
		cause = "the AWS credentials have expired (" + p.Summary() + ")."
	case awsclient.KindBadCredentials:
		cause = "AWS rejected the credentials (" + p.Summary() + ")."
	case awsclient.KindAccessDenied:
		cause = "these credentials may not even ask AWS who they belong to (" + p.Summary() + ")."
	default:
		cause = "the AWS credentials could not be checked: " + p.Summary() + "."
	}
	return fmt.Errorf("firstrun: %s %s", cause, p.Fix)
}

// rootMessage is the innermost message of err, without the SDK's wrapping.
func rootMessage(err error) string {
	for next := errors.Unwrap(err); next != nil; next = errors.Unwrap(err) {
		err = next
	}
	return err.Error()
}
