package validate

import (
	"strings"
	"testing"
)

func TestEmail(t *testing.T) {
	for _, ok := range []string{"jane@example.com", "jane.doe+aws@mail.example.co.uk", "ops-team@example.io"} {
		if err := Email(ok); err != nil {
			t.Errorf("Email(%q) = %v", ok, err)
		}
	}
	for _, bad := range []string{"jane", "jane@", "@example.com", "jane@localhost", "Jane <jane@example.com>",
		"jane @example.com", "a@b.com, c@d.com", "jane@example..", strings.Repeat("a", 250) + "@example.com"} {
		if err := Email(bad); err == nil {
			t.Errorf("Email(%q) accepted", bad)
		}
	}
}

func TestRegion(t *testing.T) {
	for _, ok := range []string{"us-east-1", "eu-central-2", "us-gov-west-1", "ap-southeast-4"} {
		if err := Region(ok); err != nil {
			t.Errorf("Region(%q) = %v", ok, err)
		}
	}
	for _, bad := range []string{"", "useast1", "US-EAST-1", "us-east", "mars-north-1x"} {
		if err := Region(bad); err == nil {
			t.Errorf("Region(%q) accepted", bad)
		}
	}
}
