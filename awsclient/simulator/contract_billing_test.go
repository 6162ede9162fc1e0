package simulator_test

import (
	"context"
	"encoding/json"
	"net/url"
	"reflect"
	"strconv"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/budgets"
	budgettypes "github.com/aws/aws-sdk-go-v2/service/budgets/types"
	"github.com/aws/aws-sdk-go-v2/service/iam"
	iamtypes "github.com/aws/aws-sdk-go-v2/service/iam/types"
	"github.com/aws/aws-sdk-go-v2/service/sts"

	"github.com/firstrun/firstrun/awsclient/simulator"
	"github.com/firstrun/firstrun/awsclient/simulator/simtest"
)

// billingBackend is a backend under the billing contract. Where moto departs from AWS,
// the simulator follows AWS and the flag skips only the part moto gets wrong.
type billingBackend struct {
	cfg aws.Config
	// checksTrustPolicies: moto 5.2 stores a trust policy that is not JSON; IAM refuses
	// it with MalformedPolicyDocument.
	checksTrustPolicies bool
}

// TestContractBilling holds the billing chapter's calls (IAM roles, Budgets) to the same
// contract on the simulator and on moto_server, as TestContract does for the others.
func TestContractBilling(t *testing.T) {
	cases := []struct {
		name string
		run  func(t *testing.T, b billingBackend)
	}{
		{"iam roles", contractRoles},
		{"budgets", contractBudgets},
	}
	t.Run("simulator", func(t *testing.T) {
		for _, c := range cases {
			t.Run(c.name, func(t *testing.T) {
				_, b := simtest.Start(t, simulator.Options{})
				c.run(t, billingBackend{cfg: simtest.Config(t, b, "us-east-1"), checksTrustPolicies: true})
			})
		}
	})
	t.Run("moto", func(t *testing.T) {
		// moto knows AWS managed policies such as job-function/Billing only when asked.
		t.Setenv("MOTO_IAM_LOAD_MANAGED_POLICIES", "true")
		moto := simtest.StartMoto(t)
		for _, c := range cases {
			t.Run(c.name, func(t *testing.T) {
				moto.Reset(t)
				c.run(t, billingBackend{cfg: simtest.Config(t, moto.Backend, "us-east-1")})
			})
		}
	})
}

func callerAccount(t *testing.T, cfg aws.Config) string {
	t.Helper()
	out, err := sts.NewFromConfig(cfg).GetCallerIdentity(context.Background(), &sts.GetCallerIdentityInput{})
	if err != nil {
		t.Fatal(err)
	}
	return aws.ToString(out.Account)
}

// sameJSON compares two JSON documents by meaning, not by spelling.
func sameJSON(t *testing.T, a, b string) bool {
	t.Helper()
	var va, vb any
	if err := json.Unmarshal([]byte(a), &va); err != nil {
		t.Fatalf("%q: %v", a, err)
	}
	if err := json.Unmarshal([]byte(b), &vb); err != nil {
		t.Fatalf("%q: %v", b, err)
	}
	return reflect.DeepEqual(va, vb)
}

