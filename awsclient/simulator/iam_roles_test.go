package simulator_test

import (
	"context"
	"fmt"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/iam"
	"github.com/aws/aws-sdk-go-v2/service/iam/types"

	"github.com/firstrun/firstrun/awsclient/simulator"
)

const billingPolicyARN = "arn:aws:iam::aws:policy/job-function/Billing"

func mfaTrustPolicy(account string) string {
	return `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::` + account +
		`:root"},"Action":"sts:AssumeRole","Condition":{"Bool":{"aws:MultiFactorAuthPresent":"true"}}}]}`
}

func TestCreateAndGetRole(t *testing.T) {
	sim, cfg := start(t, simulator.Options{})
	client := iam.NewFromConfig(cfg)
	ctx := context.Background()
	trust := mfaTrustPolicy(sim.AccountID())

	created, err := client.CreateRole(ctx, &iam.CreateRoleInput{
		RoleName: aws.String("Billing"), AssumeRolePolicyDocument: aws.String(trust), Description: aws.String("billing work"),
	})
	if err != nil {
		t.Fatal(err)
	}
	r := created.Role
	wantArn := "arn:aws:iam::" + sim.AccountID() + ":role/Billing"
	if aws.ToString(r.Arn) != wantArn || aws.ToString(r.Path) != "/" || !strings.HasPrefix(aws.ToString(r.RoleId), "AROA") || r.CreateDate == nil {
		t.Errorf("CreateRole returned %+v", r)
	}

	got, err := client.GetRole(ctx, &iam.GetRoleInput{RoleName: aws.String("BILLING")}) // IAM names ignore case
	if err != nil {
		t.Fatal(err)
	}
	// IAM returns policy documents URL-encoded (RFC 3986): spaces as %20, never "+".
	raw := aws.ToString(got.Role.AssumeRolePolicyDocument)
	if strings.ContainsAny(raw, "{+") {
		t.Errorf("trust policy not URL-encoded: %s", raw)
	}
	if doc, err := url.PathUnescape(raw); err != nil || doc != trust {
		t.Errorf("trust policy = %q (%v), want %q", doc, err, trust)
	}
	if aws.ToString(got.Role.RoleId) != aws.ToString(r.RoleId) || aws.ToInt32(got.Role.MaxSessionDuration) != 3600 ||
		aws.ToString(got.Role.Description) != "billing work" || got.Role.RoleLastUsed == nil {
		t.Errorf("GetRole = %+v", got.Role)
	}

	// The waiter a caller would use after CreateRole works against the simulator.
	if err := iam.NewRoleExistsWaiter(client).Wait(ctx, &iam.GetRoleInput{RoleName: aws.String("Billing")}, time.Minute); err != nil {
		t.Errorf("RoleExists waiter: %v", err)
	}

	_, err = client.CreateRole(ctx, &iam.CreateRoleInput{RoleName: aws.String("billing"), AssumeRolePolicyDocument: aws.String(trust)})
	requireType[*types.EntityAlreadyExistsException](t, err)
	if msg := requireCode(t, err, "EntityAlreadyExists"); msg != "Role with name billing already exists." {
		t.Errorf("message %q", msg)
	}
	requireStatus(t, err, 409)

	_, err = client.GetRole(ctx, &iam.GetRoleInput{RoleName: aws.String("Nobody")})
	requireType[*types.NoSuchEntityException](t, err)
	if msg := requireCode(t, err, "NoSuchEntity"); msg != "The role with name Nobody cannot be found." {
		t.Errorf("message %q", msg)
	}
	requireStatus(t, err, 404)

	summary, err := client.GetAccountSummary(ctx, &iam.GetAccountSummaryInput{})
	if err != nil || summary.SummaryMap["Roles"] != 3 { // two service-linked roles, and this one
		t.Errorf("Roles = %d (%v), want 3", summary.SummaryMap["Roles"], err)
	}
}

