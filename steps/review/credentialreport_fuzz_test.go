package review_test

import (
	"testing"
	"time"

	"github.com/firstrun/firstrun/steps/review"
)

// FuzzParseCredentialReport feeds arbitrary CSV to the parser: it must never panic, and
// the findings of whatever it accepts must be computable.
func FuzzParseCredentialReport(f *testing.F) {
	f.Add([]byte(sampleReport))
	f.Add([]byte(header + "\n"))
	f.Add([]byte("user,arn\nx,y\n"))
	f.Add([]byte(header + "\n\"unterminated"))
	f.Add([]byte(""))
	f.Fuzz(func(t *testing.T, data []byte) {
		rows, err := review.ParseCredentialReport(data)
		if err != nil {
			return
		}
		_ = review.CountBySeverity(review.Findings(rows, time.Date(2026, 11, 24, 12, 0, 0, 0, time.UTC)))
	})
}
