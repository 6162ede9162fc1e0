package audit

import (
	"context"
	"fmt"
	"slices"

	"github.com/aws/aws-sdk-go-v2/service/iam"
	iamtypes "github.com/aws/aws-sdk-go-v2/service/iam/types"

	"github.com/firstrun/firstrun/awsclient"
	"github.com/firstrun/firstrun/steps/step"
)

// rootControls are met for a member whose root user has no credentials: nobody can sign
// in as it, so there is no password to keep strong, no sign-in to protect with MFA, and
// no access key.
var rootControls = []string{"root-mfa", "root-password", "root-access-keys"}

// memberRoot is what a root session in a member reads of its root user's credentials.
type memberRoot struct {
	password, keys bool
	// unread says why the credentials could not be read; "" when they were.
	unread string
}

// readMemberRoot reads a member's root user credentials through sts:AssumeRoot with the
// audit task policy, which only reads. AssumeRoot needs root sessions on.
func (m *management) readMemberRoot(ctx context.Context, member string) *memberRoot {
	if !slices.Contains(m.rootFeatures, iamtypes.FeatureTypeRootSessions) {
		return &memberRoot{unread: "The organization manages root credentials centrally, but root sessions are off, " +
			"so the audit can't read whether this member's root user still has credentials (turn on root sessions in IAM, Root access management)."}
	}
	root := m.target.AWS.AssumeRoot(member, m.target.Identity.Partition(), awsclient.AuditRootCredentialsTask).IAM
	r := &memberRoot{}
	_, err := root.GetLoginProfile(ctx, &iam.GetLoginProfileInput{})
	switch {
	case err == nil:
		r.password = true
	case !awsclient.IsNotFound(err):
		return &memberRoot{unread: "The member's root credentials could not be read: " + awsclient.Explain(err).Summary()}
	}
	keys, err := root.ListAccessKeys(ctx, &iam.ListAccessKeysInput{})
	if err != nil {
		return &memberRoot{unread: "The member's root credentials could not be read: " + awsclient.Explain(err).Summary()}
	}
	r.keys = len(keys.AccessKeyMetadata) > 0
	return r
}

// judge passes a root control that the absence of root credentials meets, and says so;
// otherwise it leaves the member's own result, with why it could not be judged.
func (r *memberRoot) judge(c *Control, management string) {
	if r.unread != "" {
		c.Detail += " " + r.unread
		return
	}
	how := fmt.Sprintf("Met by centralized root access management (read through sts:AssumeRoot from the management account %s): ", management)
	switch {
	case c.ID == "root-access-keys" && !r.keys:
		c.Status, c.Detail = step.Pass, how+"the root user has no access keys."
	case c.ID != "root-access-keys" && !r.password && !r.keys:
		c.Status, c.Detail = step.Pass, how+"the root user has no password and no access keys, so nobody can sign in as it."
	}
}
