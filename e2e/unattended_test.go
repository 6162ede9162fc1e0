//go:build !windows

package e2e

import (
	"bytes"
	"errors"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// runBinary runs the built firstrun without a terminal, as a script does, and returns its
// exit code and output.
func runBinary(t *testing.T, state string, args ...string) (code int, stdout, stderr string) {
	t.Helper()
	cmd := exec.Command(binary, args...)
	cmd.Dir = t.TempDir() // where a report the summary writes lands
	cmd.Env = append(cmd.Environ(), "FIRSTRUN_STATE_DIR="+state, "AWS_CONFIG_FILE=/dev/null",
		"AWS_SHARED_CREDENTIALS_FILE=/dev/null", "AWS_EC2_METADATA_DISABLED=true")
	var out, errOut bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errOut
	err := cmd.Run()
	var exit *exec.ExitError
	switch {
	case errors.As(err, &exit):
		code = exit.ExitCode()
	case err != nil:
		t.Fatal(err)
	}
	return code, out.String(), errOut.String()
}

func TestAScriptRunsTheDemoWithAnswersAndNoTerminal(t *testing.T) {
	example, err := filepath.Abs(filepath.Join("..", "assets", "answers.example.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	malformed, err := filepath.Abs(filepath.Join("..", "cli", "testdata", "answers", "unknown-key.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	state := t.TempDir()
	code, stdout, stderr := runBinary(t, state, "--demo", "--answers", example)
	if code != 3 {
		t.Fatalf("exit code %d, want 3 (waiting for the operator)\n%s%s", code, stdout, stderr)
	}
	if strings.Contains(stdout+stderr, "\x1b") {
		t.Errorf("escape sequences without a terminal:\n%q", stdout+stderr)
	}
	if !strings.Contains(stdout, "root-mfa") || !strings.Contains(stdout, "waiting") {
		t.Errorf("no progress log:\n%s", stdout)
	}

	code, _, stderr = runBinary(t, state, "--demo", "--answers", malformed)
	if code != 2 || !strings.Contains(stderr, "unknown-key.yaml:3: regoin: ") {
		t.Errorf("a bad answers file: exit code %d\n%s", code, stderr)
	}
}
