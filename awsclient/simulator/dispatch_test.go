package simulator_test

import (
	"io"
	"net/http"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/firstrun/firstrun/awsclient/simulator"
	"github.com/firstrun/firstrun/awsclient/simulator/simtest"
)

// rawResponse is an HTTP answer, read in full.
type rawResponse struct {
	status int
	header http.Header
	body   string
}

// raw sends a hand-made request signed for a service, as a client of a
// service the SDK does not cover here would.
func raw(t *testing.T, b simtest.Backend, service, target, body string) rawResponse {
	t.Helper()
	req, err := http.NewRequestWithContext(t.Context(), "POST", b.URL+"/", strings.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	if service != "" {
		req.Header.Set("Authorization", "AWS4-HMAC-SHA256 Credential="+b.Credentials.AccessKeyID+
			"/20250602/us-east-1/"+service+"/aws4_request, SignedHeaders=host;x-amz-date, Signature=0000")
		req.Header.Set("X-Amz-Security-Token", b.Credentials.SessionToken)
	}
	if target != "" {
		req.Header.Set("X-Amz-Target", target)
		req.Header.Set("Content-Type", "application/x-amz-json-1.1")
	} else {
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	}
	return do(t, req)
}

func do(t *testing.T, req *http.Request) rawResponse {
	t.Helper()
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	out, err := io.ReadAll(resp.Body)
	_ = resp.Body.Close() // read to the end already
	if err != nil {
		t.Fatal(err)
	}
	return rawResponse{status: resp.StatusCode, header: resp.Header, body: string(out)}
}

func TestDispatch(t *testing.T) {
	sim, b := simtest.Start(t, simulator.Options{})
	for _, tc := range []struct {
		name, service, target, body string
		status                      int
		want                        string // in the body or the X-Amzn-Errortype header
		logged                      simulator.Call
	}{
		{"query action", "iam", "", "Action=GetAccountSummary&Version=2010-05-08", 200, "<GetAccountSummaryResponse xmlns=\"https://iam.amazonaws.com/doc/2010-05-08/\">",
			simulator.Call{Service: "iam", Operation: "GetAccountSummary"}},
		{"sts namespace", "sts", "", "Action=GetCallerIdentity&Version=2011-06-15", 200, "xmlns=\"https://sts.amazonaws.com/doc/2011-06-15/\"",
			simulator.Call{Service: "sts", Operation: "GetCallerIdentity"}},
		{"unknown query action", "iam", "", "Action=DoSomethingNew&Version=2010-05-08", 400, "<Code>InvalidAction</Code>",
			simulator.Call{Service: "iam", Operation: "DoSomethingNew", ErrorCode: "InvalidAction"}},
		{"json target", "sso", "SWBExternalService.ListInstances", "{}", 200, `{"Instances":[]}`,
			simulator.Call{Service: "sso-admin", Operation: "ListInstances"}},
		{"unknown json target", "organizations", "AWSOrganizationsV20161128.DoSomethingNew", "{}", 400, `"__type":"UnknownOperationException"`,
			simulator.Call{Service: "organizations", Operation: "DoSomethingNew", ErrorCode: "UnknownOperationException"}},
		{"target of another service", "organizations", "SWBExternalService.ListInstances", "{}", 400, "UnknownOperationException",
			simulator.Call{Service: "organizations", ErrorCode: "UnknownOperationException"}},
		{"service not simulated", "s3", "", "", 400, "UnknownServiceException",
			simulator.Call{Service: "s3", ErrorCode: "UnknownServiceException"}},
		{"unsigned", "", "", "Action=GetCallerIdentity", 403, "MissingAuthenticationTokenException",
			simulator.Call{ErrorCode: "MissingAuthenticationTokenException"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			sim.ResetCalls()
			resp := raw(t, b, tc.service, tc.target, tc.body)
			if resp.status != tc.status || !strings.Contains(resp.body+resp.header.Get("X-Amzn-Errortype"), tc.want) {
				t.Errorf("got %d %s %s, want %d with %s", resp.status, resp.header.Get("X-Amzn-Errortype"), resp.body, tc.status, tc.want)
			}
			if resp.header.Get("X-Amzn-Requestid") == "" {
				t.Error("no request ID")
			}
			calls := sim.Calls()
			if len(calls) != 1 {
				t.Fatalf("calls %+v", calls)
			}
			got := calls[0]
			got.Time, got.Account, got.Region = tc.logged.Time, "", ""
			if got != tc.logged {
				t.Errorf("logged %+v, want %+v", got, tc.logged)
			}
		})
	}
}

// TestPresignedGetCallerIdentity covers query-string SigV4, which tools use
// to prove an identity (as EKS tokens do).
func TestPresignedGetCallerIdentity(t *testing.T) {
	_, b := simtest.Start(t, simulator.Options{})
	q := url.Values{
		"Action":               {"GetCallerIdentity"},
		"Version":              {"2011-06-15"},
		"X-Amz-Algorithm":      {"AWS4-HMAC-SHA256"},
		"X-Amz-Credential":     {b.Credentials.AccessKeyID + "/20250602/us-east-1/sts/aws4_request"},
		"X-Amz-Security-Token": {b.Credentials.SessionToken},
		"X-Amz-Signature":      {"0000"},
	}
	req, err := http.NewRequestWithContext(t.Context(), "GET", b.URL+"/?"+q.Encode(), nil)
	if err != nil {
		t.Fatal(err)
	}
	resp := do(t, req)
	if resp.status != 200 || !strings.Contains(resp.body, "<Arn>arn:aws:iam::412318265094:root</Arn>") {
		t.Errorf("%d %s", resp.status, resp.body)
	}
}

// TestAWSCLI checks that the AWS CLI, not only the Go SDK, works through
// AWS_ENDPOINT_URL.
func TestAWSCLI(t *testing.T) {
	bin, err := exec.LookPath("aws")
	if err != nil {
		t.Skip("the AWS CLI is not on PATH")
	}
	sim, b := simtest.Start(t, simulator.Options{})
	dir := t.TempDir()
	empty := filepath.Join(dir, "empty")
	if err := os.WriteFile(empty, nil, 0o600); err != nil {
		t.Fatal(err)
	}
	cmd := exec.CommandContext(t.Context(), bin, "organizations", "describe-organization")
	cmd.Env = []string{
		"PATH=" + os.Getenv("PATH"), "HOME=" + dir, "AWS_PAGER=",
		"AWS_ENDPOINT_URL=" + b.URL, "AWS_DEFAULT_REGION=us-east-1", "AWS_REGION=us-east-1",
		"AWS_CONFIG_FILE=" + empty, "AWS_SHARED_CREDENTIALS_FILE=" + empty, "AWS_EC2_METADATA_DISABLED=true",
		"AWS_ACCESS_KEY_ID=" + b.Credentials.AccessKeyID, "AWS_SECRET_ACCESS_KEY=" + b.Credentials.SecretAccessKey,
		"AWS_SESSION_TOKEN=" + b.Credentials.SessionToken,
	}
	out, err := cmd.CombinedOutput()
	if err == nil || !strings.Contains(string(out), "An error occurred (AWSOrganizationsNotInUseException) when calling the DescribeOrganization operation: Your account is not a member of an organization.") {
		t.Errorf("aws organizations describe-organization: %v\n%s", err, out)
	}
	if calls := sim.Calls(); len(calls) != 1 || calls[0].Account != sim.AccountID() {
		t.Errorf("calls %+v", calls)
	}
}
