//go:build !windows

package e2e

import (
	"bytes"
	"context"
	"encoding/base64"
	"encoding/json"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/credentials"
	"github.com/aws/aws-sdk-go-v2/service/accessanalyzer"
	aatypes "github.com/aws/aws-sdk-go-v2/service/accessanalyzer/types"
	"github.com/aws/aws-sdk-go-v2/service/iam"
	"github.com/aws/aws-sdk-go-v2/service/identitystore"
	"github.com/aws/aws-sdk-go-v2/service/ssoadmin"
	ssotypes "github.com/aws/aws-sdk-go-v2/service/ssoadmin/types"
	tea "github.com/charmbracelet/bubbletea"

	"github.com/firstrun/firstrun/awsclient"
	"github.com/firstrun/firstrun/awsclient/simulator"
	"github.com/firstrun/firstrun/awsclient/simulator/simtest"
	"github.com/firstrun/firstrun/steps/billing"
	"github.com/firstrun/firstrun/steps/checkpoint"
	"github.com/firstrun/firstrun/steps/iamuser"
	"github.com/firstrun/firstrun/steps/identitycenter"
	"github.com/firstrun/firstrun/steps/rootuser"
	"github.com/firstrun/firstrun/steps/steptest"
	"github.com/firstrun/firstrun/steps/summary"
)

// nobody is the user the binary runs as where file permissions are the point and the test
// runs as root, whom permissions do not stop.
const nobody = 65534

// scene is what a bad-input case works on: a simulated account served by this test
// process, and a state directory holding a saved setup of it, which no case may change.
type scene struct {
	t          *testing.T
	sim        *simulator.Simulator
	creds      aws.Credentials
	endpoint   string // where the binary sends its calls: the simulator, or a wire in front of it
	state      string // FIRSTRUN_STATE_DIR
	checkpoint string // the saved setup's file
	home, work string
	args       []string          // the binary's arguments; --plan unless a case says otherwise
	env        map[string]string // added to, or with "" taken out of, the binary's environment
	// unprivileged runs the binary as nobody when the test runs as root.
	unprivileged bool
}

func newScene(t *testing.T) *scene {
	t.Helper()
	sim, b := simtest.Start(t, simulator.Options{})
	s := &scene{t: t, sim: sim, creds: b.Credentials, endpoint: b.URL, state: t.TempDir(), home: t.TempDir(),
		work: t.TempDir(), args: []string{"--plan"}, env: map[string]string{}}
	store, err := checkpoint.Open(s.state, sim.AccountID(), checkpoint.Options{ToolVersion: "test"})
	if err != nil {
		t.Fatal(err)
	}
	for id, rec := range map[string]checkpoint.StepRecord{
		"connect":      {Outcome: checkpoint.Verified, Resources: map[string]string{"account_id": sim.AccountID()}},
		"billing-role": {Outcome: checkpoint.Verified, Resources: map[string]string{"role_name": "Billing"}},
	} {
		if err := store.Record(id, rec); err != nil {
			t.Fatal(err)
		}
	}
	s.checkpoint = store.Path()
	if err := store.Close(); err != nil {
		t.Fatal(err)
	}
	return s
}

// environ is the binary's environment: clean, pointed at the scene, then the case's own.
func (s *scene) environ() []string {
	vars := map[string]string{
		"PATH": os.Getenv("PATH"), "HOME": s.home, "FIRSTRUN_STATE_DIR": s.state,
		"AWS_ENDPOINT_URL": s.endpoint, "AWS_REGION": "us-east-1", "AWS_EC2_METADATA_DISABLED": "true",
		"AWS_ACCESS_KEY_ID": s.creds.AccessKeyID, "AWS_SECRET_ACCESS_KEY": s.creds.SecretAccessKey,
		"AWS_SESSION_TOKEN": s.creds.SessionToken,
		"AWS_CONFIG_FILE":   filepath.Join(s.home, "none"), "AWS_SHARED_CREDENTIALS_FILE": filepath.Join(s.home, "none"),
	}
	for k, v := range s.env {
		vars[k] = v
	}
	var env []string
	for k, v := range vars {
		if v != "" {
			env = append(env, k+"="+v)
		}
	}
	return env
}

