package audit_test

import (
	"bytes"
	"encoding/json"
	"maps"
	"slices"
	"strings"
	"testing"

	"github.com/charmbracelet/x/ansi"

	"github.com/firstrun/firstrun/audit"
	"github.com/firstrun/firstrun/steps/step"
)

func sample() audit.Result {
	return audit.Result{
		Account: "412318265094", Caller: "arn:aws:iam::412318265094:root", Region: "us-east-1",
		Time: fixedNow(), Version: "1.2.3",
		Controls: []audit.Control{
			{ID: "root-mfa", Title: "Root user MFA", Status: step.Fail, CIS: "1.5", Detail: "The root user has no MFA device (AccountMFAEnabled is 0)."},
			{ID: "password-policy", Title: "IAM password policy", Status: step.Pass, CIS: "1.8", Detail: "Minimum length 14 | reuse prevention 24."},
			{ID: "billing-access", Title: "IAM access to billing", Status: step.Manual, Detail: "No automatic check; look by hand."},
		},
	}
}

func TestTheTableOfOneAccount(t *testing.T) {
	var b bytes.Buffer
	if err := audit.WriteTable(&b, []audit.Result{sample()}); err != nil {
		t.Fatal(err)
	}
	want := `Account 412318265094, us-east-1, 2026-05-01 09:30 UTC

STATUS  CONTROL          CIS  DETAIL
fail    root-mfa         1.5  The root user has no MFA device (AccountMFAEnabled
                              is 0).
pass    password-policy  1.8  Minimum length 14 | reuse prevention 24.
manual  billing-access   -    No automatic check; look by hand.

1 pass, 1 fail, 1 manual, 0 error, 0 skipped
`
	if b.String() != want {
		t.Errorf("table:\n%s\nwant:\n%s", b.String(), want)
	}
}

func TestTheTableFitsEightyColumns(t *testing.T) {
	long := sample()
	long.Name, long.Profile = strings.Repeat("Workloads ", 6), "client-"+strings.Repeat("x", 40)
	long.Controls = append(long.Controls,
		audit.Control{ID: "a-step-id-much-longer-than-any-in-the-sequence", Status: step.NotRun, CIS: "1.12, 1.13, 1.14",
			Detail: strings.Repeat("A detail that goes on and on. ", 8) + "arn:aws:iam::412318265094:role/aws-reserved/sso.amazonaws.com/AWSReservedSSO_AdministratorAccess_0123456789abcdef"},
		audit.Control{ID: "empty", Status: step.Errored},
	)
	unreached := audit.Result{Profile: "gone", Time: fixedNow(),
		Error: "AWS call failed: failed to get shared config profile, gone; " + strings.Repeat("more words here ", 6)}
	var b bytes.Buffer
	if err := audit.WriteTable(&b, []audit.Result{long, unreached}); err != nil {
		t.Fatal(err)
	}
	out := b.String()
	for i, line := range strings.Split(out, "\n") {
		if w := ansi.StringWidth(line); w > audit.TableWidth {
			t.Errorf("line %d is %d columns wide: %q", i+1, w, line)
		}
		if strings.HasSuffix(line, " ") {
			t.Errorf("line %d ends in spaces: %q", i+1, line)
		}
	}
	for _, want := range []string{
		`Account 412318265094 "Workloads`, "(profile client-xxx", "skipped", "error",
		"An account (profile gone), 2026-05-01 09:30 UTC", "Not audited: AWS call failed",
		"2 accounts: 1 with a failing control, 1 not audited.",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("the table lacks %q:\n%s", want, out)
		}
	}
	if strings.Count(out, " detail ") != 8 || !strings.Contains(out, "0123456789abcdef") {
		t.Errorf("the long detail was cut:\n%s", out)
	}
}

