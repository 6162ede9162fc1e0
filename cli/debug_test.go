package cli

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/firstrun/firstrun/awsclient/simulator"
)

// TestDebugLogFollowsARun: FIRSTRUN_DEBUG names the log; a run without a screen writes
// there, privately, its steps with their outcomes and every AWS call with its status and
// attempts, and writes nothing of it to the terminal.
func TestDebugLogFollowsARun(t *testing.T) {
	isolate(t)
	sim := useSimulator(t, simulator.Options{})
	if err := sim.Faults().Add(simulator.Fault{Target: "account:PutAlternateContact", Kind: simulator.FaultThrottle, Times: 1}); err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "debug.log")
	t.Setenv(debugEnv, path)
	code, stdout, stderr := runMain(t, "", "--answers", example(t), "--non-interactive")
	if code != exitWaiting {
		t.Fatalf("exit %d\n%s%s", code, stdout, stderr)
	}
	if strings.Contains(stdout+stderr, "aws call") {
		t.Errorf("the debug log reached the terminal:\n%s%s", stdout, stderr)
	}
	info, err := os.Stat(path)
	if err != nil {
		t.Fatal(err)
	}
	if info.Mode().Perm() != 0o600 {
		t.Errorf("mode %v, want 0600", info.Mode().Perm())
	}
	data, _ := os.ReadFile(path)
	log := string(data)
	for _, want := range []string{
		`msg="firstrun started"`,
		`msg=caller account=` + sim.AccountID(),
		`msg="step started" step=contacts`,
		`msg="step saved" step=contacts outcome=verified`,
		`msg="aws call" service=STS operation=GetCallerIdentity region=us-east-1 status=200`,
		`operation=PutAlternateContact region=us-east-1 status=200`, `attempts=2`,
		`msg="aws call failed" service=Account operation=GetAlternateContact region=us-east-1 status=404`,
		`msg="step saved" step=root-mfa outcome=waiting reason="sign in to the console as the root user`,
		`msg="firstrun exited" code=3`,
	} {
		if !strings.Contains(log, want) {
			t.Errorf("the log has no %s:\n%s", want, log)
		}
	}
	if strings.Contains(log, `message="Request\n`) {
		t.Error("the SDK's request dumps without --debug-http")
	}
}
