package runner_test

import (
	"bytes"
	"context"
	"errors"
	"strings"
	"testing"

	"github.com/firstrun/firstrun/steps/checkpoint"
	"github.com/firstrun/firstrun/steps/runner"
	"github.com/firstrun/firstrun/steps/step"
)

func plans(changes ...step.Change) func(context.Context, *step.Env) ([]step.Change, error) {
	return func(context.Context, *step.Env) ([]step.Change, error) { return changes, nil }
}

func TestPlanListsEveryChangeAndWhatIsInPlaceOrManual(t *testing.T) {
	env := newEnv(t, map[step.ID]checkpoint.StepRecord{"password": {Outcome: checkpoint.Confirmed}})
	mustNotRun := fails(errors.New("Plan ran a step"))
	seq := []step.Definition{
		def("mfa", step.Headless{Check: checks(step.Pass, "AccountMFAEnabled is 1"), Plan: plans(step.Change{Service: "iam", Operation: "Nope"})}),
		def("role", step.Headless{Check: checks(step.Fail, "no role Billing"), Run: mustNotRun, Plan: plans(
			step.Change{Service: "iam", Operation: "CreateRole", Resource: "role Billing",
				Fields: []step.Field{{Name: "path", Value: "/"}, {Name: "max_session", Value: "3600"}}},
			step.Change{Service: "iam", Operation: "AttachRolePolicy", Resource: "role Billing",
				Fields: []step.Field{{Name: "policy", Value: "arn:aws:iam::aws:policy/job-function/Billing"}}},
		)}),
		def("console", step.Headless{Check: checks(step.Fail, "not enabled"), Plan: func(context.Context, *step.Env) ([]step.Change, error) {
			return nil, step.Waiting("enable IAM Identity Center in the console")
		}}),
		def("password", step.Headless{Check: checks(step.Manual, "AWS offers no check")}),
		def("person", step.Headless{}),
		def("report", step.Headless{Run: mustNotRun}),
		def("verify-only", step.Headless{Check: checks(step.Fail, "AccountMFAEnabled is 0"), Run: mustNotRun}),
		def("declined", step.Headless{Plan: plans()}),
		def("member", step.Headless{Check: checks(step.NotRun, "a member account")}),
	}
	var out bytes.Buffer
	if err := runner.Plan(context.Background(), seq, env, &out); err != nil {
		t.Fatal(err)
	}
	want := `mfa          in place   AccountMFAEnabled is 1
role         change     iam:CreateRole role Billing path=/ max_session=3600
role         change     iam:AttachRolePolicy role Billing policy=arn:aws:iam::aws:policy/job-function/Billing
console      manual     enable IAM Identity Center in the console
password     in place   the operator confirmed it; AWS offers no way to check
person       manual     this step needs a person; firstrun without --plan guides it
report       no change  Title of report: nothing changes in AWS
verify-only  manual     Title of verify-only: AccountMFAEnabled is 0
declined     no change  Title of declined
member       skipped    a member account
`
	if out.String() != want {
		t.Errorf("plan\n%s\nwant\n%s", out.String(), want)
	}
	if got := outcomes(env); len(got) != 1 {
		t.Errorf("the plan saved to the checkpoint: %v", got)
	}
}

func TestPlanGoesOnPastAStepItCannotReadAndSaysSo(t *testing.T) {
	env := newEnv(t, nil)
	var out bytes.Buffer
	err := runner.Plan(context.Background(), []step.Definition{
		def("denied", step.Headless{Check: func(context.Context, *step.Env) (step.Control, error) {
			return step.Control{}, errors.New("AccessDenied")
		}}),
		def("broken-plan", step.Headless{Plan: func(context.Context, *step.Env) ([]step.Change, error) {
			return nil, errors.New("throttled")
		}}),
		def("fine", step.Headless{Check: checks(step.Pass, "")}),
	}, env, &out)
	if err == nil || err.Error() != "AWS could not be read for step denied, broken-plan" {
		t.Errorf("err = %v", err)
	}
	for _, want := range []string{"denied       error      AccessDenied", "broken-plan  error      throttled", "fine         in place   Title of fine"} {
		if !strings.Contains(out.String(), want+"\n") {
			t.Errorf("plan lacks %q:\n%s", want, out.String())
		}
	}
}

func TestPlanNeedsNoCheckpoint(t *testing.T) {
	env := newEnv(t, nil)
	env.Store = nil
	err := runner.Plan(context.Background(), []step.Definition{def("person", step.Headless{})}, env, &bytes.Buffer{})
	if err != nil {
		t.Fatal(err)
	}
}
