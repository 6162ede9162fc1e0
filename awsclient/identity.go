package awsclient

import (
	"context"
	"fmt"
	"strings"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/sts"
)

// Identity is who firstrun is acting as. It is learnt once, before the wizard starts, and
// ties the checkpoint to one account.
type Identity struct {
	Account string
	ARN     string
	UserID  string
	Region  string
	// IsRoot is true when the caller is the account's root user, whether through a console
	// session (CloudShell) or through root access keys.
	IsRoot bool
	// LongTermKeys is true when the credentials are access keys rather than a session. With
	// IsRoot it means firstrun itself runs on root access keys.
	LongTermKeys bool
	// AccessKeyID identifies the credentials in use. Not a secret, but firstrun keeps it
	// in memory only.
	AccessKeyID string
}

// RunsOnRootAccessKeys reports whether the caller authenticates with the root user's
// access keys: the keys AWS advises deleting once an administrator exists.
func (i Identity) RunsOnRootAccessKeys() bool { return i.IsRoot && i.LongTermKeys }

// WhoAmI asks STS who the credentials in cfg belong to.
func WhoAmI(ctx context.Context, cfg aws.Config, api STSAPI) (Identity, error) {
	if cfg.Credentials == nil {
		return Identity{}, ErrNoCredentials
	}
	creds, err := cfg.Credentials.Retrieve(ctx)
	if err != nil {
		return Identity{}, fmt.Errorf("%w: %w", ErrNoCredentials, err)
	}
	out, err := api.GetCallerIdentity(ctx, &sts.GetCallerIdentityInput{})
	if err != nil {
		return Identity{}, err
	}
	arn := aws.ToString(out.Arn)
	return Identity{
		Account:      aws.ToString(out.Account),
		ARN:          arn,
		UserID:       aws.ToString(out.UserId),
		Region:       cfg.Region,
		IsRoot:       strings.HasSuffix(arn, ":root"),
		LongTermKeys: creds.SessionToken == "",
		AccessKeyID:  creds.AccessKeyID,
	}, nil
}