// run runs the binary without a terminal and returns its exit code and everything it
// printed.
func (s *scene) run() (int, string) {
	s.t.Helper()
	cmd := exec.Command(binary, s.args...)
	cmd.Env, cmd.Dir = s.environ(), s.work
	if s.unprivileged && os.Geteuid() == 0 {
		s.handTo(nobody)
		cmd.SysProcAttr = &syscall.SysProcAttr{Credential: &syscall.Credential{Uid: nobody, Gid: nobody}}
	}
	var out bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &out
	err := cmd.Run()
	var exit *exec.ExitError
	switch {
	case errors.As(err, &exit):
		return exit.ExitCode(), out.String()
	case err != nil:
		s.t.Fatal(err)
	}
	return 0, out.String()
}

// handTo gives the scene's folders to uid and lets it reach them and the binary.
func (s *scene) handTo(uid int) {
	s.t.Helper()
	for _, dir := range []string{s.state, s.home, s.work} {
		err := filepath.Walk(dir, func(path string, _ os.FileInfo, err error) error {
			if err != nil {
				return err
			}
			return os.Lchown(path, uid, uid)
		})
		if err != nil {
			s.t.Fatal(err)
		}
		if err := os.Chmod(filepath.Dir(dir), 0o711); err != nil { // t.TempDir's parent
			s.t.Fatal(err)
		}
	}
	if err := os.Chmod(filepath.Dir(binary), 0o711); err != nil {
		s.t.Fatal(err)
	}
}

// replaceCheckpoint puts data where the saved setup is.
func (s *scene) replaceCheckpoint(data []byte) {
	s.t.Helper()
	if err := os.WriteFile(s.checkpoint, data, 0o600); err != nil {
		s.t.Fatal(err)
	}
}

func (s *scene) savedBytes() []byte {
	s.t.Helper()
	data, err := os.ReadFile(s.checkpoint)
	if err != nil {
		s.t.Fatal(err)
	}
	return data
}

// aws is an SDK configuration that reaches the scene's account directly, for arranging it.
func (s *scene) aws() aws.Config {
	s.t.Helper()
	cfg, err := awsclient.LoadConfig(context.Background(), awsclient.Options{Isolated: true, EndpointURL: s.endpoint,
		Region: "us-east-1", Credentials: credentials.StaticCredentialsProvider{Value: s.creds}})
	if err != nil {
		s.t.Fatal(err)
	}
	return cfg
}

// audit runs firstrun audit --json and returns the detail of the control of step id.
func (s *scene) audit(id string) string {
	s.t.Helper()
	s.args = []string{"audit", "--json"}
	_, out := s.run()
	var report struct {
		Controls []struct{ ID, Status, Detail string }
	}
	if err := json.Unmarshal([]byte(out[strings.Index(out, "{"):]), &report); err != nil {
		s.t.Fatalf("audit output: %v\n%s", err, out)
	}
	for _, c := range report.Controls {
		if c.ID == id {
			return c.Status + ": " + c.Detail
		}
	}
	s.t.Fatalf("no control %s in\n%s", id, out)
	return ""
}

// answerWith puts a wire in front of the account that changes the answers of op.
func (s *scene) answerWith(op string, change func([]byte) []byte) {
	w := &wire{answer: func(got string, body []byte) []byte {
		if got == op {
			return change(body)
		}
		return body
	}}
	startWire(s.t, s.endpoint, w)
	s.endpoint = w.URL
}

