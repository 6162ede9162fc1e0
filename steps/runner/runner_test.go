package runner_test

import (
	"bytes"
	"context"
	"errors"
	"reflect"
	"strings"
	"testing"

	"github.com/firstrun/firstrun/answers"
	"github.com/firstrun/firstrun/steps/checkpoint"
	"github.com/firstrun/firstrun/steps/runner"
	"github.com/firstrun/firstrun/steps/step"
)

const account = "111122223333"

// newEnv opens a checkpoint in a temporary directory, with the records given already in it.
func newEnv(t *testing.T, saved map[step.ID]checkpoint.StepRecord) *step.Env {
	t.Helper()
	dir := t.TempDir()
	store, err := checkpoint.Open(dir, account, checkpoint.Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = store.Close() })
	for id, r := range saved {
		if err := store.Record(string(id), r); err != nil {
			t.Fatal(err)
		}
	}
	return &step.Env{Ctx: context.Background(), Store: store, Answers: &answers.Answers{}}
}

// def is an available step with the given headless side.
func def(id step.ID, h step.Headless) step.Definition {
	return step.Definition{ID: id, Title: "Title of " + string(id), Headless: h,
		Screen: func(*step.Env, step.Definition) step.Screen { return nil }}
}

func runs(outcome checkpoint.Outcome, reason string) func(context.Context, *step.Env) (checkpoint.StepRecord, error) {
	return func(context.Context, *step.Env) (checkpoint.StepRecord, error) {
		return checkpoint.StepRecord{Outcome: outcome, Reason: reason}, nil
	}
}

func fails(err error) func(context.Context, *step.Env) (checkpoint.StepRecord, error) {
	return func(context.Context, *step.Env) (checkpoint.StepRecord, error) { return checkpoint.StepRecord{}, err }
}

func checks(status step.ControlStatus, detail string) func(context.Context, *step.Env) (step.Control, error) {
	return func(context.Context, *step.Env) (step.Control, error) {
		return step.Control{Status: status, Detail: detail}, nil
	}
}

// logOf is the log as [ID, word] pairs, one per line.
func logOf(out string) [][2]string {
	var pairs [][2]string
	for line := range strings.Lines(out) {
		f := strings.Fields(line)
		pairs = append(pairs, [2]string{f[0], f[1]})
	}
	return pairs
}

func outcomes(env *step.Env) map[string]checkpoint.Outcome {
	got := map[string]checkpoint.Outcome{}
	for id, r := range env.Store.Document().Steps {
		got[id] = r.Outcome
	}
	return got
}

func TestRunDoesEveryStepInOrderAndWaitsWithoutStopping(t *testing.T) {
	env := newEnv(t, nil)
	seq := []step.Definition{
		def("api", step.Headless{Run: runs(checkpoint.Done, "")}),
		def("console", step.Headless{Run: fails(step.Waiting("enable MFA in the console"))}),
		{ID: "not-built", Headless: step.Headless{Run: fails(errors.New("an unavailable step ran"))}},
		def("checked", step.Headless{Check: checks(step.Pass, "AccountMFAEnabled is 1")}),
		def("unchecked", step.Headless{Check: checks(step.Fail, "no policy")}),
		def("nothing", step.Headless{}),
		def("optional", step.Headless{Run: runs(checkpoint.Skipped, "needs a person to sign in")}),
		def("not-here", step.Headless{Check: checks(step.NotRun, "a member account")}),
		def("last", step.Headless{Run: runs(checkpoint.Verified, "")}),
	}
	var out bytes.Buffer
	res, err := runner.Run(context.Background(), seq, env, &out)
	if err != nil {
		t.Fatal(err)
	}
	if res.Status != runner.Waiting || !reflect.DeepEqual(res.Waiting, []step.ID{"console", "unchecked", "nothing"}) {
		t.Errorf("result %+v, want waiting for console, unchecked and nothing", res)
	}
	wantLog := [][2]string{{"api", "done"}, {"console", "waiting"}, {"checked", "verified"}, {"unchecked", "waiting"},
		{"nothing", "waiting"}, {"optional", "skipped"}, {"not-here", "skipped"}, {"last", "verified"}}
	if got := logOf(out.String()); !reflect.DeepEqual(got, wantLog) {
		t.Errorf("log %v, want %v\n%s", got, wantLog, out.String())
	}
	for _, want := range []string{
		"console    waiting    for the operator: enable MFA in the console\n",
		"checked    verified   Title of checked: AccountMFAEnabled is 1\n",
		"optional   skipped    Title of optional: needs a person to sign in\n",
	} {
		if !strings.Contains(out.String(), want) {
			t.Errorf("log lacks %q:\n%s", want, out.String())
		}
	}
	wantSaved := map[string]checkpoint.Outcome{"api": checkpoint.Done, "checked": checkpoint.Verified,
		"optional": checkpoint.Skipped, "not-here": checkpoint.Skipped, "last": checkpoint.Verified}
	if got := outcomes(env); !reflect.DeepEqual(got, wantSaved) {
		t.Errorf("checkpoint %v, want %v (nothing saved for waiting steps)", got, wantSaved)
	}
}

