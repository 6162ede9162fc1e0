package simulator

import (
	"cmp"
	"fmt"
	"net/http"
	"net/mail"
	"regexp"
	"slices"
	"sort"
	"strings"
	"time"
)

// AWS Budgets speaks AWS JSON 1.1 and signs as "budgets"; see
// https://docs.aws.amazon.com/aws-cost-management/latest/APIReference/API_Operations_AWS_Budgets.html.
// It is a global service: the SDK sends every Region's calls to one endpoint (signed for
// us-east-1 unless a custom endpoint is set), so nothing here depends on the Region.
func budgetsService() *service {
	errs := jsonErrors("ThrottlingException", "InternalErrorException")
	// Budgets reports bad input as InvalidParameterException and bad paging tokens with
	// their own exception.
	errs.validation = apiError{Code: "InvalidParameterException", Status: http.StatusBadRequest}
	errs.badNextToken = apiError{Code: "InvalidNextTokenException", Status: http.StatusBadRequest, Message: "The pagination token is invalid."}
	return newService(service{
		id: "budgets", signingName: "budgets", actionPrefix: "budgets",
		protocol: jsonProtocol{targetPrefix: "AWSBudgetServiceGateway"},
		errs:     errs,
	}, []operation{
		write("CreateBudget", budgetsCreateBudget),
		read("DescribeBudget", budgetsDescribeBudget),
		read("DescribeBudgets", budgetsDescribeBudgets),
		read("DescribeNotificationsForBudget", budgetsDescribeNotificationsForBudget),
		read("DescribeSubscribersForNotification", budgetsDescribeSubscribersForNotification),
	})
}

// Patterns and enumerations of the Budgets model.
var (
	budgetNameRE    = regexp.MustCompile(`^[^:\\]{1,100}$`)
	budgetAmountRE  = regexp.MustCompile(`^([0-9]*\.)?[0-9]+$`)
	budgetAccountRE = regexp.MustCompile(`^\d{12}$`)
)

// oneOf reports whether v is one of an enumeration's values.
func oneOf(v string, values ...string) bool { return slices.Contains(values, v) }

// budgetAccount checks the AccountId every Budgets call carries: the caller's own account,
// or AccessDenied naming the IAM action the operation needs.
func (r *request) budgetAccount(accountID, action, name string) (*account, *apiError) {
	if !budgetAccountRE.MatchString(accountID) {
		return nil, r.svc.errs.validation.with("Account ID %q is not valid: it must be 12 digits.", accountID)
	}
	a := r.account()
	if accountID != a.ID {
		return nil, r.svc.errs.accessDenied.with("User: %s is not authorized to perform: budgets:%s on resource: arn:aws:budgets::%s:budget/%s",
			r.caller.arn(), action, accountID, name)
	}
	return a, nil
}

// findBudget checks a budget name and finds the budget.
func (r *request) findBudget(a *account, name string) (*budget, *apiError) {
	if !budgetNameRE.MatchString(name) {
		return nil, r.svc.errs.validation.with("Budget name %q is not valid.", name)
	}
	b := a.Budgets[name]
	if b == nil {
		return nil, &apiError{Code: "NotFoundException", Status: http.StatusBadRequest,
			Message: fmt.Sprintf("Unable to get budget: %s - the budget doesn't exist.", name)}
	}
	return b, nil
}

type spendJSON struct {
	Amount string `json:"Amount"`
	Unit   string `json:"Unit"`
}

type budgetJSON struct {
	BudgetName  string          `json:"BudgetName"`
	BudgetLimit *spendJSON      `json:"BudgetLimit,omitempty"`
	CostTypes   map[string]bool `json:"CostTypes,omitempty"`
	TimeUnit    string          `json:"TimeUnit"`
	TimePeriod  struct {
		Start *epochSeconds `json:"Start"`
		End   *epochSeconds `json:"End"`
	} `json:"TimePeriod"`
	CalculatedSpend struct {
		ActualSpend     spendJSON `json:"ActualSpend"`
		ForecastedSpend spendJSON `json:"ForecastedSpend"`
	} `json:"CalculatedSpend"`
	BudgetType      string        `json:"BudgetType"`
	LastUpdatedTime *epochSeconds `json:"LastUpdatedTime"`
}

