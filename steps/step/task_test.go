package step_test

import (
	"context"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/aws/aws-sdk-go-v2/service/iam"
	"github.com/charmbracelet/huh"

	"github.com/firstrun/firstrun/awsclient/simulator"
	"github.com/firstrun/firstrun/steps/checkpoint"
	"github.com/firstrun/firstrun/steps/step"
	"github.com/firstrun/firstrun/steps/steptest"
)

// fakeResource is something a task creates: Inspect sees it once Apply made it.
type fakeResource struct {
	exists  atomic.Bool
	applied atomic.Int32
}

func taskFor(h *steptest.Harness, r *fakeResource) *step.Task {
	t := step.NewTask(h.Env, step.Definition{ID: "test-task", Title: "Test task"})
	t.Intro = "Makes a thing."
	t.ConfirmLabel = "make the thing"
	t.Inspect = func(context.Context) (step.Inspection, error) {
		if r.exists.Load() {
			return step.Inspection{Satisfied: true, Facts: []step.Fact{{Label: "Thing", Value: "exists"}},
				Resources: map[string]string{"thing_id": "t-1"}}, nil
		}
		return step.Inspection{Facts: []step.Fact{{Label: "Thing", Value: "missing"}}, Changes: []string{"Create the thing"}}, nil
	}
	t.Apply = func(context.Context) (map[string]string, error) {
		r.applied.Add(1)
		r.exists.Store(true)
		return map[string]string{"thing_id": "t-1"}, nil
	}
	return t
}

func TestTaskShowsTheChangeThenMakesAndVerifiesIt(t *testing.T) {
	h := steptest.New(t, simulator.Options{})
	var r fakeResource
	run := h.RunScreen("test-task", taskFor(h, &r))
	run.WaitFor("Thing missing", "What will change", "Create the thing")
	if r.applied.Load() != 0 {
		t.Fatal("applied before the operator confirmed")
	}
	run.Press("enter")
	rec := run.Finished()
	if rec.Outcome != checkpoint.Verified || rec.Resources["thing_id"] != "t-1" {
		t.Errorf("record = %+v, want verified with thing_id", rec)
	}
	if got := h.Record("test-task"); got.Outcome != checkpoint.Verified {
		t.Errorf("saved = %+v", got)
	}
	if r.applied.Load() != 1 {
		t.Errorf("applied %d times", r.applied.Load())
	}
}

func TestTaskChangesNothingWhenTheGoalHolds(t *testing.T) {
	h := steptest.New(t, simulator.Options{})
	var r fakeResource
	r.exists.Store(true)
	run := h.RunScreen("test-task", taskFor(h, &r))
	run.WaitFor("Already in place: nothing to change.")
	run.Press("enter")
	if rec := run.Finished(); rec.Outcome != checkpoint.Verified {
		t.Errorf("outcome = %s", rec.Outcome)
	}
	if r.applied.Load() != 0 {
		t.Error("applied although the goal already held")
	}
}

func TestTaskRecordsDoneWhenAWSDoesNotShowTheChange(t *testing.T) {
	h := steptest.New(t, simulator.Options{})
	var r fakeResource
	task := taskFor(h, &r)
	task.Apply = func(context.Context) (map[string]string, error) { return nil, nil } // "succeeds", changes nothing
	run := h.RunScreen("test-task", task)
	run.WaitFor("Create the thing")
	run.Press("enter")
	if rec := run.Finished(); rec.Outcome != checkpoint.Done {
		t.Errorf("outcome = %s, want done (not verified)", rec.Outcome)
	}
}

func TestTaskExplainsAnAWSErrorAndRetries(t *testing.T) {
	h := steptest.New(t, simulator.Options{})
	if err := h.Sim.Faults().Add(simulator.Fault{Target: "iam:GetAccountSummary", Kind: simulator.FaultDenied, Times: 1}); err != nil {
		t.Fatal(err)
	}
	var r fakeResource
	task := taskFor(h, &r)
	task.Apply = func(ctx context.Context) (map[string]string, error) {
		if _, err := h.Env.AWS.IAM.GetAccountSummary(ctx, &iam.GetAccountSummaryInput{}); err != nil {
			return nil, err
		}
		r.exists.Store(true)
		return map[string]string{"thing_id": "t-1"}, nil
	}
	run := h.RunScreen("test-task", task)
	run.WaitFor("Create the thing")
	run.Press("enter")
	run.WaitFor("iam:GetAccountSummary failed: AccessDenied", "not allowed to perform iam:GetAccountSummary")
	if got := h.Record("test-task").Outcome; got != "" {
		t.Errorf("a failed apply saved outcome %q", got)
	}
	run.Press("r")
	if rec := run.Finished(); rec.Outcome != checkpoint.Verified {
		t.Errorf("after retry outcome = %s", rec.Outcome)
	}
}

func TestTaskSkipRecordsTheReason(t *testing.T) {
	h := steptest.New(t, simulator.Options{})
	var r fakeResource
	run := h.RunScreen("test-task", taskFor(h, &r))
	run.WaitFor("Create the thing")
	run.Press("s")
	rec := run.Finished()
	if rec.Outcome != checkpoint.Skipped || rec.Reason == "" {
		t.Errorf("record = %+v, want skipped with a reason", rec)
	}
}

func TestTaskSavesWhatApplyMadeBeforeVerifying(t *testing.T) {
	h := steptest.New(t, simulator.Options{})
	var r fakeResource
	task := taskFor(h, &r)
	verifying := make(chan struct{})
	release := make(chan struct{})
	inspect := task.Inspect
	task.Inspect = func(ctx context.Context) (step.Inspection, error) {
		if r.exists.Load() {
			close(verifying)
			<-release
		}
		return inspect(ctx)
	}
	run := h.RunScreen("test-task", task)
	run.WaitFor("Create the thing")
	run.Press("enter")
	<-verifying
	// A crash now must not lose what exists: it is already on disk, as in progress.
	doc, err := checkpoint.Read(h.Env.Store.Path())
	if err != nil {
		t.Fatal(err)
	}
	if rec := doc.Steps["test-task"]; rec.Outcome != checkpoint.InProgress || rec.Resources["thing_id"] != "t-1" {
		t.Errorf("on disk while verifying: %+v", rec)
	}
	close(release)
	run.Finished()
}

func TestLeavingTheFormOffersToGoBackOrSkip(t *testing.T) {
	h := steptest.New(t, simulator.Options{})
	var r fakeResource
	task := taskFor(h, &r)
	name := ""
	task.Form = func(step.Inspection) *huh.Form {
		return huh.NewForm(huh.NewGroup(huh.NewInput().Title("Name").Value(&name)))
	}
	run := h.RunScreen("test-task", task)
	run.WaitFor("Name")
	run.Press("esc")
	run.WaitFor("You left the form; nothing was changed.")
	run.Press("enter")
	run.WaitUntil(func(f string) bool { return !strings.Contains(f, "You left the form") }, "the form again")
	run.Press("esc")
	run.WaitFor("You left the form")
	run.Press("s")
	if rec := run.Finished(); rec.Outcome != checkpoint.Skipped || r.applied.Load() != 0 {
		t.Errorf("record %+v after %d applies", rec, r.applied.Load())
	}
}
