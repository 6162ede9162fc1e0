package simulator

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
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
