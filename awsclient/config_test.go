package awsclient_test

import (
	"context"
	"os"
	"path/filepath"
	"testing"

	"github.com/firstrun/firstrun/awsclient"
	"github.com/firstrun/firstrun/awsclient/simulator"
	"github.com/firstrun/firstrun/awsclient/simulator/simtest"
)

// TestEnvironmentReachesTheSDK shows that LoadConfig leaves the SDK's own environment
// handling alone: AWS_ENDPOINT_URL, the key variables and AWS_REGION are enough.
func TestEnvironmentReachesTheSDK(t *testing.T) {
	for _, tc := range []struct {
		scenario        simulator.Scenario
		root, longTerm  bool
		onRootAccessKey bool
	}{
		{simulator.NewAccount, true, false, false},
		{simulator.RootAccessKeys, true, true, true},
		{simulator.IAMAdminCaller, false, true, false},
	} {
		t.Run(string(tc.scenario), func(t *testing.T) {
			sim, b := simtest.Start(t, simulator.Options{Scenario: tc.scenario})
			dir := t.TempDir()
			empty := filepath.Join(dir, "empty")
			_ = os.WriteFile(empty, nil, 0o600)
			t.Setenv("AWS_CONFIG_FILE", empty)
			t.Setenv("AWS_SHARED_CREDENTIALS_FILE", empty)
			t.Setenv("AWS_EC2_METADATA_DISABLED", "true")
			t.Setenv("AWS_PROFILE", "")
			t.Setenv("AWS_ENDPOINT_URL", b.URL)
			t.Setenv("AWS_REGION", "eu-central-1")
			t.Setenv("AWS_ACCESS_KEY_ID", b.Credentials.AccessKeyID)
			t.Setenv("AWS_SECRET_ACCESS_KEY", b.Credentials.SecretAccessKey)
			t.Setenv("AWS_SESSION_TOKEN", b.Credentials.SessionToken)

			cfg, err := awsclient.LoadConfig(context.Background(), awsclient.Options{AppID: "firstrun/test"})
			if err != nil {
				t.Fatal(err)
			}
			id, err := awsclient.WhoAmI(context.Background(), cfg, awsclient.NewClients(cfg).STS)
			if err != nil {
				t.Fatal(err)
			}
			if id.Account != sim.AccountID() || id.Region != "eu-central-1" {
				t.Errorf("identity = %+v", id)
			}
			if id.IsRoot != tc.root || id.LongTermKeys != tc.longTerm || id.RunsOnRootAccessKeys() != tc.onRootAccessKey {
				t.Errorf("root=%v longTerm=%v onRootKeys=%v", id.IsRoot, id.LongTermKeys, id.RunsOnRootAccessKeys())
			}
		})
	}
}
