package awsclient

import (
	"context"

	"github.com/aws/aws-sdk-go-v2/service/sts"
)

// STSAPI is the part of AWS STS firstrun uses.
type STSAPI interface {
	GetCallerIdentity(context.Context, *sts.GetCallerIdentityInput, ...func(*sts.Options)) (*sts.GetCallerIdentityOutput, error)
	AssumeRole(context.Context, *sts.AssumeRoleInput, ...func(*sts.Options)) (*sts.AssumeRoleOutput, error)
	AssumeRoot(context.Context, *sts.AssumeRootInput, ...func(*sts.Options)) (*sts.AssumeRootOutput, error)
}

var _ STSAPI = (*sts.Client)(nil)
