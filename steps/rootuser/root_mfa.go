package rootuser

import (
	"context"

	"github.com/aws/aws-sdk-go-v2/service/iam"

	"github.com/firstrun/firstrun/awsclient"
)

// RootMFAEnabled asks AWS whether the root user has MFA: AWS offers no API to turn it
// on, but the account summary reports it (AccountMFAEnabled). detail says what AWS said.
func RootMFAEnabled(ctx context.Context, api awsclient.IAMAPI) (enabled bool, detail string, err error) {
	out, err := api.GetAccountSummary(ctx, &iam.GetAccountSummaryInput{})
	if err != nil {
		return false, "", err
	}
	if out.SummaryMap["AccountMFAEnabled"] == 1 {
		return true, "AWS reports MFA on for the root user (AccountMFAEnabled is 1)", nil
	}
	return false, "the account summary says AccountMFAEnabled is 0", nil
}
