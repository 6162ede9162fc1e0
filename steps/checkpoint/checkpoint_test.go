package checkpoint

import (
	"errors"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
	"time"
)

const account = "111122223333"

func open(t *testing.T, dir string) *Store {
	t.Helper()
	s, err := Open(dir, account, Options{ToolVersion: "test", Region: "eu-west-1"})
	if err != nil {
		t.Fatalf("Open: %v", err)
	}
	t.Cleanup(func() { _ = s.Close() })
	return s
}

func TestRecordRoundTripsThroughTheFile(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "state")
	s := open(t, dir)
	rec := StepRecord{Outcome: Done, Resources: map[string]string{"role_arn": "arn:aws:iam::111122223333:role/Billing"}}
	if err := s.Record("billing-role", rec); err != nil {
		t.Fatal(err)
	}
	if err := s.Record("root-password", StepRecord{Outcome: Confirmed, Reason: "operator changed it in the console"}); err != nil {
		t.Fatal(err)
	}
	doc, err := Read(s.Path())
	if err != nil {
		t.Fatal(err)
	}
	if doc.SchemaVersion != SchemaVersion || doc.AccountID != account || doc.Region != "eu-west-1" {
		t.Errorf("header = %d %s %s", doc.SchemaVersion, doc.AccountID, doc.Region)
	}
	if got := doc.Resource("billing-role", "role_arn"); got != rec.Resources["role_arn"] {
		t.Errorf("role_arn = %q", got)
	}
	if got := doc.Steps["root-password"]; got.Outcome != Confirmed || got.At.IsZero() {
		t.Errorf("root-password = %+v", got)
	}
	if got := doc.LastStep(); got != "root-password" {
		t.Errorf("LastStep = %q", got)
	}
}

func TestFileIsPrivateAndWrittenWithoutLeftovers(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("POSIX permissions")
	}
	dir := filepath.Join(t.TempDir(), "state")
	s := open(t, dir)
	for i := range 5 {
		if err := s.Record("connect", StepRecord{Outcome: Verified, Reason: strings.Repeat("x", i)}); err != nil {
			t.Fatal(err)
		}
	}
	info, err := os.Stat(s.Path())
	if err != nil {
		t.Fatal(err)
	}
	if info.Mode().Perm() != 0o600 {
		t.Errorf("file mode = %v, want 0600", info.Mode().Perm())
	}
	dinfo, _ := os.Stat(dir)
	if dinfo.Mode().Perm() != 0o700 {
		t.Errorf("dir mode = %v, want 0700", dinfo.Mode().Perm())
	}
	tmps, _ := filepath.Glob(filepath.Join(dir, ".progress-*"))
	if len(tmps) != 0 {
		t.Errorf("temporary files left behind: %v", tmps)
	}
}

func TestReopenResumesSavedState(t *testing.T) {
	dir := t.TempDir()
	s := open(t, dir)
	if err := s.Record("connect", StepRecord{Outcome: Verified}); err != nil {
		t.Fatal(err)
	}
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	again := open(t, dir)
	if got := again.Document().Steps["connect"].Outcome; got != Verified {
		t.Errorf("after reopen connect = %q", got)
	}
}

func TestNewerSchemaIsRefusedAndLeftAlone(t *testing.T) {
	dir := t.TempDir()
	body := `{"schema_version": 99, "account_id": "111122223333", "steps": {}}`
	if err := os.WriteFile(Path(dir, account), []byte(body), 0o600); err != nil {
		t.Fatal(err)
	}
	_, err := Open(dir, account, Options{})
	if !errors.Is(err, ErrNewerSchema) {
		t.Fatalf("err = %v, want ErrNewerSchema", err)
	}
	for _, want := range []string{"schema version 99", "upgrade firstrun"} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("message %q lacks %q", err, want)
		}
	}
	if data, _ := os.ReadFile(Path(dir, account)); string(data) != body {
		t.Error("the newer file was modified")
	}
	// The refused Open must not keep the lock.
	if l, err := Acquire(dir, account); err != nil {
		t.Errorf("lock still held after refusal: %v", err)
	} else {
		_ = l.Release()
	}
}

