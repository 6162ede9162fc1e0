package cli

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/firstrun/firstrun/awsclient/simulator"
	"github.com/firstrun/firstrun/awsclient/simulator/simtest"
	"github.com/firstrun/firstrun/steps"
	"github.com/firstrun/firstrun/steps/checkpoint"
	"github.com/firstrun/firstrun/steps/step"
)

// isolate keeps the developer's AWS setup and state out of a test.
func isolate(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	for _, name := range []string{"config", "credentials"} {
		if err := os.WriteFile(filepath.Join(dir, name), nil, 0o600); err != nil {
			t.Fatal(err)
		}
	}
	t.Setenv("AWS_CONFIG_FILE", filepath.Join(dir, "config"))
	t.Setenv("AWS_SHARED_CREDENTIALS_FILE", filepath.Join(dir, "credentials"))
	t.Setenv("AWS_EC2_METADATA_DISABLED", "true")
	for _, name := range []string{"AWS_PROFILE", "AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN",
		"AWS_ENDPOINT_URL", "AWS_CONTAINER_CREDENTIALS_FULL_URI", "AWS_CONTAINER_CREDENTIALS_RELATIVE_URI"} {
		t.Setenv(name, "")
	}
	t.Setenv("AWS_REGION", "us-east-1")
	state := filepath.Join(dir, "state")
	t.Setenv("FIRSTRUN_STATE_DIR", state)
	return state
}

// useSimulator points the SDK's environment at a simulated account.
func useSimulator(t *testing.T, opts simulator.Options) *simulator.Simulator {
	t.Helper()
	sim, b := simtest.Start(t, opts)
	t.Setenv("AWS_ENDPOINT_URL", b.URL)
	t.Setenv("AWS_ACCESS_KEY_ID", b.Credentials.AccessKeyID)
	t.Setenv("AWS_SECRET_ACCESS_KEY", b.Credentials.SecretAccessKey)
	t.Setenv("AWS_SESSION_TOKEN", b.Credentials.SessionToken)
	return sim
}

func runMain(t *testing.T, stdin string, args ...string) (code int, stdout, stderr string) {
	t.Helper()
	var out, errOut bytes.Buffer
	code = Run(context.Background(), "", args, strings.NewReader(stdin), &out, &errOut)
	return code, out.String(), errOut.String()
}

func TestCredentialProblemsAreOneParagraphWithCauseAndFix(t *testing.T) {
	for _, tc := range []struct {
		name  string
		setup func(t *testing.T)
		want  []string
	}{
		{"no credentials", func(*testing.T) {}, []string{"no AWS credentials were found", "CloudShell", "--profile", "--demo"}},
		{"expired", func(t *testing.T) {
			sim := useSimulator(t, simulator.Options{})
			sim.ExpireCredentials(sim.Credentials().AccessKeyID)
		}, []string{"have expired", "ExpiredToken", "aws sso login", "resumes where it stopped"}},
		{"rejected", func(t *testing.T) {
			useSimulator(t, simulator.Options{})
			t.Setenv("AWS_ACCESS_KEY_ID", "AKIAFORGEDFORGEDFORG")
			t.Setenv("AWS_SESSION_TOKEN", "")
		}, []string{"rejected", "InvalidClientTokenId", "AWS_ACCESS_KEY_ID"}},
		{"access denied", func(t *testing.T) {
			sim := useSimulator(t, simulator.Options{})
			if err := sim.Faults().Add(simulator.Fault{Target: "sts:GetCallerIdentity", Kind: simulator.FaultDenied}); err != nil {
				t.Fatal(err)
			}
		}, []string{"AccessDenied", "not allowed to perform sts:GetCallerIdentity"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			isolate(t)
			tc.setup(t)
			code, stdout, stderr := runMain(t, "")
			if code == 0 {
				t.Errorf("exit code 0")
			}
			if stdout != "" {
				t.Errorf("stdout = %q", stdout)
			}
			msg := strings.TrimSpace(stderr)
			for _, w := range tc.want {
				if !strings.Contains(msg, w) {
					t.Errorf("message lacks %q:\n%s", w, msg)
				}
			}
			if strings.Count(msg, "\n") > 0 || strings.Contains(msg, "goroutine") {
				t.Errorf("not one paragraph:\n%s", msg)
			}
		})
	}
}

