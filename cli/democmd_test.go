package cli

import (
	"bufio"
	"context"
	"io"
	"path/filepath"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/iam"
	"github.com/aws/aws-sdk-go-v2/service/ssoadmin"
	"github.com/aws/aws-sdk-go-v2/service/sts"

	"github.com/firstrun/firstrun/awsclient/simulator/simtest"
	"github.com/firstrun/firstrun/demo"
)

func TestDemoServePrintsWhatTheAWSCLINeeds(t *testing.T) {
	isolate(t)
	ctx, cancel := context.WithCancel(context.Background())
	r, w := io.Pipe()
	done := make(chan int)
	go func() {
		done <- (&app{stdout: w, stderr: io.Discard}).demo(ctx, []string{"serve"})
		w.Close()
	}()
	vars := map[string]string{}
	lines := bufio.NewScanner(r)
	for vars["AWS_REGION"] == "" && lines.Scan() {
		if k, v, ok := strings.Cut(lines.Text(), "="); ok && !strings.HasPrefix(k, "#") {
			vars[k] = v
		}
	}
	go func() { _, _ = io.Copy(io.Discard, r) }()

	b := simtest.Backend{URL: vars["AWS_ENDPOINT_URL"], Credentials: aws.Credentials{
		AccessKeyID: vars["AWS_ACCESS_KEY_ID"], SecretAccessKey: vars["AWS_SECRET_ACCESS_KEY"], SessionToken: vars["AWS_SESSION_TOKEN"]}}
	out, err := sts.NewFromConfig(simtest.Config(t, b, vars["AWS_REGION"])).GetCallerIdentity(ctx, &sts.GetCallerIdentityInput{})
	if err != nil {
		t.Fatalf("GetCallerIdentity with the printed variables: %v (%v)", err, vars)
	}
	if !strings.HasSuffix(aws.ToString(out.Arn), ":root") {
		t.Errorf("caller = %s, want the demo's root user", aws.ToString(out.Arn))
	}
	cancel()
	if code := <-done; code != 0 {
		t.Errorf("exit code %d", code)
	}
}

func TestDemoConsoleDoesTheConsoleStepOnTheSimulatedAccount(t *testing.T) {
	state := isolate(t)
	if code, _, errOut := runMain(t, "", "demo", "console", "root-mfa"); code != 0 {
		t.Fatalf("demo console: %d %s", code, errOut)
	}
	if code, _, errOut := runMain(t, "", "demo", "console", "no-such-step"); code != exitUsage || !strings.Contains(errOut, "no step") {
		t.Errorf("unknown step: %d %s", code, errOut)
	}

	account, err := demo.Open(filepath.Join(state, "demo"))
	if err != nil {
		t.Fatal(err)
	}
	defer account.Close()
	if code, _, errOut := runMain(t, "", "demo", "console", "root-mfa"); code == 0 || !strings.Contains(errOut, "in use") {
		t.Errorf("a second opener: %d %s", code, errOut)
	}
	url, err := account.Start()
	if err != nil {
		t.Fatal(err)
	}
	cfg := simtest.Config(t, simtest.Backend{URL: url, Credentials: account.Sim.Credentials()}, "us-east-1")
	sum, err := iam.NewFromConfig(cfg).GetAccountSummary(context.Background(), &iam.GetAccountSummaryInput{})
	if err != nil {
		t.Fatal(err)
	}
	if sum.SummaryMap["AccountMFAEnabled"] != 1 {
		t.Error("root MFA is not enabled after demo console root-mfa")
	}
}

// Flags may follow the step, as the usage shows: firstrun demo console STEP --region R.
func TestDemoConsoleTakesFlagsAfterTheStep(t *testing.T) {
	state := isolate(t)
	if code, _, errOut := runMain(t, "", "demo", "console", "identity-center", "--region", "eu-west-1"); code != 0 {
		t.Fatalf("demo console identity-center --region eu-west-1: %d %s", code, errOut)
	}
	if code, _, errOut := runMain(t, "", "demo", "console", "--target", "jane", "admin-user", "extra"); code != exitUsage ||
		!strings.Contains(errOut, "name one step") {
		t.Errorf("two arguments: %d %s", code, errOut)
	}
	account, err := demo.Open(filepath.Join(state, "demo"))
	if err != nil {
		t.Fatal(err)
	}
	defer account.Close()
	url, err := account.Start()
	if err != nil {
		t.Fatal(err)
	}
	for region, want := range map[string]int{"eu-west-1": 1, "us-east-1": 0} {
		cfg := simtest.Config(t, simtest.Backend{URL: url, Credentials: account.Sim.Credentials()}, region)
		out, err := ssoadmin.NewFromConfig(cfg).ListInstances(context.Background(), &ssoadmin.ListInstancesInput{})
		if err != nil {
			t.Fatal(err)
		}
		if len(out.Instances) != want {
			t.Errorf("%s: %d Identity Center instances, want %d", region, len(out.Instances), want)
		}
	}
}
