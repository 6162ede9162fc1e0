package simulator_test

import (
	"context"
	"regexp"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/identitystore"
	"github.com/aws/aws-sdk-go-v2/service/identitystore/document"
	"github.com/aws/aws-sdk-go-v2/service/identitystore/types"

	"github.com/firstrun/firstrun/awsclient/simulator"
)

// identityCenterUp starts a simulator whose account has Identity Center in
// us-east-1 and returns an Identity Store client and the store's ID.
func identityCenterUp(t *testing.T) (*simulator.Simulator, *identitystore.Client, simulator.IdentityCenter) {
	t.Helper()
	sim, cfg := start(t, simulator.Options{})
	ic, err := sim.Console().EnableIdentityCenter("us-east-1")
	if err != nil {
		t.Fatal(err)
	}
	return sim, identitystore.NewFromConfig(cfg), ic
}

func newUserInput(store, name string) *identitystore.CreateUserInput {
	return &identitystore.CreateUserInput{
		IdentityStoreId: aws.String(store), UserName: aws.String(name), DisplayName: aws.String("Jane Doe"),
		Name:   &types.Name{GivenName: aws.String("Jane"), FamilyName: aws.String("Doe")},
		Emails: []types.Email{{Value: aws.String("jane@example.com"), Type: aws.String("work"), Primary: true}},
	}
}

func byUserName(name string) types.AlternateIdentifier {
	return &types.AlternateIdentifierMemberUniqueAttribute{Value: types.UniqueAttribute{
		AttributePath: aws.String("UserName"), AttributeValue: document.NewLazyDocument(name)}}
}

func byDisplayName(name string) types.AlternateIdentifier {
	return &types.AlternateIdentifierMemberUniqueAttribute{Value: types.UniqueAttribute{
		AttributePath: aws.String("DisplayName"), AttributeValue: document.NewLazyDocument(name)}}
}

func TestIdentityStoreUsers(t *testing.T) {
	_, client, ic := identityCenterUp(t)
	ctx := context.Background()
	store := ic.IdentityStoreID

	_, err := client.GetUserId(ctx, &identitystore.GetUserIdInput{IdentityStoreId: aws.String(store), AlternateIdentifier: byUserName("jane")})
	requireCode(t, err, "ResourceNotFoundException")
	requireType[*types.ResourceNotFoundException](t, err)

	created, err := client.CreateUser(ctx, newUserInput(store, "jane"))
	if err != nil {
		t.Fatal(err)
	}
	id := aws.ToString(created.UserId)
	// Stores made today prefix IDs with their ten hex digits (ResourceId).
	if !regexp.MustCompile(`^` + strings.TrimPrefix(store, "d-") + `-[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$`).MatchString(id) {
		t.Errorf("UserId %q", id)
	}

	got, err := client.GetUserId(ctx, &identitystore.GetUserIdInput{IdentityStoreId: aws.String(store), AlternateIdentifier: byUserName("JANE")})
	if err != nil || aws.ToString(got.UserId) != id {
		t.Fatalf("GetUserId ignoring case = %v, %v", got, err)
	}
	u, err := client.DescribeUser(ctx, &identitystore.DescribeUserInput{IdentityStoreId: aws.String(store), UserId: aws.String(id)})
	if err != nil {
		t.Fatal(err)
	}
	if aws.ToString(u.UserName) != "jane" || aws.ToString(u.DisplayName) != "Jane Doe" || aws.ToString(u.Name.GivenName) != "Jane" ||
		len(u.Emails) != 1 || aws.ToString(u.Emails[0].Value) != "jane@example.com" || u.UserStatus != types.UserStatusEnabled {
		t.Errorf("DescribeUser = %+v", u)
	}

	_, err = client.CreateUser(ctx, newUserInput(store, "Jane"))
	requireCode(t, err, "ConflictException")
	requireType[*types.ConflictException](t, err)

	for name, in := range map[string]*identitystore.CreateUserInput{
		"reserved name":   newUserInput(store, "Administrator"),
		"space in name":   newUserInput(store, "jane doe"),
		"name too long":   newUserInput(store, strings.Repeat("a", 129)),
		"no display name": func() *identitystore.CreateUserInput { in := newUserInput(store, "x"); in.DisplayName = nil; return in }(),
	} {
		_, err := client.CreateUser(ctx, in)
		if err == nil {
			t.Errorf("%s: created", name)
			continue
		}
		requireType[*types.ValidationException](t, err)
	}

	_, err = client.DescribeUser(ctx, &identitystore.DescribeUserInput{IdentityStoreId: aws.String("d-0000000000"), UserId: aws.String(id)})
	requireType[*types.ResourceNotFoundException](t, err)
}