func contractRoles(t *testing.T, b billingBackend) {
	client := iam.NewFromConfig(b.cfg)
	ctx := context.Background()
	trust := mfaTrustPolicy(callerAccount(t, b.cfg))

	created, err := client.CreateRole(ctx, &iam.CreateRoleInput{RoleName: aws.String("Billing"), AssumeRolePolicyDocument: aws.String(trust)})
	if err != nil {
		t.Fatal(err)
	}
	got, err := client.GetRole(ctx, &iam.GetRoleInput{RoleName: aws.String("Billing")})
	if err != nil {
		t.Fatal(err)
	}
	if aws.ToString(got.Role.Arn) != aws.ToString(created.Role.Arn) || aws.ToString(got.Role.RoleName) != "Billing" {
		t.Errorf("GetRole = %s %s, CreateRole said %s", aws.ToString(got.Role.RoleName), aws.ToString(got.Role.Arn), aws.ToString(created.Role.Arn))
	}
	doc, err := url.PathUnescape(aws.ToString(got.Role.AssumeRolePolicyDocument))
	if err != nil || !sameJSON(t, doc, trust) {
		t.Errorf("GetRole trust policy %q (%v), want %s", doc, err, trust)
	}

	_, err = client.CreateRole(ctx, &iam.CreateRoleInput{RoleName: aws.String("Billing"), AssumeRolePolicyDocument: aws.String(trust)})
	requireType[*iamtypes.EntityAlreadyExistsException](t, err)
	requireStatus(t, err, 409)
	_, err = client.GetRole(ctx, &iam.GetRoleInput{RoleName: aws.String("Nobody")})
	requireType[*iamtypes.NoSuchEntityException](t, err)
	requireStatus(t, err, 404)
	if b.checksTrustPolicies {
		_, err = client.CreateRole(ctx, &iam.CreateRoleInput{RoleName: aws.String("Broken"), AssumeRolePolicyDocument: aws.String(`{"Version":`)})
		requireType[*iamtypes.MalformedPolicyDocumentException](t, err)
	}

	for range 2 { // attaching twice attaches once
		if _, err := client.AttachRolePolicy(ctx, &iam.AttachRolePolicyInput{RoleName: aws.String("Billing"), PolicyArn: aws.String(billingPolicyARN)}); err != nil {
			t.Fatal(err)
		}
	}
	list, err := client.ListAttachedRolePolicies(ctx, &iam.ListAttachedRolePoliciesInput{RoleName: aws.String("Billing")})
	if err != nil {
		t.Fatal(err)
	}
	if len(list.AttachedPolicies) != 1 || aws.ToString(list.AttachedPolicies[0].PolicyArn) != billingPolicyARN ||
		aws.ToString(list.AttachedPolicies[0].PolicyName) != "Billing" {
		t.Errorf("attached %+v", list.AttachedPolicies)
	}
	_, err = client.AttachRolePolicy(ctx, &iam.AttachRolePolicyInput{RoleName: aws.String("Billing"), PolicyArn: aws.String("arn:aws:iam::aws:policy/job-function/NoSuchPolicy")})
	requireType[*iamtypes.NoSuchEntityException](t, err)

	loose := `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"*"},"Action":"sts:AssumeRole"}]}`
	if _, err := client.UpdateAssumeRolePolicy(ctx, &iam.UpdateAssumeRolePolicyInput{RoleName: aws.String("Billing"), PolicyDocument: aws.String(loose)}); err != nil {
		t.Fatal(err)
	}
	got, err = client.GetRole(ctx, &iam.GetRoleInput{RoleName: aws.String("Billing")})
	if err != nil {
		t.Fatal(err)
	}
	if doc, _ := url.PathUnescape(aws.ToString(got.Role.AssumeRolePolicyDocument)); !sameJSON(t, doc, loose) {
		t.Errorf("trust policy after UpdateAssumeRolePolicy: %s", doc)
	}
}

func contractBudgets(t *testing.T, b billingBackend) {
	client := budgets.NewFromConfig(b.cfg)
	ctx := context.Background()
	account := callerAccount(t, b.cfg)

	if _, err := client.CreateBudget(ctx, monthlyBudget(account, "firstrun-monthly", "50", "owner@example.com")); err != nil {
		t.Fatal(err)
	}
	out, err := client.DescribeBudget(ctx, &budgets.DescribeBudgetInput{AccountId: aws.String(account), BudgetName: aws.String("firstrun-monthly")})
	if err != nil {
		t.Fatal(err)
	}
	// AWS answers "50.0" for "50"; moto echoes "50". Both are the number 50.
	amount, err := strconv.ParseFloat(aws.ToString(out.Budget.BudgetLimit.Amount), 64)
	if err != nil || amount != 50 || out.Budget.TimeUnit != budgettypes.TimeUnitMonthly || out.Budget.BudgetType != budgettypes.BudgetTypeCost {
		t.Errorf("DescribeBudget = %+v", out.Budget)
	}
	notes, err := client.DescribeNotificationsForBudget(ctx, &budgets.DescribeNotificationsForBudgetInput{AccountId: aws.String(account), BudgetName: aws.String("firstrun-monthly")})
	if err != nil {
		t.Fatal(err)
	}
	if len(notes.Notifications) != 2 || notes.Notifications[0].Threshold != 80 || notes.Notifications[1].NotificationType != budgettypes.NotificationTypeForecasted {
		t.Errorf("notifications %+v", notes.Notifications)
	}
	list, err := client.DescribeBudgets(ctx, &budgets.DescribeBudgetsInput{AccountId: aws.String(account)})
	if err != nil || len(list.Budgets) != 1 || aws.ToString(list.Budgets[0].BudgetName) != "firstrun-monthly" {
		t.Errorf("DescribeBudgets = %+v, %v", list, err)
	}

	_, err = client.CreateBudget(ctx, monthlyBudget(account, "firstrun-monthly", "50", "owner@example.com"))
	requireType[*budgettypes.DuplicateRecordException](t, err)
	requireStatus(t, err, 400)
	_, err = client.DescribeBudget(ctx, &budgets.DescribeBudgetInput{AccountId: aws.String(account), BudgetName: aws.String("nothing-here")})
	requireType[*budgettypes.NotFoundException](t, err)
	requireStatus(t, err, 400)
}
