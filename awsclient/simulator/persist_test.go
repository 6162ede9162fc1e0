package simulator_test

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/iam"
	"github.com/aws/aws-sdk-go-v2/service/ssoadmin"

	"github.com/firstrun/firstrun/awsclient/simulator"
	"github.com/firstrun/firstrun/awsclient/simulator/simtest"
)

func TestStateSurvivesRestart(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "firstrun")
	path := filepath.Join(dir, "demo.json")
	ctx := context.Background()

	first, b := simtest.Start(t, simulator.Options{Scenario: simulator.RootAccessKeys, StateFile: path})
	cfg := simtest.Config(t, b, "us-east-1")
	if _, err := iam.NewFromConfig(cfg).CreateUser(ctx, &iam.CreateUserInput{UserName: aws.String("erin")}); err != nil {
		t.Fatal(err)
	}
	if _, err := first.Console().EnableIdentityCenter("eu-north-1"); err != nil {
		t.Fatal(err)
	}
	firstCreds := first.Credentials()
	if err := first.Close(); err != nil {
		t.Fatal(err)
	}

	// The state file is private, whole and free of secrets.
	info, err := os.Stat(path)
	if err != nil {
		t.Fatal(err)
	}
	if perm := info.Mode().Perm(); perm != 0o600 {
		t.Errorf("state file mode %v, want 0600", perm)
	}
	if dinfo, err := os.Stat(dir); err != nil || dinfo.Mode().Perm() != 0o700 {
		t.Errorf("state dir: %v %v, want 0700", dinfo.Mode().Perm(), err)
	}
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if strings.Contains(string(data), firstCreds.SecretAccessKey) {
		t.Error("the state file holds the secret access key")
	}
	if !strings.Contains(string(data), `"schema_version": 1`) {
		t.Errorf("no schema version in %s", data)
	}
	entries, err := os.ReadDir(dir)
	if err != nil || len(entries) != 1 {
		t.Errorf("state dir holds %v (temporary files left behind?)", entries)
	}

	// A restarted simulator, even asked for another scenario, sees the same
	// account.
	second, b2 := simtest.Start(t, simulator.Options{StateFile: path})
	cfg2 := simtest.Config(t, b2, "eu-north-1")
	if second.AccountID() != first.AccountID() || second.Credentials().AccessKeyID != firstCreds.AccessKeyID {
		t.Errorf("restart changed the caller: %s %s", second.AccountID(), second.Credentials().AccessKeyID)
	}
	if _, err := iam.NewFromConfig(cfg2).GetUser(ctx, &iam.GetUserInput{UserName: aws.String("erin")}); err != nil {
		t.Errorf("the user did not survive the restart: %v", err)
	}
	out, err := ssoadmin.NewFromConfig(cfg2).ListInstances(ctx, &ssoadmin.ListInstancesInput{})
	if err != nil || len(out.Instances) != 1 {
		t.Errorf("Identity Center did not survive the restart: %v %v", out, err)
	}
	summary, err := iam.NewFromConfig(cfg2).GetAccountSummary(ctx, &iam.GetAccountSummaryInput{})
	if err != nil || summary.SummaryMap["AccountAccessKeysPresent"] != 1 {
		t.Errorf("root access keys after restart: %v %v", summary, err)
	}
}

func TestSessionCredentialsAreNotPersisted(t *testing.T) {
	path := filepath.Join(t.TempDir(), "demo.json")
	first, err := simulator.New(simulator.Options{StateFile: path})
	if err != nil {
		t.Fatal(err)
	}
	creds := first.Credentials()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	for _, secret := range []string{creds.SecretAccessKey, creds.SessionToken, creds.AccessKeyID} {
		if strings.Contains(string(data), secret) {
			t.Errorf("the state file holds %q", secret)
		}
	}
	second, err := simulator.New(simulator.Options{StateFile: path})
	if err != nil {
		t.Fatal(err)
	}
	if second.Credentials().SessionToken == creds.SessionToken {
		t.Error("a restart reused the session token; CloudShell would hand out a new session")
	}
}

func TestStateFileFromNewerVersion(t *testing.T) {
	path := filepath.Join(t.TempDir(), "demo.json")
	if err := os.WriteFile(path, []byte(`{"schema_version": 99}`), 0o600); err != nil {
		t.Fatal(err)
	}
	_, err := simulator.New(simulator.Options{StateFile: path})
	if !errors.Is(err, simulator.ErrStateTooNew) {
		t.Errorf("got %v, want ErrStateTooNew", err)
	}
}

func TestCorruptStateFile(t *testing.T) {
	path := filepath.Join(t.TempDir(), "demo.json")
	for _, content := range []string{"{", `{"scenario": "new-account"}`} {
		if err := os.WriteFile(path, []byte(content), 0o600); err != nil {
			t.Fatal(err)
		}
		if _, err := simulator.New(simulator.Options{StateFile: path}); err == nil {
			t.Errorf("loaded %q", content)
		}
	}
}
