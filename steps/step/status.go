package step

import "sync"

// Status is a line of progress that work running in a command reports and a View reads,
// such as the state AWS gives for an asynchronous operation. It is safe for concurrent use.
type Status struct {
	mu   sync.Mutex
	line string
}

// Set replaces the line.
func (s *Status) Set(line string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.line = line
}

// String is the latest line, "" before the first Set.
func (s *Status) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.line
}
