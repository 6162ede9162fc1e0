package engine_test

import (
	"context"
	"testing"

	step "github.com/firstrun/firstrun/steps/core"
	"github.com/firstrun/firstrun/steps/engine"
)

// optional is a step whose goal does not hold, with a question that starts from want and
// declines the step when it is no.
func optional(want bool, optional bool) step.Definition {
	return step.Definition{
		Info: step.Info{ID: "opt", Optional: optional},
		Flow: func(step.Env) *step.Flow {
			w := want
			return &step.Flow{
				Inspect: func(context.Context) (step.Inspection, error) {
					return step.Inspection{Detail: "nothing is set up"}, nil
				},
				Questions: func(step.Inspection) *step.Form {
					return step.NewForm(step.Group{Fields: []step.Field{&step.Confirm{Common: step.Common{Title: "Set it up?"}, Value: &w}}})
				},
				Decline: func() string {
					if !w {
						return "not wanted"
					}
					return ""
				},
			}
		},
	}
}

func TestCheckOfAnOptionalStepTheAnswersDeclineIsNotRun(t *testing.T) {
	ctx := context.Background()
	for _, c := range []struct {
		name     string
		d        step.Definition
		want     step.ControlStatus
		wantText string
	}{
		{"optional, declined", optional(false, true), step.NotRun, "Optional; not wanted"},
		{"optional, wanted", optional(true, true), step.Fail, "nothing is set up"},
		{"required, declined", optional(false, false), step.Fail, "nothing is set up"},
	} {
		got := engine.Check(ctx, c.d, step.Env{})
		if got.Status != c.want || got.Detail != c.wantText {
			t.Errorf("%s: %+v, want %s %q", c.name, got, c.want, c.wantText)
		}
	}
}

// A goal that reading alone can't judge (only a change would show it) is for a person to
// look at, not a failure; a plan still lists the change.
func TestCheckOfAGoalReadingCannotJudgeIsManual(t *testing.T) {
	d := step.Definition{Info: step.Info{ID: "report"}, Flow: func(step.Env) *step.Flow {
		return &step.Flow{Inspect: func(context.Context) (step.Inspection, error) {
			return step.Inspection{Unknown: "There is no report to read.", Detail: "no report",
				Changes: []step.Change{{Service: "iam", Operation: "GenerateCredentialReport"}}}, nil
		}}
	}}
	if got := engine.Check(context.Background(), d, step.Env{}); got.Status != step.Manual || got.Detail != "There is no report to read." {
		t.Errorf("check %+v, want manual", got)
	}
	if p, err := engine.PlanStep(context.Background(), d, step.Env{}); err != nil || p.Kind != engine.PlanChange || len(p.Changes) != 1 {
		t.Errorf("plan %+v, %v", p, err)
	}
}
