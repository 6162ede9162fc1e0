//go:build !windows

package e2e

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/firstrun/firstrun/awsclient/simulator"
	"github.com/firstrun/firstrun/steps"
	"github.com/firstrun/firstrun/steps/checkpoint"
	"github.com/firstrun/firstrun/steps/step"
)

// waitForRecord polls the checkpoint file until step id has a final outcome.
func waitForRecord(t *testing.T, path, id string) checkpoint.Document {
	t.Helper()
	deadline := time.Now().Add(timeout)
	for {
		doc, err := checkpoint.Read(path)
		if err == nil && doc.Steps[id].Outcome.Final() {
			return doc
		}
		if time.Now().After(deadline) {
			t.Fatalf("%s never recorded %s (last error %v)", path, id, err)
		}
		time.Sleep(10 * time.Millisecond) // polling a file another process writes
	}
}

// afterConnect is the title of the step a run shows after Connect.
func afterConnect(t *testing.T) string {
	t.Helper()
	seq := steps.Sequence()
	i := step.NextToRun(seq, checkpoint.Document{Steps: map[string]checkpoint.StepRecord{
		"connect": {Outcome: checkpoint.Verified}}}, 0)
	return seq[i].Title
}

func TestDemoSurvivesAKillAndResumes(t *testing.T) {
	next := afterConnect(t)
	state := t.TempDir()
	env := []string{"FIRSTRUN_STATE_DIR=" + state}

	first := start(t, env, "--demo")
	first.WaitFor("Welcome", "[simulated account]", "Nothing in the account changes until you confirm it")
	first.Send("\r")
	first.WaitFor("Connect to the account", "Root MFA", "not enabled")
	first.Send("\r")
	first.WaitFor(next)
	files, _ := filepath.Glob(filepath.Join(state, "demo", "progress-*.json"))
	if len(files) != 1 {
		t.Fatalf("checkpoints in the demo state directory: %v", files)
	}
	waitForRecord(t, files[0], "connect")
	first.Kill()

	second := start(t, env, "--demo")
	second.WaitFor("Resume", "Resume at: "+next, "Connect to the account, verified")
	second.Send("\r")
	second.WaitFor(next, "step ")
	second.Send("\x03") // Ctrl-C
	if code := second.Exit(); code != 130 {
		t.Fatalf("exit code %d, want 130 after Ctrl-C; output:\n%s", code, second.Output())
	}
	if !strings.Contains(second.Output(), "run firstrun --demo again to resume") {
		t.Errorf("no farewell after the program; output ends:\n%s", tail(second.Output()))
	}

	info, err := os.Stat(files[0])
	if err != nil {
		t.Fatal(err)
	}
	if info.Mode().Perm() != 0o600 {
		t.Errorf("checkpoint mode %v, want 0600", info.Mode().Perm())
	}
	var raw map[string]any
	data, _ := os.ReadFile(files[0])
	if err := json.Unmarshal(data, &raw); err != nil || raw["schema_version"] != float64(checkpoint.SchemaVersion) {
		t.Errorf("schema_version = %v (%v)", raw["schema_version"], err)
	}
	if real, _ := filepath.Glob(filepath.Join(state, "progress-*.json")); len(real) != 0 {
		t.Errorf("the demo wrote real-account state: %v", real)
	}
}

// TestResumeRepeatsNoWork runs the binary against a simulated account in this process, as
// any AWS endpoint would be reached, so the simulator's call log shows what each run did.
func TestResumeRepeatsNoWork(t *testing.T) {
	state := t.TempDir()
	sim, env := simulatorEnv(t, state)
	next := afterConnect(t)
	first := start(t, env)
	first.WaitFor("Welcome", "account "+sim.AccountID())
	first.Send("\r")
	first.WaitFor("Connect to the account", "Root MFA")
	first.Send("\r")
	first.WaitFor(next)
	waitForRecord(t, checkpoint.Path(state, sim.AccountID()), "connect")
	first.Kill()
	afterFirst := len(sim.Calls())

	second := start(t, env)
	second.WaitFor("Resume at: " + next)
	second.Send("\x03") // Ctrl-C
	if code := second.Exit(); code != 130 {
		t.Fatalf("exit code %d, want 130 after Ctrl-C", code)
	}
	for _, c := range sim.Calls()[afterFirst:] {
		if c.Operation != "GetCallerIdentity" {
			t.Errorf("the resume screen called %s:%s; only the identity check should repeat", c.Service, c.Operation)
		}
	}
	if n := simulator.CountMutating(sim.Calls()); n != 0 {
		t.Errorf("%d mutating calls", n)
	}
}

func tail(s string) string {
	if len(s) > 400 {
		return s[len(s)-400:]
	}
	return s
}
