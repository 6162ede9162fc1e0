package identitycenter_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/firstrun/firstrun/steps/identitycenter"
)

var profile = identitycenter.CLIProfile{
	Name: "admin", StartURL: "https://d-90677c7b8d.awsapps.com/start", SSORegion: "eu-west-1",
	AccountID: "412318265094", RoleName: "AdministratorAccess", Region: "eu-west-1",
}

// existingConfig has comments, other profiles and odd spacing that must survive.
const existingConfig = `# my AWS CLI settings; do not lose this comment
[default]
region = us-east-1
output = json

; a profile for the old account
[profile legacy]
aws_access_key_id_is_not_here = true
role_arn = arn:aws:iam::111122223333:role/Legacy
source_profile = default

[profile   other]   
region=ap-southeast-2
# trailing comment of other`

var backupTime = time.Date(2025, 6, 2, 9, 30, 0, 0, time.UTC)

func writeConfig(t *testing.T, content string) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "config")
	if err := os.WriteFile(path, []byte(content), 0o640); err != nil {
		t.Fatal(err)
	}
	return path
}

func TestProfileIsAddedAfterEveryByteOfTheFile(t *testing.T) {
	path := writeConfig(t, existingConfig)
	change, err := identitycenter.PlanProfile(path, profile)
	if err != nil {
		t.Fatal(err)
	}
	if !change.Exists || len(change.Replaced) != 0 {
		t.Errorf("plan %+v", change)
	}
	backup, err := change.Write(backupTime)
	if err != nil {
		t.Fatal(err)
	}

	saved, err := os.ReadFile(backup)
	if err != nil || string(saved) != existingConfig {
		t.Fatalf("backup %s holds %q, %v", backup, saved, err)
	}
	if !strings.HasPrefix(filepath.Base(backup), "config.firstrun-backup-20250602-093000") {
		t.Errorf("backup name %s", backup)
	}
	got, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	// The file did not end in a newline: one is added, then a blank line, then ours.
	want := existingConfig + "\n\n" + profile.Sections()
	if string(got) != want {
		t.Errorf("config is\n%s\nwant\n%s", got, want)
	}
	if info, err := os.Stat(path); err != nil || info.Mode().Perm() != 0o640 {
		t.Errorf("mode %v, %v; want the original 0640", info.Mode(), err)
	}

	again, err := identitycenter.PlanProfile(path, profile)
	if err != nil || !again.Unchanged() {
		t.Errorf("writing the same profile again would change the file: %+v, %v", again, err)
	}
}

func TestProfileIsRewrittenInPlace(t *testing.T) {
	before := "# head\n[profile admin]\nsso_session = old\nsso_role_name = ReadOnly\n\n# about legacy\n[profile legacy]\nregion = us-east-1\n"
	after := "\n[sso-session admin]\nsso_start_url = https://old.awsapps.com/start\n"
	path := writeConfig(t, before+after)
	change, err := identitycenter.PlanProfile(path, profile)
	if err != nil {
		t.Fatal(err)
	}
	if len(change.Replaced) != 2 {
		t.Errorf("replaced %v, want both sections", change.Replaced)
	}
	if _, err := change.Write(backupTime); err != nil {
		t.Fatal(err)
	}
	got, _ := os.ReadFile(path)
	profileText, sessionText, _ := strings.Cut(profile.Sections(), "\n\n") // each without its last newline
	want := "# head\n" + profileText + "\n" + "\n# about legacy\n[profile legacy]\nregion = us-east-1\n" + "\n" + sessionText
	if string(got) != want {
		t.Errorf("config is\n%q\nwant\n%q", got, want)
	}
}

func TestProfileKeepsWindowsLineEndings(t *testing.T) {
	before := "[default]\r\nregion = us-east-1\r\n"
	path := writeConfig(t, before)
	change, err := identitycenter.PlanProfile(path, profile)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := change.Write(backupTime); err != nil {
		t.Fatal(err)
	}
	got, _ := os.ReadFile(path)
	if !strings.HasPrefix(string(got), before+"\r\n[profile admin]\r\n") || strings.Count(string(got), "\n") != strings.Count(string(got), "\r\n") {
		t.Errorf("config is %q", got)
	}
}

func TestProfileCreatesAMissingFileWithoutBackup(t *testing.T) {
	path := filepath.Join(t.TempDir(), "aws", "config")
	change, err := identitycenter.PlanProfile(path, profile)
	if err != nil {
		t.Fatal(err)
	}
	backup, err := change.Write(backupTime)
	if err != nil || backup != "" {
		t.Fatalf("backup %q, %v", backup, err)
	}
	got, _ := os.ReadFile(path)
	if string(got) != profile.Sections() {
		t.Errorf("config is %q", got)
	}
	if info, _ := os.Stat(path); info.Mode().Perm() != 0o600 {
		t.Errorf("a new config is %v, want 0600", info.Mode().Perm())
	}
}

func TestBackupsNeverOverwriteEachOther(t *testing.T) {
	path := writeConfig(t, "[default]\n")
	seen := map[string]bool{}
	for i := range 3 {
		p := profile
		p.Region = []string{"us-east-1", "us-west-2", "eu-west-1"}[i]
		change, err := identitycenter.PlanProfile(path, p)
		if err != nil {
			t.Fatal(err)
		}
		backup, err := change.Write(backupTime)
		if err != nil || seen[backup] {
			t.Fatalf("backup %q, %v", backup, err)
		}
		seen[backup] = true
	}
}

func TestConfigPathFollowsAWSConfigFile(t *testing.T) {
	t.Setenv("AWS_CONFIG_FILE", "/tmp/elsewhere/config")
	if got, err := identitycenter.ConfigPath(); err != nil || got != "/tmp/elsewhere/config" {
		t.Errorf("ConfigPath = %q, %v", got, err)
	}
	t.Setenv("AWS_CONFIG_FILE", "")
	t.Setenv("HOME", "/home/someone")
	if got, err := identitycenter.ConfigPath(); err != nil || got != "/home/someone/.aws/config" {
		t.Errorf("ConfigPath = %q, %v", got, err)
	}
}

func TestProfileNames(t *testing.T) {
	for name, ok := range map[string]bool{"admin": true, "acme-admin.prod_1": true, "default": false, "my profile": false, "[x]": false, "": false} {
		if err := identitycenter.ValidateProfileName(name); (err == nil) != ok {
			t.Errorf("%q: %v", name, err)
		}
	}
}
