package checkpoint

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
)

// Saved is one saved setup, for firstrun status.
type Saved struct {
	Path     string
	Document Document
	Err      error // set when the file could not be read
}

// List returns the checkpoints in dir, most recently updated first.
func List(dir string) ([]Saved, error) {
	paths, err := filepath.Glob(filepath.Join(dir, "progress-*.json"))
	if err != nil {
		return nil, err
	}
	saved := make([]Saved, 0, len(paths))
	for _, p := range paths {
		doc, err := Read(p)
		if err != nil && doc.AccountID == "" {
			doc.AccountID = strings.TrimSuffix(strings.TrimPrefix(filepath.Base(p), "progress-"), ".json")
		}
		saved = append(saved, Saved{Path: p, Document: doc, Err: err})
	}
	sort.SliceStable(saved, func(i, j int) bool {
		return saved[i].Document.UpdatedAt.After(saved[j].Document.UpdatedAt)
	})
	return saved, nil
}

// Remove forgets the saved setup of accountID. It takes the account's lock first, so a
// running wizard's state is never deleted under it.
func Remove(dir, accountID string) error {
	lock, err := Acquire(dir, accountID)
	if err != nil {
		return err
	}
	defer lock.Release()
	err = os.Remove(Path(dir, accountID))
	if errors.Is(err, fs.ErrNotExist) {
		return fmt.Errorf("no saved setup for account %s in %s", accountID, dir)
	}
	return err
}
