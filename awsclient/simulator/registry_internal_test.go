package simulator

import (
	"net/http/httptest"
	"strings"
	"testing"
)

// TestOperationsDeclareMutatingByVerb keeps the static Mutating flag honest
// as operations are added: reads must not save or count as changes, and
// writes must.
func TestOperationsDeclareMutatingByVerb(t *testing.T) {
	readVerbs := []string{"Get", "List", "Describe", "Assume"}
	writeVerbs := []string{"Create", "Delete", "Put", "Update", "Enable", "Disable", "Attach", "Detach", "Tag", "Untag", "Add", "Remove", "Set", "Upload", "Provision", "Change", "Reset", "Resync", "Deactivate", "Generate", "Start", "Register", "Accept"}
	hasVerb := func(name string, verbs []string) bool {
		for _, v := range verbs {
			if strings.HasPrefix(name, v) {
				return true
			}
		}
		return false
	}
	for _, svc := range services() {
		_, rest := svc.protocol.(restJSONProtocol)
		for name, op := range svc.ops {
			switch {
			case hasVerb(name, readVerbs) && op.mutating:
				t.Errorf("%s:%s is declared mutating", svc.id, name)
			case hasVerb(name, writeVerbs) && !op.mutating:
				t.Errorf("%s:%s is declared read-only", svc.id, name)
			case !hasVerb(name, readVerbs) && !hasVerb(name, writeVerbs):
				t.Errorf("%s:%s: add its verb to this test's lists", svc.id, name)
			}
			if rest != (op.route != "") {
				t.Errorf("%s:%s: route %q does not fit the protocol", svc.id, name, op.route)
			}
		}
	}
	newCatalog(services()) // panics on duplicate signing names
}

func TestMatchRoute(t *testing.T) {
	for _, tc := range []struct {
		route, method, path string
		want                map[string]string // nil: no match
	}{
		{"POST /getContactInformation", "POST", "/getContactInformation", map[string]string{}},
		{"POST /getContactInformation", "GET", "/getContactInformation", nil},
		{"POST /getContactInformation", "POST", "/getContactInformation/x", nil},
		{"GET /analyzer/{analyzerName}", "GET", "/analyzer/first", map[string]string{"analyzerName": "first"}},
		{"GET /analyzer/{analyzerName}", "GET", "/analyzer", nil},
		{"GET /resource/{arn}", "GET", "/resource/arn%3Aaws%3Aiam%3A%3A1%3Arole%2Fx", map[string]string{"arn": "arn:aws:iam::1:role/x"}},
		{"GET /files/{key+}", "GET", "/files/a/b/c", map[string]string{"key": "a/b/c"}},
	} {
		got, ok := matchRoute(tc.route, tc.method, tc.path)
		if ok != (tc.want != nil) || (ok && len(got) != len(tc.want)) {
			t.Errorf("%s against %s %s: %v %v", tc.route, tc.method, tc.path, got, ok)
			continue
		}
		for k, v := range tc.want {
			if got[k] != v {
				t.Errorf("%s: label %s = %q, want %q", tc.route, k, got[k], v)
			}
		}
	}
}

// TestUnsignedRouting covers the path routing of SSO OIDC and the portal:
// unsigned requests have no credential scope to name a service.
func TestUnsignedRouting(t *testing.T) {
	c := newCatalog(services())
	for _, tc := range []struct{ method, path, want string }{
		{"POST", "/client/register", "sso-oidc"},
		{"POST", "/token", "sso-oidc"},
		{"GET", "/assignment/accounts", "sso"},
		{"GET", "/assignment/roles", "sso"},
	} {
		got := c.unsignedService(httptest.NewRequestWithContext(t.Context(), tc.method, tc.path, nil))
		if got == nil || got.id != tc.want {
			t.Errorf("%s %s went to %v, want %s", tc.method, tc.path, got, tc.want)
		}
	}
	if got := c.unsignedService(httptest.NewRequestWithContext(t.Context(), "POST", "/getContactInformation", nil)); got != nil {
		t.Errorf("an unsigned request reached the signed service %s", got.id)
	}
}