type notificationJSON struct {
	NotificationType   string   `json:"NotificationType"`
	ComparisonOperator string   `json:"ComparisonOperator"`
	Threshold          *float64 `json:"Threshold"`
	ThresholdType      string   `json:"ThresholdType,omitempty"`
	NotificationState  string   `json:"NotificationState,omitempty"`
}

type subscriberJSON struct {
	SubscriptionType string `json:"SubscriptionType"`
	Address          string `json:"Address"`
}

// json renders the budget; a new account has spent nothing.
func (b *budget) json() budgetJSON {
	out := budgetJSON{
		BudgetName: b.Name, BudgetType: b.Type, TimeUnit: b.TimeUnit,
		BudgetLimit: &spendJSON{Amount: b.LimitAmount, Unit: b.LimitUnit},
		CostTypes:   b.CostTypes, LastUpdatedTime: epoch(b.Updated),
	}
	out.TimePeriod.Start, out.TimePeriod.End = epoch(b.Start), epoch(b.End)
	out.CalculatedSpend.ActualSpend = spendJSON{Amount: "0.0", Unit: b.LimitUnit}
	out.CalculatedSpend.ForecastedSpend = spendJSON{Amount: "0.0", Unit: b.LimitUnit}
	return out
}

func (n *budgetNotification) json() notificationJSON {
	t := n.Threshold
	return notificationJSON{NotificationType: n.Type, ComparisonOperator: n.Comparison, Threshold: &t,
		ThresholdType: n.ThresholdType, NotificationState: "OK"}
}

// costTypeDefaults are the cost types of a cost budget that does not set them.
func costTypeDefaults() map[string]bool {
	return map[string]bool{
		"IncludeTax": true, "IncludeSubscription": true, "UseBlended": false, "IncludeRefund": true,
		"IncludeCredit": true, "IncludeUpfront": true, "IncludeRecurring": true,
		"IncludeOtherSubscription": true, "IncludeSupport": true, "IncludeDiscount": true,
		"UseAmortized": false,
	}
}

type createBudgetInput struct {
	AccountID string `json:"AccountId"`
	Budget    struct {
		BudgetName          string           `json:"BudgetName"`
		BudgetType          string           `json:"BudgetType"`
		TimeUnit            string           `json:"TimeUnit"`
		BudgetLimit         *spendJSON       `json:"BudgetLimit"`
		PlannedBudgetLimits map[string]any   `json:"PlannedBudgetLimits"`
		CostTypes           map[string]*bool `json:"CostTypes"`
		TimePeriod          *struct {
			Start *float64 `json:"Start"`
			End   *float64 `json:"End"`
		} `json:"TimePeriod"`
	} `json:"Budget"`
	NotificationsWithSubscribers []struct {
		Notification notificationJSON `json:"Notification"`
		Subscribers  []subscriberJSON `json:"Subscribers"`
	} `json:"NotificationsWithSubscribers"`
}

func budgetsCreateBudget(r *request) (any, error) {
	var in createBudgetInput
	if aerr := r.decodeJSON(&in); aerr != nil {
		return nil, aerr
	}
	name := in.Budget.BudgetName
	a, aerr := r.budgetAccount(in.AccountID, "ModifyBudget", name)
	if aerr != nil {
		return nil, aerr
	}
	if !budgetNameRE.MatchString(name) {
		return nil, r.svc.errs.validation.with("Budget name %q is not valid.", name)
	}
	b, aerr := r.newBudget(&in)
	if aerr != nil {
		return nil, aerr
	}
	for _, ns := range in.NotificationsWithSubscribers {
		n, aerr := r.newNotification(ns.Notification, ns.Subscribers)
		if aerr != nil {
			return nil, aerr
		}
		b.Notifications = append(b.Notifications, n)
	}
	if a.Budgets[name] != nil {
		return nil, &apiError{Code: "DuplicateRecordException", Status: http.StatusBadRequest,
			Message: fmt.Sprintf("Error creating budget: %s - the budget already exists.", name)}
	}
	if a.Budgets == nil {
		a.Budgets = map[string]*budget{}
	}
	a.Budgets[name] = b
	return struct{}{}, nil
}

