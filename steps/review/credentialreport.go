package review

import (
	"context"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/iam"
	"github.com/aws/aws-sdk-go-v2/service/iam/types"

	"github.com/firstrun/firstrun/awsclient"
)

// CredentialReport is IAM's credential report: every user of the account and the state
// of their passwords, MFA and access keys.
type CredentialReport struct {
	Generated time.Time
	Rows      []CredentialRow
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
	out, err := api.GetCredentialReport(ctx, &iam.GetCredentialReportInput{})
	switch awsclient.ErrorCode(err) {
	case "ReportInProgress":
		return types.ReportStateTypeInprogress, nil, nil
	case "ReportNotPresent", "ReportExpired":
		// It expired since IAM said it was complete: the next round starts a new one.
		return types.ReportStateTypeStarted, nil, nil
	}
	if err != nil {
		return "", nil, err
	}
	rows, err := ParseCredentialReport(out.Content)
	if err != nil {
		return "", nil, err
	}
	return types.ReportStateTypeComplete, &CredentialReport{Generated: aws.ToTime(out.GeneratedTime), Rows: rows}, nil
}

// FetchCredentialReport gets the report, checking every interval until IAM has it or
// ctx ends (give ctx a deadline: IAM usually needs seconds).
func FetchCredentialReport(ctx context.Context, api awsclient.IAMAPI, every time.Duration) (*CredentialReport, error) {
	for {
		_, rep, err := CheckCredentialReport(ctx, api)
		if err != nil || rep != nil {
			return rep, err
		}
		select {
		case <-ctx.Done():
			return nil, ctx.Err()
		case <-time.After(every):
		}
	}
}
