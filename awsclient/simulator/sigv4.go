package simulator

import (
	"net/http"
	"strings"
)

// sigScope is the credential scope of a SigV4 signature,
// Credential=AKID/20250101/us-east-1/iam/aws4_request. The simulator never
// checks signatures: the scope is only how it tells services, Regions and
// callers apart, all on one endpoint.
type sigScope struct {
	accessKeyID  string
	region       string
	service      string // signing name, e.g. "sso" for SSO Admin
	sessionToken string
}

// signingScope reads the scope from the Authorization header, or from the
// query string of a presigned URL. ok is false for unsigned requests.
func signingScope(r *http.Request) (sigScope, bool) {
	cred, token := "", r.Header.Get("X-Amz-Security-Token")
	if auth := r.Header.Get("Authorization"); strings.HasPrefix(auth, "AWS4-HMAC-SHA256 ") {
		for _, part := range strings.Split(strings.TrimPrefix(auth, "AWS4-HMAC-SHA256 "), ",") {
			if v, ok := strings.CutPrefix(strings.TrimSpace(part), "Credential="); ok {
				cred = v
			}
		}
	} else if q := r.URL.Query(); q.Get("X-Amz-Algorithm") == "AWS4-HMAC-SHA256" {
		cred, token = q.Get("X-Amz-Credential"), q.Get("X-Amz-Security-Token")
	}
	parts := strings.Split(cred, "/")
	if len(parts) != 5 || parts[0] == "" || parts[4] != "aws4_request" {
		return sigScope{}, false
	}
	return sigScope{accessKeyID: parts[0], region: parts[2], service: parts[3], sessionToken: token}, true
}
