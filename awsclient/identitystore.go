package awsclient

import (
	"context"

	"github.com/aws/aws-sdk-go-v2/service/identitystore"
)

// IdentityStoreAPI is the part of the IAM Identity Center directory firstrun uses.
type IdentityStoreAPI interface {
	CreateUser(context.Context, *identitystore.CreateUserInput, ...func(*identitystore.Options)) (*identitystore.CreateUserOutput, error)
	GetUserId(context.Context, *identitystore.GetUserIdInput, ...func(*identitystore.Options)) (*identitystore.GetUserIdOutput, error)
	DescribeUser(context.Context, *identitystore.DescribeUserInput, ...func(*identitystore.Options)) (*identitystore.DescribeUserOutput, error)
	CreateGroup(context.Context, *identitystore.CreateGroupInput, ...func(*identitystore.Options)) (*identitystore.CreateGroupOutput, error)
	GetGroupId(context.Context, *identitystore.GetGroupIdInput, ...func(*identitystore.Options)) (*identitystore.GetGroupIdOutput, error)
	CreateGroupMembership(context.Context, *identitystore.CreateGroupMembershipInput, ...func(*identitystore.Options)) (*identitystore.CreateGroupMembershipOutput, error)
	GetGroupMembershipId(context.Context, *identitystore.GetGroupMembershipIdInput, ...func(*identitystore.Options)) (*identitystore.GetGroupMembershipIdOutput, error)
	ListGroupMemberships(context.Context, *identitystore.ListGroupMembershipsInput, ...func(*identitystore.Options)) (*identitystore.ListGroupMembershipsOutput, error)
}

var _ IdentityStoreAPI = (*identitystore.Client)(nil)