func TestCreateRoleRefusals(t *testing.T) {
	sim, cfg := start(t, simulator.Options{})
	client := iam.NewFromConfig(cfg)
	account := sim.AccountID()
	statement := func(body string) string {
		return `{"Version":"2012-10-17","Statement":[{"Effect":"Allow",` + body + `}]}`
	}
	for _, tc := range []struct {
		name, role, doc string
		duration        int32
		code, message   string
	}{
		{"name with a space", "no spaces", mfaTrustPolicy(account), 0, "ValidationError", ""},
		{"name too long", strings.Repeat("r", 65), mfaTrustPolicy(account), 0, "ValidationError", ""},
		{"session too long", "r", mfaTrustPolicy(account), 43201, "ValidationError", ""},
		{"not JSON", "r", `{"Version":`, 0, "MalformedPolicyDocument", "This policy contains invalid Json"},
		{"no statement", "r", `{"Version":"2012-10-17"}`, 0, "MalformedPolicyDocument", "Syntax errors in policy."},
		{"no principal", "r", statement(`"Action":"sts:AssumeRole"`), 0, "MalformedPolicyDocument", "Missing required field Principal"},
		{"resource", "r", statement(`"Principal":{"AWS":"` + account + `"},"Action":"sts:AssumeRole","Resource":"*"`), 0,
			"MalformedPolicyDocument", "Has prohibited field Resource"},
		{"bad principal", "r", statement(`"Principal":{"AWS":"alice"},"Action":"sts:AssumeRole"`), 0,
			"MalformedPolicyDocument", `Invalid principal in policy: "AWS":"alice"`},
		{"missing user", "r", statement(`"Principal":{"AWS":"arn:aws:iam::` + account + `:user/ghost"},"Action":"sts:AssumeRole"`), 0,
			"MalformedPolicyDocument", `Invalid principal in policy: "AWS":"arn:aws:iam::` + account + `:user/ghost"`},
		{"too large", "r", statement(`"Principal":{"AWS":"` + account + `"},"Action":"sts:AssumeRole","Sid":"` + strings.Repeat("x", 2048) + `"`), 0,
			"LimitExceeded", "Cannot exceed quota for ACLSizePerRole: 2048"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			in := &iam.CreateRoleInput{RoleName: aws.String(tc.role), AssumeRolePolicyDocument: aws.String(tc.doc)}
			if tc.duration != 0 {
				in.MaxSessionDuration = aws.Int32(tc.duration)
			}
			_, err := client.CreateRole(context.Background(), in)
			if msg := requireCode(t, err, tc.code); tc.message != "" && msg != tc.message {
				t.Errorf("message %q, want %q", msg, tc.message)
			}
		})
	}
	// Everyone, another account and this account's existing users are valid principals.
	if _, err := client.CreateUser(context.Background(), &iam.CreateUserInput{UserName: aws.String("alice")}); err != nil {
		t.Fatal(err)
	}
	for i, principal := range []string{"*", "111122223333", "arn:aws:iam::111122223333:root", "arn:aws:iam::" + account + ":user/alice"} {
		doc := statement(`"Principal":{"AWS":"` + principal + `"},"Action":"sts:AssumeRole"`)
		if _, err := client.CreateRole(context.Background(), &iam.CreateRoleInput{RoleName: aws.String(fmt.Sprintf("ok-%d", i)), AssumeRolePolicyDocument: aws.String(doc)}); err != nil {
			t.Errorf("principal %s: %v", principal, err)
		}
	}
}

