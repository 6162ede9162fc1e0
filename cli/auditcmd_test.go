package cli

import (
	"cmp"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/charmbracelet/x/ansi"

	"github.com/firstrun/firstrun/answers"
	"github.com/firstrun/firstrun/audit"
	"github.com/firstrun/firstrun/awsclient/simulator"
	"github.com/firstrun/firstrun/awsclient/simulator/simtest"
	"github.com/firstrun/firstrun/demo"
	"github.com/firstrun/firstrun/steps"
	"github.com/firstrun/firstrun/steps/checkpoint"
	"github.com/firstrun/firstrun/steps/step"
)

func TestAuditUsageErrors(t *testing.T) {
	isolate(t)
	bad := filepath.Join(t.TempDir(), "answers.yaml")
	if err := os.WriteFile(bad, []byte("version: 1\nregion: us-east-1\nno_such_key: 1\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		args []string
		want string
	}{
		{[]string{"--json", "--markdown"}, "one of --json and --markdown"},
		{[]string{"--profiles", "a,b", "--demo"}, "--profiles audits the accounts it names"},
		{[]string{"--profiles", "a", "--profile", "b"}, "--profiles audits the accounts it names"},
		{[]string{"--profiles", "a", "--org"}, "--profiles audits the accounts it names"},
		{[]string{"--profiles", " , "}, "--profiles needs profile names"},
		{[]string{"--org", "--role-name", "not a role"}, "is not a role name"},
		{[]string{"everything"}, `unexpected argument "everything"`},
		{[]string{"--answers", bad}, bad + ":3:"},
		{[]string{"--no-such-flag"}, "Usage"},
	} {
		code, stdout, stderr := runMain(t, "", append([]string{"audit"}, tc.args...)...)
		if code != exitUsage || !strings.Contains(stderr, tc.want) || stdout != "" {
			t.Errorf("audit %v: exit %d, stderr %q, want %d and %q", tc.args, code, stderr, exitUsage, tc.want)
		}
	}
}

func TestAuditOfOneAccount(t *testing.T) {
	isolate(t)
	sim := useSimulator(t, simulator.Options{Scenario: simulator.NewAccount})
	seq := steps.Sequence()

	code, stdout, stderr := runMain(t, "", "audit", "--json")
	var r audit.Result
	if err := json.Unmarshal([]byte(stdout), &r); err != nil {
		t.Fatalf("%v: %s\n%s", err, stdout, stderr)
	}
	if r.Account != sim.AccountID() || r.Version != (&app{}).versionString() || r.Time.IsZero() || len(r.Controls) != len(seq) {
		t.Errorf("result %+v", r)
	}
	for i, d := range seq {
		if c := r.Controls[i]; c.ID != string(d.ID) || c.Title != d.Title || c.CIS != d.CIS {
			t.Errorf("control %d %+v, want step %s", i, c, d.ID)
		}
	}
	if want := exitCodeOf(r); code != want {
		t.Errorf("exit code %d, want %d for %s", code, want, r.Tally())
	}
	if n := simulator.CountMutating(sim.Calls()); n != 0 {
		t.Errorf("the audit made %d mutating calls", n)
	}

	_, table, _ := runMain(t, "", "audit")
	for i, line := range strings.Split(table, "\n") {
		if ansi.StringWidth(line) > audit.TableWidth {
			t.Errorf("table line %d is wider than %d: %q", i+1, audit.TableWidth, line)
		}
	}
	if !strings.HasPrefix(table, "Account "+sim.AccountID()) || !regexp.MustCompile(`STATUS +CONTROL +CIS +DETAIL`).MatchString(table) {
		t.Errorf("table:\n%s", table)
	}
	_, markdown, _ := runMain(t, "", "audit", "--markdown")
	if !strings.HasPrefix(markdown, "# firstrun audit\n\n## Account "+sim.AccountID()) || !strings.Contains(markdown, "| Status | Control | CIS | Detail |") {
		t.Errorf("markdown:\n%s", markdown)
	}
}

// exitCodeOf is the exit code the audit documents for r.
func exitCodeOf(r audit.Result) int {
	if r.Failed() {
		return exitFailed
	}
	return exitOK
}

func TestAuditAnswersSetTheRegion(t *testing.T) {
	isolate(t)
	useSimulator(t, simulator.Options{})
	file := filepath.Join(t.TempDir(), "answers.yaml")
	if err := os.WriteFile(file, []byte("version: 1\nregion: eu-west-1\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	_, stdout, stderr := runMain(t, "", "audit", "--json", "--answers", file)
	var r audit.Result
	if err := json.Unmarshal([]byte(stdout), &r); err != nil || r.Region != "eu-west-1" {
		t.Errorf("region %q (%v): %s", r.Region, err, stderr)
	}
	_, stdout, _ = runMain(t, "", "audit", "--json", "--answers", file, "--region", "ap-southeast-2")
	if err := json.Unmarshal([]byte(stdout), &r); err != nil || r.Region != "ap-southeast-2" {
		t.Errorf("--region does not win over the answers file: %q (%v)", r.Region, err)
	}
}

func TestAuditProfilesReportsAnUnreachableAccountAndGoesOn(t *testing.T) {
	isolate(t)
	var config, credentials strings.Builder
	accounts := map[string]string{}
	for _, p := range []struct {
		name     string
		scenario simulator.Scenario
	}{{"client-a", simulator.NewAccount}, {"client-b", simulator.HalfSetUp}} {
		sim, b := simtest.Start(t, simulator.Options{Scenario: p.scenario})
		accounts[p.name] = sim.AccountID()
		fmt.Fprintf(&config, "[profile %s]\nregion = us-east-1\nendpoint_url = %s\n\n", p.name, b.URL)
		fmt.Fprintf(&credentials, "[%s]\naws_access_key_id = %s\naws_secret_access_key = %s\naws_session_token = %s\n\n",
			p.name, b.Credentials.AccessKeyID, b.Credentials.SecretAccessKey, b.Credentials.SessionToken)
	}
	for file, content := range map[string]string{"AWS_CONFIG_FILE": config.String(), "AWS_SHARED_CREDENTIALS_FILE": credentials.String()} {
		if err := os.WriteFile(os.Getenv(file), []byte(content), 0o600); err != nil {
			t.Fatal(err)
		}
	}

	code, stdout, stderr := runMain(t, "", "audit", "--json", "--profiles", "client-a, client-b,missing")
	var results []audit.Result
	if err := json.Unmarshal([]byte(stdout), &results); err != nil {
		t.Fatalf("%v: %s\n%s", err, stdout, stderr)
	}
	if len(results) != 3 {
		t.Fatalf("%d results", len(results))
	}
	for i, name := range []string{"client-a", "client-b"} {
		if r := results[i]; r.Profile != name || r.Account != accounts[name] || r.Error != "" || len(r.Controls) != len(steps.Sequence()) {
			t.Errorf("profile %s: %+v", name, r)
		}
	}
	if r := results[2]; r.Profile != "missing" || r.Account != "" || !strings.Contains(r.Error, "missing") || len(r.Controls) != 0 {
		t.Errorf("the missing profile: %+v", r)
	}
	if code != exitFailed {
		t.Errorf("exit code %d with an account not audited", code)
	}
}

func TestAuditOrganization(t *testing.T) {
	sim, b := simtest.Start(t, simulator.Options{Scenario: simulator.IAMAdminCaller})
	members := simtest.Organization(t, simtest.Config(t, b, "us-east-1"), 3)
	isolate(t)
	t.Setenv("AWS_ENDPOINT_URL", b.URL)
	t.Setenv("AWS_ACCESS_KEY_ID", b.Credentials.AccessKeyID)
	t.Setenv("AWS_SECRET_ACCESS_KEY", b.Credentials.SecretAccessKey)
	sim.ResetCalls()

	_, stdout, stderr := runMain(t, "", "audit", "--org", "--json")
	var results []audit.Result
	if err := json.Unmarshal([]byte(stdout), &results); err != nil {
		t.Fatalf("%v: %s\n%s", err, stdout, stderr)
	}
	if len(results) != 1+len(members) || results[0].Account != sim.AccountID() {
		t.Fatalf("results %+v", results)
	}
	for i, r := range results[1:] {
		if r.Account != members[i] || r.Error != "" || r.Role != "arn:aws:iam::"+members[i]+":role/OrganizationAccountAccessRole" {
			t.Errorf("member %d: %+v", i, r)
		}
	}
	if n := simulator.CountMutating(sim.Calls()); n != 0 {
		t.Errorf("the audit made %d mutating calls", n)
	}

	code, _, _ := runMain(t, "", "audit", "--org", "--role-name", "Auditor")
	if code != exitFailed {
		t.Errorf("exit %d when no member has the role", code)
	}
	_, stdout, _ = runMain(t, "", "audit", "--org", "--role-name", "Auditor", "--json")
	if err := json.Unmarshal([]byte(stdout), &results); err != nil || !strings.Contains(results[1].Error, "sts:AssumeRole on resource: arn:aws:iam::"+members[0]+":role/Auditor") {
		t.Errorf("a member without the role: %+v (%v)", results[1], err)
	}
}

func TestAuditOrganizationAsTheRootUser(t *testing.T) {
	sim, b := simtest.Start(t, simulator.Options{Scenario: simulator.NewAccount})
	simtest.Organization(t, simtest.Config(t, b, "us-east-1"), 2)
	isolate(t)
	t.Setenv("AWS_ENDPOINT_URL", b.URL)
	t.Setenv("AWS_ACCESS_KEY_ID", b.Credentials.AccessKeyID)
	t.Setenv("AWS_SECRET_ACCESS_KEY", b.Credentials.SecretAccessKey)
	t.Setenv("AWS_SESSION_TOKEN", b.Credentials.SessionToken)

	code, stdout, stderr := runMain(t, "", "audit", "--org", "--json")
	if code != exitFailed || !strings.Contains(stderr, "never lets the root user assume a role") {
		t.Errorf("exit %d, stderr %q", code, stderr)
	}
	var results []audit.Result
	if err := json.Unmarshal([]byte(stdout), &results); err != nil || len(results) != 3 {
		t.Fatalf("%v: %s", err, stdout)
	}
	if results[0].Account != sim.AccountID() || results[0].Error != "" {
		t.Errorf("the management account: %+v", results[0])
	}
	for _, r := range results[1:] {
		if !strings.Contains(r.Error, "Roles may not be assumed by root accounts") {
			t.Errorf("member %s: %q", r.Account, r.Error)
		}
	}
}

func TestAuditOrganizationFromAStandaloneAccount(t *testing.T) {
	isolate(t)
	useSimulator(t, simulator.Options{Scenario: simulator.NewAccount})
	code, stdout, stderr := runMain(t, "", "audit", "--org")
	if code != exitFailed || stdout != "" || !strings.Contains(stderr, "AWSOrganizationsNotInUseException") ||
		!strings.Contains(stderr, "management account") {
		t.Errorf("exit %d, stdout %q, stderr %q", code, stdout, stderr)
	}
}

func TestAuditDemoLeavesTheSimulatedAccountAsItWas(t *testing.T) {
	state := isolate(t)
	_, stdout, stderr := runMain(t, "", "audit", "--demo", "--json")
	var r audit.Result
	if err := json.Unmarshal([]byte(stdout), &r); err != nil || r.Account == "" {
		t.Fatalf("%v: %s\n%s", err, stdout, stderr)
	}
	file := demo.StateFile(filepath.Join(state, "demo"))
	before, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	runMain(t, "", "audit", "--demo")
	if after, err := os.ReadFile(file); err != nil || string(after) != string(before) {
		t.Errorf("the audit changed the simulated account (%v)", err)
	}
	if saved, err := checkpoint.List(state); err != nil || len(saved) != 0 {
		t.Errorf("the audit saved a checkpoint: %v %v", saved, err)
	}
}

// TestAuditPassesAfterANonInteractiveRun is the second half of issue 8's acceptance:
// after firstrun --demo --answers assets/answers.example.yaml --non-interactive and the
// simulated console steps, every control a run or a console step completed passes.
func TestAuditPassesAfterANonInteractiveRun(t *testing.T) {
	state := isolate(t)
	const example = "../assets/answers.example.yaml"
	file, err := answers.Load(example)
	if err != nil {
		t.Fatal(err)
	}
	nonInteractive := func() {
		t.Helper()
		if code, _, stderr := runMain(t, "", "--demo", "--answers", example, "--non-interactive"); code == exitUsage {
			t.Fatalf("the example answers were refused: %s", stderr)
		}
	}
	_, stdout, _ := runMain(t, "", "audit", "--demo", "--json")
	var before audit.Result
	if err := json.Unmarshal([]byte(stdout), &before); err != nil {
		t.Fatal(err)
	}

	// Console steps become possible as the run gets further (the admin's invitation needs
	// the user the run creates), so run and do them in rounds; a console action that is not
	// possible yet fails and is tried again in the next round.
	region := cmp.Or(file.Answers.IdentityCenter.Region, file.Answers.Region, "us-east-1")
	console := []struct {
		id    step.ID
		flags []string
	}{
		{"root-mfa", nil}, {"root-password", nil}, {"billing-access", nil},
		{"identity-center", []string{"--region", region}}, {"ic-mfa", []string{"--region", region}},
		{"admin-user", []string{"--region", region, "--target", file.Answers.AdminUser.UserName}},
	}
	done := map[step.ID]bool{}
	for range 3 {
		nonInteractive()
		for _, c := range console {
			if !done[c.id] {
				code, _, _ := runMain(t, "", append(append([]string{"demo", "console"}, c.flags...), string(c.id))...)
				done[c.id] = code == exitOK
			}
		}
	}
	nonInteractive()

	_, stdout, _ = runMain(t, "", "audit", "--demo", "--json")
	var after audit.Result
	if err := json.Unmarshal([]byte(stdout), &after); err != nil {
		t.Fatal(err)
	}
	saved, err := checkpoint.List(filepath.Join(state, "demo"))
	if err != nil || len(saved) != 1 {
		t.Fatalf("saved setups %v, %v", saved, err)
	}
	outcomes := saved[0].Document.Steps
	checked := 0
	for i, d := range steps.Sequence() {
		if d.Headless.Check == nil || d.Optional {
			continue
		}
		completed := done[d.ID] || outcomes[string(d.ID)].Outcome == checkpoint.Verified || outcomes[string(d.ID)].Outcome == checkpoint.Done
		if !completed {
			t.Logf("%s: not completed without a person (%s); audit says %s", d.ID, outcomes[string(d.ID)].Outcome, after.Controls[i].Status)
			continue
		}
		checked++
		if c := after.Controls[i]; c.Status != step.Pass && c.Status != step.Manual {
			t.Errorf("%s: completed, but the audit says %s: %s", d.ID, c.Status, c.Detail)
		}
		if c := before.Controls[i]; c.Status != step.Fail {
			t.Logf("%s: on the new account the audit said %s: %s", d.ID, c.Status, c.Detail)
		}
	}
	t.Logf("%d controls checked after the run; before: %s; after: %s", checked, before.Tally(), after.Tally())
}