func TestIdentityStoreIsRegional(t *testing.T) {
	_, cfg := start(t, simulator.Options{Scenario: simulator.HalfSetUp, HomeRegion: "eu-west-1"})
	store := aws.ToString(listInstances(t, cfg, "eu-west-1")[0].IdentityStoreId)
	elsewhere := identitystore.NewFromConfig(cfg, func(o *identitystore.Options) { o.Region = "us-east-1" })
	_, err := elsewhere.CreateUser(context.Background(), newUserInput(store, "jane"))
	requireType[*types.ResourceNotFoundException](t, err)
	home := identitystore.NewFromConfig(cfg, func(o *identitystore.Options) { o.Region = "eu-west-1" })
	if _, err := home.CreateUser(context.Background(), newUserInput(store, "jane")); err != nil {
		t.Fatal(err)
	}
}

func TestIdentityStoreGroupsAndMemberships(t *testing.T) {
	_, client, ic := identityCenterUp(t)
	ctx := context.Background()
	store := aws.String(ic.IdentityStoreID)
	user, err := client.CreateUser(ctx, newUserInput(ic.IdentityStoreID, "jane"))
	if err != nil {
		t.Fatal(err)
	}

	_, err = client.GetGroupId(ctx, &identitystore.GetGroupIdInput{IdentityStoreId: store, AlternateIdentifier: byDisplayName("Admins")})
	requireType[*types.ResourceNotFoundException](t, err)
	group, err := client.CreateGroup(ctx, &identitystore.CreateGroupInput{IdentityStoreId: store, DisplayName: aws.String("Admins")})
	if err != nil {
		t.Fatal(err)
	}
	found, err := client.GetGroupId(ctx, &identitystore.GetGroupIdInput{IdentityStoreId: store, AlternateIdentifier: byDisplayName("admins")})
	if err != nil || aws.ToString(found.GroupId) != aws.ToString(group.GroupId) {
		t.Fatalf("GetGroupId = %v, %v", found, err)
	}
	_, err = client.CreateGroup(ctx, &identitystore.CreateGroupInput{IdentityStoreId: store, DisplayName: aws.String("Admins")})
	requireType[*types.ConflictException](t, err)

	member := &types.MemberIdMemberUserId{Value: aws.ToString(user.UserId)}
	_, err = client.GetGroupMembershipId(ctx, &identitystore.GetGroupMembershipIdInput{IdentityStoreId: store, GroupId: group.GroupId, MemberId: member})
	requireType[*types.ResourceNotFoundException](t, err)
	m, err := client.CreateGroupMembership(ctx, &identitystore.CreateGroupMembershipInput{IdentityStoreId: store, GroupId: group.GroupId, MemberId: member})
	if err != nil {
		t.Fatal(err)
	}
	got, err := client.GetGroupMembershipId(ctx, &identitystore.GetGroupMembershipIdInput{IdentityStoreId: store, GroupId: group.GroupId, MemberId: member})
	if err != nil || aws.ToString(got.MembershipId) != aws.ToString(m.MembershipId) {
		t.Fatalf("GetGroupMembershipId = %v, %v", got, err)
	}
	_, err = client.CreateGroupMembership(ctx, &identitystore.CreateGroupMembershipInput{IdentityStoreId: store, GroupId: group.GroupId, MemberId: member})
	requireType[*types.ConflictException](t, err)
	_, err = client.CreateGroupMembership(ctx, &identitystore.CreateGroupMembershipInput{IdentityStoreId: store, GroupId: aws.String("nope"), MemberId: member})
	requireType[*types.ResourceNotFoundException](t, err)

	// A second group shows that the member's list pages.
	other, err := client.CreateGroup(ctx, &identitystore.CreateGroupInput{IdentityStoreId: store, DisplayName: aws.String("Readers")})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := client.CreateGroupMembership(ctx, &identitystore.CreateGroupMembershipInput{IdentityStoreId: store, GroupId: other.GroupId, MemberId: member}); err != nil {
		t.Fatal(err)
	}
	var groups []string
	pages := 0
	p := identitystore.NewListGroupMembershipsForMemberPaginator(client, &identitystore.ListGroupMembershipsForMemberInput{
		IdentityStoreId: store, MemberId: member, MaxResults: aws.Int32(1)})
	for p.HasMorePages() {
		out, err := p.NextPage(ctx)
		if err != nil {
			t.Fatal(err)
		}
		pages++
		for _, gm := range out.GroupMemberships {
			groups = append(groups, aws.ToString(gm.GroupId))
		}
	}
	if pages != 2 || len(groups) != 2 || groups[0] != aws.ToString(group.GroupId) || groups[1] != aws.ToString(other.GroupId) {
		t.Errorf("memberships %v in %d pages", groups, pages)
	}

	users, err := client.ListUsers(ctx, &identitystore.ListUsersInput{IdentityStoreId: store})
	if err != nil || len(users.Users) != 1 {
		t.Errorf("ListUsers = %v, %v", users, err)
	}
	list, err := client.ListGroups(ctx, &identitystore.ListGroupsInput{IdentityStoreId: store})
	if err != nil || len(list.Groups) != 2 || aws.ToString(list.Groups[0].DisplayName) != "Admins" {
		t.Errorf("ListGroups = %v, %v", list, err)
	}
}
