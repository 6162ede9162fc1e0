package debuglog

import (
	"regexp"
	"strings"
)

// Redacted stands in the log for every secret the redactor takes out.
const Redacted = "[redacted]"

// secretNames are the names under which AWS's wire protocols, its SDK's configuration and
// an otpauth URI carry a secret. A value under one of these names is taken out wherever it
// appears: a query-form body, an XML or JSON document, a URI's query, a variable.
var secretNames = []string{
	// Access keys and temporary credentials: STS, iam:CreateAccessKey, the portal's
	// sso:GetRoleCredentials, the SDK's variables and shared files.
	"SecretAccessKey", "SessionToken", "aws_secret_access_key", "aws_session_token",
	"X-Amz-Security-Token", "X-Amz-Signature",
	// Virtual MFA devices: the seed, the QR code that holds it, and the codes it makes.
	"Base32StringSeed", "QRCodePNG", "AuthenticationCode1", "AuthenticationCode2", "secret",
	// Passwords: iam:CreateLoginProfile, UpdateLoginProfile, ChangePassword.
	"Password", "NewPassword", "OldPassword",
	// SSO OIDC (the device flow of the first sign-in), and OAuth's own spelling.
	"accessToken", "refreshToken", "idToken", "clientSecret", "deviceCode", "userCode", "codeVerifier",
	"access_token", "refresh_token", "id_token", "client_secret", "device_code", "user_code",
}

// secretHeaders carry credentials in HTTP requests: the SigV4 signature, the session
// token, and the access portal's bearer token.
var secretHeaders = []string{"Authorization", "X-Amz-Security-Token", "X-Amz-Sso_bearer_token", "Cookie", "Set-Cookie"}

type rule struct {
	re   *regexp.Regexp
	with string
}

// rules are applied in order. The first four find a secret by its name, the last two by
// its shape, for a secret that turns up where no name announces it (an error message, a
// URI pasted into a value).
var rules = func() []rule {
	names := strings.Join(secretNames, "|")
	return []rule{
		// An HTTP header line of a request or response dump.
		{regexp.MustCompile(`(?im)^(` + strings.Join(secretHeaders, "|") + `)[ \t]*:[^\r\n]*`), "${1}: " + Redacted},
		// XML (IAM, STS): <SecretAccessKey>...</SecretAccessKey>.
		{regexp.MustCompile(`(?i)<(` + names + `)>[^<]*<`), "<${1}>" + Redacted + "<"},
		// JSON (JSON 1.1, REST-JSON): "clientSecret": "...".
		{regexp.MustCompile(`(?i)"(` + names + `)"(\s*:\s*)"(?:[^"\\]|\\.)*"`), `"${1}"${2}"` + Redacted + `"`},
		// Query-form bodies, URI queries, KEY=value: Password=...&, ?secret=...
		{regexp.MustCompile(`(?i)(^|[?&\s;,"'])(` + names + `)([ \t]*=[ \t]*)[^&\s"'<>;,]*`), "${1}${2}${3}" + Redacted},
		// A Base32 MFA seed (AWS's are 64 characters).
		{regexp.MustCompile(`\b[A-Z2-7]{32,}={0,6}`), Redacted},
		// A long Base64 run: a session or access token, a QR code's PNG.
		{regexp.MustCompile(`[A-Za-z0-9+/]{100,}={0,2}`), Redacted},
	}
}()

// Redact returns s with every credential, token, MFA seed, MFA code and password it
// recognises replaced by Redacted. Everything the debug log writes passes through it.
func Redact(s string) string {
	for _, r := range rules {
		s = r.re.ReplaceAllString(s, r.with)
	}
	return s
}
