package checkpoint

import (
	"errors"
	"io/fs"
	"os"
)

// MakePrivate makes the checkpoint at path readable and writable by its owner only
// (0600), as firstrun writes it, and reports whether it had to: a file copied back from a
// backup, or by a tool that kept other modes. The checkpoint holds no secret, but it lists
// the account's users, roles and ARNs, and it is the operator's own file, so it is
// repaired rather than refused. A missing file is left alone.
func MakePrivate(path string) (bool, error) {
	info, err := os.Stat(path)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return false, nil
	case err != nil:
		return false, err
	case info.Mode().Perm()&0o077 == 0:
		return false, nil
	}
	return true, os.Chmod(path, 0o600)
}
