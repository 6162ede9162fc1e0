package cli

import (
	"bytes"
	"context"
	"errors"
	"io/fs"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/firstrun/firstrun/answers"
	"github.com/firstrun/firstrun/assets"
	"github.com/firstrun/firstrun/awsclient/simulator"
	"github.com/firstrun/firstrun/demo"
	"github.com/firstrun/firstrun/steps"
	"github.com/firstrun/firstrun/steps/checkpoint"
	"github.com/firstrun/firstrun/steps/step"
)

// example returns the shipped answers file by absolute path, then moves the test to a
// temporary directory, where a report the summary writes can't land in the source tree.
func example(t *testing.T) string {
	t.Helper()
	path, err := filepath.Abs(filepath.Join("..", "assets", "answers.example.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	t.Chdir(t.TempDir())
	return path
}

func TestAMalformedAnswersFileIsRefusedBeforeAnyAWSCall(t *testing.T) {
	for _, tc := range []struct {
		file, want string
		// owner is the chapter check that refuses the value; the case waits for it while
		// that check is still a stub.
		owner string
	}{
		{file: "unknown-key", want: ":3: regoin: not a key firstrun knows; the top level has version, region,"},
		{file: "unknown-nested-key", want: ":5: admin_user.emial: not a key firstrun knows; admin_user has user_name, email,"},
		{file: "not-a-number", want: `:5: password_policy.minimum_length: expected a whole number, got "fourteen"`},
		{file: "not-a-boolean", want: `:4: budget.enabled: expected true or false, got "maybe"`},
		{file: "duplicate-key", want: ":6: region: given twice (first on line 3)"},
		{file: "no-version", want: ":1: version: missing; add version: 1 at the top"},
		{file: "newer-version", want: ":2: version: 2 is not a format this firstrun reads (it reads version 1)"},
		{file: "empty", want: ":1: the answers file has no answers"},
		{file: "tabs", want: ":3: a tab character: YAML indents with spaces only"},
		{file: "invalid-yaml", want: ":4: not valid YAML: "},
		{file: "bad-region", want: `:3: region: "Frankfurt" is not an AWS Region name`},
		{file: "bad-email", want: ":5: admin_user.email: ", owner: "identitycenter"},
		{file: "bad-identity-center-region", want: ":4: identity_center.region: ", owner: "identitycenter"},
		{file: "bad-session-duration", want: ":4: admin_permission_set.session_duration: ", owner: "identitycenter"},
		{file: "unknown-identity-source", want: ":4: identity_center.identity_source: ", owner: "identitycenter"},
		{file: "short-password-length", want: ":5: password_policy.minimum_length: ", owner: "review"},
	} {
		t.Run(tc.file, func(t *testing.T) {
			path := filepath.Join("testdata", "answers", tc.file+".yaml")
			if tc.owner != "" {
				if f, err := answers.Load(path); err == nil && steps.CheckAnswers(f) == nil {
					t.Skipf("waits for %s.ValidateAnswers, a stub on this branch", tc.owner)
				}
			}
			isolate(t)
			sim := useSimulator(t, simulator.Options{})
			code, stdout, stderr := runMain(t, "", "--answers", path, "--non-interactive")
			if code != exitUsage {
				t.Errorf("exit code %d, want %d", code, exitUsage)
			}
			if !strings.HasPrefix(stderr, path+tc.want) {
				t.Errorf("stderr\n%s\nwant it to start with %s%s", stderr, path, tc.want)
			}
			if !strings.Contains(stderr, "nothing ran") || stdout != "" {
				t.Errorf("stdout %q, stderr %q", stdout, stderr)
			}
			if calls := sim.Calls(); len(calls) != 0 {
				t.Errorf("%d AWS calls before the refusal, first %s:%s", len(calls), calls[0].Service, calls[0].Operation)
			}
		})
	}
}

func TestTheExampleAnswersPassEveryCheck(t *testing.T) {
	if _, err := loadAnswers(example(t)); err != nil {
		t.Fatal(err)
	}
	code, stdout, _ := runMain(t, "", "help", "answers")
	if code != exitOK || stdout != assets.AnswersExample() {
		t.Errorf("firstrun help answers: exit %d, printed %d bytes", code, len(stdout))
	}
}

// planLine is one line of a plan or of a run's log.
type planLine struct{ id, word, detail string }

// readLog splits a plan or a run's log into its lines: step ID, word, detail. Lines that
// start with "firstrun:" close the log and are left out.
func readLog(t *testing.T, out string, words ...string) []planLine {
	t.Helper()
	var lines []planLine
	for line := range strings.Lines(out) {
		if strings.HasPrefix(line, "firstrun:") {
			continue
		}
		id, rest, _ := strings.Cut(line, " ")
		rest = strings.TrimSpace(rest)
		i := slices.IndexFunc(words, func(w string) bool { return strings.HasPrefix(rest, w+" ") || rest == w })
		if i < 0 {
			t.Fatalf("log line %q has none of the words %v", line, words)
		}
		lines = append(lines, planLine{id, words[i], strings.TrimSpace(strings.TrimPrefix(rest, words[i]))})
	}
	return lines
}

func available() []step.Definition {
	var seq []step.Definition
	for _, d := range steps.Sequence() {
		if d.Available() {
			seq = append(seq, d)
		}
	}
	return seq
}

// consoleOnly are the steps AWS offers no API for: they wait for the operator on a new
// account.
var consoleOnly = []step.ID{"root-mfa", "root-password", "billing-access", "identity-center", "ic-mfa"}

// automatable are the steps a non-interactive run finishes on a new account, with the
// example answers (the Identity Center chapter waits for Identity Center, console work).
var automatable = []step.ID{"connect", "contacts", "root-access-keys", "billing-role", "budget", "organization",
	"identity-source", "emergency-admin", "iam-users-mfa", "password-policy", "credential-report", "access-analyzer",
	"remove-root-keys", "summary"}

func TestPlanOnANewAccountListsTheChangesAndMakesNone(t *testing.T) {
	isolate(t)
	answersFile := example(t)
	sim := useSimulator(t, simulator.Options{Scenario: simulator.NewAccount})
	code, stdout, stderr := runMain(t, "", "--answers", answersFile, "--plan")
	if code != exitOK {
		t.Fatalf("exit code %d: %s", code, stderr)
	}
	if n := simulator.CountMutating(sim.Calls()); n != 0 {
		t.Errorf("the plan made %d mutating calls", n)
	}
	lines := readLog(t, stdout, "in place", "change", "manual", "no change", "skipped", "error")
	var ids []step.ID
	for _, l := range lines {
		if l.word == "error" {
			t.Errorf("AWS could not be read: %+v", l)
		}
		if len(ids) == 0 || ids[len(ids)-1] != step.ID(l.id) {
			ids = append(ids, step.ID(l.id))
		}
	}
	var want []step.ID
	for _, d := range available() {
		want = append(want, d.ID)
	}
	if !slices.Equal(ids, want) {
		t.Errorf("the plan covers %v, want every available step in order %v", ids, want)
	}
	for _, l := range lines {
		if slices.Contains(consoleOnly, step.ID(l.id)) && l.word != "manual" {
			t.Errorf("console-only step %s planned as %q, want manual", l.id, l.word)
		}
	}
	// A new account lacks what these steps make.
	for _, id := range []step.ID{"organization", "password-policy", "access-analyzer"} {
		if !slices.ContainsFunc(lines, func(l planLine) bool { return l.id == string(id) && l.word == "change" }) {
			t.Errorf("the plan lists no change for %s on a new account", id)
		}
	}
}

// On a new account the run creates the organization before the analyzer, so the analyzer
// it makes is the organization's, with trusted access for Access Analyzer first; the plan
// says so, although no organization exists while it reads.
func TestPlanShowsTheOrganizationAnalyzerTheRunMakes(t *testing.T) {
	isolate(t)
	answersFile := example(t)
	sim := useSimulator(t, simulator.Options{Scenario: simulator.NewAccount})
	code, stdout, stderr := runMain(t, "", "--answers", answersFile, "--plan")
	if code != exitOK {
		t.Fatalf("exit code %d: %s", code, stderr)
	}
	var planned []string
	for _, l := range readLog(t, stdout, "in place", "change", "manual", "no change", "skipped", "error") {
		if l.word != "change" {
			continue
		}
		if l.id == "access-analyzer" {
			planned = append(planned, l.detail)
		}
	}
	if len(planned) != 2 || !strings.HasPrefix(planned[0], "organizations:EnableAWSServiceAccess") ||
		!strings.Contains(planned[1], "Type=ORGANIZATION") {
		t.Errorf("access-analyzer plans %q, want EnableAWSServiceAccess then an ORGANIZATION analyzer", planned)
	}

	if code, out, stderr := runMain(t, "", "--answers", answersFile, "--non-interactive"); code != exitWaiting {
		t.Fatalf("exit code %d: %s\n%s", code, stderr, out)
	}
	if !slices.ContainsFunc(sim.Inventory(), func(line string) bool {
		return strings.Contains(line, "access analyzer") && strings.Contains(line, "(ORGANIZATION)")
	}) {
		t.Errorf("the run made no ORGANIZATION analyzer: %q", sim.Inventory())
	}
}

func TestNonInteractiveOnANewAccountWaitsForTheOperatorAndRepeatsNothing(t *testing.T) {
	state := isolate(t)
	answersFile := example(t)
	sim := useSimulator(t, simulator.Options{Scenario: simulator.NewAccount})
	outcomes := []string{"verified", "done", "confirmed", "skipped", "failed", "waiting"}

	code, first, stderr := runMain(t, "", "--answers", answersFile, "--non-interactive")
	if code != exitWaiting {
		t.Fatalf("exit code %d, want %d (waiting for the operator): %s\n%s", code, exitWaiting, stderr, first)
	}
	lines := readLog(t, first, outcomes...)
	if len(lines) != len(available()) {
		t.Errorf("%d log lines for %d available steps:\n%s", len(lines), len(available()), first)
	}
	got := map[step.ID]string{}
	for _, l := range lines {
		got[step.ID(l.id)] = l.word
	}
	for _, id := range consoleOnly {
		if got[id] != "waiting" {
			t.Errorf("console-only step %s: %q, want waiting", id, got[id])
		}
	}
	// With the chapters' Headless funcs: every automatable step finishes.
	for _, id := range automatable {
		d, _ := steps.Find(steps.Sequence(), id)
		if d.Headless.Run == nil && d.Headless.Check == nil {
			continue
		}
		if w := got[id]; w != "verified" && w != "done" && w != "confirmed" && w != "skipped" {
			t.Errorf("automatable step %s: %q, want it finished", id, w)
		}
	}
	if !strings.Contains(first, "firstrun: waiting for the operator on ") {
		t.Errorf("no closing line:\n%s", first)
	}
	doc, err := checkpoint.Read(checkpoint.Path(state, sim.AccountID()))
	if err != nil && !errors.Is(err, fs.ErrNotExist) { // nothing saved while every step waits
		t.Fatal(err)
	}
	for id, word := range got {
		r, saved := doc.Step(string(id))
		if word == "waiting" && saved && r.Outcome.Final() {
			t.Errorf("waiting step %s saved as %s", id, r.Outcome)
		}
		if word != "waiting" && r.Outcome != checkpoint.Outcome(word) {
			t.Errorf("step %s logged %s, saved %q", id, word, r.Outcome)
		}
	}

	sim.ResetCalls()
	code, second, stderr := runMain(t, "", "--answers", answersFile, "--non-interactive")
	if code != exitWaiting {
		t.Fatalf("second run: exit code %d: %s", code, stderr)
	}
	if n := simulator.CountMutating(sim.Calls()); n != 0 {
		t.Errorf("the second run made %d mutating calls", n)
	}
	for _, l := range readLog(t, second, outcomes...) {
		if l.word == "failed" || (got[step.ID(l.id)] == "waiting") != (l.word == "waiting") {
			t.Errorf("second run: %s %s, first run %s", l.id, l.word, got[step.ID(l.id)])
		}
	}

	// The operator turns root MFA on in the console: the next run sees it.
	console := demo.Console{Sim: sim.Console()}
	if err := console.Perform(context.Background(), step.ConsoleAction{Step: "root-mfa"}); err != nil {
		t.Fatal(err)
	}
	_, third, _ := runMain(t, "", "--answers", answersFile, "--non-interactive")
	d, _ := steps.Find(steps.Sequence(), "root-mfa")
	for _, l := range readLog(t, third, outcomes...) {
		if l.id == "root-mfa" && d.Headless.Check != nil && l.word != "verified" {
			t.Errorf("root-mfa after the console work: %s %s", l.word, l.detail)
		}
	}
}

func TestNonInteractiveIsImpliedByAnswersWithoutATerminal(t *testing.T) {
	isolate(t)
	answersFile := example(t)
	useSimulator(t, simulator.Options{})
	code, stdout, stderr := runMain(t, "", "--answers", answersFile)
	if code != exitWaiting || !strings.Contains(stdout, "firstrun: waiting for the operator") {
		t.Errorf("exit code %d\n%s%s", code, stdout, stderr)
	}
}

func TestTheDemoRunsWithoutAScreenAndSaysHowToDoTheConsoleWork(t *testing.T) {
	isolate(t)
	answersFile := example(t)
	for run := 1; run <= 2; run++ {
		code, stdout, stderr := runMain(t, "", "--demo", "--answers", answersFile, "--non-interactive")
		if code != exitWaiting || !strings.Contains(stdout, "firstrun demo console STEP") {
			t.Errorf("run %d: exit code %d\n%s%s", run, code, stdout, stderr)
		}
	}
}

func TestPlanAndNonInteractiveTogetherAreAUsageError(t *testing.T) {
	isolate(t)
	if code, _, stderr := runMain(t, "", "--plan", "--non-interactive"); code != exitUsage || !strings.Contains(stderr, "choose one") {
		t.Errorf("exit code %d: %s", code, stderr)
	}
}

// The exit code tells a script how an unattended run ended.
func TestUnattendedExitCodes(t *testing.T) {
	type runFunc = func(context.Context, *step.Env) (checkpoint.StepRecord, error)
	ends := func(o checkpoint.Outcome, err error) runFunc {
		return func(context.Context, *step.Env) (checkpoint.StepRecord, error) {
			return checkpoint.StepRecord{Outcome: o}, err
		}
	}
	screen := func(*step.Env, step.Definition) step.Screen { return nil }
	for _, tc := range []struct {
		name string
		run  runFunc
		// interrupt cancels the run while the step is under way, as Ctrl-C does.
		interrupt bool
		code      int
		want      string
	}{
		{name: "complete", run: ends(checkpoint.Done, nil), code: exitOK, want: "every step is finished"},
		{name: "waiting", run: ends("", step.Waiting("enable MFA in the console")), code: exitWaiting,
			want: "waiting for the operator on b. Run firstrun to be guided"},
		{name: "failed", run: ends("", errors.New("the role exists with another trust policy")), code: exitFailed,
			want: "firstrun: step b failed: the role exists with another trust policy."},
		{name: "interrupted", run: ends("", context.Canceled), interrupt: true, code: exitInterrupted,
			want: "stopped. Progress is saved"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			store, err := checkpoint.Open(t.TempDir(), "111122223333", checkpoint.Options{})
			if err != nil {
				t.Fatal(err)
			}
			defer store.Close()
			ctx, cancel := context.WithCancel(context.Background())
			defer cancel()
			run := func(ctx context.Context, env *step.Env) (checkpoint.StepRecord, error) {
				if tc.interrupt {
					cancel()
				}
				return tc.run(ctx, env)
			}
			env := &step.Env{Ctx: ctx, Store: store, Answers: &answers.Answers{}, Sequence: []step.Definition{
				{ID: "a", Screen: screen, Headless: step.Headless{Run: ends(checkpoint.Verified, nil)}},
				{ID: "b", Screen: screen, Headless: step.Headless{Run: run}},
			}}
			var stdout, stderr bytes.Buffer
			a := &app{stdout: &stdout, stderr: &stderr}
			if code := a.runUnattended(ctx, &session{}, env); code != tc.code {
				t.Errorf("exit code %d, want %d", code, tc.code)
			}
			if !strings.Contains(stdout.String()+stderr.String(), tc.want) {
				t.Errorf("output lacks %q:\n%s%s", tc.want, stdout.String(), stderr.String())
			}
		})
	}
}
