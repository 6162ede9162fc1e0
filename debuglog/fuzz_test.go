package debuglog_test

import (
	"regexp"
	"strings"
	"testing"

	"github.com/firstrun/firstrun/debuglog"
)

// secretShaped is what the fuzzer's secrets look like: long enough not to turn up by
// chance in the text around them.
var secretShaped = regexp.MustCompile(`^[A-Za-z0-9+/]{8,}$`)

// FuzzRedact: a secret in any of the places the wire protocols put one is taken out,
// whatever surrounds it, and redacting twice changes nothing more.
func FuzzRedact(f *testing.F) {
	f.Add("POST / HTTP/1.1", "wJalrXUtnFEMIK7MDENGbPxRfiCYEXAMPLEKEY", "Host: iam.amazonaws.com")
	f.Add(`{"a":1,`, "IQoJb3JpZ2luX2VjEPj", `}`)
	f.Add("Action=EnableMFADevice", "123456789", "Version=2010-05-08")
	f.Fuzz(func(t *testing.T, before, secret, after string) {
		if !secretShaped.MatchString(secret) || strings.Contains(debuglog.Redacted, secret) {
			t.Skip()
		}
		for _, place := range []string{
			"\r\nAuthorization: AWS4-HMAC-SHA256 Signature=%s\r\n",
			"\nX-Amz-Security-Token: %s\n",
			"&Password=%s&",
			"&AuthenticationCode2=%s&",
			"<SecretAccessKey>%s</SecretAccessKey>",
			"<Base32StringSeed>%s</Base32StringSeed>",
			`{"clientSecret": "%s"}`,
			`"accessToken":"%s"`,
			"otpauth://totp/AWS:admin@123456789012?secret=%s&issuer=AWS",
		} {
			if strings.Contains(before+strings.Replace(place, "%s", " ", 1)+after, secret) {
				continue // the text holds the secret elsewhere too
			}
			text := before + strings.Replace(place, "%s", secret, 1) + after
			once := debuglog.Redact(text)
			if strings.Contains(once, secret) {
				t.Fatalf("the secret survived in %q:\n%q", place, once)
			}
			if twice := debuglog.Redact(once); twice != once {
				t.Fatalf("redacting again changed %q to %q", once, twice)
			}
		}
	})
}
