package review

import (
	"cmp"
	"fmt"
	"slices"
	"time"
)

// Severity ranks a finding; higher is worse.
type Severity int

const (
	SeverityLow Severity = iota
	SeverityMedium
	SeverityHigh
	SeverityCritical
)

func (s Severity) String() string {
	switch s {
	case SeverityCritical:
		return "critical"
	case SeverityHigh:
		return "high"
	case SeverityMedium:
		return "medium"
	case SeverityLow:
		return "low"
	}
	return "unknown"
}

// Checks: the stable names of what the credential report is checked for.
const (
	CheckRootAccessKey      = "root-access-key"
	CheckRootMFA            = "root-mfa"
	CheckRootUsedRecently   = "root-used-recently"
	CheckPasswordWithoutMFA = "password-without-mfa"
	CheckOldAccessKey       = "old-access-key"
	CheckUnusedCredential   = "unused-credential"
	// CheckRootMissing: the report has no <root_account> row, so it shows nothing of the
	// root user; that is no root user with nothing to fix.
	CheckRootMissing = "root-missing"
	// CheckStaleReport: the report is older than IAM keeps one, so what changed since is
	// not in it.
	CheckStaleReport = "stale-report"
)

// ReportLifetime is how long IAM keeps a credential report before a new one must be
// generated (GetCredentialReport then answers ReportExpired).
const ReportLifetime = 4 * time.Hour

// Thresholds, in days, from the CIS AWS Foundations Benchmark (keys rotated within 90
// days; credentials unused for 45 days or more disabled) and for what counts as recent
// use of the root user.
const (
	KeyRotationDays = 90
	UnusedDays      = 45
	RecentRootDays  = 30
)

// Finding is one thing the credential report shows to fix.
type Finding struct {
	Severity Severity
	Check    string
	// Principal is the IAM user's name, or "root user".
	Principal string
	// Detail says what is wrong and what to do, in a few words.
	Detail string
}

// Findings checks every row of the report as of now: worst first, then by principal
// (the root user first).
func Findings(rows []CredentialRow, now time.Time) []Finding {
	var out []Finding
	if !slices.ContainsFunc(rows, CredentialRow.Root) {
		out = append(out, Finding{Severity: SeverityHigh, Check: CheckRootMissing, Principal: rootPrincipal,
			Detail: "the report has no " + RootUser + " row, so it shows nothing of the root user's password, MFA or " +
				"access keys: look at them on the root user's Security credentials page"})
	}
	for _, r := range rows {
		if r.Root() {
			out = append(out, rootFindings(r, now)...)
		} else {
			out = append(out, userFindings(r, now)...)
		}
	}
	slices.SortStableFunc(out, func(a, b Finding) int {
		if c := cmp.Compare(b.Severity, a.Severity); c != 0 {
			return c
		}
		if ra, rb := a.Principal == rootPrincipal, b.Principal == rootPrincipal; ra != rb {
			if ra {
				return -1
			}
			return 1
		}
		return cmp.Compare(a.Principal, b.Principal)
	})
	return out
}

const rootPrincipal = "root user"

func rootFindings(r CredentialRow, now time.Time) []Finding {
	var out []Finding
	add := func(sev Severity, check, detail string) {
		out = append(out, Finding{Severity: sev, Check: check, Principal: rootPrincipal, Detail: detail})
	}
	for i, k := range r.Keys {
		if k.Active {
			add(SeverityCritical, CheckRootAccessKey, fmt.Sprintf("access key %d is active: root keys can't be limited; delete them", i+1))
		}
	}
	if !r.MFA {
		add(SeverityCritical, CheckRootMFA, "no MFA: the password alone signs in as root")
	}
	// The most recent use, by password or by key.
	var last time.Time
	how := "signed in"
	if r.PasswordLastUsed.Known() {
		last = r.PasswordLastUsed.Time
	}
	for i, k := range r.Keys {
		if k.LastUsed.Known() && k.LastUsed.Time.After(last) {
			last, how = k.LastUsed.Time, fmt.Sprintf("access key %d used", i+1)
		}
	}
	if !last.IsZero() && days(last, now) < RecentRootDays {
		add(SeverityMedium, CheckRootUsedRecently, fmt.Sprintf("%s %s; use your administrator for daily work", how, ago(last, now)))
	}
	return out
}

func userFindings(r CredentialRow, now time.Time) []Finding {
	var out []Finding
	add := func(sev Severity, check, detail string) {
		out = append(out, Finding{Severity: sev, Check: check, Principal: r.User, Detail: detail})
	}
	if r.Password && !r.MFA {
		add(SeverityHigh, CheckPasswordWithoutMFA, "console password without MFA")
	}
	if r.Password {
		switch {
		case r.PasswordLastUsed.Known() && days(r.PasswordLastUsed.Time, now) >= UnusedDays:
			add(SeverityMedium, CheckUnusedCredential, fmt.Sprintf("password last used %s: disable it", ago(r.PasswordLastUsed.Time, now)))
		case !r.PasswordLastUsed.Known() && r.PasswordLastChanged.Known() && days(r.PasswordLastChanged.Time, now) >= UnusedDays:
			add(SeverityMedium, CheckUnusedCredential, fmt.Sprintf("password never used, set %s: disable it", ago(r.PasswordLastChanged.Time, now)))
		}
	}
	for i, k := range r.Keys {
		if !k.Active {
			continue // an inactive key can't be used
		}
		n := i + 1
		if k.LastRotated.Known() && days(k.LastRotated.Time, now) >= KeyRotationDays {
			add(SeverityMedium, CheckOldAccessKey, fmt.Sprintf("access key %d is %d days old: rotate it", n, days(k.LastRotated.Time, now)))
		}
		switch {
		case k.LastUsed.Known() && days(k.LastUsed.Time, now) >= UnusedDays:
			add(SeverityMedium, CheckUnusedCredential, fmt.Sprintf("access key %d last used %s: deactivate it", n, ago(k.LastUsed.Time, now)))
		case !k.LastUsed.Known() && k.LastRotated.Known() && days(k.LastRotated.Time, now) >= UnusedDays:
			add(SeverityMedium, CheckUnusedCredential, fmt.Sprintf("access key %d never used, made %s: deactivate it", n, ago(k.LastRotated.Time, now)))
		}
	}
	return out
}

// days counts whole days from t to now.
func days(t, now time.Time) int { return int(now.Sub(t).Hours() / 24) }

func ago(t, now time.Time) string {
	switch n := days(t, now); n {
	case 0:
		return "today"
	case 1:
		return "yesterday"
	default:
		return fmt.Sprintf("%d days ago", n)
	}
}

// CountBySeverity counts findings of each severity.
func CountBySeverity(fs []Finding) map[Severity]int {
	n := map[Severity]int{}
	for _, f := range fs {
		n[f.Severity]++
	}
	return n
}