// newBudget checks a CreateBudget request's budget and builds it, as AWS fills it in.
func (r *request) newBudget(in *createBudgetInput) (*budget, *apiError) {
	bi := in.Budget
	switch {
	case !oneOf(bi.BudgetType, "USAGE", "COST", "RI_UTILIZATION", "RI_COVERAGE", "SAVINGS_PLANS_UTILIZATION", "SAVINGS_PLANS_COVERAGE"):
		return nil, r.svc.errs.validation.with("Budget type %q is not valid.", bi.BudgetType)
	case !oneOf(bi.TimeUnit, "DAILY", "MONTHLY", "QUARTERLY", "ANNUALLY", "CUSTOM"):
		return nil, r.svc.errs.validation.with("Time unit %q is not valid.", bi.TimeUnit)
	case bi.BudgetLimit == nil:
		// Planned limits and auto-adjusting budgets are not simulated.
		return nil, r.svc.errs.validation.with("Unable to create/update budget - please provide one of the followings: Budget Limit/ Planned Budget Limit/ Auto Adjust Data")
	case !budgetAmountRE.MatchString(bi.BudgetLimit.Amount):
		return nil, r.svc.errs.validation.with("The budget limit amount %q is not a number.", bi.BudgetLimit.Amount)
	case bi.BudgetType == "COST" && bi.BudgetLimit.Unit != "USD":
		return nil, r.svc.errs.validation.with("The unit of a cost budget must be USD, not %q.", bi.BudgetLimit.Unit)
	}
	now := iamTime(r.now)
	b := &budget{
		Name: bi.BudgetName, Type: bi.BudgetType, TimeUnit: bi.TimeUnit,
		LimitAmount: decimalString(bi.BudgetLimit.Amount), LimitUnit: bi.BudgetLimit.Unit,
		// Without a time period, AWS starts the budget with the current period and ends
		// it in 2087.
		Start: periodStart(now, bi.TimeUnit), End: time.Date(2087, 6, 15, 0, 0, 0, 0, time.UTC), Updated: now,
	}
	if tp := bi.TimePeriod; tp != nil {
		if tp.Start != nil {
			b.Start = time.Unix(int64(*tp.Start), 0).UTC()
		}
		if tp.End != nil {
			b.End = time.Unix(int64(*tp.End), 0).UTC()
		}
	}
	if bi.BudgetType == "COST" {
		b.CostTypes = costTypeDefaults()
		for k, v := range bi.CostTypes {
			if _, known := b.CostTypes[k]; known && v != nil {
				b.CostTypes[k] = *v
			}
		}
	}
	return b, nil
}

// periodStart is the start of the budget period containing now.
func periodStart(now time.Time, unit string) time.Time {
	y, m, d := now.Date()
	switch unit {
	case "DAILY":
		return time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
	case "QUARTERLY":
		return time.Date(y, m-(m-1)%3, 1, 0, 0, 0, 0, time.UTC)
	case "ANNUALLY":
		return time.Date(y, 1, 1, 0, 0, 0, 0, time.UTC)
	}
	return time.Date(y, m, 1, 0, 0, 0, 0, time.UTC)
}

// decimalString writes an amount as AWS returns it: "100" is "100.0", "49.990" is "49.99".
func decimalString(s string) string {
	whole, frac, _ := strings.Cut(s, ".")
	whole = strings.TrimLeft(whole, "0")
	if whole == "" {
		whole = "0"
	}
	frac = strings.TrimRight(frac, "0")
	if frac == "" {
		frac = "0"
	}
	return whole + "." + frac
}

