package review

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/aws/aws-sdk-go-v2/service/iam"

	"github.com/firstrun/firstrun/awsclient"
)

// CurrentFindings checks the report as of now, with the root user's MFA and access keys
// as IAM's account summary shows them now. The report is a snapshot up to four hours
// old, and the steps that fix the root user often run after it was made: a root finding
// the summary disproves is dropped. (A root key made since the report is the
// root-access-keys step's to find.)
func CurrentFindings(ctx context.Context, api awsclient.IAMAPI, rep *CredentialReport, now time.Time) ([]Finding, error) {
	fs := Findings(rep.Rows, now)
	if age := now.Sub(rep.Generated); age > ReportLifetime {
		// IAM answers ReportExpired past its lifetime, so this is a clock that is off
		// AWS's, or a report kept by something between: either way, an old picture.
		fs = append([]Finding{{Severity: SeverityHigh, Check: CheckStaleReport, Principal: "the report",
			Detail: fmt.Sprintf("generated %s ago, longer than IAM keeps a report (%s): what changed since is not "+
				"in it; generate a new one, and check this computer's clock", age.Round(time.Minute), ReportLifetime)}}, fs...)
	}
	rootCredential := func(f Finding) bool { return f.Check == CheckRootMFA || f.Check == CheckRootAccessKey }
	if !slices.ContainsFunc(fs, rootCredential) {
		return fs, nil
	}
	sum, err := api.GetAccountSummary(ctx, &iam.GetAccountSummaryInput{})
	if err != nil {
		return nil, err
	}
	mfa, keys := sum.SummaryMap["AccountMFAEnabled"] == 1, sum.SummaryMap["AccountAccessKeysPresent"] == 1
	return slices.DeleteFunc(fs, func(f Finding) bool {
		return f.Check == CheckRootMFA && mfa || f.Check == CheckRootAccessKey && !keys
	}), nil
}

// FailsControl reports whether f fails the credential-report control: root access keys,
// the root user without MFA, console passwords without MFA, and the CIS checks of the
// report (1.12 unused credentials, 1.14 key rotation). Recent use of the root user is
// advice.
func (f Finding) FailsControl() bool {
	switch f.Check {
	case CheckRootAccessKey, CheckRootMFA, CheckPasswordWithoutMFA, CheckOldAccessKey, CheckUnusedCredential,
		CheckRootMissing, CheckStaleReport:
		return true
	}
	return false
}

// failingSummary counts the findings that fail the control, by check, in words: "the
// root user without MFA and 2 access keys older than 90 days"; empty when none fails.
func failingSummary(fs []Finding) string {
	counts := map[string]int{}
	for _, f := range fs {
		if f.FailsControl() {
			counts[f.Check]++
		}
	}
	var parts []string
	for _, check := range []string{CheckStaleReport, CheckRootMissing, CheckRootAccessKey, CheckRootMFA, CheckPasswordWithoutMFA, CheckOldAccessKey, CheckUnusedCredential} {
		if n := counts[check]; n > 0 {
			parts = append(parts, failingPhrase(check, n))
		}
	}
	if len(parts) < 2 {
		return strings.Join(parts, "")
	}
	return strings.Join(parts[:len(parts)-1], ", ") + " and " + parts[len(parts)-1]
}

// failingPhrase names n findings of a failing check.
func failingPhrase(check string, n int) string {
	switch check {
	case CheckRootAccessKey:
		return plural(n, "active root access key")
	case CheckRootMFA:
		return "the root user without MFA"
	case CheckPasswordWithoutMFA:
		return plural(n, "console password") + " without MFA"
	case CheckOldAccessKey:
		return fmt.Sprintf("%s older than %d days", plural(n, "access key"), KeyRotationDays)
	case CheckUnusedCredential:
		return fmt.Sprintf("%s unused for %d days or more", plural(n, "credential"), UnusedDays)
	case CheckRootMissing:
		return "no root user in the report"
	case CheckStaleReport:
		return "a report older than " + ReportLifetime.String()
	}
	return plural(n, check)
}
