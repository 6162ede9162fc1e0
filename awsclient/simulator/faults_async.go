package simulator

// asyncFailure consumes the first fail fault matching a call and returns its
// reason, or "" when none matches. A nil switchboard fails nothing.
func (fs *Faults) asyncFailure(service, op string) string {
	if fs == nil {
		return ""
	}
	fs.mu.Lock()
	defer fs.mu.Unlock()
	for i, f := range fs.faults {
		if f.Kind != FaultFail || !f.matches(service, op) {
			continue
		}
		if f.Times > 0 {
			f.Times--
			fs.faults[i] = f
			if f.Times == 0 {
				fs.faults = append(fs.faults[:i:i], fs.faults[i+1:]...)
			}
		}
		return f.Reason
	}
	return ""
}
