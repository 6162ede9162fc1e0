// Package debuglog writes the debug log an operator can hand to support (firstrun --debug
// FILE): what the program did, one line per event, with every secret taken out.
package debuglog

import (
	"fmt"
	"log/slog"
	"os"
)

// Log is an open debug log. Its Logger is safe for concurrent use.
type Log struct {
	*slog.Logger
	file *os.File
}

// Open appends to the log at path, creating it readable by the owner only, as
// tea.LogToFile does for a Bubble Tea program: the full-screen program owns the terminal,
// so nothing is ever logged there. A file that already exists is made private too.
func Open(path string) (*Log, error) {
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_APPEND, 0o600)
	if err != nil {
		return nil, fmt.Errorf("open the debug log: %w", err)
	}
	if err := f.Chmod(0o600); err != nil {
		f.Close()
		return nil, fmt.Errorf("make the debug log private: %w", err)
	}
	h := slog.NewTextHandler(f, &slog.HandlerOptions{Level: slog.LevelDebug, ReplaceAttr: redactAttr})
	return &Log{Logger: slog.New(h), file: f}, nil
}

// Close closes the file.
func (l *Log) Close() error { return l.file.Close() }

// redactAttr passes every value the log writes, the message included, through Redact.
func redactAttr(_ []string, a slog.Attr) slog.Attr {
	switch a.Value.Kind() {
	case slog.KindString:
		return slog.String(a.Key, Redact(a.Value.String()))
	case slog.KindAny:
		return slog.String(a.Key, Redact(fmt.Sprint(a.Value.Any())))
	}
	return a
}
