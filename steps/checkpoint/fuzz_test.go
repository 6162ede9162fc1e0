package checkpoint

import (
	"errors"
	"os"
	"path/filepath"
	"testing"
)

// FuzzRead feeds arbitrary bytes to the checkpoint reader: it must never panic, must refuse
// what it can't use with one of its errors, and whatever it accepts must survive a save
// and a second read unchanged.
func FuzzRead(f *testing.F) {
	f.Add([]byte(`{"schema_version":1,"account_id":"111122223333","steps":{"connect":{"outcome":"verified"}}}`))
	f.Add([]byte(`{"schema_version":2}`))
	f.Add([]byte(`{"schema_version":1,"steps":[]}`))
	f.Add([]byte(`{"schema_version":null}`))
	f.Add([]byte("\x00\xff"))
	f.Add([]byte(`{"schema_version":1,"steps":{"a":{"resources":{"k":"v"},"at":"2026-11-24T12:00:00Z"}}}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		dir := t.TempDir()
		path := filepath.Join(dir, "progress.json")
		if err := os.WriteFile(path, data, 0o600); err != nil {
			t.Fatal(err)
		}
		doc, err := Read(path)
		if err != nil {
			if !errors.Is(err, ErrCorrupt) && !errors.Is(err, ErrNewerSchema) {
				t.Fatalf("unexpected kind of error: %v", err)
			}
			return
		}
		if doc.Steps == nil {
			t.Fatal("an accepted document has no step map")
		}
		again := filepath.Join(dir, "again.json")
		if err := writeJSON(again, doc); err != nil {
			t.Fatal(err)
		}
		back, err := Read(again)
		if err != nil {
			t.Fatalf("a saved document no longer reads: %v", err)
		}
		if len(back.Steps) != len(doc.Steps) || back.AccountID != doc.AccountID {
			t.Fatalf("round trip changed the document: %+v -> %+v", doc, back)
		}
	})
}