func TestWithoutATerminalTheWizardAsksInPlainLines(t *testing.T) {
	isolate(t)
	useSimulator(t, simulator.Options{})
	code, stdout, stderr := runMain(t, "1\n") // root email and phone reach me; then no more answers
	if code != exitWaiting {
		t.Errorf("exit %d, want %d when the answers run out; stderr %q", code, exitWaiting, stderr)
	}
	for _, want := range []string{"Step 1 of 25: Connect to the account", "Step 2 of 25: Contact details",
		"no more answers; stopped", "--accessible again to resume at \"Contact details\""} {
		if !strings.Contains(stdout, want) {
			t.Errorf("the transcript lacks %q:\n%s", want, stdout)
		}
	}
	if strings.Contains(stdout, "\x1b[") {
		t.Error("plain output has escape sequences")
	}
}

func TestStatusListsSavedSetupsAndWhereTheyResume(t *testing.T) {
	state := isolate(t)
	code, stdout, _ := runMain(t, "", "status")
	if code != 0 || !strings.Contains(stdout, "No saved setups") {
		t.Fatalf("empty status: %d %q", code, stdout)
	}
	s, err := checkpoint.Open(state, "111122223333", checkpoint.Options{})
	if err != nil {
		t.Fatal(err)
	}
	_ = s.Record("connect", checkpoint.StepRecord{Outcome: checkpoint.Verified})
	_ = s.Close()
	code, stdout, _ = runMain(t, "", "status")
	if code != 0 {
		t.Fatalf("status exit %d", code)
	}
	seq := steps.Sequence()
	next := seq[step.NextToRun(seq, s.Document(), 0)].ID
	for _, w := range []string{"111122223333", "connect (verified)", string(next), state} {
		if !strings.Contains(stdout, w) {
			t.Errorf("status lacks %q:\n%s", w, stdout)
		}
	}
}

func TestResetAsksAndForgets(t *testing.T) {
	state := isolate(t)
	s, err := checkpoint.Open(state, "111122223333", checkpoint.Options{})
	if err != nil {
		t.Fatal(err)
	}
	_ = s.Record("connect", checkpoint.StepRecord{Outcome: checkpoint.Verified})

	code, _, stderr := runMain(t, "y\n", "reset", "111122223333")
	if code == 0 || !strings.Contains(stderr, "already working on account 111122223333") {
		t.Errorf("reset under a running wizard: %d %q", code, stderr)
	}
	_ = s.Close()

	code, stdout, _ := runMain(t, "n\n", "reset")
	if code != 0 || !strings.Contains(stdout, "Nothing was forgotten") {
		t.Errorf("declined reset: %d %q", code, stdout)
	}
	if _, err := os.Stat(checkpoint.Path(state, "111122223333")); err != nil {
		t.Fatal("a declined reset removed the checkpoint")
	}
	code, stdout, _ = runMain(t, "y\n", "reset")
	if code != 0 || !strings.Contains(stdout, "Forgot the saved setup of account 111122223333") {
		t.Errorf("reset: %d %q", code, stdout)
	}
	if _, err := os.Stat(checkpoint.Path(state, "111122223333")); err == nil {
		t.Error("the checkpoint is still there")
	}
}

func TestVersionAndUsage(t *testing.T) {
	isolate(t)
	if code, out, _ := runMain(t, "", "--version"); code != 0 || !strings.HasPrefix(out, "firstrun ") {
		t.Errorf("--version: %d %q", code, out)
	}
	if code, _, errOut := runMain(t, "", "--no-such-flag"); code != exitUsage || !strings.Contains(errOut, "Usage") {
		t.Errorf("bad flag: %d %q", code, errOut)
	}
	if code, _, errOut := runMain(t, "", "frobnicate"); code != exitUsage || !strings.Contains(errOut, "unknown command") {
		t.Errorf("unknown command: %d %q", code, errOut)
	}
}
