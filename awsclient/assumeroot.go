package awsclient

import (
	"context"
	"fmt"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/sts"
	ststypes "github.com/aws/aws-sdk-go-v2/service/sts/types"
)

// AuditRootCredentialsTask is the AssumeRoot task policy that reads a member's root user
// credentials and changes nothing.
const AuditRootCredentialsTask = "IAMAuditRootUserCredentials"

// AssumeRoot returns clients that act as the root user of the member account, limited to
// the task policy task: a root session from the management account of an organization
// with centralized root access (sts:AssumeRoot). It is no full root user: only the
// task's actions are allowed, for at most 15 minutes.
func (c *Clients) AssumeRoot(account, partition, task string) *Clients {
	cfg := c.cfg.Copy()
	taskARN := fmt.Sprintf("arn:%s:iam::aws:policy/root-task/%s", partition, task)
	cfg.Credentials = aws.NewCredentialsCache(aws.CredentialsProviderFunc(func(ctx context.Context) (aws.Credentials, error) {
		out, err := c.STS.AssumeRoot(ctx, &sts.AssumeRootInput{TargetPrincipal: aws.String(account),
			TaskPolicyArn: &ststypes.PolicyDescriptorType{Arn: aws.String(taskARN)}})
		if err != nil {
			return aws.Credentials{}, err
		}
		return aws.Credentials{AccessKeyID: aws.ToString(out.Credentials.AccessKeyId), SecretAccessKey: aws.ToString(out.Credentials.SecretAccessKey),
			SessionToken: aws.ToString(out.Credentials.SessionToken), CanExpire: true, Expires: aws.ToTime(out.Credentials.Expiration), Source: "AssumeRoot"}, nil
	}))
	ownReadCache(&cfg)
	return NewClients(cfg)
}
