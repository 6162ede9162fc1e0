package rootuser

import (
	"context"
	"slices"
	"strconv"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/iam"

	"github.com/firstrun/firstrun/awsclient"
	"github.com/firstrun/firstrun/steps/checkpoint"
	step "github.com/firstrun/firstrun/steps/core"
)

// RootKeys is what AWS and the caller's identity say about the root user's access keys.
type RootKeys struct {
	// Present is the account summary's AccountAccessKeysPresent.
	Present bool
	// InUse means firstrun itself runs on one of them: deleting it ends firstrun's access.
	InUse bool
}

// ReadRootKeys reads whether the root user has access keys, changing nothing.
func ReadRootKeys(ctx context.Context, api awsclient.IAMAPI, id awsclient.Identity) (RootKeys, error) {
	out, err := api.GetAccountSummary(ctx, &iam.GetAccountSummaryInput{})
	if err != nil {
		return RootKeys{}, err
	}
	present := out.SummaryMap["AccountAccessKeysPresent"] == 1
	return RootKeys{Present: present, InUse: present && id.RunsOnRootAccessKeys()}, nil
}

// RootKeyIDs lists the access keys of the root user it runs as (ListAccessKeys with no
// user name lists the caller's), in the order DeleteRootKeys deletes them: the key
// firstrun signs with, inUse, last. It changes nothing.
func RootKeyIDs(ctx context.Context, api awsclient.IAMAPI, inUse string) ([]string, error) {
	var ids []string
	pages := iam.NewListAccessKeysPaginator(api, &iam.ListAccessKeysInput{})
	for pages.HasMorePages() {
		page, err := pages.NextPage(ctx)
		if err != nil {
			return nil, err
		}
		for _, k := range page.AccessKeyMetadata {
			ids = append(ids, aws.ToString(k.AccessKeyId))
		}
	}
	slices.SortStableFunc(ids, func(a, b string) int {
		switch {
		case a == inUse:
			return 1
		case b == inUse:
			return -1
		}
		return 0
	})
	return ids, nil
}

// DeleteRootKeys deletes every access key of the root user it runs as: DeleteAccessKey with
// no user name acts on the caller. The key firstrun signs with goes last, since nothing can
// be asked of AWS after it. It returns how many keys were deleted.
func DeleteRootKeys(ctx context.Context, api awsclient.IAMAPI, inUse string) (int, error) {
	ids, err := RootKeyIDs(ctx, api, inUse)
	if err != nil {
		return 0, err
	}
	for i, id := range ids {
		if _, err := api.DeleteAccessKey(ctx, &iam.DeleteAccessKeyInput{AccessKeyId: aws.String(id)}); err != nil {
			return i, err
		}
	}
	return len(ids), nil
}

// SignInStep is the step whose record proves that the new administrator can sign in.
const SignInStep step.ID = "portal-sign-in"

// SignInProof says whether the checkpoint shows the new administrator's access verified
// (or confirmed by the operator), and in words what it shows.
func SignInProof(doc checkpoint.Document, seq []step.Info) (bool, string) {
	title := string(SignInStep)
	available := false
	for _, d := range seq {
		if d.ID == SignInStep {
			title, available = d.Title, true
		}
	}
	rec, ok := doc.Step(string(SignInStep))
	name := strconv.Quote(title)
	switch {
	case ok && (rec.Outcome == checkpoint.Verified || rec.Outcome == checkpoint.Confirmed):
		return true, name + " is " + step.Label(rec.Outcome)
	case ok && rec.Reason != "":
		return false, name + " is " + step.Label(rec.Outcome) + " (" + rec.Reason + ")"
	case ok:
		return false, name + " is " + step.Label(rec.Outcome)
	case !available:
		return false, name + " is not available in this build"
	}
	return false, name + " has not run"
}
