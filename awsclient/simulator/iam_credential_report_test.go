package simulator_test

import (
	"bytes"
	"context"
	"encoding/csv"
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/iam"
	"github.com/aws/aws-sdk-go-v2/service/iam/types"

	"github.com/firstrun/firstrun/awsclient/simulator"
)

// reportHeader is the credential report's column set, in IAM's order.
const reportHeader = "user,arn,user_creation_time,password_enabled,password_last_used,password_last_changed," +
	"password_next_rotation,mfa_active,access_key_1_active,access_key_1_last_rotated,access_key_1_last_used_date," +
	"access_key_1_last_used_region,access_key_1_last_used_service,access_key_2_active,access_key_2_last_rotated," +
	"access_key_2_last_used_date,access_key_2_last_used_region,access_key_2_last_used_service,cert_1_active," +
	"cert_1_last_rotated,cert_2_active,cert_2_last_rotated"

func TestCredentialReportIsGeneratedAsynchronously(t *testing.T) {
	clk := newClock()
	sim, cfg := start(t, simulator.Options{Clock: clk.Now, AsyncDelay: 10 * time.Second})
	client := iam.NewFromConfig(cfg)
	ctx := context.Background()

	_, err := client.GetCredentialReport(ctx, &iam.GetCredentialReportInput{})
	requireType[*types.CredentialReportNotPresentException](t, err)
	requireCode(t, err, "ReportNotPresent")
	requireStatus(t, err, 410)

	gen, err := client.GenerateCredentialReport(ctx, &iam.GenerateCredentialReportInput{})
	if err != nil {
		t.Fatal(err)
	}
	if gen.State != types.ReportStateTypeStarted || aws.ToString(gen.Description) != "No report exists. Starting a new report generation task" {
		t.Errorf("first GenerateCredentialReport = %s %q", gen.State, aws.ToString(gen.Description))
	}
	if gen, err = client.GenerateCredentialReport(ctx, &iam.GenerateCredentialReportInput{}); err != nil || gen.State != types.ReportStateTypeInprogress {
		t.Errorf("while generating: %v %v", gen.State, err)
	}
	_, err = client.GetCredentialReport(ctx, &iam.GetCredentialReportInput{})
	requireType[*types.CredentialReportNotReadyException](t, err)
	requireCode(t, err, "ReportInProgress")
	requireStatus(t, err, 404)

	clk.Advance(10 * time.Second)
	if gen, err = client.GenerateCredentialReport(ctx, &iam.GenerateCredentialReportInput{}); err != nil || gen.State != types.ReportStateTypeComplete {
		t.Errorf("once generated: %v %v", gen.State, err)
	}
	got, err := client.GetCredentialReport(ctx, &iam.GetCredentialReportInput{})
	if err != nil {
		t.Fatal(err)
	}
	if got.ReportFormat != types.ReportFormatTypeTextCsv || !got.GeneratedTime.Equal(clk.Now()) ||
		!strings.HasPrefix(string(got.Content), reportHeader+"\n<root_account>,arn:aws:iam::"+sim.AccountID()+":root,") {
		t.Errorf("report %s at %v:\n%s", got.ReportFormat, got.GeneratedTime, got.Content)
	}

	// A report is served for four hours; then it must be generated again.
	clk.Advance(4 * time.Hour)
	_, err = client.GetCredentialReport(ctx, &iam.GetCredentialReportInput{})
	requireType[*types.CredentialReportExpiredException](t, err)
	requireCode(t, err, "ReportExpired")
	requireStatus(t, err, 410)
	if gen, err = client.GenerateCredentialReport(ctx, &iam.GenerateCredentialReportInput{}); err != nil || gen.State != types.ReportStateTypeStarted {
		t.Errorf("after expiry: %v %v", gen.State, err)
	}

	var generates int
	for _, c := range sim.Calls() {
		if c.Operation == "GenerateCredentialReport" && c.Mutating {
			generates++
		}
		if c.Operation == "GetCredentialReport" && c.Mutating {
			t.Error("GetCredentialReport logged as mutating")
		}
	}
	if generates != 4 {
		t.Errorf("%d GenerateCredentialReport calls logged as mutating, want 4", generates)
	}
}

