package simulator

import (
	"bytes"
	"encoding/base64"
	"encoding/csv"
	"net/http"
	"slices"
	"strconv"
	"strings"
	"time"
)

func iamCredentialReportOperations() []operation {
	return []operation{
		write("GenerateCredentialReport", iamGenerateCredentialReport),
		read("GetCredentialReport", iamGetCredentialReport),
	}
}

// credentialReportLifetime is how long IAM serves a report before a new one
// must be generated; GenerateCredentialReport reuses a younger one.
const credentialReportLifetime = 4 * time.Hour

// credentialReport is the account's latest credential report. Its content
// is fixed when generation starts, as a snapshot of users and credentials;
// it holds no secret, so it may sit in the state file.
type credentialReport struct {
	Work    async  `json:"work"`
	Content string `json:"content"` // CSV
}

func (c *credentialReport) expired(now time.Time) bool {
	return !now.Before(c.Work.done().Add(credentialReportLifetime))
}

type generateCredentialReportResult struct {
	State       string
	Description string `xml:",omitempty"`
}

func iamGenerateCredentialReport(r *request) (any, error) {
	a := r.account()
	switch rep := a.CredentialReport; {
	case rep == nil || rep.expired(r.now):
		a.CredentialReport = &credentialReport{Work: r.startAsync(), Content: credentialReportCSV(a)}
		out := generateCredentialReportResult{State: "STARTED"}
		if rep == nil {
			out.Description = "No report exists. Starting a new report generation task"
		}
		return out, nil
	case rep.Work.state(r.now) == asyncInProgress:
		return generateCredentialReportResult{State: "INPROGRESS"}, nil
	default:
		return generateCredentialReportResult{State: "COMPLETE"}, nil
	}
}

type getCredentialReportResult struct {
	Content       string // base64, as IAM sends it
	ReportFormat  string
	GeneratedTime time.Time
}

func iamGetCredentialReport(r *request) (any, error) {
	rep := r.account().CredentialReport
	switch {
	case rep == nil:
		return nil, &apiError{Code: "ReportNotPresent", Status: http.StatusGone,
			Message: "Credential report not present. Generate a report with GenerateCredentialReport."}
	case rep.Work.state(r.now) == asyncInProgress:
		return nil, &apiError{Code: "ReportInProgress", Status: http.StatusNotFound,
			Message: "The credential report is still being generated."}
	case rep.expired(r.now):
		return nil, &apiError{Code: "ReportExpired", Status: http.StatusGone,
			Message: "The most recent credential report has expired. Generate a new report with GenerateCredentialReport."}
	}
	return getCredentialReportResult{
		Content:       base64.StdEncoding.EncodeToString([]byte(rep.Content)),
		ReportFormat:  "text/csv",
		GeneratedTime: iamTime(rep.Work.done()),
	}, nil
}

// credentialReportColumns are the report's columns, in IAM's order.
var credentialReportColumns = []string{
	"user", "arn", "user_creation_time", "password_enabled", "password_last_used",
	"password_last_changed", "password_next_rotation", "mfa_active",
	"access_key_1_active", "access_key_1_last_rotated", "access_key_1_last_used_date",
	"access_key_1_last_used_region", "access_key_1_last_used_service",
	"access_key_2_active", "access_key_2_last_rotated", "access_key_2_last_used_date",
	"access_key_2_last_used_region", "access_key_2_last_used_service",
	"cert_1_active", "cert_1_last_rotated", "cert_2_active", "cert_2_last_rotated",
}

// Words the report uses where a date or value is missing; see
// https://docs.aws.amazon.com/IAM/latest/UserGuide/id_credentials_getting-report.html.
const (
	reportNA           = "N/A"            // no such credential, or never used
	reportNoInfo       = "no_information" // a password never used
	reportNotSupported = "not_supported"  // does not apply to the root user
)

// credentialReportCSV renders the report of the account as it stands: the
// root user first, then the IAM users by name.
func credentialReportCSV(a *account) string {
	var b bytes.Buffer
	w := csv.NewWriter(&b)
	_ = w.Write(credentialReportColumns) // a bytes.Buffer never fails; Flush reports anything else

	root := []string{"<root_account>", a.arn("iam", "root"), reportTime(a.Created), reportNotSupported,
		optionalTime(a.Root.PasswordLastUsed, reportNoInfo), reportNotSupported, reportNotSupported,
		strconv.FormatBool(a.Root.MFA != nil)}
	root = append(root, keyColumns(a.Root.AccessKeys)...)
	if !a.ReportsWithoutRoot {
		_ = w.Write(append(root, certColumns()...))
	}

	users := make([]*iamUser, 0, len(a.IAM.Users))
	for _, u := range a.IAM.Users {
		users = append(users, u)
	}
	slices.SortFunc(users, func(x, y *iamUser) int { return strings.Compare(strings.ToLower(x.Name), strings.ToLower(y.Name)) })
	for _, u := range users {
		row := []string{u.Name, a.arn("iam", "user"+u.Path+u.Name), reportTime(u.Created)}
		row = append(row, passwordColumns(u.LoginProfile, a.PasswordPolicy)...)
		row = append(row, strconv.FormatBool(hasMFA(a, u)))
		row = append(row, keyColumns(u.AccessKeys)...)
		_ = w.Write(append(row, certColumns()...))
	}
	w.Flush()
	return b.String()
}

// hasMFA reports whether an MFA device is enabled for u: listed on the user, or a
// virtual device assigned to it.
func hasMFA(a *account, u *iamUser) bool {
	if len(u.MFASerials) > 0 {
		return true
	}
	for _, d := range a.IAM.VirtualMFADevices {
		if d.Enabled != nil && strings.EqualFold(d.User, u.Name) {
			return true
		}
	}
	return false
}

// passwordColumns are password_enabled through password_next_rotation.
func passwordColumns(lp *loginProfile, policy *passwordPolicy) []string {
	if lp == nil {
		return []string{"false", reportNA, reportNA, reportNA}
	}
	next := reportNA
	if policy != nil && policy.MaxAge != nil {
		next = reportTime(lp.Created.AddDate(0, 0, *policy.MaxAge))
	}
	return []string{"true", optionalTime(lp.PasswordLastUsed, reportNoInfo), reportTime(lp.Created), next}
}

// keyColumns are the five columns of each of the first two access keys,
// oldest first.
func keyColumns(keys []accessKey) []string {
	keys = slices.Clone(keys)
	slices.SortStableFunc(keys, func(x, y accessKey) int { return x.Created.Compare(y.Created) })
	var cols []string
	for i := range 2 {
		if i >= len(keys) {
			cols = append(cols, "false", reportNA, reportNA, reportNA, reportNA)
			continue
		}
		k := keys[i]
		region, service := reportNA, reportNA
		if k.LastUsed != nil {
			region, service = orNA(k.LastUsedRegion), orNA(k.LastUsedService)
		}
		cols = append(cols, strconv.FormatBool(k.Status == "Active"), reportTime(k.Created),
			optionalTime(k.LastUsed, reportNA), region, service)
	}
	return cols
}

// certColumns: the simulator has no signing certificates.
func certColumns() []string { return []string{"false", reportNA, "false", reportNA} }

// reportTime is how the report writes a date: ISO 8601 with an explicit offset.
func reportTime(t time.Time) string { return t.UTC().Format("2006-01-02T15:04:05+00:00") }

func optionalTime(t *time.Time, missing string) string {
	if t == nil {
		return missing
	}
	return reportTime(*t)
}

func orNA(s string) string {
	if s == "" {
		return reportNA
	}
	return s
}
