package simulator_test

import (
	"context"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/iam"
	"github.com/aws/aws-sdk-go-v2/service/iam/types"
	"github.com/aws/aws-sdk-go-v2/service/sts"

	"github.com/firstrun/firstrun/awsclient/simulator"
	"github.com/firstrun/firstrun/awsclient/simulator/simtest"
)

func TestLoginProfiles(t *testing.T) {
	path := filepath.Join(t.TempDir(), "state.json")
	_, b := simtest.Start(t, simulator.Options{StateFile: path})
	client := iam.NewFromConfig(simtest.Config(t, b, "us-east-1"))
	ctx := context.Background()
	if _, err := client.CreateUser(ctx, &iam.CreateUserInput{UserName: aws.String("alice")}); err != nil {
		t.Fatal(err)
	}
	_, err := client.GetLoginProfile(ctx, &iam.GetLoginProfileInput{UserName: aws.String("alice")})
	requireCode(t, err, "NoSuchEntity")
	requireStatus(t, err, 404)

	for _, weak := range []string{"Sh0rt!", "alllowercaseletters", "lower-and-symbols!", "aws-root@example.com"} {
		_, err := client.CreateLoginProfile(ctx, &iam.CreateLoginProfileInput{UserName: aws.String("alice"), Password: aws.String(weak)})
		requireCode(t, err, "PasswordPolicyViolation")
		requireType[*types.PasswordPolicyViolationException](t, err)
		requireStatus(t, err, 400)
	}
	_, err = client.CreateLoginProfile(ctx, &iam.CreateLoginProfileInput{UserName: aws.String("nobody"), Password: aws.String("Str0ng-enough")})
	requireCode(t, err, "NoSuchEntity")

	const password = "Correct-Horse-7-Battery"
	created, err := client.CreateLoginProfile(ctx, &iam.CreateLoginProfileInput{
		UserName: aws.String("alice"), Password: aws.String(password), PasswordResetRequired: true,
	})
	if err != nil {
		t.Fatal(err)
	}
	if p := created.LoginProfile; aws.ToString(p.UserName) != "alice" || !p.PasswordResetRequired || p.CreateDate == nil {
		t.Errorf("CreateLoginProfile = %+v", p)
	}
	got, err := client.GetLoginProfile(ctx, &iam.GetLoginProfileInput{UserName: aws.String("alice")})
	if err != nil || !got.LoginProfile.PasswordResetRequired {
		t.Errorf("GetLoginProfile = %+v, %v", got, err)
	}
	_, err = client.CreateLoginProfile(ctx, &iam.CreateLoginProfileInput{UserName: aws.String("alice"), Password: aws.String(password)})
	requireCode(t, err, "EntityAlreadyExists")

	_, err = client.UpdateLoginProfile(ctx, &iam.UpdateLoginProfileInput{UserName: aws.String("alice"), Password: aws.String("weak")})
	requireCode(t, err, "PasswordPolicyViolation")
	if _, err := client.UpdateLoginProfile(ctx, &iam.UpdateLoginProfileInput{
		UserName: aws.String("alice"), Password: aws.String("Another-G00d-one"), PasswordResetRequired: aws.Bool(false),
	}); err != nil {
		t.Fatal(err)
	}
	if got, err := client.GetLoginProfile(ctx, &iam.GetLoginProfileInput{UserName: aws.String("alice")}); err != nil || got.LoginProfile.PasswordResetRequired {
		t.Errorf("after UpdateLoginProfile: %+v, %v", got, err)
	}

	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(data), "login_profile") {
		t.Fatal("the login profile was not saved")
	}
	for _, p := range []string{password, "Another-G00d-one"} {
		if strings.Contains(string(data), p) {
			t.Errorf("the state file holds the password %q", p)
		}
	}
}

