package iamuser

import (
	"strings"
	"testing"
	"time"

	"github.com/pquerna/otp/totp"
)

const testSeed = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP"

func codeAt(t *testing.T, at time.Time) string {
	t.Helper()
	c, err := totp.GenerateCode(testSeed, at)
	if err != nil {
		t.Fatal(err)
	}
	return c
}

func TestCheckCodes(t *testing.T) {
	now := time.Date(2025, 6, 2, 9, 30, 10, 0, time.UTC)
	step := 30 * time.Second
	at := func(n int) string { return codeAt(t, now.Add(time.Duration(n)*step)) }
	for _, tc := range []struct {
		name          string
		first, second string
		field         int    // -1: accepted
		says          string // part of the message
	}{
		{"the previous and the current code", at(-1), at(0), -1, ""},
		{"the current and the next code", at(0), at(1), -1, ""},
		{"two steps late, which AWS may still take", at(-3), at(-2), -1, ""},
		{"two steps early", at(1), at(2), -1, ""},
		{"with the space apps show", at(-1)[:3] + " " + at(-1)[3:], at(0), -1, ""},
		{"too short", "12345", at(0), 0, "6 digits"},
		{"letters", at(-1), "12a456", 1, "6 digits"},
		{"the same code twice", at(0), at(0), 1, "first code again"},
		{"a typo in the first", typo(at(-1)), at(0), 0, "doesn't match"},
		{"a typo in the second", at(-1), typo(at(0)), 1, "doesn't match"},
		{"not consecutive", at(-2), at(0), 1, "follow each other"},
		{"in the wrong order", at(0), at(-1), 1, "follow each other"},
		{"expired", at(-4), at(-3), 0, "expired"},
		{"the phone is ahead", at(3), at(4), 0, "clock is ahead"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			p := CheckCodes(testSeed, tc.first, tc.second, now)
			switch {
			case tc.field < 0 && p != nil:
				t.Errorf("refused: %v", p)
			case tc.field >= 0 && p == nil:
				t.Error("accepted")
			case tc.field >= 0 && (p.Field != tc.field || !strings.Contains(p.Message, tc.says)):
				t.Errorf("field %d %q, want field %d saying %q", p.Field, p.Message, tc.field, tc.says)
			}
		})
	}
}

// typo changes the last digit.
func typo(code string) string {
	last := code[len(code)-1]
	return code[:len(code)-1] + string('0'+(last-'0'+1)%10)
}

func TestURIFitsTheShortLabel(t *testing.T) {
	d := Device{User: "emergency-admin", Account: "412318265094", Seed: testSeed}
	want := "otpauth://totp/AWS:emergency-admin@412318265094?secret=" + testSeed + "&issuer=AWS"
	if d.URI() != want {
		t.Errorf("URI = %s\nwant  %s", d.URI(), want)
	}
	if d.ShortURI() != "otpauth://totp/AWS:emergency-admin?secret="+testSeed+"&issuer=AWS" {
		t.Errorf("ShortURI = %s", d.ShortURI())
	}
}

// With this machine's clock minutes off AWS's, codes the check here can't place go to AWS,
// saying why, instead of being refused; codes of the wrong shape are still refused.
func TestJudgeCodesWithASkewedClock(t *testing.T) {
	now := time.Date(2025, 6, 2, 9, 30, 10, 0, time.UTC)
	step := 30 * time.Second
	skew := 3 * time.Minute // AWS's clock is ahead of this machine's
	aws := func(n int) string { return codeAt(t, now.Add(skew+time.Duration(n)*step)) }
	for _, tc := range []struct {
		name          string
		first, second string
		skew          time.Duration
		refused       string // part of the problem, or "" when the codes go to AWS
		note          string // part of the note, or "" for none
	}{
		{"codes on AWS's time", aws(-1), aws(0), skew, "", "the codes match AWS's time"},
		{"codes on AWS's time, nothing known of the clock", aws(-1), aws(0), 0, "from the future", ""},
		{"a few seconds off", codeAt(t, now.Add(-step)), codeAt(t, now), 10 * time.Second, "", ""},
		{"codes neither time places", typo(aws(-1)), aws(0), skew, "", "3m0s behind AWS's, so firstrun can't check the codes itself"},
		{"a machine ahead", codeAt(t, now.Add(-skew-step)), codeAt(t, now.Add(-skew)), -skew, "", "3m0s ahead of AWS's: the codes match"},
		{"five digits", "12345", aws(0), skew, "6 digits", ""},
		{"the same code twice", aws(0), aws(0), skew, "first code again", ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			p, note := JudgeCodes(testSeed, tc.first, tc.second, now, tc.skew)
			switch {
			case tc.refused == "" && p != nil:
				t.Errorf("refused: %v", p)
			case tc.refused != "" && (p == nil || !strings.Contains(p.Message, tc.refused)):
				t.Errorf("problem %v, want one saying %q", p, tc.refused)
			case !strings.Contains(note, tc.note) || (tc.note == "") != (note == ""):
				t.Errorf("note %q, want %q", note, tc.note)
			}
		})
	}
}
