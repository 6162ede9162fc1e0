package simulator

import (
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
)

// stateSchemaVersion is the state file format. Bump it, with a migration in
// loadWorld, for any change that older code would misread.
const stateSchemaVersion = 1

// ErrStateTooNew reports a state file written by a newer firstrun.
var ErrStateTooNew = errors.New("simulator: state file is from a newer version of firstrun")

// loadWorld reads a state file; a missing file is fs.ErrNotExist.
func loadWorld(path string) (*world, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	var head struct {
		SchemaVersion int `json:"schema_version"`
	}
	if err := json.Unmarshal(data, &head); err != nil {
		return nil, fmt.Errorf("simulator: reading state file %s: %w", path, err)
	}
	switch {
	case head.SchemaVersion > stateSchemaVersion:
		return nil, fmt.Errorf("%w: %s has schema version %d, this build reads up to %d; delete it to start over",
			ErrStateTooNew, path, head.SchemaVersion, stateSchemaVersion)
	case head.SchemaVersion < 1:
		return nil, fmt.Errorf("simulator: state file %s has no schema version", path)
	}
	var w world
	if err := json.Unmarshal(data, &w); err != nil {
		return nil, fmt.Errorf("simulator: reading state file %s: %w", path, err)
	}
	w.normalize()
	return &w, nil
}

// saveWorld replaces the state file atomically: a temporary file in the same
// directory, synced, then renamed over the old one, so a crash leaves either
// the old or the new world and never half of one. The directory is created
// 0700 and the file is 0600.
func saveWorld(path string, w *world) (err error) {
	data, err := json.MarshalIndent(w, "", "  ")
	if err != nil {
		return fmt.Errorf("simulator: encoding state: %w", err)
	}
	dir := filepath.Dir(path)
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return fmt.Errorf("simulator: saving state: %w", err)
	}
	f, err := os.CreateTemp(dir, "."+filepath.Base(path)+".tmp-*")
	if err != nil {
		return fmt.Errorf("simulator: saving state: %w", err)
	}
	defer func() {
		if err != nil { // leave no temporary file behind; the first error is the story
			_ = f.Close()
			_ = os.Remove(f.Name())
		}
	}()
	if err := f.Chmod(0o600); err != nil {
		return fmt.Errorf("simulator: saving state: %w", err)
	}
	if _, err := f.Write(append(data, '\n')); err != nil {
		return fmt.Errorf("simulator: saving state: %w", err)
	}
	if err := f.Sync(); err != nil {
		return fmt.Errorf("simulator: saving state: %w", err)
	}
	if err := f.Close(); err != nil {
		return fmt.Errorf("simulator: saving state: %w", err)
	}
	if err := os.Rename(f.Name(), path); err != nil {
		return fmt.Errorf("simulator: saving state: %w", err)
	}
	syncDir(dir)
	return nil
}

// syncDir makes the rename durable where the OS allows syncing a directory;
// elsewhere (Windows) the rename is already as durable as it gets.
func syncDir(dir string) {
	d, err := os.Open(dir)
	if err != nil {
		return
	}
	_ = d.Sync() // best effort, see above
	_ = d.Close()
}
