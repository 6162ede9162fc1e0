package checkpoint

import (
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"sync"
	"time"
)

// ErrNewerSchema means the file was written by a newer firstrun than this one.
var ErrNewerSchema = errors.New("checkpoint written by a newer firstrun")

// ErrCorrupt means the file exists but can't be read as a checkpoint. It is left untouched.
var ErrCorrupt = errors.New("checkpoint file is damaged")

// setAside is what to do with a checkpoint that can't be read.
const setAside = "move it aside or run firstrun reset: firstrun then starts again from what AWS shows, " +
	"so nothing is made twice"

var accountIDPattern = regexp.MustCompile(`^[0-9]{12}$`)

// secretName catches a resource key that would put a secret on disk: a last line of defence
// behind the rule that steps record identifiers only.
var secretName = regexp.MustCompile(`(?i)secret|password|seed|token|private`)

// Store is the open checkpoint of one account. It holds the account's lock until Close, so
// two wizards can't interleave their changes to one account.
type Store struct {
	path  string
	lock  *Lock
	now   func() time.Time
	saved func(id string, r StepRecord)

	mu  sync.Mutex
	doc Document
}

// Options tune Open.
type Options struct {
	ToolVersion string
	CallerARN   string
	Region      string
	Now         func() time.Time // defaults to time.Now
	// Saved, when set, hears of every record once it is on disk (for the debug log). It is
	// called with the store locked and must not call the store.
	Saved func(id string, r StepRecord)
}

// Path is the checkpoint file of accountID inside dir.
func Path(dir, accountID string) string {
	return filepath.Join(dir, "progress-"+accountID+".json")
}

// Open locks and reads the checkpoint of accountID in dir, or starts an empty one. The file
// is only written by Record.
func Open(dir, accountID string, o Options) (*Store, error) {
	if !accountIDPattern.MatchString(accountID) {
		return nil, fmt.Errorf("%q is not an AWS account ID (12 digits)", accountID)
	}
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return nil, fmt.Errorf("create state directory: %w", err)
	}
	lock, err := Acquire(dir, accountID)
	if err != nil {
		return nil, err
	}
	now := o.Now
	if now == nil {
		now = time.Now
	}
	path := Path(dir, accountID)
	doc, err := Read(path)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		t := now().UTC()
		doc = Document{AccountID: accountID, CreatedAt: t, UpdatedAt: t, Steps: map[string]StepRecord{}}
	case err != nil:
		_ = lock.Release()
		return nil, err
	case doc.AccountID != accountID:
		_ = lock.Release()
		return nil, fmt.Errorf("%s belongs to account %s, not %s: move it aside or run firstrun reset %s",
			path, doc.AccountID, accountID, accountID)
	}
	doc.SchemaVersion = SchemaVersion
	doc.ToolVersion = o.ToolVersion
	doc.CallerARN = o.CallerARN
	doc.Region = o.Region
	return &Store{path: path, lock: lock, now: now, saved: o.Saved, doc: doc}, nil
}

// Read decodes the checkpoint at path without locking it. It refuses files from a newer
// firstrun and damaged files, leaving them in place.
func Read(path string) (Document, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return Document{}, err
	}
	var sniff struct {
		SchemaVersion *int `json:"schema_version"`
	}
	if err := json.Unmarshal(data, &sniff); err != nil || sniff.SchemaVersion == nil {
		return Document{}, fmt.Errorf("%w: %s is cut short, garbled, or not a firstrun checkpoint; %s", ErrCorrupt, path, setAside)
	}
	if v := *sniff.SchemaVersion; v > SchemaVersion {
		return Document{}, fmt.Errorf("%w: %s has schema version %d and this firstrun reads up to %d; "+
			"upgrade firstrun to resume this setup", ErrNewerSchema, path, v, SchemaVersion)
	}
	var doc Document
	if err := json.Unmarshal(data, &doc); err != nil {
		return Document{}, fmt.Errorf("%w: %s: %v; %s", ErrCorrupt, path, err, setAside)
	}
	if doc.Steps == nil {
		doc.Steps = map[string]StepRecord{}
	}
	return doc, nil
}

// Path is where the checkpoint lives.
func (s *Store) Path() string { return s.path }

// Document returns a copy of the saved state.
func (s *Store) Document() Document {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.doc.clone()
}

// Record saves the state of step id and writes the file before returning, so nothing is
// shown as done that is not on disk.
func (s *Store) Record(id string, r StepRecord) error {
	for k := range r.Resources {
		if secretName.MatchString(k) {
			return fmt.Errorf("refusing to save %s of step %s: checkpoints never hold secrets", k, id)
		}
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	t := s.now().UTC()
	if r.At.IsZero() {
		r.At = t
	}
	next := s.doc.clone()
	next.Steps[id] = r
	next.UpdatedAt = t
	if err := writeJSON(s.path, next); err != nil {
		return err
	}
	s.doc = next
	if s.saved != nil {
		s.saved(id, r)
	}
	return nil
}

// Close releases the account's lock.
func (s *Store) Close() error { return s.lock.Release() }

// writeJSON replaces path atomically: a temporary file in the same directory, fsync, then
// rename, so a crash leaves either the old file or the new one, never a torn one.
func writeJSON(path string, v any) error {
	data, err := json.MarshalIndent(v, "", "  ")
	if err != nil {
		return err
	}
	tmp, err := os.CreateTemp(filepath.Dir(path), ".progress-*.tmp") // created 0600
	if err != nil {
		return fmt.Errorf("save checkpoint: %w", err)
	}
	defer os.Remove(tmp.Name()) // no-op once renamed
	if _, err := tmp.Write(append(data, '\n')); err != nil {
		tmp.Close()
		return fmt.Errorf("save checkpoint: %w", err)
	}
	if err := tmp.Sync(); err != nil {
		tmp.Close()
		return fmt.Errorf("save checkpoint: %w", err)
	}
	if err := tmp.Close(); err != nil {
		return fmt.Errorf("save checkpoint: %w", err)
	}
	if err := os.Rename(tmp.Name(), path); err != nil {
		return fmt.Errorf("save checkpoint: %w", err)
	}
	return nil
}