func (r *request) newNotification(n notificationJSON, subs []subscriberJSON) (*budgetNotification, *apiError) {
	if aerr := r.checkNotification(n); aerr != nil {
		return nil, aerr
	}
	if len(subs) < 1 || len(subs) > 11 {
		return nil, r.svc.errs.validation.with("A notification needs between 1 and 11 subscribers, not %d.", len(subs))
	}
	out := &budgetNotification{Type: n.NotificationType, Comparison: n.ComparisonOperator, Threshold: *n.Threshold,
		ThresholdType: cmp.Or(n.ThresholdType, "PERCENTAGE")}
	for _, s := range subs {
		switch s.SubscriptionType {
		case "EMAIL":
			if addr, err := mail.ParseAddress(s.Address); err != nil || addr.Address != s.Address {
				return nil, r.svc.errs.validation.with("Invalid email address: %s", s.Address)
			}
		case "SNS":
			if !strings.HasPrefix(s.Address, "arn:"+r.account().partition()+":sns:") {
				return nil, r.svc.errs.validation.with("Invalid SNS topic ARN: %s", s.Address)
			}
		default:
			return nil, r.svc.errs.validation.with("Subscription type %q is not valid.", s.SubscriptionType)
		}
		out.Subscribers = append(out.Subscribers, budgetSubscriber{Type: s.SubscriptionType, Address: s.Address})
	}
	return out, nil
}

func (r *request) checkNotification(n notificationJSON) *apiError {
	switch {
	case !oneOf(n.NotificationType, "ACTUAL", "FORECASTED"):
		return r.svc.errs.validation.with("Notification type %q is not valid.", n.NotificationType)
	case !oneOf(n.ComparisonOperator, "GREATER_THAN", "LESS_THAN", "EQUAL_TO"):
		return r.svc.errs.validation.with("Comparison operator %q is not valid.", n.ComparisonOperator)
	case n.ThresholdType != "" && !oneOf(n.ThresholdType, "PERCENTAGE", "ABSOLUTE_VALUE"):
		return r.svc.errs.validation.with("Threshold type %q is not valid.", n.ThresholdType)
	case n.Threshold == nil || *n.Threshold < 0 || *n.Threshold > 15e12:
		return r.svc.errs.validation.with("The notification threshold must be between 0 and 15000000000000.")
	}
	return nil
}

type describeBudgetOutput struct {
	Budget budgetJSON `json:"Budget"`
}

func budgetsDescribeBudget(r *request) (any, error) {
	var in struct {
		AccountID  string `json:"AccountId"`
		BudgetName string `json:"BudgetName"`
	}
	if aerr := r.decodeJSON(&in); aerr != nil {
		return nil, aerr
	}
	a, aerr := r.budgetAccount(in.AccountID, "ViewBudget", in.BudgetName)
	if aerr != nil {
		return nil, aerr
	}
	b, aerr := r.findBudget(a, in.BudgetName)
	if aerr != nil {
		return nil, aerr
	}
	return describeBudgetOutput{Budget: b.json()}, nil
}

type describeBudgetsOutput struct {
	Budgets   []budgetJSON `json:"Budgets"`
	NextToken string       `json:"NextToken,omitempty"`
}

func budgetsDescribeBudgets(r *request) (any, error) {
	var in struct {
		AccountID  string `json:"AccountId"`
		MaxResults *int   `json:"MaxResults"`
		NextToken  string `json:"NextToken"`
	}
	if aerr := r.decodeJSON(&in); aerr != nil {
		return nil, aerr
	}
	a, aerr := r.budgetAccount(in.AccountID, "ViewBudget", "*")
	if aerr != nil {
		return nil, aerr
	}
	list := make([]*budget, 0, len(a.Budgets))
	for _, b := range a.Budgets {
		list = append(list, b)
	}
	sort.Slice(list, func(i, j int) bool { return list[i].Name < list[j].Name })
	page, next, aerr := paginate(r, list, pageRequest{
		token: in.NextToken, limit: in.MaxResults, param: "maxResults", def: 100, max: 1000,
	})
	if aerr != nil {
		return nil, aerr
	}
	out := describeBudgetsOutput{Budgets: []budgetJSON{}, NextToken: next}
	for _, b := range page {
		out.Budgets = append(out.Budgets, b.json())
	}
	return out, nil
}

