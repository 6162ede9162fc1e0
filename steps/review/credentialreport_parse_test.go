package review_test

import (
	"strings"
	"testing"
	"time"

	"github.com/charmbracelet/lipgloss"

	"github.com/firstrun/firstrun/steps/review"
	"github.com/firstrun/firstrun/ui/kit"
	"github.com/firstrun/firstrun/ui/theme"
)

// now is when the sample reports below were generated.
var now = time.Date(2025, 6, 2, 9, 30, 0, 0, time.UTC)

const header = "user,arn,user_creation_time,password_enabled,password_last_used,password_last_changed," +
	"password_next_rotation,mfa_active,access_key_1_active,access_key_1_last_rotated,access_key_1_last_used_date," +
	"access_key_1_last_used_region,access_key_1_last_used_service,access_key_2_active,access_key_2_last_rotated," +
	"access_key_2_last_used_date,access_key_2_last_used_region,access_key_2_last_used_service,cert_1_active," +
	"cert_1_last_rotated,cert_2_active,cert_2_last_rotated"

// sampleReport has the real column set and its edge values: the root row with
// not_supported, a user with two keys (one never used), a user without a password whose
// key was never used, a password never used (no_information), S3's missing Region.
var sampleReport = header + "\n" +
	// The root user: no MFA, an active key used yesterday, signed in 3 days ago.
	"<root_account>,arn:aws:iam::412318265094:root,2023-01-10T08:00:00+00:00,not_supported,2025-05-30T10:00:00+00:00," +
	"not_supported,not_supported,false,true,2024-04-01T12:00:00+00:00,2025-06-01T07:00:00+00:00,us-east-1,sts," +
	"false,N/A,N/A,N/A,N/A,false,N/A,false,N/A\n" +
	// alice: password without MFA, used 50 days ago; key 1 is 120 days old and used 10
	// days ago on S3 (no Region); key 2 is 60 days old and never used.
	"alice,arn:aws:iam::412318265094:user/alice,2024-01-01T00:00:00+00:00,true,2025-04-13T09:00:00+00:00," +
	"2024-11-01T00:00:00+00:00,N/A,false,true,2025-02-02T09:00:00+00:00,2025-05-23T09:00:00+00:00,N/A,s3," +
	"true,2025-04-03T09:00:00+00:00,N/A,N/A,N/A,false,N/A,false,N/A\n" +
	// bob: no password; an active key made 60 days ago, never used; an inactive key.
	"bob,arn:aws:iam::412318265094:user/ops/bob,2025-04-03T09:00:00+00:00,false,N/A,N/A,N/A,false," +
	"true,2025-04-03T09:00:00+00:00,N/A,N/A,N/A,false,2025-04-03T09:00:00+00:00,N/A,N/A,N/A,false,N/A,false,N/A\n" +
	// carol: password with MFA, used yesterday, and a policy that rotates it.
	"carol,arn:aws:iam::412318265094:user/carol,2025-05-01T00:00:00+00:00,TRUE,2025-06-01T18:00:00+00:00," +
	"2025-05-01T00:00:00+00:00,2025-07-30T00:00:00+00:00,TRUE,false,N/A,N/A,N/A,N/A,false,N/A,N/A,N/A,N/A,false,N/A,false,N/A\n" +
	// dave: password with MFA, set 100 days ago and never used.
	"dave,arn:aws:iam::412318265094:user/dave,2025-02-22T09:00:00+00:00,true,no_information," +
	"2025-02-22T09:00:00+00:00,N/A,true,false,N/A,N/A,N/A,N/A,false,N/A,N/A,N/A,N/A,false,N/A,false,N/A\n"

func day(s string) time.Time {
	t, err := time.Parse(time.RFC3339, s)
	if err != nil {
		panic(err)
	}
	return t
}

