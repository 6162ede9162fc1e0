package identitycenter

import (
	"context"
	"errors"
	"fmt"
	"maps"

	"github.com/firstrun/firstrun/steps/checkpoint"
	"github.com/firstrun/firstrun/steps/step"
)

// The chapter without a screen: what firstrun audit checks, --plan lists and
// --non-interactive does. Each step's Check, Plan and Run use the reads and the Ensure
// functions of its screen.
//
// Checks only read, and judge only by what AWS shows: the answers file says where and what
// to look for (the Region of Identity Center, the names), else the checkpoint when the
// audit has one, else the defaults. Plans and runs, like the screens, keep the choices the
// checkpoint records and take the answers file's for those not made yet.
//
// A run that waits for the operator returns a *step.WaitingError; when it has made
// something by then (a user, the chosen Region) it has saved that as in progress already
// (step.Progress), so a runner that records the wait must merge, not replace. A plan that
// reaches something only the operator can do returns the changes it could plan together
// with a *step.WaitingError that says what waits.

// auditRegion is where a check looks for Identity Center.
func auditRegion(env *step.Env) string {
	return firstOf(env.Answers.IdentityCenter.Region, saved(env).Resource(string(stepIdentityCenter), "region"), env.AWS.Region())
}

// auditInstance finds the Identity Center instance a check looks at, or a
// NotEnabledError.
func auditInstance(ctx context.Context, env *step.Env) (Instance, error) {
	region := auditRegion(env)
	inst, found, err := FindInstance(ctx, env.AWS.SSOAdmin(region), region)
	if err == nil && !found {
		err = NotEnabledError{Region: region}
	}
	return inst, err
}

func fail(format string, args ...any) step.Control {
	return step.Control{Status: step.Fail, Detail: fmt.Sprintf(format, args...)}
}

func manual(format string, args ...any) step.Control {
	return step.Control{Status: step.Manual, Detail: fmt.Sprintf(format, args...)}
}

// checkFailed turns what stopped a check into its result: Identity Center missing, or
// something an earlier step makes, is a finding; anything else is an error of the check.
func checkFailed(err error) (step.Control, error) {
	var off NotEnabledError
	var missing *missingError
	switch {
	case errors.As(err, &off):
		return fail("Identity Center is not enabled in %s.", off.Region), nil
	case errors.As(err, &missing):
		return fail("%s.", capitalize(missing.what)), nil
	}
	return step.Control{}, err
}

// checkOnInstance runs check on the instance an audit looks at: a step that needs
// Identity Center fails without it.
func checkOnInstance(check func(context.Context, *step.Env, Instance) (step.Control, error)) func(context.Context, *step.Env) (step.Control, error) {
	return func(ctx context.Context, env *step.Env) (step.Control, error) {
		inst, err := auditInstance(ctx, env)
		if err != nil {
			return checkFailed(err)
		}
		c, err := check(ctx, env, inst)
		if err != nil {
			return checkFailed(err)
		}
		return c, nil
	}
}

// waitingFor turns what stops a run into the operator's task when there is one:
// Identity Center to enable, or an earlier step to finish.
func waitingFor(err error) error {
	var off NotEnabledError
	var missing *missingError
	switch {
	case errors.As(err, &off):
		return step.Waiting(enableWork(off.Region))
	case errors.As(err, &missing):
		return step.Waiting(missing.fix + " (" + missing.what + ")")
	}
	return err
}

// enableWork is the console work that enables Identity Center.
func enableWork(region string) string {
	return "enable IAM Identity Center in " + region + " in the console (AWS has no API for it)"
}

// planWaiting is a plan's answer when Identity Center is not enabled yet: the changes
// that follow it, and the wait; any other error stops the plan.
func planWaiting(changes []step.Change, err error) ([]step.Change, error) {
	if errors.As(err, new(NotEnabledError)) {
		return changes, waitingFor(err)
	}
	return nil, err
}

// runGated runs run unless an earlier step of the chapter makes the step impossible;
// then it records the step as skipped with the reason, as the screens do.
func runGated(id step.ID, run func(context.Context, *step.Env) (checkpoint.StepRecord, error)) func(context.Context, *step.Env) (checkpoint.StepRecord, error) {
	return func(ctx context.Context, env *step.Env) (checkpoint.StepRecord, error) {
		if reason := blocked(saved(env), id); reason != "" {
			return skipped(reason), nil
		}
		rec, err := run(ctx, env)
		return rec, waitingFor(err)
	}
}

// planGated plans nothing for a step that an earlier step makes impossible.
func planGated(id step.ID, plan func(context.Context, *step.Env) ([]step.Change, error)) func(context.Context, *step.Env) ([]step.Change, error) {
	return func(ctx context.Context, env *step.Env) ([]step.Change, error) {
		if blocked(saved(env), id) != "" {
			return nil, nil
		}
		return plan(ctx, env)
	}
}

// earlier returns the final record of step id when the checkpoint holds one. For work AWS
// can't show (console settings, the invitation, the first sign-in) the operator's recorded
// word stands: a run neither waits for it again nor replaces it.
func earlier(env *step.Env, id step.ID) (checkpoint.StepRecord, bool) {
	r, ok := saved(env).Step(string(id))
	return r, ok && r.Outcome.Final()
}

func skipped(reason string) checkpoint.StepRecord {
	return checkpoint.StepRecord{Outcome: checkpoint.Skipped, Reason: reason}
}

// checked is a run's outcome after it read AWS again: verified when AWS shows the goal,
// done when the change succeeded but AWS does not show it yet.
func checked(holds bool, resources ...map[string]string) checkpoint.StepRecord {
	r := checkpoint.StepRecord{Outcome: checkpoint.Done, Resources: map[string]string{}}
	if holds {
		r.Outcome = checkpoint.Verified
	}
	for _, res := range resources {
		maps.Copy(r.Resources, res)
	}
	return r
}

// change builds a step.Change; fields are name, value pairs.
func change(service, operation, resource string, fields ...string) step.Change {
	c := step.Change{Service: service, Operation: operation, Resource: resource}
	for i := 0; i+1 < len(fields); i += 2 {
		c.Fields = append(c.Fields, step.Field{Name: fields[i], Value: fields[i+1]})
	}
	return c
}
