package awsclient

import (
	"context"

	"github.com/aws/aws-sdk-go-v2/service/budgets"
)

// BudgetsAPI is the part of AWS Budgets firstrun uses. Budgets is a global service: its
// one endpoint answers for every Region.
type BudgetsAPI interface {
	CreateBudget(context.Context, *budgets.CreateBudgetInput, ...func(*budgets.Options)) (*budgets.CreateBudgetOutput, error)
	DescribeBudget(context.Context, *budgets.DescribeBudgetInput, ...func(*budgets.Options)) (*budgets.DescribeBudgetOutput, error)
	budgets.DescribeBudgetsAPIClient
	budgets.DescribeNotificationsForBudgetAPIClient
	budgets.DescribeSubscribersForNotificationAPIClient
}

var _ BudgetsAPI = (*budgets.Client)(nil)
