package answers

import (
	"errors"
	"testing"
)

// FuzzParse feeds arbitrary bytes to the answers parser: it must never panic, a refusal
// must name the file, and an accepted file has the version this build reads.
func FuzzParse(f *testing.F) {
	f.Add([]byte("version: 1\nregion: us-east-1\n"))
	f.Add([]byte("version: 1\nadmin_user:\n  email: jane@example.com\n  bogus: 1\n"))
	f.Add([]byte("version: 2\n"))
	f.Add([]byte("\t\tbad"))
	f.Add([]byte("version: 1\nbudget: {enabled: yes, amount: 1e9}\n"))
	f.Add([]byte("---\nversion: 1\n---\nversion: 1\n"))
	f.Add([]byte("version: 1\npassword_policy:\n  minimum_length: 14.5\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		file, err := Parse("fuzz.yaml", data)
		if err != nil {
			var es Errors
			var e *Error
			if !errors.As(err, &es) && !errors.As(err, &e) {
				t.Fatalf("a refusal of an unexpected kind: %T %v", err, err)
			}
			return
		}
		if file.Answers.Version != Version {
			t.Fatalf("accepted version %d", file.Answers.Version)
		}
	})
}