type describeNotificationsOutput struct {
	Notifications []notificationJSON `json:"Notifications"`
	NextToken     string             `json:"NextToken,omitempty"`
}

func budgetsDescribeNotificationsForBudget(r *request) (any, error) {
	var in struct {
		AccountID  string `json:"AccountId"`
		BudgetName string `json:"BudgetName"`
		MaxResults *int   `json:"MaxResults"`
		NextToken  string `json:"NextToken"`
	}
	if aerr := r.decodeJSON(&in); aerr != nil {
		return nil, aerr
	}
	a, aerr := r.budgetAccount(in.AccountID, "ViewBudget", in.BudgetName)
	if aerr != nil {
		return nil, aerr
	}
	b, aerr := r.findBudget(a, in.BudgetName)
	if aerr != nil {
		return nil, aerr
	}
	page, next, aerr := paginate(r, b.Notifications, pageRequest{
		token: in.NextToken, limit: in.MaxResults, param: "maxResults", def: 100, max: 100,
	})
	if aerr != nil {
		return nil, aerr
	}
	out := describeNotificationsOutput{Notifications: []notificationJSON{}, NextToken: next}
	for _, n := range page {
		out.Notifications = append(out.Notifications, n.json())
	}
	return out, nil
}

type describeSubscribersOutput struct {
	Subscribers []subscriberJSON `json:"Subscribers"`
	NextToken   string           `json:"NextToken,omitempty"`
}

func budgetsDescribeSubscribersForNotification(r *request) (any, error) {
	var in struct {
		AccountID    string           `json:"AccountId"`
		BudgetName   string           `json:"BudgetName"`
		Notification notificationJSON `json:"Notification"`
		MaxResults   *int             `json:"MaxResults"`
		NextToken    string           `json:"NextToken"`
	}
	if aerr := r.decodeJSON(&in); aerr != nil {
		return nil, aerr
	}
	a, aerr := r.budgetAccount(in.AccountID, "ViewBudget", in.BudgetName)
	if aerr != nil {
		return nil, aerr
	}
	b, aerr := r.findBudget(a, in.BudgetName)
	if aerr != nil {
		return nil, aerr
	}
	if aerr := r.checkNotification(in.Notification); aerr != nil {
		return nil, aerr
	}
	want := in.Notification
	i := slices.IndexFunc(b.Notifications, func(n *budgetNotification) bool {
		return n.Type == want.NotificationType && n.Comparison == want.ComparisonOperator &&
			n.Threshold == *want.Threshold && n.ThresholdType == cmp.Or(want.ThresholdType, "PERCENTAGE")
	})
	if i < 0 {
		return nil, &apiError{Code: "NotFoundException", Status: http.StatusBadRequest,
			Message: fmt.Sprintf("Unable to get subscribers for budget: %s - the notification doesn't exist.", in.BudgetName)}
	}
	page, next, aerr := paginate(r, b.Notifications[i].Subscribers, pageRequest{
		token: in.NextToken, limit: in.MaxResults, param: "maxResults", def: 100, max: 100,
	})
	if aerr != nil {
		return nil, aerr
	}
	out := describeSubscribersOutput{Subscribers: []subscriberJSON{}, NextToken: next}
	for _, s := range page {
		out.Subscribers = append(out.Subscribers, subscriberJSON{SubscriptionType: s.Type, Address: s.Address})
	}
	return out, nil
}
