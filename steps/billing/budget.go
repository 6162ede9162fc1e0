package billing

import (
	"context"
	"errors"
	"fmt"
	"github.com/firstrun/firstrun/steps/validate"
	"regexp"
	"strconv"
	"strings"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/budgets"
	"github.com/aws/aws-sdk-go-v2/service/budgets/types"

	"github.com/firstrun/firstrun/awsclient"
)

// DefaultBudgetName names the budget firstrun creates; the step finds it again by name.
const DefaultBudgetName = "firstrun-monthly"

// The alerts firstrun sets, in percent of the monthly amount: one when the money actually
// spent passes 80%, early enough to act, and one when AWS forecasts the month will pass
// the whole amount.
const (
	ActualAlertPercent   = 80
	ForecastAlertPercent = 100
)

// MaxBudgetAmount bounds the monthly amount, in US dollars: for an account being set up,
// a larger amount is far more likely a typo than a plan.
const MaxBudgetAmount = 1_000_000

// BudgetInput is what the operator decides about the budget alert.
type BudgetInput struct {
	Name string
	// Amount is US dollars a month, as typed: digits with at most two decimals.
	Amount string
	// Email gets the alerts.
	Email string
}

// DefaultBudgetInput is the input before the operator fills it in; amount and address
// have no sensible default.
func DefaultBudgetInput() BudgetInput { return BudgetInput{Name: DefaultBudgetName} }

// Validate checks every value, so a bad one is refused before any call.
func (in BudgetInput) Validate() error {
	return errors.Join(ValidateBudgetName(in.Name), ValidateBudgetAmount(in.Amount), ValidateAlertEmail(in.Email))
}

var (
	budgetNameRE   = regexp.MustCompile(`^[^:\\]{1,100}$`)
	amountRE       = regexp.MustCompile(`^[0-9]+(\.[0-9]{1,2})?$`)
	longDecimalsRE = regexp.MustCompile(`^[0-9]*\.[0-9]{3,}$`)
)

// ValidateBudgetName applies AWS's rules for budget names: 1 to 100 characters, without
// ":" or "\".
func ValidateBudgetName(name string) error {
	if !budgetNameRE.MatchString(name) {
		return errors.New(`a budget name has 1 to 100 characters, without ":" or "\"`)
	}
	return nil
}

// ValidateBudgetAmount accepts a monthly amount in US dollars: a positive number with at
// most two decimals, up to MaxBudgetAmount. The messages say how to fix the value.
func ValidateBudgetAmount(s string) error {
	s = strings.TrimSpace(s)
	switch {
	case s == "":
		return errors.New("enter the monthly amount in US dollars, for example 50")
	case strings.HasPrefix(s, "$") || strings.HasSuffix(strings.ToUpper(s), "USD"):
		return errors.New("type the number only, without $ or USD, for example 50")
	case strings.HasPrefix(s, "-"):
		return errors.New("the amount must be more than zero")
	case strings.Contains(s, ","):
		return errors.New("use a point for cents and no thousands separators, for example 1500.50")
	case longDecimalsRE.MatchString(s):
		return errors.New("use at most two decimals (whole cents), for example 49.99")
	case !amountRE.MatchString(s):
		return errors.New("use digits, with at most two decimals, for example 50 or 49.99")
	}
	v, err := strconv.ParseFloat(s, 64)
	switch {
	case err != nil:
		return errors.New("use digits, with at most two decimals, for example 50 or 49.99")
	case v <= 0:
		return errors.New("the amount must be more than zero")
	case v > MaxBudgetAmount:
		return fmt.Errorf("at most %s USD a month: a larger amount is more likely a typo", dollars(MaxBudgetAmount))
	}
	return nil
}

// ValidateAlertEmail accepts a plain email address (name@example.com), the form AWS
// Budgets takes.
func ValidateAlertEmail(s string) error {
	s = strings.TrimSpace(s)
	if s == "" {
		return errors.New("enter the email address that should get the alerts")
	}
	return validate.Email(s)
}

// amount is the validated amount as a number.
func (in BudgetInput) amount() float64 {
	v, _ := strconv.ParseFloat(strings.TrimSpace(in.Amount), 64) // checked by Validate
	return v
}

// dollars writes an amount with cents and thousands separators: 1234.5 is "1,234.50".
func dollars(v float64) string {
	s := strconv.FormatFloat(v, 'f', 2, 64)
	whole, cents, _ := strings.Cut(s, ".")
	for i := len(whole) - 3; i > 0; i -= 3 {
		whole = whole[:i] + "," + whole[i:]
	}
	return whole + "." + cents
}

// Budget is what AWS Budgets has under the budget's name.
type Budget struct {
	Name     string
	Exists   bool
	Amount   string // as AWS writes it, "50.0"
	Unit     string
	TimeUnit types.TimeUnit
	Type     types.BudgetType
	Alerts   []Alert
}

// Alert is one of a budget's notifications and who gets it.
type Alert struct {
	Notification types.Notification
	Emails       []string
}

