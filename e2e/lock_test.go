//go:build !windows

package e2e

import (
	"bytes"
	"errors"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/firstrun/firstrun/awsclient/simulator"
	"github.com/firstrun/firstrun/awsclient/simulator/simtest"
)

// simulatorEnv points the binary at a simulated account served by this test process.
func simulatorEnv(t *testing.T, state string) (*simulator.Simulator, []string) {
	t.Helper()
	sim, b := simtest.Start(t, simulator.Options{})
	return sim, []string{
		"FIRSTRUN_STATE_DIR=" + state,
		"AWS_ENDPOINT_URL=" + b.URL,
		"AWS_REGION=us-east-1",
		"AWS_ACCESS_KEY_ID=" + b.Credentials.AccessKeyID,
		"AWS_SECRET_ACCESS_KEY=" + b.Credentials.SecretAccessKey,
		"AWS_SESSION_TOKEN=" + b.Credentials.SessionToken,
		"AWS_EC2_METADATA_DISABLED=true",
		"AWS_CONFIG_FILE=" + filepath.Join(state, "none"),
		"AWS_SHARED_CREDENTIALS_FILE=" + filepath.Join(state, "none"),
	}
}

// runPlain runs the binary without a terminal and returns its exit code and stderr.
func runPlain(t *testing.T, env []string, args ...string) (int, string) {
	t.Helper()
	cmd := exec.Command(binary, args...)
	cmd.Env = append([]string{"HOME=" + t.TempDir()}, env...)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	err := cmd.Run()
	var exitErr *exec.ExitError
	if errors.As(err, &exitErr) {
		return exitErr.ExitCode(), stderr.String()
	}
	if err != nil {
		t.Fatal(err)
	}
	return 0, stderr.String()
}

func TestASecondRunOnTheSameAccountSaysWhoHoldsIt(t *testing.T) {
	state := t.TempDir()
	sim, env := simulatorEnv(t, state)

	first := start(t, env)
	first.WaitFor("Welcome", "account "+sim.AccountID())

	code, stderr := runPlain(t, env)
	want := "another firstrun (process " + strconv.Itoa(first.cmd.Process.Pid) + " on "
	if code == 0 || !strings.Contains(stderr, want) || !strings.Contains(stderr, "already working on account "+sim.AccountID()) {
		t.Fatalf("second run: exit %d, stderr %q; want it to name process %d", code, stderr, first.cmd.Process.Pid)
	}

	// A killed run leaves no lock behind: the operating system drops it with the process.
	first.Kill()
	third := start(t, env)
	third.WaitFor("Welcome", "account "+sim.AccountID())
}

func TestTheSimulatedAccountServesOneDemoAtATime(t *testing.T) {
	env := []string{"FIRSTRUN_STATE_DIR=" + t.TempDir()}
	first := start(t, env, "--demo")
	first.WaitFor("Welcome")
	code, stderr := runPlain(t, env, "--demo")
	if code == 0 || !strings.Contains(stderr, "the simulated account is in use by another firstrun") {
		t.Fatalf("second demo: exit %d, stderr %q", code, stderr)
	}
	first.Kill()
	again := start(t, env, "--demo")
	again.WaitFor("Welcome")
}
