//go:build !windows

package e2e

import (
	"bytes"
	"errors"
	"io"
	"os"
	"os/exec"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/creack/pty"
	"github.com/hinshun/vt10x"
)

// timeout bounds every wait; tests poll the emulated screen and never sleep for a state.
const timeout = 30 * time.Second

// terminal runs the firstrun binary in a pseudo-terminal and keeps an emulated screen of
// what it draws, so a test sees what an operator would.
type terminal struct {
	t    *testing.T
	cmd  *exec.Cmd
	pty  *os.File
	done chan struct{}

	mu     sync.Mutex
	screen vt10x.Terminal
	raw    bytes.Buffer
	err    error
}

// start runs the binary with args in an 80x24 terminal and env added to a clean
// environment.
func start(t *testing.T, env []string, args ...string) *terminal {
	t.Helper()
	return startIn(t, "", env, args...)
}

// startIn is start with dir as the working directory ("" for the test's own).
func startIn(t *testing.T, dir string, env []string, args ...string) *terminal {
	t.Helper()
	cmd := exec.Command(binary, args...)
	cmd.Dir = dir
	cmd.Env = append([]string{"TERM=xterm-256color", "HOME=" + t.TempDir(), "PATH=" + os.Getenv("PATH")}, env...)
	f, err := pty.StartWithSize(cmd, &pty.Winsize{Cols: 80, Rows: 24})
	if err != nil {
		t.Fatalf("start %s: %v", binary, err)
	}
	term := &terminal{t: t, cmd: cmd, pty: f, done: make(chan struct{})}
	// The emulator answers the program's terminal queries (cursor position) through the pty,
	// as a real terminal does.
	term.screen = vt10x.New(vt10x.WithSize(80, 24), vt10x.WithWriter(f))
	go term.read()
	t.Cleanup(func() {
		_ = cmd.Process.Kill()
		<-term.done
	})
	return term
}

func (tm *terminal) read() {
	defer close(tm.done)
	buf := make([]byte, 4096)
	for {
		n, err := tm.pty.Read(buf)
		if n > 0 {
			tm.mu.Lock()
			tm.raw.Write(buf[:n])
			_, _ = tm.screen.Write(buf[:n])
			tm.mu.Unlock()
		}
		if err != nil {
			tm.err = tm.cmd.Wait()
			_ = tm.pty.Close()
			return
		}
	}
}

// Screen is what the terminal shows now.
func (tm *terminal) Screen() string {
	tm.mu.Lock()
	defer tm.mu.Unlock()
	return tm.screen.String()
}

// Output is everything the program wrote, escape sequences included.
func (tm *terminal) Output() string {
	tm.mu.Lock()
	defer tm.mu.Unlock()
	return tm.raw.String()
}

// WaitFor waits until the screen shows every one of texts.
func (tm *terminal) WaitFor(texts ...string) {
	tm.t.Helper()
	deadline := time.Now().Add(timeout)
	for {
		screen := flatten(tm.Screen())
		missing := ""
		for _, s := range texts {
			if !strings.Contains(screen, flatten(s)) {
				missing = s
				break
			}
		}
		if missing == "" {
			return
		}
		if time.Now().After(deadline) {
			tm.t.Fatalf("timed out waiting for %q; the screen shows:\n%s", missing, tm.Screen())
		}
		select {
		case <-tm.done:
			tm.t.Fatalf("firstrun exited (%v) while waiting for %q; output:\n%s", tm.err, missing, tm.Output())
		case <-time.After(20 * time.Millisecond):
		}
	}
}

func flatten(s string) string { return strings.Join(strings.Fields(s), " ") }

// Send types keys: "\r" is enter.
func (tm *terminal) Send(keys string) {
	tm.t.Helper()
	if _, err := io.WriteString(tm.pty, keys); err != nil {
		tm.t.Fatalf("send %q: %v", keys, err)
	}
}

// Kill ends the process with SIGKILL, as a crash or a closed laptop lid would.
func (tm *terminal) Kill() {
	tm.t.Helper()
	_ = tm.cmd.Process.Signal(syscall.SIGKILL)
	tm.Exit()
}

// Exit waits for the process to end and returns its exit code.
func (tm *terminal) Exit() int {
	tm.t.Helper()
	select {
	case <-tm.done:
	case <-time.After(timeout):
		tm.t.Fatalf("firstrun did not exit; the screen shows:\n%s", tm.Screen())
	}
	var exitErr *exec.ExitError
	if errors.As(tm.err, &exitErr) {
		return exitErr.ExitCode()
	}
	return 0
}