func TestUserPolicies(t *testing.T) {
	_, cfg := start(t, simulator.Options{})
	client := iam.NewFromConfig(cfg)
	ctx := context.Background()
	if _, err := client.CreateUser(ctx, &iam.CreateUserInput{UserName: aws.String("alice")}); err != nil {
		t.Fatal(err)
	}
	admin := "arn:aws:iam::aws:policy/AdministratorAccess"
	for range 2 { // attaching twice changes nothing
		if _, err := client.AttachUserPolicy(ctx, &iam.AttachUserPolicyInput{UserName: aws.String("alice"), PolicyArn: aws.String(admin)}); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := client.AttachUserPolicy(ctx, &iam.AttachUserPolicyInput{UserName: aws.String("alice"), PolicyArn: aws.String("arn:aws:iam::aws:policy/job-function/Billing")}); err != nil {
		t.Fatal(err)
	}
	var attached []string
	p := iam.NewListAttachedUserPoliciesPaginator(client, &iam.ListAttachedUserPoliciesInput{UserName: aws.String("alice"), MaxItems: aws.Int32(1)})
	for p.HasMorePages() {
		out, err := p.NextPage(ctx)
		if err != nil {
			t.Fatal(err)
		}
		for _, a := range out.AttachedPolicies {
			attached = append(attached, aws.ToString(a.PolicyName)+"="+aws.ToString(a.PolicyArn))
		}
	}
	if want := "AdministratorAccess=" + admin + ",Billing=arn:aws:iam::aws:policy/job-function/Billing"; strings.Join(attached, ",") != want {
		t.Errorf("attached %v", attached)
	}
	summary, err := client.GetAccountSummary(ctx, &iam.GetAccountSummaryInput{})
	if err != nil || summary.SummaryMap["PolicyVersionsInUse"] != 2 {
		t.Errorf("PolicyVersionsInUse: %v, %v", summary, err)
	}
	jobs, err := client.ListAttachedUserPolicies(ctx, &iam.ListAttachedUserPoliciesInput{UserName: aws.String("alice"), PathPrefix: aws.String("/job-function/")})
	if err != nil || len(jobs.AttachedPolicies) != 1 {
		t.Errorf("PathPrefix: %+v, %v", jobs, err)
	}

	_, err = client.AttachUserPolicy(ctx, &iam.AttachUserPolicyInput{UserName: aws.String("alice"), PolicyArn: aws.String("AdministratorAccess")})
	requireCode(t, err, "InvalidInput")
	_, err = client.AttachUserPolicy(ctx, &iam.AttachUserPolicyInput{UserName: aws.String("alice"), PolicyArn: aws.String("arn:aws:iam::111122223333:policy/Mine")})
	requireCode(t, err, "NoSuchEntity")
	_, err = client.AttachUserPolicy(ctx, &iam.AttachUserPolicyInput{UserName: aws.String("nobody"), PolicyArn: aws.String(admin)})
	requireCode(t, err, "NoSuchEntity")

	doc := `{"Version": "2012-10-17", "Statement": [{"Effect": "Deny", "NotAction": ["iam:ChangePassword"], "Resource": "*",
		"Condition": {"BoolIfExists": {"aws:MultiFactorAuthPresent": "false"}}}]}`
	if _, err := client.PutUserPolicy(ctx, &iam.PutUserPolicyInput{UserName: aws.String("alice"), PolicyName: aws.String("Block"), PolicyDocument: aws.String(doc)}); err != nil {
		t.Fatal(err)
	}
	got, err := client.GetUserPolicy(ctx, &iam.GetUserPolicyInput{UserName: aws.String("alice"), PolicyName: aws.String("Block")})
	if err != nil {
		t.Fatal(err)
	}
	// IAM sends the document URL-encoded.
	raw := aws.ToString(got.PolicyDocument)
	if strings.ContainsAny(raw, `{" `) {
		t.Errorf("document not URL-encoded: %s", raw)
	}
	if decoded, err := url.PathUnescape(raw); err != nil || decoded != doc {
		t.Errorf("document %q (%v), want %q", decoded, err, doc)
	}
	names, err := client.ListUserPolicies(ctx, &iam.ListUserPoliciesInput{UserName: aws.String("alice")})
	if err != nil || strings.Join(names.PolicyNames, ",") != "Block" {
		t.Errorf("ListUserPolicies = %+v, %v", names, err)
	}
	_, err = client.GetUserPolicy(ctx, &iam.GetUserPolicyInput{UserName: aws.String("alice"), PolicyName: aws.String("Other")})
	requireCode(t, err, "NoSuchEntity")

	_, err = client.PutUserPolicy(ctx, &iam.PutUserPolicyInput{UserName: aws.String("alice"), PolicyName: aws.String("Bad"), PolicyDocument: aws.String("{not json")})
	requireCode(t, err, "MalformedPolicyDocument")
	requireType[*types.MalformedPolicyDocumentException](t, err)
	big := `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:GetObject","Resource":"arn:aws:s3:::` + strings.Repeat("x", 2000) + `"}]}`
	_, err = client.PutUserPolicy(ctx, &iam.PutUserPolicyInput{UserName: aws.String("alice"), PolicyName: aws.String("Big"), PolicyDocument: aws.String(big)})
	requireCode(t, err, "LimitExceeded")
}

func TestRootAccessKeys(t *testing.T) {
	path := filepath.Join(t.TempDir(), "state.json")
	_, b := simtest.Start(t, simulator.Options{StateFile: path}) // the root user in a session
	client := iam.NewFromConfig(simtest.Config(t, b, "us-east-1"))
	ctx := context.Background()
	present := func() int32 {
		t.Helper()
		out, err := client.GetAccountSummary(ctx, &iam.GetAccountSummaryInput{})
		if err != nil {
			t.Fatal(err)
		}
		return out.SummaryMap["AccountAccessKeysPresent"]
	}

	var secrets []string
	for range 2 {
		out, err := client.CreateAccessKey(ctx, &iam.CreateAccessKeyInput{})
		if err != nil {
			t.Fatal(err)
		}
		k := out.AccessKey
		if !strings.HasPrefix(aws.ToString(k.AccessKeyId), "AKIA") || aws.ToString(k.SecretAccessKey) == "" || k.Status != types.StatusTypeActive {
			t.Errorf("CreateAccessKey = %+v", k)
		}
		secrets = append(secrets, aws.ToString(k.SecretAccessKey))
	}
	if present() != 1 {
		t.Error("AccountAccessKeysPresent is not 1 with two root keys")
	}
	_, err := client.CreateAccessKey(ctx, &iam.CreateAccessKeyInput{})
	requireCode(t, err, "LimitExceeded")
	requireStatus(t, err, 409)

	listed, err := client.ListAccessKeys(ctx, &iam.ListAccessKeysInput{})
	if err != nil || len(listed.AccessKeyMetadata) != 2 {
		t.Fatalf("ListAccessKeys = %+v, %v", listed, err)
	}
	for _, k := range listed.AccessKeyMetadata {
		if _, err := client.DeleteAccessKey(ctx, &iam.DeleteAccessKeyInput{AccessKeyId: k.AccessKeyId}); err != nil {
			t.Fatal(err)
		}
	}
	if present() != 0 {
		t.Error("AccountAccessKeysPresent is not 0 after deleting the keys")
	}
	_, err = client.DeleteAccessKey(ctx, &iam.DeleteAccessKeyInput{AccessKeyId: listed.AccessKeyMetadata[0].AccessKeyId})
	requireCode(t, err, "NoSuchEntity")
	requireStatus(t, err, 404)

	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range secrets {
		if strings.Contains(string(data), s) {
			t.Error("the state file holds a secret access key")
		}
	}
}

func TestUserAccessKeysAndPaging(t *testing.T) {
	_, cfg := start(t, simulator.Options{Scenario: simulator.IAMAdminCaller})
	client := iam.NewFromConfig(cfg)
	ctx := context.Background()
	// The admin caller's own keys, with no user name: one exists already.
	if _, err := client.CreateAccessKey(ctx, &iam.CreateAccessKeyInput{}); err != nil {
		t.Fatal(err)
	}
	var ids []string
	p := iam.NewListAccessKeysPaginator(client, &iam.ListAccessKeysInput{MaxItems: aws.Int32(1)})
	for p.HasMorePages() {
		out, err := p.NextPage(ctx)
		if err != nil {
			t.Fatal(err)
		}
		for _, k := range out.AccessKeyMetadata {
			if aws.ToString(k.UserName) != "admin" {
				t.Errorf("key of %q", aws.ToString(k.UserName))
			}
			ids = append(ids, aws.ToString(k.AccessKeyId))
		}
	}
	if len(ids) != 2 {
		t.Errorf("listed %v", ids)
	}
	summary, err := client.GetAccountSummary(ctx, &iam.GetAccountSummaryInput{})
	if err != nil || summary.SummaryMap["AccountAccessKeysPresent"] != 0 {
		t.Errorf("an IAM user's keys counted as root keys: %v %v", summary, err)
	}
	_, err = client.ListAccessKeys(ctx, &iam.ListAccessKeysInput{UserName: aws.String("nobody")})
	requireCode(t, err, "NoSuchEntity")
}

// Deleting the root key a request is signed with works, and ends those
// credentials, as in AWS.
func TestDeletingTheCallersOwnRootKey(t *testing.T) {
	sim, cfg := start(t, simulator.Options{Scenario: simulator.RootAccessKeys})
	ctx := context.Background()
	client := iam.NewFromConfig(cfg)
	if _, err := client.DeleteAccessKey(ctx, &iam.DeleteAccessKeyInput{AccessKeyId: aws.String(sim.Credentials().AccessKeyID)}); err != nil {
		t.Fatal(err)
	}
	_, err := sts.NewFromConfig(cfg).GetCallerIdentity(ctx, &sts.GetCallerIdentityInput{})
	requireCode(t, err, "InvalidClientTokenId")
}

func TestConsoleRootPasswordAndKeys(t *testing.T) {
	sim, cfg := start(t, simulator.Options{})
	ctx := context.Background()
	client := iam.NewFromConfig(cfg)
	if _, err := client.CreateAccessKey(ctx, &iam.CreateAccessKeyInput{}); err != nil {
		t.Fatal(err)
	}
	if err := sim.Console().ChangeRootPassword(); err != nil {
		t.Fatal(err)
	}
	if err := sim.Console().DeleteRootAccessKeys(); err != nil {
		t.Fatal(err)
	}
	out, err := client.GetAccountSummary(ctx, &iam.GetAccountSummaryInput{})
	if err != nil || out.SummaryMap["AccountAccessKeysPresent"] != 0 {
		t.Errorf("after the console deleted them: %v %v", out, err)
	}
	var actions []string
	for _, c := range sim.Calls() {
		if c.Service == "console" {
			actions = append(actions, fmt.Sprintf("%s mutating=%v", c.Operation, c.Mutating))
		}
	}
	if strings.Join(actions, ",") != "ChangeRootPassword mutating=true,DeleteRootAccessKeys mutating=true" {
		t.Errorf("console calls %v", actions)
	}
}
