package checkpoint

import (
	"errors"
	"os"
	"path/filepath"
	"runtime"
)

// Dir returns the directory firstrun keeps its state in: $FIRSTRUN_STATE_DIR, else
// $XDG_STATE_HOME/firstrun, else %LocalAppData%\firstrun on Windows, else
// ~/.local/state/firstrun. Checkpoints are state, not configuration, hence not
// os.UserConfigDir.
func Dir() (string, error) {
	if d := os.Getenv("FIRSTRUN_STATE_DIR"); d != "" {
		return d, nil
	}
	if d := os.Getenv("XDG_STATE_HOME"); d != "" {
		return filepath.Join(d, "firstrun"), nil
	}
	if d := os.Getenv("LocalAppData"); runtime.GOOS == "windows" && d != "" {
		return filepath.Join(d, "firstrun"), nil
	}
	home, err := os.UserHomeDir()
	if err != nil || home == "" {
		return "", errors.New("no state directory: set FIRSTRUN_STATE_DIR (or XDG_STATE_HOME, or HOME)")
	}
	return filepath.Join(home, ".local", "state", "firstrun"), nil
}
