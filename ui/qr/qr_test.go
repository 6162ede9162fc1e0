package qr

import (
	"strings"
	"testing"
)

func TestAnMFAURIFitsBesideItsInstructionsAt80x24(t *testing.T) {
	seed := strings.Repeat("ABCDEFGHIJKLMNOPQRSTUVWXYZ234567", 2) // AWS seeds are 64 base32 characters
	uri := "otpauth://totp/AWS:emergency-admin@123456789012?secret=" + seed + "&issuer=AWS"
	code, err := New(uri)
	if err != nil {
		t.Fatal(err)
	}
	w, h := code.Size()
	if w > 45 || h > 22 {
		t.Errorf("drawing is %dx%d; it must leave 35 columns and fit 22 rows", w, h)
	}
	if plain := code.String(false); strings.Contains(plain, "\x1b") {
		t.Error("uncoloured drawing has escape codes")
	}
	coloured := code.String(true)
	if got := strings.Count(coloured, "\x1b[97;40m"); got != h {
		t.Errorf("%d of %d rows pinned to light-on-dark", got, h)
	}
}

func TestOversizedOrEmptyContentIsAnErrorNotAPanic(t *testing.T) {
	for _, c := range []string{"", strings.Repeat("x", MaxContent+1)} {
		if _, err := New(c); err == nil {
			t.Errorf("New(%d bytes) succeeded", len(c))
		}
	}
}
