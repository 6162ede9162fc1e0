package simulator_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/account"
	"github.com/aws/aws-sdk-go-v2/service/iam"
	"github.com/aws/aws-sdk-go-v2/service/organizations"
	orgtypes "github.com/aws/aws-sdk-go-v2/service/organizations/types"
	"github.com/aws/aws-sdk-go-v2/service/ssoadmin"
	"github.com/aws/aws-sdk-go-v2/service/sts"

	"github.com/firstrun/firstrun/awsclient/simulator"
	"github.com/firstrun/firstrun/awsclient/simulator/simtest"
)

// attempts returns the error codes of the recorded calls of one operation.
func attempts(sim *simulator.Simulator, op string) []string {
	var codes []string
	for _, c := range sim.Calls() {
		if c.Operation == op {
			codes = append(codes, c.ErrorCode)
		}
	}
	return codes
}

func TestFaultFailsNTimesThenSucceeds(t *testing.T) {
	ctx := context.Background()
	for _, tc := range []struct {
		name, spec, op string
		call           func(aws.Config) error
		wantCode       string
	}{
		{"iam throttling", "iam:CreateUser=throttle*2", "CreateUser", func(cfg aws.Config) error {
			_, err := iam.NewFromConfig(cfg).CreateUser(ctx, &iam.CreateUserInput{UserName: aws.String("carol")})
			return err
		}, "Throttling"},
		{"organizations throttling", "organizations:DescribeOrganization=throttle*2", "DescribeOrganization", func(cfg aws.Config) error {
			_, err := organizations.NewFromConfig(cfg).DescribeOrganization(ctx, &organizations.DescribeOrganizationInput{})
			return err
		}, "TooManyRequestsException"},
		{"sso-admin throttling", "sso-admin:ListInstances=throttle*2", "ListInstances", func(cfg aws.Config) error {
			_, err := ssoadmin.NewFromConfig(cfg).ListInstances(ctx, &ssoadmin.ListInstancesInput{})
			return err
		}, "ThrottlingException"},
		{"sts internal error", "sts:GetCallerIdentity=internal*2", "GetCallerIdentity", func(cfg aws.Config) error {
			_, err := sts.NewFromConfig(cfg).GetCallerIdentity(ctx, &sts.GetCallerIdentityInput{})
			return err
		}, "InternalFailure"},
		{"iam service failure", "iam:GetAccountSummary=internal*1", "GetAccountSummary", func(cfg aws.Config) error {
			_, err := iam.NewFromConfig(cfg).GetAccountSummary(ctx, &iam.GetAccountSummaryInput{})
			return err
		}, "ServiceFailure"},
		{"account throttling", "account:*=throttle*2", "GetContactInformation", func(cfg aws.Config) error {
			_, err := account.NewFromConfig(cfg).GetContactInformation(ctx, &account.GetContactInformationInput{})
			return err
		}, "TooManyRequestsException"},
		{"unavailable", "organizations:*=unavailable*1", "DescribeOrganization", func(cfg aws.Config) error {
			_, err := organizations.NewFromConfig(cfg).DescribeOrganization(ctx, &organizations.DescribeOrganizationInput{})
			return err
		}, "ServiceUnavailableException"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			faults, err := simulator.ParseFaults(tc.spec)
			if err != nil {
				t.Fatal(err)
			}
			sim, cfg := start(t, simulator.Options{Scenario: simulator.HalfSetUp, Faults: faults})
			if err := tc.call(cfg); err != nil {
				t.Fatalf("the SDK did not retry through the fault: %v", err)
			}
			got := attempts(sim, tc.op)
			n := len(got)
			if n < 2 || got[n-1] != "" {
				t.Fatalf("attempts %q", got)
			}
			for _, code := range got[:n-1] {
				if code != tc.wantCode {
					t.Errorf("attempts %q, want failures with %s", got, tc.wantCode)
				}
			}
			if left := sim.Faults().List(); len(left) != 0 {
				t.Errorf("spent faults still on: %v", left)
			}
		})
	}
}

func TestPermanentThrottlingExhaustsRetries(t *testing.T) {
	sim, cfg := start(t, simulator.Options{Faults: []simulator.Fault{{Target: "iam:*", Kind: simulator.FaultThrottle}}})
	_, err := iam.NewFromConfig(cfg).GetAccountSummary(context.Background(), &iam.GetAccountSummaryInput{})
	requireCode(t, err, "Throttling")
	if got := attempts(sim, "GetAccountSummary"); len(got) != 3 { // the SDK's standard retryer makes 3 attempts
		t.Errorf("attempts %q", got)
	}
}

func TestAccessDeniedFault(t *testing.T) {
	sim, cfg := start(t, simulator.Options{})
	if err := sim.Faults().Add(simulator.Fault{Target: "*:Get*", Kind: simulator.FaultDenied}); err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	_, err := iam.NewFromConfig(cfg).GetAccountSummary(ctx, &iam.GetAccountSummaryInput{})
	msg := requireCode(t, err, "AccessDenied")
	want := "User: arn:aws:iam::" + sim.AccountID() + ":root is not authorized to perform: iam:GetAccountSummary on resource: *"
	if !strings.HasPrefix(msg, want) {
		t.Errorf("message %q, want it to start with %q", msg, want)
	}
	if got := attempts(sim, "GetAccountSummary"); len(got) != 1 {
		t.Errorf("AccessDenied was retried: %q", got)
	}

	_, err = sts.NewFromConfig(cfg).GetCallerIdentity(ctx, &sts.GetCallerIdentityInput{})
	requireCode(t, err, "AccessDenied")

	// JSON services use their own code, and the pattern spares List calls.
	sim.Faults().Clear()
	if err := sim.Faults().Add(simulator.Fault{Target: "organizations:*", Kind: simulator.FaultDenied}); err != nil {
		t.Fatal(err)
	}
	_, err = organizations.NewFromConfig(cfg).DescribeOrganization(ctx, &organizations.DescribeOrganizationInput{})
	requireType[*orgtypes.AccessDeniedException](t, err)
	if msg := requireCode(t, err, "AccessDeniedException"); !strings.Contains(msg, "organizations:DescribeOrganization") {
		t.Errorf("message %q", msg)
	}
	if _, err := iam.NewFromConfig(cfg).ListUsers(ctx, &iam.ListUsersInput{}); err != nil {
		t.Errorf("ListUsers: %v", err)
	}
}

