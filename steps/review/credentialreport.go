package review

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/iam"
	"github.com/aws/aws-sdk-go-v2/service/iam/types"
	"github.com/aws/smithy-go"

	"github.com/firstrun/firstrun/awsclient"
)

// CredentialReport is IAM's credential report: every user of the account and the state
// of their passwords, MFA and access keys.
type CredentialReport struct {
	Generated time.Time
	Rows      []CredentialRow
}

// IAMUsers counts the report's IAM users: every row but the root user's.
func (r *CredentialReport) IAMUsers() int {
	n := 0
	for _, row := range r.Rows {
		if !row.Root() {
			n++
		}
	}
	return n
}

// What ReadCredentialReport returns when IAM has no report to give.
var (
	// ErrNoRecentReport: IAM has no report, or only one over four hours old. Only
	// GenerateCredentialReport makes one.
	ErrNoRecentReport = errors.New("IAM has no credential report from the last four hours")
	// ErrReportInProgress: IAM is generating the report.
	ErrReportInProgress = errors.New("IAM is still generating the credential report")
)

// ReadCredentialReport downloads the report IAM has, changing nothing: an audit reads
// the report this way, since generating one counts as a change.
func ReadCredentialReport(ctx context.Context, api awsclient.IAMAPI) (*CredentialReport, error) {
	out, err := api.GetCredentialReport(ctx, &iam.GetCredentialReportInput{})
	switch awsclient.ErrorCode(err) {
	case "ReportInProgress":
		return nil, ErrReportInProgress
	case "ReportNotPresent", "ReportExpired":
		return nil, ErrNoRecentReport
	}
	if err != nil {
		return nil, err
	}
	rows, err := ParseCredentialReport(out.Content)
	if err != nil {
		// Said as the call's failure, so the screens and the audit name what was read.
		return nil, &smithy.OperationError{ServiceID: "IAM", OperationName: "GetCredentialReport",
			Err: fmt.Errorf("AWS sent a credential report firstrun can't read (%v); download it from the IAM "+
				"console's Credential report page to look at it, and report this message", err)}
	}
	return &CredentialReport{Generated: aws.ToTime(out.GeneratedTime), Rows: rows}, nil
}

// CheckCredentialReport does one round of getting the report: it asks IAM for one (IAM
// reuses a report under four hours old) and downloads it once IAM has it ready. A nil
// report without an error means IAM is still at work; the state says how far it is.
func CheckCredentialReport(ctx context.Context, api awsclient.IAMAPI) (types.ReportStateType, *CredentialReport, error) {
	gen, err := api.GenerateCredentialReport(ctx, &iam.GenerateCredentialReportInput{})
	if err != nil {
		return "", nil, err
	}
	if gen.State != types.ReportStateTypeComplete {
		return gen.State, nil, nil
	}
	rep, err := ReadCredentialReport(ctx, api)
	switch {
	case errors.Is(err, ErrReportInProgress):
		return types.ReportStateTypeInprogress, nil, nil
	case errors.Is(err, ErrNoRecentReport):
		// It expired since IAM said it was complete: the next round starts a new one.
		return types.ReportStateTypeStarted, nil, nil
	case err != nil:
		return "", nil, err
	}
	return types.ReportStateTypeComplete, rep, nil
}

// firstReportWait is the first pause while IAM generates a report; pauses double up to
// FetchCredentialReport's every. A small account's report is often ready in a second.
const firstReportWait = 100 * time.Millisecond

// FetchCredentialReport gets a report without a person: the one IAM has when it is under
// four hours old, which changes nothing, or else a new one, generated and waited for
// with pauses growing up to every, until IAM has it or ctx ends (give ctx a deadline:
// IAM usually needs seconds).
func FetchCredentialReport(ctx context.Context, api awsclient.IAMAPI, every time.Duration) (*CredentialReport, error) {
	wait := min(firstReportWait, every)
	for {
		rep, err := ReadCredentialReport(ctx, api)
		switch {
		case errors.Is(err, ErrNoRecentReport):
			// IAM starts one, or reuses one another caller started.
			if _, err := api.GenerateCredentialReport(ctx, &iam.GenerateCredentialReportInput{}); err != nil {
				return nil, err
			}
		case errors.Is(err, ErrReportInProgress):
		default:
			return rep, err
		}
		select {
		case <-ctx.Done():
			return nil, ctx.Err()
		case <-time.After(wait):
		}
		wait = min(2*wait, every)
	}
}