// credentialReport makes IAM hold a credential report and a wire replace its CSV with csv.
func (s *scene) credentialReport(csv string) {
	s.t.Helper()
	api := iam.NewFromConfig(s.aws())
	deadline := time.Now().Add(timeout)
	for {
		out, err := api.GenerateCredentialReport(context.Background(), &iam.GenerateCredentialReportInput{})
		if err != nil {
			s.t.Fatal(err)
		}
		if out.State == "COMPLETE" {
			break
		}
		if time.Now().After(deadline) {
			s.t.Fatal("the credential report never completed")
		}
		time.Sleep(10 * time.Millisecond) // polling the simulated account
	}
	content := regexp.MustCompile(`<Content>[^<]*</Content>`)
	s.answerWith("GetCredentialReport", func(body []byte) []byte {
		return content.ReplaceAll(body, []byte("<Content>"+base64.StdEncoding.EncodeToString([]byte(csv))+"</Content>"))
	})
}

// reportHeader is the credential report's header, as IAM writes it.
const reportHeader = "user,arn,user_creation_time,password_enabled,password_last_used,password_last_changed," +
	"password_next_rotation,mfa_active,access_key_1_active,access_key_1_last_rotated,access_key_1_last_used_date," +
	"access_key_1_last_used_region,access_key_1_last_used_service,access_key_2_active,access_key_2_last_rotated," +
	"access_key_2_last_used_date,access_key_2_last_used_region,access_key_2_last_used_service,cert_1_active," +
	"cert_1_last_rotated,cert_2_active,cert_2_last_rotated\n"

// badInput is one case of the catalogue: what is wrong, and what the operator must read.
type badInput struct {
	area, name string
	// prepare makes the scene bad: arguments, environment, files, the account's answers.
	prepare func(s *scene)
	// act, when set, is what the operator does instead of running the binary with s.args;
	// it returns what they read.
	act func(s *scene) string
	// code is the binary's exit code, for cases without act.
	code int
	// want are phrases the message must hold: its cause and what to do about it.
	want []string
}