func TestLatencyFault(t *testing.T) {
	const delay = 150 * time.Millisecond
	_, cfg := start(t, simulator.Options{Faults: []simulator.Fault{{Target: "sts:*", Kind: simulator.FaultLatency, Latency: delay, Times: 1}}})
	client := sts.NewFromConfig(cfg)
	began := time.Now()
	if _, err := client.GetCallerIdentity(context.Background(), &sts.GetCallerIdentityInput{}); err != nil {
		t.Fatal(err)
	}
	if took := time.Since(began); took < delay {
		t.Errorf("first call took %v, want at least %v", took, delay)
	}
	began = time.Now()
	if _, err := client.GetCallerIdentity(context.Background(), &sts.GetCallerIdentityInput{}); err != nil {
		t.Fatal(err)
	}
	if took := time.Since(began); took >= delay {
		t.Errorf("second call took %v; the fault was for one call", took)
	}
}

func TestLatencyFaultHonoursClientTimeout(t *testing.T) {
	_, cfg := start(t, simulator.Options{Faults: []simulator.Fault{{Target: "sts:*", Kind: simulator.FaultLatency, Latency: time.Hour}}})
	ctx, cancel := context.WithTimeout(context.Background(), 100*time.Millisecond)
	defer cancel()
	if _, err := sts.NewFromConfig(cfg).GetCallerIdentity(ctx, &sts.GetCallerIdentityInput{}); err == nil {
		t.Fatal("a call delayed by an hour returned")
	}
}

func TestParseFaults(t *testing.T) {
	spec := "iam:CreateUser=throttle*2, sts:*=latency:100ms,organizations:List*=denied,*:*=internal*1,sso-admin:*=unavailable," +
		"sso-admin:Create*=conflict*1,*:*=gateway,sso-admin:Describe*=notyet*3"
	faults, err := simulator.ParseFaults(spec)
	if err != nil {
		t.Fatal(err)
	}
	want := []simulator.Fault{
		{Target: "iam:CreateUser", Kind: simulator.FaultThrottle, Times: 2},
		{Target: "sts:*", Kind: simulator.FaultLatency, Latency: 100 * time.Millisecond},
		{Target: "organizations:List*", Kind: simulator.FaultDenied},
		{Target: "*:*", Kind: simulator.FaultInternal, Times: 1},
		{Target: "sso-admin:*", Kind: simulator.FaultUnavailable},
		{Target: "sso-admin:Create*", Kind: simulator.FaultConflict, Times: 1},
		{Target: "*:*", Kind: simulator.FaultGateway},
		{Target: "sso-admin:Describe*", Kind: simulator.FaultNotYet, Times: 3},
	}
	if len(faults) != len(want) {
		t.Fatalf("got %v", faults)
	}
	rendered := make([]string, 0, len(want))
	for i := range want {
		if faults[i] != want[i] {
			t.Errorf("fault %d = %+v, want %+v", i, faults[i], want[i])
		}
		rendered = append(rendered, faults[i].String())
	}
	again, err := simulator.ParseFaults(strings.Join(rendered, ","))
	if err != nil || len(again) != len(want) {
		t.Errorf("round trip: %v, %v", again, err)
	}

	for _, bad := range []string{"iam=throttle", "iam:X", "iam:X=explode", "iam:X=latency", "iam:X=latency:soon", "iam:X=throttle*0", "iam:X=throttle:1s", "iam:[=denied"} {
		if _, err := simulator.ParseFaults(bad); err == nil {
			t.Errorf("ParseFaults(%q) succeeded", bad)
		}
	}
	if faults, err := simulator.ParseFaults(""); err != nil || len(faults) != 0 {
		t.Errorf("empty spec: %v, %v", faults, err)
	}
}

func TestCloseCutsLatencyShort(t *testing.T) {
	sim, err := simulator.New(simulator.Options{Faults: []simulator.Fault{{Target: "sts:*", Kind: simulator.FaultLatency, Latency: time.Hour, Times: 1}}})
	if err != nil {
		t.Fatal(err)
	}
	url, err := sim.Start()
	if err != nil {
		t.Fatal(err)
	}
	cfg := simtest.Config(t, simtest.Backend{URL: url, Credentials: sim.Credentials()}, "us-east-1")
	done := make(chan error, 1)
	go func() {
		_, err := sts.NewFromConfig(cfg).GetCallerIdentity(context.Background(), &sts.GetCallerIdentityInput{})
		done <- err
	}()
	// The fault is spent when the call starts waiting in it.
	for deadline := time.Now().Add(10 * time.Second); len(sim.Faults().List()) > 0; time.Sleep(time.Millisecond) {
		if time.Now().After(deadline) {
			t.Fatal("the call never reached the simulator")
		}
	}
	began := time.Now()
	if err := sim.Close(); err != nil {
		t.Errorf("Close: %v", err)
	}
	if err := <-done; err != nil {
		t.Errorf("the delayed call failed: %v", err)
	}
	if took := time.Since(began); took > 5*time.Second {
		t.Errorf("Close took %v", took)
	}
}
