package awsclient

import (
	"context"
	"strings"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/credentials/stscreds"
)

// AssumeRole returns clients that act as the role roleARN, in the role's account, with a
// session named sessionName (it shows in that account's CloudTrail). c's credentials
// assume the role on the first call; the session is renewed before it expires.
func (c *Clients) AssumeRole(roleARN, sessionName string) *Clients {
	cfg := c.cfg.Copy()
	cfg.Credentials = aws.NewCredentialsCache(stscreds.NewAssumeRoleProvider(c.STS, roleARN,
		func(o *stscreds.AssumeRoleOptions) { o.RoleSessionName = sessionName }))
	ownReadCache(&cfg)
	return NewClients(cfg)
}

// WhoAmI asks STS who c's credentials belong to.
func (c *Clients) WhoAmI(ctx context.Context) (Identity, error) { return WhoAmI(ctx, c.cfg, c.STS) }

// RoleARN is the ARN of the role named name in account, in partition ("aws",
// "aws-us-gov", "aws-cn").
func RoleARN(partition, account, name string) string {
	return ARN(partition, "iam", account, "role/"+name)
}

// ARN builds the ARN of a resource of a global service (no Region) in partition.
func ARN(partition, service, account, resource string) string {
	return "arn:" + partition + ":" + service + "::" + account + ":" + resource
}

// ManagedPolicyARN is the ARN of the AWS managed policy at path ("AdministratorAccess",
// "job-function/Billing") in partition: AWS managed policies live in account "aws".
func ManagedPolicyARN(partition, path string) string {
	return ARN(partition, "iam", "aws", "policy/"+path)
}

// Partition is the AWS partition of the caller's ARN: "aws" unless the account lives in
// GovCloud or China.
func (i Identity) Partition() string { return PartitionOf(i.ARN) }

// PartitionOf is the partition an ARN names: "aws" for one that names none.
func PartitionOf(arn string) string {
	if parts := strings.SplitN(arn, ":", 3); len(parts) == 3 && parts[0] == "arn" && parts[1] != "" {
		return parts[1]
	}
	return "aws"
}