func TestJSONSchema(t *testing.T) {
	one := sample()
	unreached := audit.Result{Account: "111122223333", Name: "Sandbox", Role: "arn:aws:iam::111122223333:role/OrganizationAccountAccessRole",
		Time: fixedNow(), Version: "1.2.3", Error: "sts:AssumeRole failed: AccessDenied: not authorized", Controls: []audit.Control{}}

	t.Run("one account is an object", func(t *testing.T) {
		var b bytes.Buffer
		if err := audit.WriteJSON(&b, []audit.Result{one}, false); err != nil {
			t.Fatal(err)
		}
		var got map[string]any
		if err := json.Unmarshal(b.Bytes(), &got); err != nil {
			t.Fatalf("%v:\n%s", err, b.String())
		}
		requireKeys(t, got, "account", "caller", "region", "time", "firstrun_version", "controls")
		if got["account"] != "412318265094" || got["time"] != "2026-05-01T09:30:00Z" || got["firstrun_version"] != "1.2.3" {
			t.Errorf("account fields %v", got)
		}
		controls := got["controls"].([]any)
		if len(controls) != 3 {
			t.Fatalf("%d controls", len(controls))
		}
		for _, c := range controls {
			requireKeys(t, c.(map[string]any), "id", "title", "status", "detail", "cis")
		}
		if c := controls[0].(map[string]any); c["id"] != "root-mfa" || c["status"] != "fail" || c["cis"] != "1.5" || c["title"] != "Root user MFA" {
			t.Errorf("first control %v", c)
		}
		if c := controls[2].(map[string]any); c["cis"] != "" {
			t.Errorf("a control without a CIS reference has cis %v, want \"\"", c["cis"])
		}
	})
	t.Run("several accounts are an array", func(t *testing.T) {
		for _, results := range [][]audit.Result{{one}, {one, unreached}} {
			var b bytes.Buffer
			if err := audit.WriteJSON(&b, results, true); err != nil {
				t.Fatal(err)
			}
			var got []map[string]any
			if err := json.Unmarshal(b.Bytes(), &got); err != nil {
				t.Fatalf("%v:\n%s", err, b.String())
			}
			if len(got) != len(results) {
				t.Fatalf("%d results", len(got))
			}
			if len(got) == 2 {
				requireKeys(t, got[1], "account", "account_name", "role", "time", "firstrun_version", "error", "controls")
				if got[1]["error"] != unreached.Error || len(got[1]["controls"].([]any)) != 0 {
					t.Errorf("an account not audited: %v", got[1])
				}
			}
		}
	})
}

func requireKeys(t *testing.T, m map[string]any, want ...string) {
	t.Helper()
	got := slices.Sorted(maps.Keys(m))
	slices.Sort(want)
	if !slices.Equal(got, want) {
		t.Errorf("keys %v, want %v", got, want)
	}
}

func TestMarkdown(t *testing.T) {
	one := sample()
	one.Controls[2].Detail = "Two lines:\nthe second."
	unreached := audit.Result{Account: "111122223333", Name: "Sandbox", Time: fixedNow(), Version: "1.2.3", Error: "sts:AssumeRole failed: AccessDenied"}
	var b bytes.Buffer
	if err := audit.WriteMarkdown(&b, []audit.Result{one, unreached}); err != nil {
		t.Fatal(err)
	}
	want := "# firstrun audit\n\n" +
		"## Account 412318265094\n\n" +
		"Audited 2026-05-01 09:30 UTC by firstrun 1.2.3 as `arn:aws:iam::412318265094:root` in us-east-1.\n\n" +
		"| Status | Control | CIS | Detail |\n|---|---|---|---|\n" +
		"| fail | `root-mfa` Root user MFA | 1.5 | The root user has no MFA device (AccountMFAEnabled is 0). |\n" +
		"| pass | `password-policy` IAM password policy | 1.8 | Minimum length 14 \\| reuse prevention 24. |\n" +
		"| manual | `billing-access` IAM access to billing | - | Two lines: the second. |\n\n" +
		"1 pass, 1 fail, 1 manual, 0 error, 0 skipped.\n\n" +
		"## Account 111122223333 \"Sandbox\"\n\n" +
		"Audited 2026-05-01 09:30 UTC by firstrun 1.2.3.\n\n" +
		"**Not audited:** sts:AssumeRole failed: AccessDenied\n"
	if b.String() != want {
		t.Errorf("markdown:\n%s\nwant:\n%s", b.String(), want)
	}
}
