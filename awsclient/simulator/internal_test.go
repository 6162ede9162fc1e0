package simulator

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// TestSecretsStayInMemory plants what a virtual MFA device would leave in
// memory and checks that a save keeps it out of the state file.
func TestSecretsStayInMemory(t *testing.T) {
	path := filepath.Join(t.TempDir(), "demo.json")
	s, err := New(Options{Scenario: IAMAdminCaller, StateFile: path})
	if err != nil {
		t.Fatal(err)
	}
	const seed = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP"
	s.mu.Lock()
	s.vault.mfaSeeds["arn:aws:iam::"+s.world.Caller.Principal.Account+":mfa/admin"] = seed
	s.mu.Unlock()
	if err := s.Console().EnableRootMFA(); err != nil { // saves the world
		t.Fatal(err)
	}
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(data), "root-account-mfa-device") {
		t.Fatal("the console action was not saved")
	}
	if strings.Contains(string(data), seed) {
		t.Error("the state file holds an MFA seed")
	}
	if strings.Contains(string(data), s.Credentials().SecretAccessKey) {
		t.Error("the state file holds a secret access key")
	}
}

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

func TestAsyncStatus(t *testing.T) {
	t0 := time.Date(2025, 6, 2, 9, 0, 0, 0, time.UTC)
	work := async{Started: t0, Delay: 10 * time.Second}
	for _, tc := range []struct {
		at      time.Duration
		failure string
		want    string
	}{
		{0, "", "IN_PROGRESS"},
		{9 * time.Second, "", "IN_PROGRESS"},
		{10 * time.Second, "", "SUCCEEDED"},
		{time.Hour, "", "SUCCEEDED"},
		{9 * time.Second, "EMAIL_ALREADY_EXISTS", "IN_PROGRESS"},
		{10 * time.Second, "EMAIL_ALREADY_EXISTS", "FAILED"},
	} {
		w := work
		w.Failure = tc.failure
		if got := w.status(t0.Add(tc.at), "IN_PROGRESS", "SUCCEEDED", "FAILED"); got != tc.want {
			t.Errorf("at +%v (failure %q): %s, want %s", tc.at, tc.failure, got, tc.want)
		}
	}
	if got := (async{Started: t0}).state(t0); got != asyncSucceeded {
		t.Errorf("zero delay: state %v, want done at once", got)
	}
}

func TestPaginate(t *testing.T) {
	r := &request{svc: iamService()}
	items := []int{1, 2, 3, 4, 5}
	three := 3
	page, next, aerr := paginate(r, "ListThings", items, pageRequest{limit: &three, param: "maxItems", def: 100, max: 1000})
	if aerr != nil || len(page) != 3 || next == "" {
		t.Fatalf("first page %v %q %v", page, next, aerr)
	}
	page, last, aerr := paginate(r, "ListThings", items, pageRequest{token: next, limit: &three, param: "maxItems", def: 100, max: 1000})
	if aerr != nil || len(page) != 2 || page[0] != 4 || last != "" {
		t.Fatalf("second page %v %q %v", page, last, aerr)
	}
	// Only a token the operation could have issued is accepted.
	for _, bad := range []string{next + "x", "eyJvIjoiTGlzdFRoaW5ncyIsImkiOjEwfQ", "%%%"} {
		if _, _, aerr := paginate(r, "ListThings", items, pageRequest{token: bad, param: "maxItems", def: 100, max: 1000}); aerr == nil || aerr.Code != "InvalidInput" {
			t.Errorf("token %q: %v", bad, aerr)
		}
	}
	if _, _, aerr := paginate(r, "ListOtherThings", items, pageRequest{token: next, param: "maxItems", def: 100, max: 1000}); aerr == nil {
		t.Error("a token from another operation was accepted")
	}
	zero := 0
	if _, _, aerr := paginate(r, "ListThings", items, pageRequest{limit: &zero, param: "maxItems", def: 100, max: 1000}); aerr == nil || aerr.Code != "ValidationError" {
		t.Errorf("MaxItems 0: %v", aerr)
	}
}
