package review

import (
	"context"
	"errors"
	"fmt"

	"github.com/firstrun/firstrun/steps/checkpoint"
	"github.com/firstrun/firstrun/steps/step"
)

// CredentialReportHeadless is the credential-report step for audit, --plan and
// --non-interactive. Its check only reads the report IAM has: generating one is a call
// IAM counts as a change, which an audit must not make.
func CredentialReportHeadless() step.Headless {
	return step.Headless{Check: checkCredentialReport, Plan: planCredentialReport, Run: runCredentialReport}
}

// checkCredentialReport reads the latest report. With no report from the last four
// hours the result is manual, not an error: nothing failed, and the remedy is a run of
// firstrun (or the IAM console), which makes one.
func checkCredentialReport(ctx context.Context, env *step.Env) (step.Control, error) {
	rep, err := ReadCredentialReport(ctx, env.AWS.IAM)
	switch {
	case errors.Is(err, ErrNoRecentReport):
		return step.Control{Status: step.Manual,
			Detail: "There is no credential report from the last four hours; run firstrun to generate one (an audit only reads)."}, nil
	case errors.Is(err, ErrReportInProgress):
		return step.Control{Status: step.Manual, Detail: "IAM is generating a credential report; audit again in a minute."}, nil
	case err != nil:
		return step.Control{}, err
	}
	fs, err := CurrentFindings(ctx, env.AWS.IAM, rep, env.Now())
	if err != nil {
		return step.Control{}, err
	}
	of := "The credential report of " + rep.Generated.UTC().Format("2006-01-02 15:04 MST")
	if failing := failingSummary(fs); failing != "" {
		return step.Control{Status: step.Fail, Detail: of + " shows " + failing + "."}, nil
	}
	return step.Control{Status: step.Pass, Detail: fmt.Sprintf("%s shows nothing to fix for the root user and %s.",
		of, plural(rep.IAMUsers(), "IAM user"))}, nil
}

// planCredentialReport lists generating a report when IAM has none to reuse. It changes
// no setting, but it is a write, and --plan lists every one.
func planCredentialReport(ctx context.Context, env *step.Env) ([]step.Change, error) {
	_, err := ReadCredentialReport(ctx, env.AWS.IAM)
	switch {
	case errors.Is(err, ErrNoRecentReport):
		return []step.Change{{Service: "iam", Operation: "GenerateCredentialReport",
			Resource: "credential report (makes a report; changes no setting)"}}, nil
	case errors.Is(err, ErrReportInProgress):
		return nil, nil // one is on its way: Run waits for it
	}
	return nil, err
}

// runCredentialReport gets a report (reusing one under four hours old, so a second run
// makes no call that counts as a change) and records what it found. Findings are for
// the operator to act on; they don't fail the step.
func runCredentialReport(ctx context.Context, env *step.Env) (checkpoint.StepRecord, error) {
	waitCtx, cancel := context.WithTimeout(ctx, reportDeadline)
	defer cancel()
	rep, err := FetchCredentialReport(waitCtx, env.AWS.IAM, reportPollEvery)
	if errors.Is(err, context.DeadlineExceeded) && ctx.Err() == nil {
		return checkpoint.StepRecord{}, fmt.Errorf("IAM was still generating the credential report after %s; run firstrun again in a minute: %w",
			reportDeadline, err)
	}
	if err != nil {
		return checkpoint.StepRecord{}, err
	}
	fs, err := CurrentFindings(ctx, env.AWS.IAM, rep, env.Now())
	if err != nil {
		return checkpoint.StepRecord{}, err
	}
	return checkpoint.StepRecord{Outcome: checkpoint.Verified, Resources: reportResources(rep, fs)}, nil
}
