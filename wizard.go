package main

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"time"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/mattn/go-isatty"

	"github.com/firstrun/firstrun/answers"
	"github.com/firstrun/firstrun/awsclient"
	"github.com/firstrun/firstrun/demo"
	"github.com/firstrun/firstrun/steps"
	"github.com/firstrun/firstrun/steps/checkpoint"
	"github.com/firstrun/firstrun/steps/step"
	"github.com/firstrun/firstrun/ui"
	"github.com/firstrun/firstrun/ui/keys"
	"github.com/firstrun/firstrun/ui/theme"
)

// wizardFlags are the wizard's command-line flags.
type wizardFlags struct {
	common
	profile, region, endpointURL string
	awsTimeout                   time.Duration // how long one attempt at an AWS call may take
	showVersion                  bool
	answers                      string // path of the answers file
	nonInteractive, plan         bool
	accessible                   bool   // plain line prompts instead of the full screen
	debug                        string // the debug log file
	debugHTTP                    bool   // add the SDK's request and response dumps to it
}

func runWizard(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) (code int) {
	var f wizardFlags
	fs := newFlagSet("firstrun", stderr)
	f.register(fs)
	fs.StringVar(&f.profile, "profile", "", "AWS profile")
	fs.StringVar(&f.region, "region", "", "AWS Region")
	fs.StringVar(&f.endpointURL, "endpoint-url", "", "AWS endpoint URL")
	fs.DurationVar(&f.awsTimeout, "aws-timeout", awsclient.DefaultAttemptTimeout, "how long one attempt at an AWS call may take")
	fs.BoolVar(&f.showVersion, "version", false, "print the version")
	fs.StringVar(&f.answers, "answers", "", "answers file")
	fs.BoolVar(&f.nonInteractive, "non-interactive", false, "run without a screen")
	fs.BoolVar(&f.plan, "plan", false, "list the changes, make none")
	fs.BoolVar(&f.accessible, "accessible", false, "plain line prompts, for screen readers")
	fs.StringVar(&f.debug, "debug", os.Getenv(debugEnv), "debug log file")
	fs.BoolVar(&f.debugHTTP, "debug-http", os.Getenv(debugHTTPEnv) != "", "add AWS requests and responses to the debug log")
	if ok, code := parse(fs, args); !ok {
		return code
	}
	if fs.NArg() > 0 {
		fmt.Fprintf(stderr, "firstrun: unknown command %q (try firstrun help)\n", fs.Arg(0))
		return exitUsage
	}
	if f.showVersion {
		fmt.Fprintln(stdout, "firstrun", versionString())
		return exitOK
	}
	if f.plan && f.nonInteractive {
		fmt.Fprintln(stderr, "firstrun: --plan changes nothing and --non-interactive changes what it can: choose one")
		return exitUsage
	}
	if err := checkFlags(f); err != nil {
		fmt.Fprintln(stderr, "firstrun:", err)
		return exitUsage
	}
	given := &answers.Answers{}
	if f.answers != "" {
		file, err := loadAnswers(f.answers)
		if err != nil {
			fmt.Fprintln(stderr, err)
			fmt.Fprintln(stderr, "firstrun: the answers file was refused; nothing ran. Correct it and run firstrun again.")
			return exitUsage
		}
		given = &file.Answers
		f.region = cmp.Or(f.region, given.Region)
	}

	dbg, err := openDebug(f.debug, f.debugHTTP)
	if err != nil {
		fmt.Fprintln(stderr, "firstrun:", err)
		return exitUsage
	}
	defer dbg.close()
	defer func() { dbg.Info("firstrun exited", "code", code) }()

	unattended := f.nonInteractive || f.answers != "" && !isTerminal(stdin)
	// No person changes the account while a plan or an unattended run goes on, so a fact
	// read once stays true until the run itself changes something.
	session, err := connect(ctx, f, f.plan || unattended, dbg)
	if err != nil {
		dbg.Error("could not start", "error", err)
		fmt.Fprintln(stderr, err)
		return exitFailed
	}
	defer session.close()
	for _, note := range session.notes {
		fmt.Fprintln(stderr, note)
	}

	switch {
	case f.plan:
		return runPlan(ctx, session.env(ctx, given, theme.Plain()), stdout, stderr)
	case unattended:
		return runUnattended(ctx, session.env(ctx, given, theme.Plain()), stdout, stderr)
	case f.accessible || os.Getenv("TERM") == "dumb" || !isTerminal(stdin) || !isTerminal(stdout):
		return runPlain(ctx, session.env(ctx, given, theme.Plain()), stdin, stdout, stderr)
	}

	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	env := session.env(ctx, given, theme.Default())
	m := ui.New(env, cancel)
	opts := []tea.ProgramOption{tea.WithAltScreen(), tea.WithContext(ctx)}
	if in, ok := stdin.(*os.File); ok {
		opts = append(opts, tea.WithInput(in))
	}
	if out, ok := stdout.(*os.File); ok {
		opts = append(opts, tea.WithOutput(out))
	}
	if _, err := tea.NewProgram(m, opts...).Run(); err != nil && !errors.Is(err, tea.ErrProgramKilled) {
		dbg.Error("the program failed", "error", err)
		fmt.Fprintln(stderr, "firstrun:", err)
		return exitFailed
	}
	if _, next, err := m.Exit(); err != nil {
		dbg.Error("the wizard stopped", "error", err)
	} else {
		dbg.Info("the wizard ended", "resumes_at", next.ID)
	}
	return farewell(m, env, stdout, stderr)
}