// badInputs is the catalogue: every kind of bad input firstrun meets, at a field, on the
// command line, in an answers file, in its state, in the environment and from AWS.
var badInputs = []badInput{
	// Fields: the validators behind the screens' fields and the answers file.
	{area: "field", name: "admin email", act: func(*scene) string { return errText(identitycenter.ValidateEmail("jane@")) },
		want: []string{`"jane@" is not an email address`, "like name@example.com"}},
	{area: "field", name: "Identity Center Region", act: func(*scene) string { return errText(identitycenter.ValidateRegion("narnia")) },
		want: []string{`"narnia" is not an AWS Region name`, "Regions look like us-east-1"}},
	{area: "field", name: "session duration", act: func(*scene) string { return errText(identitycenter.ValidateSessionDuration("PT13H")) },
		want: []string{"from PT1H (1 hour) to PT12H (12 hours)", "PT13H is 13h"}},
	{area: "field", name: "budget amount", act: func(*scene) string { return errText(billing.ValidateBudgetAmount("ten")) },
		want: []string{"use digits", "for example 50 or 49.99"}},
	{area: "field", name: "root contact phone", act: func(*scene) string { return errText(rootuser.ValidatePhone("call me")) },
		want: []string{"use digits, spaces and + ( ) - only", "for example +1 206 555 0100"}},
	{area: "field", name: "MFA code", act: func(*scene) string {
		return errText(iamuser.CheckCodes("JBSWY3DPEHPK3PXP", "12a456", "123456", time.Now()))
	}, want: []string{"A code is 6 digits, as the app shows it."}},
	{area: "field", name: "report path", act: func(*scene) string { return errText(summary.ValidateReportPath("no-such/report.md")) },
		want: []string{"the folder no-such does not exist"}},
	{area: "field", name: "role name on its screen", act: func(s *scene) string {
		h := steptest.New(s.t, simulator.Options{})
		run := h.RunStep("billing-role")
		run.WaitFor("Role name")
		run.Send(tea.KeyMsg{Type: tea.KeyCtrlU})
		run.Type("Billing Role!")
		run.Press("enter")
		run.WaitFor("no spaces")
		if n := len(h.MutatingCalls()); n != 0 {
			s.t.Errorf("a refused name made %d changes", n)
		}
		return run.Frame()
	}, want: []string{"use only letters, digits and + = , . @ _ - (no spaces)"}},

	// Flags: refused before anything runs.
	{area: "flag", name: "unknown flag", prepare: args("--regoin", "us-east-1"), code: 2,
		want: []string{"flag provided but not defined: -regoin", "Usage:"}},
	{area: "flag", name: "bad --region", prepare: args("--region", "narnia", "--plan"), code: 2,
		want: []string{`--region: "narnia" is not an AWS Region name`, "Regions look like us-east-1"}},
	{area: "flag", name: "bad --endpoint-url", prepare: args("--endpoint-url", "localhost:4566", "--plan"), code: 2,
		want: []string{`--endpoint-url: "localhost:4566" is not an endpoint URL`, "like https://host"}},
	{area: "flag", name: "--endpoint-url without a host", prepare: args("--endpoint-url", "https://", "--plan"), code: 2,
		want: []string{`"https://" is not an endpoint URL`}},
	{area: "flag", name: "--aws-timeout too short", prepare: args("--aws-timeout", "10ms", "--plan"), code: 2,
		want: []string{"--aws-timeout 10ms is too short for any AWS call", "such as 30s"}},
	{area: "flag", name: "--plan with --non-interactive", prepare: args("--plan", "--non-interactive"), code: 2,
		want: []string{"--plan changes nothing and --non-interactive changes what it can: choose one"}},
	{area: "flag", name: "--demo with --profile", prepare: args("--demo", "--profile", "work", "--plan"), code: 2,
		want: []string{"--profile and --endpoint-url don't apply to it", "leave them out"}},
	{area: "flag", name: "--debug without a file", prepare: args("--plan", "--debug"), code: 2,
		want: []string{"flag needs an argument: -debug", "Usage:"}},
	{area: "flag", name: "--debug-http without --debug", prepare: args("--plan", "--debug-http"), code: 2,
		want: []string{"--debug-http adds to the debug log: give --debug FILE too"}},
	{area: "flag", name: "--debug in a missing folder", prepare: args("--plan", "--debug", "/no/such/folder/debug.log"), code: 2,
		want: []string{"--debug: open the debug log", "no such file or directory", "name a file in a folder you can write"}},
	{area: "flag", name: "a word that is no command", prepare: args("resume"), code: 2,
		want: []string{`unknown command "resume" (try firstrun help)`}},

	// Answers files: refused whole, each problem with its line, before anything runs.
	{area: "answers", name: "missing file", prepare: args("--plan", "--answers", "no-such.yaml"), code: 2,
		want: []string{"no-such.yaml: cannot read the answers file", "nothing ran. Correct it and run firstrun again"}},
	{area: "answers", name: "unknown key", prepare: answersFile("unknown-key.yaml"), code: 2,
		want: []string{"unknown-key.yaml:3: regoin: ", "Correct it and run firstrun again"}},
	{area: "answers", name: "newer version", prepare: answersFile("newer-version.yaml"), code: 2,
		want: []string{"newer-version.yaml:2: version: ", "Correct it and run firstrun again"}},
	{area: "answers", name: "tabs", prepare: answersFile("tabs.yaml"), code: 2,
		want: []string{"tabs.yaml:3", "Correct it and run firstrun again"}},

	// The saved state: refused and left as it is, or (permissions) repaired.
	{area: "checkpoint", name: "truncated", prepare: func(s *scene) { s.replaceCheckpoint(s.savedBytes()[:40]) }, code: 1,
		want: []string{"checkpoint file is damaged", "cut short", "move it aside or run firstrun reset", "nothing is made twice"}},
	{area: "checkpoint", name: "corrupted", prepare: func(s *scene) {
		s.replaceCheckpoint([]byte(`{"schema_version": 1, "account_id": "` + s.sim.AccountID() + `", "steps": 5}`))
	}, code: 1, want: []string{"checkpoint file is damaged", "cannot unmarshal number", "move it aside or run firstrun reset"}},
	{area: "checkpoint", name: "another account's", prepare: func(s *scene) {
		s.replaceCheckpoint(bytes.Replace(s.savedBytes(), []byte(`"account_id": "`+s.sim.AccountID()), []byte(`"account_id": "111122223333`), 1))
	}, code: 1, want: []string{"belongs to account 111122223333, not ", "move it aside or run firstrun reset"}},
	{area: "checkpoint", name: "newer schema", prepare: func(s *scene) {
		s.replaceCheckpoint(bytes.Replace(s.savedBytes(), []byte(`"schema_version": 1`), []byte(`"schema_version": 99`), 1))
	}, code: 1, want: []string{"has schema version 99 and this firstrun reads up to 1", "upgrade firstrun to resume this setup"}},
	{area: "checkpoint", name: "readable by others", prepare: func(s *scene) {
		if err := os.Chmod(s.checkpoint, 0o644); err != nil {
			s.t.Fatal(err)
		}
	}, act: func(s *scene) string {
		code, out := s.run()
		info, err := os.Stat(s.checkpoint)
		if code != 0 || err != nil || info.Mode().Perm() != 0o600 {
			s.t.Errorf("exit %d, mode %v (%v); want the plan, and the file repaired to 0600", code, info.Mode().Perm(), err)
		}
		return out
	}, want: []string{"could be read by other users; it is now readable only by you (mode 0600)"}},
	{area: "checkpoint", name: "unreadable directory", prepare: func(s *scene) {
		s.unprivileged = true
		s.t.Cleanup(func() { _ = os.Chmod(s.state, 0o700) })
		if err := os.Chmod(s.state, 0o000); err != nil {
			s.t.Fatal(err)
		}
	}, code: 1, want: []string{"can't keep its progress in", "permission denied", "readable and writable by you (chmod u+rwx)", "FIRSTRUN_STATE_DIR"}},
	{area: "checkpoint", name: "read-only directory", prepare: func(s *scene) {
		s.unprivileged = true
		s.t.Cleanup(func() { _ = os.Chmod(s.state, 0o700) })
		if err := os.Chmod(s.state, 0o500); err != nil {
			s.t.Fatal(err)
		}
	}, code: 1, want: []string{"can't keep its progress in", "permission denied", "readable and writable by you (chmod u+rwx)", "nothing in AWS has changed"}},
	{area: "checkpoint", name: "a file where the directory goes", prepare: func(s *scene) {
		s.env["FIRSTRUN_STATE_DIR"] = s.checkpoint
	}, code: 1, want: []string{"can't keep its progress in", "not a directory", "not a folder is in the way", "FIRSTRUN_STATE_DIR"}},

	// The environment.
	{area: "environment", name: "no HOME and no state directory", prepare: func(s *scene) {
		s.env["HOME"], s.env["FIRSTRUN_STATE_DIR"], s.env["XDG_STATE_HOME"] = "", "", ""
	}, code: 1, want: []string{"no state directory: set FIRSTRUN_STATE_DIR (or XDG_STATE_HOME, or HOME)"}},
	{area: "environment", name: "unknown Region", prepare: setenv("AWS_REGION", "mars-east-1"), code: 1,
		want: []string{`the Region from AWS_REGION: "mars-east-1" is not an AWS Region name`, "Set a valid one, or pass --region"}},
	{area: "environment", name: "invalid endpoint URL", prepare: setenv("AWS_ENDPOINT_URL", "localhost:4566"), code: 1,
		want: []string{`the endpoint from AWS_ENDPOINT_URL: "localhost:4566" is not an endpoint URL`, "unset it to reach AWS itself"}},
	{area: "environment", name: "AWS_PROFILE names a missing profile", prepare: setenv("AWS_PROFILE", "nosuch"), code: 1,
		want: []string{"the AWS profile could not be loaded", "nosuch", "aws configure list-profiles"}},
	{area: "environment", name: "no credentials", prepare: func(s *scene) {
		s.env["AWS_ACCESS_KEY_ID"], s.env["AWS_SECRET_ACCESS_KEY"], s.env["AWS_SESSION_TOKEN"] = "", "", ""
	}, code: 1, want: []string{"no AWS credentials were found", "AWS CloudShell", "--demo"}},
	{area: "environment", name: "credentials AWS rejects", prepare: setenv("AWS_ACCESS_KEY_ID", "ASIAQQQQQQQQQQQQQQQQ"), code: 1,
		want: []string{"AWS rejected the credentials", "InvalidClientTokenId", "Check AWS_ACCESS_KEY_ID"}},
	{area: "environment", name: "expired credentials", prepare: func(s *scene) { s.sim.ExpireCredentials(s.creds.AccessKeyID) }, code: 1,
		want: []string{"the AWS credentials have expired", "ExpiredToken", "aws sso login --profile NAME",
			"run firstrun again: it resumes where it stopped"}},
	{area: "environment", name: "credentials that may not ask who they are", prepare: func(s *scene) {
		if err := s.sim.Faults().Add(simulator.Fault{Target: "sts:GetCallerIdentity", Kind: simulator.FaultDenied}); err != nil {
			s.t.Fatal(err)
		}
	}, code: 1, want: []string{"may not even ask AWS who they belong to", "sts:GetCallerIdentity failed: AccessDenied",
		"ask an administrator to allow sts:GetCallerIdentity"}},

	// What AWS answers: the SDK parses it, firstrun can't use it, and says so.
	{area: "aws", name: "credential report without a column", prepare: func(s *scene) {
		s.credentialReport("user,arn\n<root_account>,arn:aws:iam::123456789012:root\n")
	}, act: func(s *scene) string { return s.audit("credential-report") },
		want: []string{"error: iam:GetCredentialReport failed: AWS sent a credential report firstrun can't read",
			"no user_creation_time column", "download it from the IAM console's Credential report page"}},
	{area: "aws", name: "credential report with a value of the wrong kind", prepare: func(s *scene) {
		s.credentialReport(reportHeader + "<root_account>,arn:aws:iam::123456789012:root,2026-01-01T00:00:00+00:00,maybe," +
			"N/A,N/A,N/A,false,false,N/A,N/A,N/A,N/A,false,N/A,N/A,N/A,N/A,false,N/A,false,N/A\n")
	}, act: func(s *scene) string { return s.audit("credential-report") },
		want: []string{"credential report line 2 (<root_account>): password_enabled is \"maybe\"", "report this message"}},
	{area: "aws", name: "analyzer status unknown", prepare: func(s *scene) {
		if _, err := accessanalyzer.NewFromConfig(s.aws()).CreateAnalyzer(context.Background(), &accessanalyzer.CreateAnalyzerInput{
			AnalyzerName: aws.String("firstrun"), Type: aatypes.TypeAccount}); err != nil {
			s.t.Fatal(err)
		}
		s.answerWith("GET /analyzer", func(body []byte) []byte {
			return bytes.ReplaceAll(body, []byte(`"status":"ACTIVE"`), []byte(`"status":"MIGRATING"`))
		})
	}, act: func(s *scene) string { return s.audit("access-analyzer") },
		want: []string{"fail: The analyzer firstrun in us-east-1 is MIGRATING, not active", "Analyzer settings page"}},
	{area: "aws", name: "assignment status unknown", act: func(s *scene) string {
		a, instance := s.assignable()
		s.answerWith("DescribeAccountAssignmentCreationStatus", func(body []byte) []byte {
			return regexp.MustCompile(`"Status":"[A-Z_]+"`).ReplaceAll(body, []byte(`"Status":"PAUSED"`))
		})
		api := ssoadmin.NewFromConfig(s.aws())
		_, err := identitycenter.EnsureAssignment(context.Background(), api, instance, a,
			identitycenter.Waiter{Every: time.Millisecond, Timeout: time.Second})
		p := awsclient.Explain(err)
		return p.Summary() + " " + p.Fix
	}, want: []string{"sso:DescribeAccountAssignmentCreationStatus failed", `reports the assignment as "PAUSED", a status this firstrun does not know`,
		"look at it in the IAM Identity Center console"}},
}

