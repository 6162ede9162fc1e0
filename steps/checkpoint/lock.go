package checkpoint

import (
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"time"

	"github.com/gofrs/flock"
)

// Holder describes the process holding an account's lock.
type Holder struct {
	PID     int       `json:"pid"`
	Host    string    `json:"host"`
	Since   time.Time `json:"since"`
	Account string    `json:"account"`
}

// LockedError says another firstrun is working on the same account.
type LockedError struct{ Holder Holder }

func (e *LockedError) Error() string {
	h := e.Holder
	if h.PID == 0 {
		return fmt.Sprintf("another firstrun is already working on account %s; let it finish or close it first", h.Account)
	}
	return fmt.Sprintf("another firstrun (process %d on %s, since %s) is already working on account %s; "+
		"let it finish or close it first", h.PID, h.Host, h.Since.Local().Format("15:04"), h.Account)
}

// Lock is an exclusive lock on one account's checkpoint. It is an OS file lock, so the
// operating system drops it when the holding process dies: a killed run leaves no stale lock.
type Lock struct {
	file  *flock.Flock
	owner string
}

// Acquire takes the lock of accountID in dir without waiting.
func Acquire(dir, accountID string) (*Lock, error) {
	base := filepath.Join(dir, "progress-"+accountID)
	f := flock.New(base+".lock", flock.SetPermissions(0o600))
	ok, err := f.TryLock()
	if err != nil {
		return nil, fmt.Errorf("lock checkpoint: %w", err)
	}
	if !ok {
		h := Holder{Account: accountID}
		if data, err := os.ReadFile(base + ".owner"); err == nil {
			_ = json.Unmarshal(data, &h)
		}
		return nil, &LockedError{Holder: h}
	}
	host, _ := os.Hostname()
	l := &Lock{file: f, owner: base + ".owner"}
	// The owner file only names the holder for the message above; the lock is the flock.
	if err := writeJSON(l.owner, Holder{PID: os.Getpid(), Host: host, Since: time.Now().UTC(), Account: accountID}); err != nil {
		_ = f.Unlock()
		return nil, err
	}
	return l, nil
}

// Release drops the lock.
func (l *Lock) Release() error {
	return errors.Join(os.Remove(l.owner), l.file.Unlock())
}