func TestAttachAndListRolePolicies(t *testing.T) {
	sim, cfg := start(t, simulator.Options{})
	client := iam.NewFromConfig(cfg)
	ctx := context.Background()
	if _, err := client.CreateRole(ctx, &iam.CreateRoleInput{RoleName: aws.String("Billing"), AssumeRolePolicyDocument: aws.String(mfaTrustPolicy(sim.AccountID()))}); err != nil {
		t.Fatal(err)
	}
	for _, arn := range []string{billingPolicyARN, billingPolicyARN, "arn:aws:iam::aws:policy/ReadOnlyAccess", "arn:aws:iam::aws:policy/job-function/ViewOnlyAccess"} {
		if _, err := client.AttachRolePolicy(ctx, &iam.AttachRolePolicyInput{RoleName: aws.String("billing"), PolicyArn: aws.String(arn)}); err != nil {
			t.Fatalf("attach %s: %v", arn, err)
		}
	}

	var names []string
	pages := 0
	p := iam.NewListAttachedRolePoliciesPaginator(client, &iam.ListAttachedRolePoliciesInput{RoleName: aws.String("Billing"), MaxItems: aws.Int32(1)})
	for p.HasMorePages() {
		out, err := p.NextPage(ctx)
		if err != nil {
			t.Fatal(err)
		}
		pages++
		for _, ap := range out.AttachedPolicies {
			names = append(names, aws.ToString(ap.PolicyName)+"="+aws.ToString(ap.PolicyArn))
		}
	}
	want := "Billing=" + billingPolicyARN + ",ReadOnlyAccess=arn:aws:iam::aws:policy/ReadOnlyAccess,ViewOnlyAccess=arn:aws:iam::aws:policy/job-function/ViewOnlyAccess"
	if strings.Join(names, ",") != want || pages != 3 {
		t.Errorf("listed %v in %d pages; attaching twice must attach once", names, pages)
	}

	byPath, err := client.ListAttachedRolePolicies(ctx, &iam.ListAttachedRolePoliciesInput{RoleName: aws.String("Billing"), PathPrefix: aws.String("/job-function/")})
	if err != nil || len(byPath.AttachedPolicies) != 2 || byPath.IsTruncated {
		t.Errorf("by path /job-function/: %+v %v", byPath, err)
	}

	_, err = client.ListAttachedRolePolicies(ctx, &iam.ListAttachedRolePoliciesInput{RoleName: aws.String("Billing"), Marker: aws.String("forged")})
	requireCode(t, err, "InvalidInput")

	for _, tc := range []struct {
		role, policy, code string
	}{
		{"Billing", "arn:aws:iam::aws:policy/job-function/NoSuchPolicy", "NoSuchEntity"},
		{"Billing", "arn:aws:iam::" + sim.AccountID() + ":policy/Custom", "NoSuchEntity"},
		{"Billing", "not-an-arn-but-long-enough", "InvalidInput"},
		{"Nobody", billingPolicyARN, "NoSuchEntity"},
		{"AWSServiceRoleForSupport", billingPolicyARN, "UnmodifiableEntity"},
	} {
		_, err := client.AttachRolePolicy(ctx, &iam.AttachRolePolicyInput{RoleName: aws.String(tc.role), PolicyArn: aws.String(tc.policy)})
		requireCode(t, err, tc.code)
	}
	_, err = client.ListAttachedRolePolicies(ctx, &iam.ListAttachedRolePoliciesInput{RoleName: aws.String("Nobody")})
	requireType[*types.NoSuchEntityException](t, err)
}

func TestUpdateAssumeRolePolicy(t *testing.T) {
	sim, cfg := start(t, simulator.Options{})
	client := iam.NewFromConfig(cfg)
	ctx := context.Background()
	loose := `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"*"},"Action":"sts:AssumeRole"}]}`
	if _, err := client.CreateRole(ctx, &iam.CreateRoleInput{RoleName: aws.String("Billing"), AssumeRolePolicyDocument: aws.String(loose)}); err != nil {
		t.Fatal(err)
	}
	strict := mfaTrustPolicy(sim.AccountID())
	if _, err := client.UpdateAssumeRolePolicy(ctx, &iam.UpdateAssumeRolePolicyInput{RoleName: aws.String("Billing"), PolicyDocument: aws.String(strict)}); err != nil {
		t.Fatal(err)
	}
	got, err := client.GetRole(ctx, &iam.GetRoleInput{RoleName: aws.String("Billing")})
	if err != nil {
		t.Fatal(err)
	}
	if doc, _ := url.PathUnescape(aws.ToString(got.Role.AssumeRolePolicyDocument)); doc != strict {
		t.Errorf("trust policy after update = %s", doc)
	}

	_, err = client.UpdateAssumeRolePolicy(ctx, &iam.UpdateAssumeRolePolicyInput{RoleName: aws.String("Billing"), PolicyDocument: aws.String("[")})
	requireType[*types.MalformedPolicyDocumentException](t, err)
	_, err = client.UpdateAssumeRolePolicy(ctx, &iam.UpdateAssumeRolePolicyInput{RoleName: aws.String("Nobody"), PolicyDocument: aws.String(strict)})
	requireType[*types.NoSuchEntityException](t, err)
	_, err = client.UpdateAssumeRolePolicy(ctx, &iam.UpdateAssumeRolePolicyInput{RoleName: aws.String("AWSServiceRoleForTrustedAdvisor"), PolicyDocument: aws.String(strict)})
	requireType[*types.UnmodifiableEntityException](t, err)
}