func TestRunIsCompleteWhenNothingWaits(t *testing.T) {
	env := newEnv(t, nil)
	res, err := runner.Run(context.Background(), []step.Definition{
		def("a", step.Headless{Run: runs(checkpoint.Done, "")}),
		def("b", step.Headless{Run: runs(checkpoint.Skipped, "needs a person")}),
	}, env, &bytes.Buffer{})
	if err != nil || res.Status != runner.Complete || res.Waiting != nil {
		t.Errorf("Run = %+v, %v; want complete", res, err)
	}
}

func TestAFailedStepIsSavedAndStopsTheRun(t *testing.T) {
	env := newEnv(t, map[step.ID]checkpoint.StepRecord{
		"breaks": {Outcome: checkpoint.InProgress, Resources: map[string]string{"role_arn": "arn:aws:iam::111122223333:role/Billing"}},
	})
	boom := errors.New("the role exists with another trust policy")
	var out bytes.Buffer
	res, err := runner.Run(context.Background(), []step.Definition{
		def("first", step.Headless{Run: runs(checkpoint.Done, "")}),
		def("breaks", step.Headless{Run: fails(boom)}),
		def("after", step.Headless{Run: runs(checkpoint.Done, "")}),
	}, env, &out)
	if err != nil {
		t.Fatal(err)
	}
	if res.Status != runner.Failed || res.Failed != "breaks" || !errors.Is(res.Err, boom) {
		t.Errorf("result %+v, want breaks failed", res)
	}
	if got := logOf(out.String()); !reflect.DeepEqual(got, [][2]string{{"first", "done"}, {"breaks", "failed"}}) {
		t.Errorf("log %v: the run went on after a failure", got)
	}
	r, _ := env.Store.Document().Step("breaks")
	if r.Outcome != checkpoint.Failed || r.Reason != boom.Error() || r.Resources["role_arn"] == "" {
		t.Errorf("saved %+v, want failed with the reason and the role found earlier", r)
	}
	if _, ran := env.Store.Document().Step("after"); ran {
		t.Error("the step after the failure ran")
	}
}

func TestAStepThatEndsWithoutAnOutcomeFails(t *testing.T) {
	env := newEnv(t, nil)
	res, _ := runner.Run(context.Background(), []step.Definition{
		def("vague", step.Headless{Run: runs(checkpoint.InProgress, "")}),
	}, env, &bytes.Buffer{})
	if res.Status != runner.Failed || outcomes(env)["vague"] != checkpoint.Failed {
		t.Errorf("result %+v, saved %v", res, outcomes(env))
	}
}

func TestAFailedCheckOfAStepWithoutRunFailsTheRun(t *testing.T) {
	env := newEnv(t, nil)
	res, _ := runner.Run(context.Background(), []step.Definition{
		def("denied", step.Headless{Check: checks(step.Errored, "AccessDenied on iam:GetAccountSummary")}),
	}, env, &bytes.Buffer{})
	if res.Status != runner.Failed || res.Err == nil || !strings.Contains(res.Err.Error(), "AccessDenied") {
		t.Errorf("result %+v", res)
	}
}

