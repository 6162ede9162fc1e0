package cli

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"os"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/mattn/go-isatty"

	"github.com/firstrun/firstrun/answers"
	"github.com/firstrun/firstrun/steps/step"
	"github.com/firstrun/firstrun/ui"
	"github.com/firstrun/firstrun/ui/theme"
)

// wizardFlags are the wizard's command-line flags, shared by its modes.
type wizardFlags struct {
	connection
	showVersion          bool
	answers              string // path of the answers file
	nonInteractive, plan bool
	accessible           bool   // plain line prompts instead of the full screen
	debug                string // the debug log file
	debugHTTP            bool   // add the SDK's request and response dumps to it
}

// wizard runs the setup: in the full screen, or as plain prompts, or without a person
// (--non-interactive), or as a plan that changes nothing (--plan).
func (a *app) wizard(ctx context.Context, args []string) (code int) {
	var f wizardFlags
	fs := newFlagSet("firstrun", a.stderr)
	f.register(fs)
	fs.BoolVar(&f.showVersion, "version", false, "print the version")
	fs.StringVar(&f.answers, "answers", "", "answers file")
	fs.BoolVar(&f.nonInteractive, "non-interactive", false, "run without a screen")
	fs.BoolVar(&f.plan, "plan", false, "list the changes, make none")
	fs.BoolVar(&f.accessible, "accessible", false, "plain line prompts, for screen readers")
	fs.StringVar(&f.debug, "debug", os.Getenv(debugEnv), "debug log file")
	fs.BoolVar(&f.debugHTTP, "debug-http", os.Getenv(debugHTTPEnv) != "", "add AWS requests and responses to the debug log")
	rest, ok, code := parse(fs, args)
	if !ok {
		return code
	}
	if len(rest) > 0 {
		fmt.Fprintf(a.stderr, "firstrun: unknown command %q (try firstrun help)\n", rest[0])
		return exitUsage
	}
	if f.showVersion {
		fmt.Fprintln(a.stdout, "firstrun", a.versionString())
		return exitOK
	}
	if f.plan && f.nonInteractive {
		fmt.Fprintln(a.stderr, "firstrun: --plan changes nothing and --non-interactive changes what it can: choose one")
		return exitUsage
	}
	if err := f.check(); err != nil {
		fmt.Fprintln(a.stderr, "firstrun:", err)
		return exitUsage
	}
	given := &answers.Answers{}
	if f.answers != "" {
		file, err := loadAnswers(f.answers)
		if err != nil {
			fmt.Fprintln(a.stderr, err)
			fmt.Fprintln(a.stderr, "firstrun: the answers file was refused; nothing ran. Correct it and run firstrun again.")
			return exitUsage
		}
		given = &file.Answers
		f.region = cmp.Or(f.region, given.Region)
	}

	dbg, err := openDebug(f.debug, f.debugHTTP, a.versionString())
	if err != nil {
		fmt.Fprintln(a.stderr, "firstrun:", err)
		return exitUsage
	}
	defer dbg.close()
	defer func() { dbg.Info("firstrun exited", "code", code) }()

	unattended := f.nonInteractive || f.answers != "" && !isTerminal(a.stdin)
	// No person changes the account while a plan or an unattended run goes on, so a fact
	// read once stays true until the run itself changes something.
	s, err := a.open(ctx, f.connection, sessionOptions{rememberReads: f.plan || unattended, debug: dbg})
	if err == nil {
		dbg.Info("caller", "account", s.identity.Account, "arn", s.identity.ARN, "region", s.identity.Region,
			"root", s.identity.IsRoot)
		if err = s.openStore(a.versionString(), dbg); err != nil {
			s.close()
		}
	}
	if err != nil {
		dbg.Error("could not start", "error", err)
		fmt.Fprintln(a.stderr, err)
		return exitFailed
	}
	defer s.close()
	for _, note := range s.notes {
		fmt.Fprintln(a.stderr, note)
	}

	switch {
	case f.plan:
		return a.runPlan(ctx, s.env(ctx, given, theme.Plain(), a.versionString(), dbg))
	case unattended:
		return a.runUnattended(ctx, s, s.env(ctx, given, theme.Plain(), a.versionString(), dbg))
	case f.accessible || os.Getenv("TERM") == "dumb" || !isTerminal(a.stdin) || !isTerminal(a.stdout):
		return a.runPlain(ctx, s, s.env(ctx, given, theme.Plain(), a.versionString(), dbg))
	}
	return a.runScreen(ctx, s, given, dbg)
}

// runScreen runs the wizard in the full screen.
func (a *app) runScreen(ctx context.Context, s *session, given *answers.Answers, dbg *debugging) int {
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	env := s.env(ctx, given, theme.Default(), a.versionString(), dbg)
	m := ui.New(env, cancel)
	opts := []tea.ProgramOption{tea.WithAltScreen(), tea.WithContext(ctx)}
	if in, ok := a.stdin.(*os.File); ok {
		opts = append(opts, tea.WithInput(in))
	}
	if out, ok := a.stdout.(*os.File); ok {
		opts = append(opts, tea.WithOutput(out))
	}
	if _, err := tea.NewProgram(m, opts...).Run(); err != nil && !errors.Is(err, tea.ErrProgramKilled) {
		dbg.Error("the program failed", "error", err)
		fmt.Fprintln(a.stderr, "firstrun:", err)
		return exitFailed
	}
	if _, next, err := m.Exit(); err != nil {
		dbg.Error("the wizard stopped", "error", err)
	} else {
		dbg.Info("the wizard ended", "resumes_at", next.ID)
	}
	return a.farewell(m, s, env)
}

// farewell prints, after the full-screen program has gone, how the run ended and what
// comes next. It never prints a secret.
func (a *app) farewell(m *ui.Model, s *session, env *step.Env) int {
	exit, next, err := m.Exit()
	switch exit {
	case ui.ExitFinished:
		fmt.Fprintf(a.stdout, "firstrun: the setup of account %s has reached its summary. Progress is saved in %s.\n",
			env.Identity.Account, env.Store.Path())
		return exitOK
	case ui.ExitFatal:
		fmt.Fprintln(a.stderr, "firstrun:", err)
		return exitFailed
	case ui.ExitStopped, ui.ExitInterrupted:
	}
	fmt.Fprintf(a.stdout, "firstrun: stopped. Progress is saved; run firstrun%s again to resume at %q.\n",
		s.demoSuffix(), next.Title)
	if exit == ui.ExitInterrupted {
		return exitInterrupted
	}
	return exitOK
}

func isTerminal(v any) bool {
	f, ok := v.(*os.File)
	return ok && (isatty.IsTerminal(f.Fd()) || isatty.IsCygwinTerminal(f.Fd()))
}