func TestParseCredentialReport(t *testing.T) {
	rows, err := review.ParseCredentialReport([]byte(sampleReport))
	if err != nil {
		t.Fatal(err)
	}
	if len(rows) != 5 {
		t.Fatalf("%d rows", len(rows))
	}
	root, alice, bob, carol, dave := rows[0], rows[1], rows[2], rows[3], rows[4]

	if !root.Root() || root.User != review.RootUser || root.Password || root.MFA ||
		root.PasswordLastChanged.Word != review.NotSupported || root.PasswordNextRotation.Word != review.NotSupported ||
		!root.PasswordLastUsed.Time.Equal(day("2025-05-30T10:00:00Z")) ||
		!root.Keys[0].Active || root.Keys[0].LastUsedService != "sts" || root.Keys[0].LastUsedRegion != "us-east-1" ||
		root.Keys[1].Active || root.Keys[1].LastRotated.Word != review.NotApplicable {
		t.Errorf("root row %+v", root)
	}
	if alice.Root() || !alice.Password || alice.MFA || alice.ARN != "arn:aws:iam::412318265094:user/alice" ||
		!alice.Created.Equal(day("2024-01-01T00:00:00Z")) || alice.PasswordNextRotation.Word != review.NotApplicable ||
		!alice.Keys[0].Active || alice.Keys[0].LastUsedRegion != "" || alice.Keys[0].LastUsedService != "s3" ||
		!alice.Keys[1].Active || alice.Keys[1].LastUsed.Known() || alice.Keys[1].LastUsed.Word != review.NotApplicable ||
		!alice.Keys[1].LastRotated.Time.Equal(day("2025-04-03T09:00:00Z")) {
		t.Errorf("alice's row %+v", alice)
	}
	if bob.Password || bob.PasswordLastUsed.Word != review.NotApplicable || !bob.Keys[0].Active || bob.Keys[0].LastUsed.Known() ||
		bob.Keys[1].Active || !bob.Keys[1].LastRotated.Known() {
		t.Errorf("bob's row %+v", bob)
	}
	if !carol.Password || !carol.MFA || !carol.PasswordNextRotation.Time.Equal(day("2025-07-30T00:00:00Z")) {
		t.Errorf("carol's row %+v", carol)
	}
	if !dave.Password || dave.PasswordLastUsed.Known() || dave.PasswordLastUsed.Word != review.NoInformation {
		t.Errorf("dave's row %+v", dave)
	}
}

func TestCredentialReportFindingsPerRow(t *testing.T) {
	rows, err := review.ParseCredentialReport([]byte(sampleReport))
	if err != nil {
		t.Fatal(err)
	}
	type want struct {
		sev    review.Severity
		check  string
		detail string
	}
	wantBy := map[string][]want{
		"root user": {
			{review.SeverityCritical, review.CheckRootAccessKey, "access key 1 is active: root keys can't be limited; delete them"},
			{review.SeverityCritical, review.CheckRootMFA, "no MFA: the password alone signs in as root"},
			{review.SeverityMedium, review.CheckRootUsedRecently, "access key 1 used yesterday; use your administrator for daily work"},
		},
		"alice": {
			{review.SeverityHigh, review.CheckPasswordWithoutMFA, "console password without MFA"},
			{review.SeverityMedium, review.CheckUnusedCredential, "password last used 50 days ago: disable it"},
			{review.SeverityMedium, review.CheckOldAccessKey, "access key 1 is 120 days old: rotate it"},
			{review.SeverityMedium, review.CheckUnusedCredential, "access key 2 never used, made 60 days ago: deactivate it"},
		},
		"bob": {
			{review.SeverityMedium, review.CheckUnusedCredential, "access key 1 never used, made 60 days ago: deactivate it"},
		},
		"dave": {
			{review.SeverityMedium, review.CheckUnusedCredential, "password never used, set 100 days ago: disable it"},
		},
		// carol: a password with MFA, used yesterday: nothing to fix.
	}
	got := map[string][]want{}
	for _, f := range review.Findings(rows, now) {
		got[f.Principal] = append(got[f.Principal], want{f.Severity, f.Check, f.Detail})
	}
	for who, w := range wantBy {
		if len(got[who]) != len(w) {
			t.Errorf("%s: findings %+v, want %+v", who, got[who], w)
			continue
		}
		for i := range w {
			if got[who][i] != w[i] {
				t.Errorf("%s finding %d = %+v, want %+v", who, i, got[who][i], w[i])
			}
		}
	}
	if len(got["carol"]) != 0 {
		t.Errorf("carol has findings: %+v", got["carol"])
	}

	// Worst first, the root user first within a severity.
	fs := review.Findings(rows, now)
	if fs[0].Principal != "root user" || fs[0].Severity != review.SeverityCritical || fs[2].Principal != "alice" || fs[len(fs)-1].Severity != review.SeverityMedium {
		t.Errorf("order: %+v", fs)
	}
}