func TestResumeKeepsOnlyWhatAWSStillShows(t *testing.T) {
	env := newEnv(t, map[step.ID]checkpoint.StepRecord{
		"still-there":  {Outcome: checkpoint.Done, Resources: map[string]string{"role_arn": "arn:aws:iam::111122223333:role/Billing"}},
		"gone":         {Outcome: checkpoint.Done},
		"said-so":      {Outcome: checkpoint.Confirmed},
		"said-so-too":  {Outcome: checkpoint.Confirmed},
		"no-check":     {Outcome: checkpoint.Done},
		"was-skipped":  {Outcome: checkpoint.Skipped, Reason: "the operator skipped it"},
		"half-done":    {Outcome: checkpoint.InProgress},
		"check-breaks": {Outcome: checkpoint.Done},
	})
	before := env.Store.Document()
	again := fails(errors.New("ran again although AWS still shows it"))
	seq := []step.Definition{
		def("still-there", step.Headless{Check: checks(step.Pass, "role Billing exists"), Run: again}),
		def("gone", step.Headless{Check: checks(step.Fail, "no role"), Run: runs(checkpoint.Verified, "made again")}),
		def("said-so", step.Headless{Check: checks(step.Manual, "AWS offers no check")}),
		def("said-so-too", step.Headless{}),
		def("no-check", step.Headless{Run: runs(checkpoint.Verified, "ran again")}),
		def("was-skipped", step.Headless{Check: checks(step.Fail, "no MFA")}),
		def("half-done", step.Headless{Check: checks(step.Pass, "exists"), Run: runs(checkpoint.Done, "finished")}),
		def("check-breaks", step.Headless{Check: checks(step.Errored, "throttled"), Run: runs(checkpoint.Verified, "ran again")}),
	}
	var out bytes.Buffer
	res, err := runner.Run(context.Background(), seq, env, &out)
	if err != nil {
		t.Fatal(err)
	}
	after := env.Store.Document()
	for _, id := range []string{"still-there", "said-so", "said-so-too"} {
		if !reflect.DeepEqual(after.Steps[id], before.Steps[id]) {
			t.Errorf("%s: record changed from %+v to %+v; it should stand", id, before.Steps[id], after.Steps[id])
		}
	}
	for id, want := range map[string]string{"gone": "made again", "no-check": "ran again", "half-done": "finished", "check-breaks": "ran again"} {
		if got := after.Steps[id].Reason; got != want {
			t.Errorf("%s: reason %q, want %q: the step should have run again", id, got, want)
		}
	}
	if res.Status != runner.Waiting || !reflect.DeepEqual(res.Waiting, []step.ID{"was-skipped"}) {
		t.Errorf("result %+v: a skipped step whose goal AWS does not show waits", res)
	}
	if !strings.Contains(out.String(), "still-there   done       unchanged; AWS still shows it: role Billing exists") {
		t.Errorf("log:\n%s", out.String())
	}
}

func TestACanceledRunStopsWithoutSavingTheStepItAbandoned(t *testing.T) {
	env := newEnv(t, nil)
	ctx, cancel := context.WithCancel(context.Background())
	_, err := runner.Run(ctx, []step.Definition{
		def("first", step.Headless{Run: runs(checkpoint.Done, "")}),
		def("interrupted", step.Headless{Run: func(ctx context.Context, _ *step.Env) (checkpoint.StepRecord, error) {
			cancel()
			return checkpoint.StepRecord{}, ctx.Err()
		}}),
		def("never", step.Headless{Run: runs(checkpoint.Done, "")}),
	}, env, &bytes.Buffer{})
	if !errors.Is(err, context.Canceled) {
		t.Errorf("err = %v, want context.Canceled", err)
	}
	if got := outcomes(env); !reflect.DeepEqual(got, map[string]checkpoint.Outcome{"first": checkpoint.Done}) {
		t.Errorf("saved %v, want only the first step", got)
	}
}

func TestACheckpointThatCannotBeWrittenEndsTheRun(t *testing.T) {
	env := newEnv(t, nil)
	_, err := runner.Run(context.Background(), []step.Definition{
		def("leaky", step.Headless{Run: func(context.Context, *step.Env) (checkpoint.StepRecord, error) {
			return checkpoint.StepRecord{Outcome: checkpoint.Done, Resources: map[string]string{"password": "hunter2"}}, nil
		}}),
	}, env, &bytes.Buffer{})
	if err == nil || !strings.Contains(err.Error(), "save the outcome of step leaky") {
		t.Errorf("err = %v", err)
	}
}

func TestAStepThatReportsItsOwnFailureStopsTheRun(t *testing.T) {
	env := newEnv(t, nil)
	res, err := runner.Run(context.Background(), []step.Definition{
		def("refused", step.Headless{Run: runs(checkpoint.Failed, "the assignment failed: no such permission set")}),
		def("after", step.Headless{Run: runs(checkpoint.Done, "")}),
	}, env, &bytes.Buffer{})
	if err != nil || res.Status != runner.Failed || res.Failed != "refused" || res.Err.Error() != "the assignment failed: no such permission set" {
		t.Errorf("Run = %+v, %v", res, err)
	}
	if got := outcomes(env); !reflect.DeepEqual(got, map[string]checkpoint.Outcome{"refused": checkpoint.Failed}) {
		t.Errorf("saved %v", got)
	}
}
