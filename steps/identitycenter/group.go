package identitycenter

import (
	"context"
	"errors"
	"fmt"
	"regexp"
	"strings"
	"unicode/utf8"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/identitystore"
	"github.com/aws/aws-sdk-go-v2/service/identitystore/types"

	"github.com/firstrun/firstrun/awsclient"
)

// DefaultAdminGroup is the group that holds administrator access.
const DefaultAdminGroup = "Admins"

// groupNamePattern is the model's GroupDisplayName.
var groupNamePattern = regexp.MustCompile(`^[\p{L}\p{M}\p{S}\p{N}\p{P}\t\n\r \x{a0}]+$`)

// ValidateGroupName checks a group's display name as Identity Center does.
func ValidateGroupName(s string) error {
	switch n := utf8.RuneCountInString(s); {
	case strings.TrimSpace(s) == "":
		return errors.New("enter a group name")
	case n > maxAttribute:
		return fmt.Errorf("a group name has at most %d characters; this one has %d", maxAttribute, n)
	case !groupNamePattern.MatchString(s):
		return errors.New("use letters, digits, spaces, symbols and punctuation only")
	case isReserved(s):
		return fmt.Errorf("%s is reserved by AWS; choose another name", s)
	}
	return nil
}

// FindGroup looks a group up by its display name; found is false when there is none.
func FindGroup(ctx context.Context, api awsclient.IdentityStoreAPI, storeID, name string) (id string, found bool, err error) {
	out, err := api.GetGroupId(ctx, &identitystore.GetGroupIdInput{
		IdentityStoreId: aws.String(storeID), AlternateIdentifier: uniqueAttribute("displayName", name)})
	if awsclient.IsNotFound(err) {
		return "", false, nil
	}
	if err != nil {
		return "", false, err
	}
	return aws.ToString(out.GroupId), true, nil
}

// EnsureGroup creates the group unless one with its name exists, and returns its ID.
func EnsureGroup(ctx context.Context, api awsclient.IdentityStoreAPI, storeID, name, description string) (id string, created bool, err error) {
	if err := ValidateGroupName(name); err != nil {
		return "", false, err
	}
	if id, found, err := FindGroup(ctx, api, storeID, name); err != nil || found {
		return id, false, err
	}
	out, err := api.CreateGroup(ctx, &identitystore.CreateGroupInput{
		IdentityStoreId: aws.String(storeID), DisplayName: aws.String(name), Description: aws.String(description)})
	if awsclient.IsAlreadyExists(err) { // made by a run whose answer was lost
		id, _, err := FindGroup(ctx, api, storeID, name)
		return id, false, err
	}
	if err != nil {
		return "", false, err
	}
	return aws.ToString(out.GroupId), true, nil
}

// FirstMember returns a user in group name; found is false when there is no such group
// or no user in it.
func FirstMember(ctx context.Context, api awsclient.IdentityStoreAPI, storeID, name string) (u User, found bool, err error) {
	groupID, found, err := FindGroup(ctx, api, storeID, name)
	if err != nil || !found {
		return User{}, false, err
	}
	pages := identitystore.NewListGroupMembershipsPaginator(api, &identitystore.ListGroupMembershipsInput{
		IdentityStoreId: aws.String(storeID), GroupId: aws.String(groupID)})
	for pages.HasMorePages() {
		page, err := pages.NextPage(ctx)
		if err != nil {
			return User{}, false, err
		}
		for _, m := range page.GroupMemberships {
			if id, ok := m.MemberId.(*types.MemberIdMemberUserId); ok {
				u, err := describeUser(ctx, api, storeID, id.Value)
				return u, err == nil, err
			}
		}
	}
	return User{}, false, nil
}

// FindMembership returns the ID of user's membership of group; found is false when the
// user is not in it.
func FindMembership(ctx context.Context, api awsclient.IdentityStoreAPI, storeID, groupID, userID string) (id string, found bool, err error) {
	out, err := api.GetGroupMembershipId(ctx, &identitystore.GetGroupMembershipIdInput{
		IdentityStoreId: aws.String(storeID), GroupId: aws.String(groupID), MemberId: &types.MemberIdMemberUserId{Value: userID}})
	if awsclient.IsNotFound(err) {
		return "", false, nil
	}
	if err != nil {
		return "", false, err
	}
	return aws.ToString(out.MembershipId), true, nil
}

// EnsureMembership adds user to group unless they are in it already, and returns the
// membership's ID.
func EnsureMembership(ctx context.Context, api awsclient.IdentityStoreAPI, storeID, groupID, userID string) (id string, created bool, err error) {
	if id, found, err := FindMembership(ctx, api, storeID, groupID, userID); err != nil || found {
		return id, false, err
	}
	out, err := api.CreateGroupMembership(ctx, &identitystore.CreateGroupMembershipInput{
		IdentityStoreId: aws.String(storeID), GroupId: aws.String(groupID), MemberId: &types.MemberIdMemberUserId{Value: userID}})
	if awsclient.IsAlreadyExists(err) {
		id, _, err := FindMembership(ctx, api, storeID, groupID, userID)
		return id, false, err
	}
	if err != nil {
		return "", false, err
	}
	return aws.ToString(out.MembershipId), true, nil
}