func TestDamagedFilesAreRefusedAndLeftAlone(t *testing.T) {
	for name, body := range map[string]string{
		"truncated":  `{"schema_version": 1, "account_id": "1111`,
		"not json":   "hello",
		"no version": `{"account_id": "111122223333"}`,
		"wrong type": `{"schema_version": 1, "steps": []}`,
	} {
		t.Run(name, func(t *testing.T) {
			dir := t.TempDir()
			_ = os.WriteFile(Path(dir, account), []byte(body), 0o600)
			_, err := Open(dir, account, Options{})
			if !errors.Is(err, ErrCorrupt) {
				t.Fatalf("err = %v, want ErrCorrupt", err)
			}
			if data, _ := os.ReadFile(Path(dir, account)); string(data) != body {
				t.Error("the damaged file was modified")
			}
		})
	}
}

func TestFileOfAnotherAccountIsRefused(t *testing.T) {
	dir := t.TempDir()
	_ = os.WriteFile(Path(dir, account), []byte(`{"schema_version":1,"account_id":"999999999999","steps":{}}`), 0o600)
	if _, err := Open(dir, account, Options{}); err == nil || !strings.Contains(err.Error(), "999999999999") {
		t.Fatalf("err = %v, want a wrong-account refusal", err)
	}
}

func TestSecondOpenSaysWhoHoldsTheLock(t *testing.T) {
	dir := t.TempDir()
	first := open(t, dir)
	_, err := Open(dir, account, Options{})
	var locked *LockedError
	if !errors.As(err, &locked) {
		t.Fatalf("err = %v, want LockedError", err)
	}
	if locked.Holder.PID != os.Getpid() || !strings.Contains(err.Error(), "already working on account "+account) {
		t.Errorf("holder = %+v, message %q", locked.Holder, err)
	}
	if err := first.Close(); err != nil {
		t.Fatal(err)
	}
	open(t, dir) // free again
}

func TestSecretsAreNeverRecorded(t *testing.T) {
	s := open(t, t.TempDir())
	for _, key := range []string{"mfa_seed", "Password", "secret_access_key", "session_token"} {
		if err := s.Record("emergency-admin", StepRecord{Outcome: Done, Resources: map[string]string{key: "x"}}); err == nil {
			t.Errorf("recorded %s", key)
		}
	}
	if _, err := os.Stat(s.Path()); err == nil {
		t.Error("a refused record still wrote the file")
	}
}

func TestListAndRemove(t *testing.T) {
	dir := t.TempDir()
	now := time.Date(2026, 11, 24, 12, 0, 0, 0, time.UTC)
	for i, acct := range []string{"111111111111", "222222222222"} {
		s, err := Open(dir, acct, Options{Now: func() time.Time { return now.Add(time.Duration(i) * time.Hour) }})
		if err != nil {
			t.Fatal(err)
		}
		_ = s.Record("connect", StepRecord{Outcome: Verified})
		_ = s.Close()
	}
	saved, err := List(dir)
	if err != nil || len(saved) != 2 {
		t.Fatalf("List = %v, %v", saved, err)
	}
	if saved[0].Document.AccountID != "222222222222" {
		t.Errorf("not newest first: %s", saved[0].Document.AccountID)
	}
	if err := Remove(dir, "111111111111"); err != nil {
		t.Fatal(err)
	}
	if saved, _ = List(dir); len(saved) != 1 {
		t.Errorf("after Remove: %d saved", len(saved))
	}
	if err := Remove(dir, "111111111111"); err == nil {
		t.Error("removing a missing setup succeeded")
	}
}

func TestRemoveWaitsForNoOne(t *testing.T) {
	dir := t.TempDir()
	open(t, dir)
	var locked *LockedError
	if err := Remove(dir, account); !errors.As(err, &locked) {
		t.Fatalf("Remove under a running wizard: %v", err)
	}
}

func TestDirPrecedence(t *testing.T) {
	t.Setenv("FIRSTRUN_STATE_DIR", "")
	t.Setenv("XDG_STATE_HOME", "/xdg")
	if d, _ := Dir(); d != filepath.Join("/xdg", "firstrun") {
		t.Errorf("XDG: %s", d)
	}
	t.Setenv("FIRSTRUN_STATE_DIR", "/explicit")
	if d, _ := Dir(); d != "/explicit" {
		t.Errorf("explicit: %s", d)
	}
	if runtime.GOOS != "windows" {
		t.Setenv("FIRSTRUN_STATE_DIR", "")
		t.Setenv("XDG_STATE_HOME", "")
		t.Setenv("HOME", "/home/op")
		if d, _ := Dir(); d != "/home/op/.local/state/firstrun" {
			t.Errorf("home: %s", d)
		}
	}
}
