package validate

import (
	"net/mail"
	"strings"
	"testing"
)

// FuzzEmail checks that whatever Email accepts, every service's own reading accepts too:
// the standard library parses it as itself, it has one @ and a dotted domain, and it fits.
func FuzzEmail(f *testing.F) {
	for _, s := range []string{"jane@example.com", "a+b@c.io", "x@y", "\"q\"@example.com", "a@b.c\n", "Ω@example.com"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if Email(s) != nil {
			return
		}
		addr, err := mail.ParseAddress(s)
		if err != nil || addr.Address != s || len(s) > MaxEmail || strings.Count(s, "@") != 1 {
			t.Fatalf("Email accepted %q", s)
		}
		if _, domain, _ := strings.Cut(s, "@"); !strings.Contains(domain, ".") {
			t.Fatalf("Email accepted %q without a dotted domain", s)
		}
	})
}

// FuzzRegion checks that an accepted Region name is lower-case words and a number, as
// AWS's are, so it is safe in an endpoint host name.
func FuzzRegion(f *testing.F) {
	for _, s := range []string{"us-east-1", "eu-central-2", "us-gov-west-1", "US-EAST-1", "x"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if Region(s) != nil {
			return
		}
		if strings.Trim(s, "abcdefghijklmnopqrstuvwxyz0123456789-") != "" || strings.Contains(s, "--") {
			t.Fatalf("Region accepted %q", s)
		}
	})
}