// String says in words when the alert fires and whom it tells.
func (a Alert) String() string {
	n := a.Notification
	what := "actual spend"
	if n.NotificationType == types.NotificationTypeForecasted {
		what = "forecast spend"
	}
	cmp := "passes"
	switch n.ComparisonOperator {
	case types.ComparisonOperatorLessThan:
		cmp = "is below"
	case types.ComparisonOperatorEqualTo:
		cmp = "reaches"
	case types.ComparisonOperatorGreaterThan:
	}
	threshold := strconv.FormatFloat(n.Threshold, 'f', -1, 64) + "%"
	if n.ThresholdType == types.ThresholdTypeAbsoluteValue {
		threshold = dollars(n.Threshold) + " USD"
	}
	who := "nobody by email"
	if len(a.Emails) > 0 {
		who = strings.Join(a.Emails, ", ")
	}
	return fmt.Sprintf("when %s %s %s: %s", what, cmp, threshold, who)
}

// Emails reports whether any alert sends email.
func (b Budget) Emails() bool {
	for _, a := range b.Alerts {
		if len(a.Emails) > 0 {
			return true
		}
	}
	return false
}

// BudgetARN is the ARN AWS gives the budget named name in account, in partition.
func BudgetARN(partition, account, name string) string {
	return awsclient.ARN(partition, "budgets", account, "budget/"+name)
}

// ReadBudget reads the budget named name, with its alerts and their email subscribers. It
// changes nothing.
func ReadBudget(ctx context.Context, api awsclient.BudgetsAPI, account, name string) (Budget, error) {
	b := Budget{Name: name}
	out, err := api.DescribeBudget(ctx, &budgets.DescribeBudgetInput{AccountId: aws.String(account), BudgetName: aws.String(name)})
	switch {
	case awsclient.IsNotFound(err):
		return b, nil
	case err != nil:
		return b, err
	}
	b.Exists, b.TimeUnit, b.Type = true, out.Budget.TimeUnit, out.Budget.BudgetType
	if l := out.Budget.BudgetLimit; l != nil {
		b.Amount, b.Unit = aws.ToString(l.Amount), aws.ToString(l.Unit)
	}
	notes := budgets.NewDescribeNotificationsForBudgetPaginator(api, &budgets.DescribeNotificationsForBudgetInput{
		AccountId: aws.String(account), BudgetName: aws.String(name),
	})
	for notes.HasMorePages() {
		page, err := notes.NextPage(ctx)
		if err != nil {
			return b, err
		}
		for _, n := range page.Notifications {
			emails, err := alertEmails(ctx, api, account, name, n)
			if err != nil {
				return b, err
			}
			b.Alerts = append(b.Alerts, Alert{Notification: n, Emails: emails})
		}
	}
	return b, nil
}

func alertEmails(ctx context.Context, api awsclient.BudgetsAPI, account, name string, n types.Notification) ([]string, error) {
	var emails []string
	subs := budgets.NewDescribeSubscribersForNotificationPaginator(api, &budgets.DescribeSubscribersForNotificationInput{
		AccountId: aws.String(account), BudgetName: aws.String(name), Notification: &n,
	})
	for subs.HasMorePages() {
		page, err := subs.NextPage(ctx)
		if err != nil {
			return nil, err
		}
		for _, s := range page.Subscribers {
			if s.SubscriptionType == types.SubscriptionTypeEmail {
				emails = append(emails, aws.ToString(s.Address))
			}
		}
	}
	return emails, nil
}

// ListBudgets names every budget in the account.
func ListBudgets(ctx context.Context, api awsclient.BudgetsAPI, account string) ([]string, error) {
	var names []string
	pages := budgets.NewDescribeBudgetsPaginator(api, &budgets.DescribeBudgetsInput{AccountId: aws.String(account)})
	for pages.HasMorePages() {
		page, err := pages.NextPage(ctx)
		if awsclient.IsNotFound(err) { // how AWS has been seen to answer an account without budgets
			return names, nil
		}
		if err != nil {
			return nil, err
		}
		for _, b := range page.Budgets {
			names = append(names, aws.ToString(b.BudgetName))
		}
	}
	return names, nil
}

// CreateBudget creates the monthly cost budget with its two email alerts. A budget of that
// name that exists already is left as it is: read it to see what it holds.
func CreateBudget(ctx context.Context, api awsclient.BudgetsAPI, account string, in BudgetInput) error {
	if err := in.Validate(); err != nil {
		return err
	}
	email := strings.TrimSpace(in.Email)
	alert := func(kind types.NotificationType, percent float64) types.NotificationWithSubscribers {
		return types.NotificationWithSubscribers{
			Notification: &types.Notification{
				NotificationType: kind, ComparisonOperator: types.ComparisonOperatorGreaterThan,
				Threshold: percent, ThresholdType: types.ThresholdTypePercentage,
			},
			Subscribers: []types.Subscriber{{SubscriptionType: types.SubscriptionTypeEmail, Address: aws.String(email)}},
		}
	}
	_, err := api.CreateBudget(ctx, &budgets.CreateBudgetInput{
		AccountId: aws.String(account),
		Budget: &types.Budget{
			BudgetName: aws.String(in.Name), BudgetType: types.BudgetTypeCost, TimeUnit: types.TimeUnitMonthly,
			BudgetLimit: &types.Spend{Amount: aws.String(strings.TrimSpace(in.Amount)), Unit: aws.String("USD")},
		},
		NotificationsWithSubscribers: []types.NotificationWithSubscribers{
			alert(types.NotificationTypeActual, ActualAlertPercent),
			alert(types.NotificationTypeForecasted, ForecastAlertPercent),
		},
	})
	if awsclient.IsAlreadyExists(err) {
		return nil
	}
	return err
}
