package iamuser

import (
	"testing"
	"time"

	"github.com/pquerna/otp/totp"
)

// FuzzCheckCodes types arbitrary text into the two code fields: CheckCodes must never
// panic, and it must never accept a pair that is not the device's two consecutive codes.
func FuzzCheckCodes(f *testing.F) {
	const seed = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP"
	now := time.Date(2026, 11, 24, 12, 0, 0, 0, time.UTC)
	first, _ := totp.GenerateCode(seed, now.Add(-30*time.Second))
	second, _ := totp.GenerateCode(seed, now)
	f.Add(first, second)
	f.Add(second, first)
	f.Add("123 456", "000000")
	f.Add("", "")
	f.Add("１２３４５６", "abcdef")
	f.Fuzz(func(t *testing.T, a, b string) {
		if CheckCodes(seed, a, b, now) != nil {
			return
		}
		a, b = normalizeCode(a), normalizeCode(b)
		for step := -acceptSteps - 1; step <= acceptSteps; step++ {
			at := now.Add(time.Duration(step) * 30 * time.Second)
			c1, _ := totp.GenerateCode(seed, at)
			c2, _ := totp.GenerateCode(seed, at.Add(30*time.Second))
			if a == c1 && b == c2 {
				return
			}
		}
		t.Fatalf("accepted %q %q, which are not two consecutive codes", a, b)
	})
}
