package awsclient_test

import (
	"context"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/credentials"
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

// TestAStalledAnswerIsRetried shows that an attempt taking longer than AttemptTimeout is
// abandoned and made again, instead of hanging the step.
func TestAStalledAnswerIsRetried(t *testing.T) {
	sim, b := simtest.Start(t, simulator.Options{})
	if err := sim.Faults().Add(simulator.Fault{Target: "sts:GetCallerIdentity", Kind: simulator.FaultLatency,
		Latency: time.Minute, Times: 1}); err != nil {
		t.Fatal(err)
	}
	creds := b.Credentials
	cfg, err := awsclient.LoadConfig(t.Context(), awsclient.Options{Isolated: true, EndpointURL: b.URL,
		Credentials: credentials.StaticCredentialsProvider{Value: creds}, AttemptTimeout: 200 * time.Millisecond})
	if err != nil {
		t.Fatal(err)
	}
	began := time.Now()
	id, err := awsclient.WhoAmI(t.Context(), cfg, awsclient.NewClients(cfg).STS)
	if err != nil {
		t.Fatalf("WhoAmI after one stalled attempt: %v", err)
	}
	if id.Account != sim.AccountID() {
		t.Errorf("account %s, want %s", id.Account, sim.AccountID())
	}
	if took := time.Since(began); took > 20*time.Second {
		t.Errorf("took %v: the stalled attempt was not abandoned", took)
	}
	var attempts int
	for _, c := range sim.Calls() {
		if c.Operation == "GetCallerIdentity" {
			attempts++
		}
	}
	if attempts != 2 {
		t.Errorf("%d attempts reached AWS, want 2 (the stalled one and its retry)", attempts)
	}
}
