package summary

import (
	"context"
	"errors"
	"fmt"

	"github.com/firstrun/firstrun/steps/checkpoint"
	"github.com/firstrun/firstrun/steps/step"
)

// Headless is the summary for --non-interactive: it saves the report where the answers'
// report.path says. It checks nothing in AWS and plans no change there (the report is a
// local file).
func Headless() step.Headless {
	return step.Headless{Run: run}
}

func run(_ context.Context, env *step.Env) (checkpoint.StepRecord, error) {
	rec := checkpoint.StepRecord{Outcome: checkpoint.Done}
	path := env.Answers.Report.Path
	if path == "" {
		return rec, nil
	}
	if env.Store == nil {
		return checkpoint.StepRecord{}, errors.New("the summary needs the saved progress, and there is none")
	}
	files, err := Export(Build(env.Store.Document(), env.Sequence, env.Version, env.Now()), path)
	if err != nil {
		return checkpoint.StepRecord{}, fmt.Errorf("report.path: the report was not saved: %w", err)
	}
	rec.Resources = files.resources()
	return rec, nil
}
