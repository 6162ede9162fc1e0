package simulator_test

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/budgets"
	"github.com/aws/aws-sdk-go-v2/service/budgets/types"
	"github.com/aws/aws-sdk-go-v2/service/iam"

	"github.com/firstrun/firstrun/awsclient/simulator"
	"github.com/firstrun/firstrun/awsclient/simulator/simtest"
)

// monthlyBudget is the budget firstrun creates: a monthly cost budget that emails at 80%
// of actual and 100% of forecasted spend.
func monthlyBudget(account, name, amount, email string) *budgets.CreateBudgetInput {
	alert := func(kind types.NotificationType, threshold float64) types.NotificationWithSubscribers {
		return types.NotificationWithSubscribers{
			Notification: &types.Notification{NotificationType: kind, ComparisonOperator: types.ComparisonOperatorGreaterThan,
				Threshold: threshold, ThresholdType: types.ThresholdTypePercentage},
			Subscribers: []types.Subscriber{{SubscriptionType: types.SubscriptionTypeEmail, Address: aws.String(email)}},
		}
	}
	return &budgets.CreateBudgetInput{
		AccountId: aws.String(account),
		Budget: &types.Budget{
			BudgetName: aws.String(name), BudgetType: types.BudgetTypeCost, TimeUnit: types.TimeUnitMonthly,
			BudgetLimit: &types.Spend{Amount: aws.String(amount), Unit: aws.String("USD")},
		},
		NotificationsWithSubscribers: []types.NotificationWithSubscribers{
			alert(types.NotificationTypeActual, 80), alert(types.NotificationTypeForecasted, 100),
		},
	}
}