// farewell prints, after the full-screen program has gone, how the run ended and what
// comes next. It never prints a secret.
func farewell(m *ui.Model, env *step.Env, stdout, stderr io.Writer) int {
	exit, next, err := m.Exit()
	switch exit {
	case ui.ExitFinished:
		fmt.Fprintf(stdout, "firstrun: the setup of account %s has reached its summary. Progress is saved in %s.\n",
			env.Identity.Account, env.Store.Path())
		return exitOK
	case ui.ExitFatal:
		fmt.Fprintln(stderr, "firstrun:", err)
		return exitFailed
	case ui.ExitStopped, ui.ExitInterrupted:
	}
	fmt.Fprintf(stdout, "firstrun: stopped. Progress is saved; run firstrun%s again to resume at %q.\n",
		demoSuffix(env), next.Title)
	if exit == ui.ExitInterrupted {
		return exitInterrupted
	}
	return exitOK
}

func demoSuffix(env *step.Env) string {
	if env.Console != nil {
		return " --demo"
	}
	return ""
}

// session is everything learnt before the full-screen program starts: who the caller is,
// and the open checkpoint of their account.
type session struct {
	clients  *awsclient.Clients
	identity awsclient.Identity
	store    *checkpoint.Store
	console  step.Console
	retries  *awsclient.Retries
	debug    *debugging
	notes    []string // said before the program starts
	closers  []func() error
}

// connect loads the AWS configuration, asks STS who the caller is, and opens the
// account's checkpoint. Credential problems surface here as a plain message, before the
// terminal is taken over.
func connect(ctx context.Context, f wizardFlags, rememberReads bool, dbg *debugging) (*session, error) {
	s := &session{debug: dbg}
	s.retries = &awsclient.Retries{}
	opts := awsclient.Options{Profile: f.profile, Region: f.region, EndpointURL: f.endpointURL,
		AttemptTimeout: f.awsTimeout, RememberReads: rememberReads, AppID: "firstrun/" + versionString(), Retries: s.retries}
	var saved func(string, checkpoint.StepRecord)
	if dbg.on {
		opts.Debug, opts.Wire, saved = dbg.Logger, dbg.wire, dbg.saved
	}
	dir, err := checkpoint.Dir()
	if err != nil {
		return nil, fmt.Errorf("firstrun: %w", err)
	}
	if f.demo {
		dir = filepath.Join(dir, "demo")
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
		return nil, explainConnect(err)
	}
	if err := checkConfig(cfg, f); err != nil {
		s.close()
		return nil, err
	}
	s.clients = awsclient.NewClients(cfg)
	callCtx, cancel := context.WithTimeout(ctx, 30*time.Second)
	defer cancel()
	s.identity, err = awsclient.WhoAmI(callCtx, cfg, s.clients.STS)
	if err != nil {
		s.close()
		return nil, explainConnect(err)
	}
	dbg.Info("caller", "account", s.identity.Account, "arn", s.identity.ARN, "region", s.identity.Region,
		"root", s.identity.IsRoot)
	path := checkpoint.Path(dir, s.identity.Account)
	repaired, err := checkpoint.MakePrivate(path)
	if err != nil {
		s.close()
		return nil, stateDirProblem(dir, err)
	}
	if repaired {
		s.notes = append(s.notes, fmt.Sprintf("firstrun: %s could be read by other users; it is now readable only by you (mode 0600).", path))
		dbg.Warn("checkpoint made private", "path", path)
	}
	s.store, err = checkpoint.Open(dir, s.identity.Account, checkpoint.Options{
		ToolVersion: versionString(), CallerARN: s.identity.ARN, Region: s.identity.Region, Saved: saved})
	if err != nil {
		s.close()
		return nil, stateDirProblem(dir, err)
	}
	s.closers = append(s.closers, s.store.Close)
	return s, nil
}

func (s *session) env(ctx context.Context, given *answers.Answers, th *theme.Theme) *step.Env {
	return &step.Env{
		Ctx:      ctx,
		AWS:      s.clients,
		Identity: s.identity,
		Store:    s.store,
		Sequence: s.debug.steps(steps.Sequence()),
		Console:  s.console,
		Answers:  given,
		Retries:  s.retries,
		Theme:    th,
		Keys:     keys.Default(),
		Now:      time.Now,
		Version:  versionString(),
	}
}

func (s *session) close() {
	for i := len(s.closers) - 1; i >= 0; i-- {
		_ = s.closers[i]()
	}
}

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

func isTerminal(v any) bool {
	f, ok := v.(*os.File)
	return ok && (isatty.IsTerminal(f.Fd()) || isatty.IsCygwinTerminal(f.Fd()))
}