// assignable arranges, through the API, what an account assignment needs: Identity
// Center, a group and a permission set.
func (s *scene) assignable() (identitycenter.Assignment, string) {
	s.t.Helper()
	ctx := context.Background()
	ic, err := s.sim.Console().EnableIdentityCenter("us-east-1")
	if err != nil {
		s.t.Fatal(err)
	}
	cfg := s.aws()
	group, err := identitystore.NewFromConfig(cfg).CreateGroup(ctx, &identitystore.CreateGroupInput{
		IdentityStoreId: aws.String(ic.IdentityStoreID), DisplayName: aws.String("Admins")})
	if err != nil {
		s.t.Fatal(err)
	}
	ps, err := ssoadmin.NewFromConfig(cfg).CreatePermissionSet(ctx, &ssoadmin.CreatePermissionSetInput{
		InstanceArn: aws.String(ic.InstanceARN), Name: aws.String("AdministratorAccess")})
	if err != nil {
		s.t.Fatal(err)
	}
	return identitycenter.Assignment{AccountID: s.sim.AccountID(), PermissionSetARN: aws.ToString(ps.PermissionSet.PermissionSetArn),
		PrincipalType: ssotypes.PrincipalTypeGroup, PrincipalID: aws.ToString(group.GroupId)}, ic.InstanceARN
}