// TestCredentialReportReflectsTheAccount checks each row and column against
// the users, passwords, MFA devices and access keys of the account.
func TestCredentialReportReflectsTheAccount(t *testing.T) {
	clk := newClock()
	sim, cfg := start(t, simulator.Options{Clock: clk.Now})
	now := clk.Now()
	days := func(n int) time.Time { return now.AddDate(0, 0, -n) }
	ptr := func(t time.Time) *time.Time { return &t }
	iso := func(t time.Time) string { return t.UTC().Format("2006-01-02T15:04:05+00:00") }

	sim.SetCredentialsForTest(simulator.TestCredentials{
		Password: &simulator.TestPassword{LastUsed: ptr(days(2))},
		Keys:     []simulator.TestKey{{Created: days(400), LastUsed: ptr(days(1)), LastUsedService: "ec2", LastUsedRegion: "eu-west-1"}},
	})
	sim.SetCredentialsForTest(simulator.TestCredentials{User: "alice", Created: days(200),
		Password: &simulator.TestPassword{Set: days(100), LastUsed: ptr(days(50))},
		Keys: []simulator.TestKey{
			{Created: days(20)}, // listed second: keys go oldest first
			{Created: days(120), LastUsed: ptr(days(10)), LastUsedService: "iam", LastUsedRegion: "us-east-1"},
		}})
	sim.SetCredentialsForTest(simulator.TestCredentials{User: "bob", Created: days(60),
		Keys: []simulator.TestKey{{Created: days(60), Inactive: true}}})
	sim.SetCredentialsForTest(simulator.TestCredentials{User: "Carol", Created: days(5),
		Password: &simulator.TestPassword{Set: days(5)}, MFA: true})
	sim.SetCredentialsForTest(simulator.TestCredentials{User: "dave", Created: days(3), VirtualMFA: true})

	client := iam.NewFromConfig(cfg)
	ctx := context.Background()
	if _, err := client.UpdateAccountPasswordPolicy(ctx, &iam.UpdateAccountPasswordPolicyInput{MaxPasswordAge: aws.Int32(90)}); err != nil {
		t.Fatal(err)
	}
	if _, err := client.GenerateCredentialReport(ctx, &iam.GenerateCredentialReportInput{}); err != nil {
		t.Fatal(err)
	}
	out, err := client.GetCredentialReport(ctx, &iam.GetCredentialReportInput{})
	if err != nil {
		t.Fatal(err)
	}
	records, err := csv.NewReader(bytes.NewReader(out.Content)).ReadAll()
	if err != nil {
		t.Fatalf("the report is not CSV: %v\n%s", err, out.Content)
	}
	if got := strings.Join(records[0], ","); got != reportHeader {
		t.Fatalf("header %s", got)
	}
	acct := sim.AccountID()
	created := func(user string) string {
		u, err := client.GetUser(ctx, &iam.GetUserInput{UserName: aws.String(user)})
		if err != nil {
			t.Fatal(err)
		}
		return iso(*u.User.CreateDate)
	}
	root, err := client.GetUser(ctx, &iam.GetUserInput{})
	if err != nil {
		t.Fatal(err)
	}
	want := [][]string{
		{"<root_account>", "arn:aws:iam::" + acct + ":root", iso(*root.User.CreateDate), "not_supported", iso(days(2)),
			"not_supported", "not_supported", "false",
			"true", iso(days(400)), iso(days(1)), "eu-west-1", "ec2",
			"false", "N/A", "N/A", "N/A", "N/A", "false", "N/A", "false", "N/A"},
		{"alice", "arn:aws:iam::" + acct + ":user/alice", created("alice"), "true", iso(days(50)), iso(days(100)),
			iso(days(100).AddDate(0, 0, 90)), "false",
			"true", iso(days(120)), iso(days(10)), "us-east-1", "iam",
			"true", iso(days(20)), "N/A", "N/A", "N/A", "false", "N/A", "false", "N/A"},
		{"bob", "arn:aws:iam::" + acct + ":user/bob", created("bob"), "false", "N/A", "N/A", "N/A", "false",
			"false", iso(days(60)), "N/A", "N/A", "N/A",
			"false", "N/A", "N/A", "N/A", "N/A", "false", "N/A", "false", "N/A"},
		{"Carol", "arn:aws:iam::" + acct + ":user/Carol", created("Carol"), "true", "no_information", iso(days(5)),
			iso(days(5).AddDate(0, 0, 90)), "true",
			"false", "N/A", "N/A", "N/A", "N/A", "false", "N/A", "N/A", "N/A", "N/A", "false", "N/A", "false", "N/A"},
		{"dave", "arn:aws:iam::" + acct + ":user/dave", created("dave"), "false", "N/A", "N/A", "N/A", "true",
			"false", "N/A", "N/A", "N/A", "N/A", "false", "N/A", "N/A", "N/A", "N/A", "false", "N/A", "false", "N/A"},
	}
	if len(records)-1 != len(want) {
		t.Fatalf("%d rows, want %d:\n%s", len(records)-1, len(want), out.Content)
	}
	for i, w := range want {
		got := records[i+1]
		for j := range w {
			if got[j] != w[j] {
				t.Errorf("row %s, %s = %q, want %q", w[0], records[0][j], got[j], w[j])
			}
		}
	}
}
