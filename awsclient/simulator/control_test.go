package simulator_test

import (
	"context"
	"encoding/json"
	"io"
	"net/http"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/service/iam"
	"github.com/aws/aws-sdk-go-v2/service/sts"

	"github.com/firstrun/firstrun/awsclient/simulator"
	"github.com/firstrun/firstrun/awsclient/simulator/simtest"
)

// control sends a request to the control API as a test in another process
// would, and returns the status and body.
func control(t *testing.T, base, method, path, body string) (int, []byte) {
	t.Helper()
	req, err := http.NewRequestWithContext(t.Context(), method, base+path, strings.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	b, err := io.ReadAll(resp.Body)
	_ = resp.Body.Close() // read to the end already
	if err != nil {
		t.Fatal(err)
	}
	return resp.StatusCode, b
}

func TestControlAPI(t *testing.T) {
	sim, b := simtest.Start(t, simulator.Options{})
	cfg := simtest.Config(t, b, "us-east-1")
	ctx := context.Background()

	if code, body := control(t, b.URL, "POST", "/_simulator/faults", "iam:GetAccountSummary=throttle*1"); code != http.StatusOK || !strings.Contains(string(body), "iam:GetAccountSummary=throttle*1") {
		t.Fatalf("POST faults: %d %s", code, body)
	}
	if code, _ := control(t, b.URL, "POST", "/_simulator/faults", "iam:X=explode"); code != http.StatusBadRequest {
		t.Errorf("bad spec: %d", code)
	}
	out, err := iam.NewFromConfig(cfg).GetAccountSummary(ctx, &iam.GetAccountSummaryInput{})
	if err != nil {
		t.Fatal(err)
	}
	if out.SummaryMap["AccountMFAEnabled"] != 0 {
		t.Fatal("a new account has root MFA")
	}
	if code, body := control(t, b.URL, "GET", "/_simulator/faults", ""); code != http.StatusOK || strings.TrimSpace(string(body)) != "[]" {
		t.Errorf("faults after use: %d %s", code, body)
	}

	code, body := control(t, b.URL, "GET", "/_simulator/calls", "")
	var calls []simulator.Call
	if err := json.Unmarshal(body, &calls); code != http.StatusOK || err != nil {
		t.Fatalf("GET calls: %d %v %s", code, err, body)
	}
	if len(calls) != 2 || calls[0].ErrorCode != "Throttling" || calls[1].Operation != "GetAccountSummary" || calls[1].ErrorCode != "" {
		t.Errorf("calls %+v", calls)
	}

	// The operator enables root MFA in the console while the wizard polls.
	if code, body := control(t, b.URL, "POST", "/_simulator/console/EnableRootMFA", ""); code != http.StatusNoContent {
		t.Fatalf("EnableRootMFA: %d %s", code, body)
	}
	out, err = iam.NewFromConfig(cfg).GetAccountSummary(ctx, &iam.GetAccountSummaryInput{})
	if err != nil || out.SummaryMap["AccountMFAEnabled"] != 1 {
		t.Errorf("after EnableRootMFA: %v %v", out.SummaryMap["AccountMFAEnabled"], err)
	}

	code, body = control(t, b.URL, "POST", "/_simulator/console/EnableIdentityCenter?region=eu-west-1", "")
	var ic simulator.IdentityCenter
	if err := json.Unmarshal(body, &ic); code != http.StatusOK || err != nil || ic.Region != "eu-west-1" || ic.InstanceARN == "" {
		t.Errorf("EnableIdentityCenter: %d %s", code, body)
	}
	if code, _ := control(t, b.URL, "POST", "/_simulator/console/EnableIdentityCenter", ""); code != http.StatusConflict {
		t.Errorf("EnableIdentityCenter without a Region: %d", code)
	}
	if code, _ := control(t, b.URL, "POST", "/_simulator/console/Teleport", ""); code != http.StatusNotFound {
		t.Errorf("unknown console action: %d", code)
	}

	if code, _ := control(t, b.URL, "DELETE", "/_simulator/calls", ""); code != http.StatusNoContent {
		t.Errorf("DELETE calls: %d", code)
	}
	if n := len(sim.Calls()); n != 0 {
		t.Errorf("%d calls after DELETE (control requests must not be logged)", n)
	}

	if code, _ := control(t, b.URL, "POST", "/_simulator/credentials/expire", ""); code != http.StatusNoContent {
		t.Errorf("expire: %d", code)
	}
	_, err = sts.NewFromConfig(cfg).GetCallerIdentity(ctx, &sts.GetCallerIdentityInput{})
	requireCode(t, err, "ExpiredToken")

	if code, _ := control(t, b.URL, "POST", "/_simulator/faults", "*:*=denied"); code != http.StatusOK {
		t.Fatal(code)
	}
	if code, _ := control(t, b.URL, "DELETE", "/_simulator/faults", ""); code != http.StatusNoContent || len(sim.Faults().List()) != 0 {
		t.Errorf("DELETE faults: %d, %v", code, sim.Faults().List())
	}
}