func TestRootFindingsOfAWellKeptAccount(t *testing.T) {
	report := header + "\n<root_account>,arn:aws:iam::412318265094:root,2023-01-10T08:00:00+00:00,not_supported," +
		"2025-01-02T10:00:00+00:00,not_supported,not_supported,true,false,N/A,N/A,N/A,N/A,false,N/A,N/A,N/A,N/A,false,N/A,false,N/A\n"
	rows, err := review.ParseCredentialReport([]byte(report))
	if err != nil {
		t.Fatal(err)
	}
	if fs := review.Findings(rows, now); len(fs) != 0 {
		t.Errorf("findings for a root user with MFA, no keys, unused for months: %+v", fs)
	}
}

func TestParseCredentialReportRejectsWhatItCannotRead(t *testing.T) {
	rootRow := "<root_account>,arn:aws:iam::412318265094:root,2023-01-10T08:00:00+00:00,not_supported,no_information," +
		"not_supported,not_supported,false,false,N/A,N/A,N/A,N/A,false,N/A,N/A,N/A,N/A,false,N/A,false,N/A"
	for _, tc := range []struct {
		name, report, want string
	}{
		{"missing column", strings.Replace(header, ",mfa_active", "", 1) + "\n", "no mfa_active column"},
		{"bad flag", header + "\n" + strings.Replace(rootRow, ",false,false,", ",false,maybe,", 1), `access_key_1_active is "maybe"`},
		{"bad date", header + "\n" + strings.Replace(rootRow, "2023-01-10T08:00:00+00:00", "10/01/2023", 1), `user_creation_time is "10/01/2023"`},
		{"short row", header + "\n<root_account>,arn\n", "wrong number of fields"},
		{"empty", "", "reading the header"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := review.ParseCredentialReport([]byte(tc.report))
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Errorf("error %v, want one mentioning %q", err, tc.want)
			}
		})
	}
	// A column AWS might add later is no obstacle.
	extra := strings.Replace(header, "user,", "user,new_column,", 1) + "\n" + strings.Replace(rootRow, "<root_account>,", "<root_account>,x,", 1) + "\n"
	if rows, err := review.ParseCredentialReport([]byte(extra)); err != nil || len(rows) != 1 || !rows[0].Root() {
		t.Errorf("with an extra column: %v %v", rows, err)
	}
}

func TestFindingsTableFitsTheWidth(t *testing.T) {
	long := strings.Repeat("long-user-name.", 4) + "x" // 61 characters, no spaces: IAM allows 64
	fs := []review.Finding{
		{Severity: review.SeverityCritical, Check: review.CheckRootMFA, Principal: "root user", Detail: "no MFA: the password alone signs in as root"},
		{Severity: review.SeverityMedium, Check: review.CheckUnusedCredential, Principal: long,
			Detail: "access key 2 never used, made 60 days ago: deactivate it"},
	}
	for _, width := range []int{78, 60, 40} {
		table := kit.Table(theme.Plain(), width, *review.FindingsTable(fs))
		lines := strings.Split(table, "\n")
		for _, l := range lines {
			if w := lipgloss.Width(l); w > width {
				t.Errorf("width %d: a line of %d columns: %q", width, w, l)
			}
		}
		// The long name wraps inside its column, down to its last piece.
		if !strings.Contains(table, "long-") || !strings.Contains(table, "name.x") || !strings.Contains(table, "critical") {
			t.Errorf("width %d: the table lost content:\n%s", width, table)
		}
	}
}