func args(a ...string) func(*scene) { return func(s *scene) { s.args = a } }

func setenv(k, v string) func(*scene) { return func(s *scene) { s.env[k] = v } }

func answersFile(name string) func(*scene) {
	return func(s *scene) {
		path, err := filepath.Abs(filepath.Join("..", "cli", "testdata", "answers", name))
		if err != nil {
			s.t.Fatal(err)
		}
		s.args = []string{"--plan", "--answers", path}
	}
}

func errText(err error) string {
	if err == nil {
		return "(accepted)"
	}
	return err.Error()
}

// stackTrace catches what a panic or a raw Go error would print.
var stackTrace = regexp.MustCompile(`goroutine \d+|panic:|\.go:\d+`)

// TestBadInputCatalogue feeds firstrun every kind of bad input. Each gets a message that
// names the cause and what to do, never a stack trace, and leaves the saved setup as it
// was, byte for byte.
func TestBadInputCatalogue(t *testing.T) {
	if len(badInputs) < 30 {
		t.Fatalf("the catalogue has %d cases; the issue asks for at least 30", len(badInputs))
	}
	for _, c := range badInputs {
		t.Run(c.area+"/"+c.name, func(t *testing.T) {
			t.Parallel()
			s := newScene(t)
			if c.prepare != nil {
				c.prepare(s)
			}
			before, beforeErr := os.ReadFile(s.checkpoint)
			var msg string
			if c.act != nil {
				msg = c.act(s)
			} else {
				var code int
				code, msg = s.run()
				if code != c.code {
					t.Errorf("exit code %d, want %d", code, c.code)
				}
			}
			for _, w := range c.want {
				if !strings.Contains(msg, w) {
					t.Errorf("the message lacks %q:\n%s", w, msg)
				}
			}
			if m := stackTrace.FindString(msg); m != "" {
				t.Errorf("a stack trace (%q):\n%s", m, msg)
			}
			_ = os.Chmod(s.state, 0o700) // a case may have locked the test out
			after, afterErr := os.ReadFile(s.checkpoint)
			if !bytes.Equal(before, after) || (beforeErr == nil) != (afterErr == nil) {
				t.Errorf("the saved setup changed:\nbefore %s\nafter  %s", before, after)
			}
		})
	}
}