func TestCreateAndDescribeBudget(t *testing.T) {
	clock := newClock() // 2025-06-02
	sim, cfg := start(t, simulator.Options{Clock: clock.Now})
	client := budgets.NewFromConfig(cfg)
	ctx := context.Background()
	account := sim.AccountID()

	if _, err := client.CreateBudget(ctx, monthlyBudget(account, "firstrun-monthly", "50", "owner@example.com")); err != nil {
		t.Fatal(err)
	}
	out, err := client.DescribeBudget(ctx, &budgets.DescribeBudgetInput{AccountId: aws.String(account), BudgetName: aws.String("firstrun-monthly")})
	if err != nil {
		t.Fatal(err)
	}
	b := out.Budget
	// AWS writes amounts with at least one decimal ("50.0"), starts a budget without a
	// time period at the current month, and fills in the default cost types.
	if aws.ToString(b.BudgetLimit.Amount) != "50.0" || aws.ToString(b.BudgetLimit.Unit) != "USD" ||
		b.TimeUnit != types.TimeUnitMonthly || b.BudgetType != types.BudgetTypeCost ||
		!b.TimePeriod.Start.Equal(time.Date(2025, 6, 1, 0, 0, 0, 0, time.UTC)) || b.TimePeriod.End.Year() != 2087 ||
		!aws.ToBool(b.CostTypes.IncludeTax) || aws.ToBool(b.CostTypes.UseBlended) ||
		b.CalculatedSpend == nil || aws.ToString(b.CalculatedSpend.ActualSpend.Amount) != "0.0" {
		t.Errorf("DescribeBudget = %+v", b)
	}

	notes, err := client.DescribeNotificationsForBudget(ctx, &budgets.DescribeNotificationsForBudgetInput{AccountId: aws.String(account), BudgetName: aws.String("firstrun-monthly")})
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, n := range notes.Notifications {
		got = append(got, fmt.Sprintf("%s %s %v %s %s", n.NotificationType, n.ComparisonOperator, n.Threshold, n.ThresholdType, n.NotificationState))
	}
	if want := []string{"ACTUAL GREATER_THAN 80 PERCENTAGE OK", "FORECASTED GREATER_THAN 100 PERCENTAGE OK"}; !slices.Equal(got, want) {
		t.Errorf("notifications %v, want %v", got, want)
	}
	subs, err := client.DescribeSubscribersForNotification(ctx, &budgets.DescribeSubscribersForNotificationInput{
		AccountId: aws.String(account), BudgetName: aws.String("firstrun-monthly"), Notification: &notes.Notifications[1],
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(subs.Subscribers) != 1 || subs.Subscribers[0].SubscriptionType != types.SubscriptionTypeEmail || aws.ToString(subs.Subscribers[0].Address) != "owner@example.com" {
		t.Errorf("subscribers %+v", subs.Subscribers)
	}

	// Budgets is global: a client for another Region sees the same budget.
	other := budgets.NewFromConfig(cfg, func(o *budgets.Options) { o.Region = "eu-west-1" })
	if _, err := other.DescribeBudget(ctx, &budgets.DescribeBudgetInput{AccountId: aws.String(account), BudgetName: aws.String("firstrun-monthly")}); err != nil {
		t.Errorf("from eu-west-1: %v", err)
	}
}

func TestBudgetErrors(t *testing.T) {
	sim, cfg := start(t, simulator.Options{})
	client := budgets.NewFromConfig(cfg)
	ctx := context.Background()
	account := sim.AccountID()
	if _, err := client.CreateBudget(ctx, monthlyBudget(account, "firstrun-monthly", "50", "owner@example.com")); err != nil {
		t.Fatal(err)
	}

	_, err := client.CreateBudget(ctx, monthlyBudget(account, "firstrun-monthly", "70", "owner@example.com"))
	requireType[*types.DuplicateRecordException](t, err)
	if msg := requireCode(t, err, "DuplicateRecordException"); msg != "Error creating budget: firstrun-monthly - the budget already exists." {
		t.Errorf("message %q", msg)
	}
	requireStatus(t, err, 400)

	_, err = client.DescribeBudget(ctx, &budgets.DescribeBudgetInput{AccountId: aws.String(account), BudgetName: aws.String("other")})
	requireType[*types.NotFoundException](t, err)
	if msg := requireCode(t, err, "NotFoundException"); msg != "Unable to get budget: other - the budget doesn't exist." {
		t.Errorf("message %q", msg)
	}
	_, err = client.DescribeNotificationsForBudget(ctx, &budgets.DescribeNotificationsForBudgetInput{AccountId: aws.String(account), BudgetName: aws.String("other")})
	requireType[*types.NotFoundException](t, err)
	_, err = client.DescribeSubscribersForNotification(ctx, &budgets.DescribeSubscribersForNotificationInput{
		AccountId: aws.String(account), BudgetName: aws.String("firstrun-monthly"),
		Notification: &types.Notification{NotificationType: types.NotificationTypeActual, ComparisonOperator: types.ComparisonOperatorGreaterThan, Threshold: 50},
	})
	requireType[*types.NotFoundException](t, err)

	noLimit := monthlyBudget(account, "no-limit", "1", "owner@example.com")
	noLimit.Budget.BudgetLimit = nil
	for name, in := range map[string]*budgets.CreateBudgetInput{
		"amount not a number": monthlyBudget(account, "bad-amount", "12,50", "owner@example.com"),
		"email not valid":     monthlyBudget(account, "bad-email", "10", "not an email"),
		"name with a colon":   monthlyBudget(account, "bad:name", "10", "owner@example.com"),
		"no limit":            noLimit,
	} {
		t.Run(name, func(t *testing.T) {
			_, err := client.CreateBudget(ctx, in)
			requireType[*types.InvalidParameterException](t, err)
		})
	}

	_, err = client.DescribeBudgets(ctx, &budgets.DescribeBudgetsInput{AccountId: aws.String("111122223333")})
	requireType[*types.AccessDeniedException](t, err)
	if msg := requireCode(t, err, "AccessDeniedException"); !strings.Contains(msg, "perform: budgets:ViewBudget on resource: arn:aws:budgets::111122223333:") {
		t.Errorf("message %q", msg)
	}
	_, err = client.DescribeBudgets(ctx, &budgets.DescribeBudgetsInput{AccountId: aws.String(account), NextToken: aws.String("forged")})
	requireType[*types.InvalidNextTokenException](t, err)
}

func TestDescribeBudgetsPagination(t *testing.T) {
	sim, cfg := start(t, simulator.Options{})
	client := budgets.NewFromConfig(cfg)
	ctx := context.Background()
	account := sim.AccountID()

	empty, err := client.DescribeBudgets(ctx, &budgets.DescribeBudgetsInput{AccountId: aws.String(account)})
	if err != nil || len(empty.Budgets) != 0 || empty.NextToken != nil {
		t.Fatalf("a new account's budgets: %+v %v", empty, err)
	}
	var want []string
	for i := range 5 {
		name := fmt.Sprintf("budget-%d", i)
		want = append(want, name)
		if _, err := client.CreateBudget(ctx, monthlyBudget(account, name, "10.5", "owner@example.com")); err != nil {
			t.Fatal(err)
		}
	}
	var got []string
	pages := 0
	p := budgets.NewDescribeBudgetsPaginator(client, &budgets.DescribeBudgetsInput{AccountId: aws.String(account), MaxResults: aws.Int32(2)})
	for p.HasMorePages() {
		out, err := p.NextPage(ctx)
		if err != nil {
			t.Fatal(err)
		}
		pages++
		for _, b := range out.Budgets {
			got = append(got, aws.ToString(b.BudgetName))
			if aws.ToString(b.BudgetLimit.Amount) != "10.5" {
				t.Errorf("%s amount %s", aws.ToString(b.BudgetName), aws.ToString(b.BudgetLimit.Amount))
			}
		}
	}
	if !slices.Equal(got, want) || pages != 3 {
		t.Errorf("listed %v in %d pages, want %v in 3", got, pages, want)
	}
	_, err = client.DescribeBudgets(ctx, &budgets.DescribeBudgetsInput{AccountId: aws.String(account), MaxResults: aws.Int32(1001)})
	requireType[*types.InvalidParameterException](t, err)
}

func TestBillingStateSurvivesRestart(t *testing.T) {
	path := t.TempDir() + "/state.json"
	ctx := context.Background()
	sim, b := simtest.Start(t, simulator.Options{StateFile: path})
	cfg := simtest.Config(t, b, "us-east-1")
	account := sim.AccountID()
	if sim.Console().IAMBillingAccess() {
		t.Fatal("a new account has IAM access to billing activated")
	}
	for range 2 { // activating again changes nothing
		if err := sim.Console().ActivateIAMBillingAccess(); err != nil {
			t.Fatal(err)
		}
	}
	calls := sim.Calls()
	if len(calls) != 2 || calls[0].Service != "console" || calls[0].Operation != "ActivateIAMBillingAccess" || !calls[0].Mutating {
		t.Errorf("calls %+v", calls)
	}
	if _, err := budgets.NewFromConfig(cfg).CreateBudget(ctx, monthlyBudget(account, "firstrun-monthly", "50", "owner@example.com")); err != nil {
		t.Fatal(err)
	}
	if _, err := iam.NewFromConfig(cfg).CreateRole(ctx, &iam.CreateRoleInput{RoleName: aws.String("Billing"), AssumeRolePolicyDocument: aws.String(mfaTrustPolicy(account))}); err != nil {
		t.Fatal(err)
	}
	if _, err := iam.NewFromConfig(cfg).AttachRolePolicy(ctx, &iam.AttachRolePolicyInput{RoleName: aws.String("Billing"), PolicyArn: aws.String(billingPolicyARN)}); err != nil {
		t.Fatal(err)
	}
	if err := sim.Close(); err != nil {
		t.Fatal(err)
	}

	again, b2 := simtest.Start(t, simulator.Options{StateFile: path})
	cfg2 := simtest.Config(t, b2, "us-east-1")
	if !again.Console().IAMBillingAccess() {
		t.Error("the billing access setting did not survive a restart")
	}
	notes, err := budgets.NewFromConfig(cfg2).DescribeNotificationsForBudget(ctx, &budgets.DescribeNotificationsForBudgetInput{
		AccountId: aws.String(account), BudgetName: aws.String("firstrun-monthly"),
	})
	if err != nil || len(notes.Notifications) != 2 {
		t.Errorf("the budget did not survive a restart: %+v %v", notes, err)
	}
	list, err := iam.NewFromConfig(cfg2).ListAttachedRolePolicies(ctx, &iam.ListAttachedRolePoliciesInput{RoleName: aws.String("Billing")})
	if err != nil || len(list.AttachedPolicies) != 1 {
		t.Errorf("the role did not survive a restart: %+v %v", list, err)
	}
}
