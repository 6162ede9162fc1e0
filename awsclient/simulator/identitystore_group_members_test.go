package simulator_test

import (
	"context"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/identitystore"
	"github.com/aws/aws-sdk-go-v2/service/identitystore/types"

	"github.com/firstrun/firstrun/awsclient/simulator/simtest"
)

// membersOf lists a group's members, page by page of size one, as the SDK's paginator
// does; it returns the user IDs and how many pages it took.
func membersOf(t *testing.T, client *identitystore.Client, store, group string) (users []string, pages int) {
	t.Helper()
	p := identitystore.NewListGroupMembershipsPaginator(client, &identitystore.ListGroupMembershipsInput{
		IdentityStoreId: aws.String(store), GroupId: aws.String(group), MaxResults: aws.Int32(1)})
	for p.HasMorePages() {
		out, err := p.NextPage(context.Background())
		if err != nil {
			t.Fatal(err)
		}
		pages++
		for _, m := range out.GroupMemberships {
			if aws.ToString(m.GroupId) != group || aws.ToString(m.IdentityStoreId) != store || aws.ToString(m.MembershipId) == "" {
				t.Errorf("membership %+v", m)
			}
			if id, ok := m.MemberId.(*types.MemberIdMemberUserId); ok {
				users = append(users, id.Value)
			}
		}
	}
	return users, pages
}

// groupOfTwo makes group Admins with jane and sam in it, and group Empty with nobody.
func groupOfTwo(t *testing.T, client *identitystore.Client, store string) (admins, empty string, members []string) {
	t.Helper()
	ctx := context.Background()
	for _, name := range []string{"Admins", "Empty"} {
		g, err := client.CreateGroup(ctx, &identitystore.CreateGroupInput{IdentityStoreId: aws.String(store), DisplayName: aws.String(name)})
		if err != nil {
			t.Fatal(err)
		}
		if name == "Admins" {
			admins = aws.ToString(g.GroupId)
		} else {
			empty = aws.ToString(g.GroupId)
		}
	}
	for _, name := range []string{"jane", "sam"} {
		u, err := client.CreateUser(ctx, newUserInput(store, name))
		if err != nil {
			t.Fatal(err)
		}
		if _, err := client.CreateGroupMembership(ctx, &identitystore.CreateGroupMembershipInput{IdentityStoreId: aws.String(store),
			GroupId: aws.String(admins), MemberId: &types.MemberIdMemberUserId{Value: aws.ToString(u.UserId)}}); err != nil {
			t.Fatal(err)
		}
		members = append(members, aws.ToString(u.UserId))
	}
	return admins, empty, members
}

func TestIdentityStoreListGroupMemberships(t *testing.T) {
	sim, client, ic := identityCenterUp(t)
	store := ic.IdentityStoreID
	admins, empty, want := groupOfTwo(t, client, store)

	users, pages := membersOf(t, client, store, admins)
	if pages != 2 || len(users) != 2 || users[0] != want[0] || users[1] != want[1] {
		t.Errorf("members %v in %d pages, want %v in 2", users, pages, want)
	}
	if users, _ := membersOf(t, client, store, empty); len(users) != 0 {
		t.Errorf("the empty group lists %v", users)
	}

	ctx := context.Background()
	_, err := client.ListGroupMemberships(ctx, &identitystore.ListGroupMembershipsInput{
		IdentityStoreId: aws.String(store), GroupId: aws.String(ic.IdentityStoreID[2:] + "-00000000-0000-0000-0000-000000000000")})
	requireCode(t, err, "ResourceNotFoundException")
	_, err = client.ListGroupMemberships(ctx, &identitystore.ListGroupMembershipsInput{
		IdentityStoreId: aws.String(store), GroupId: aws.String(admins), MaxResults: aws.Int32(101)})
	requireCode(t, err, "ValidationException")
	_, err = client.ListGroupMemberships(ctx, &identitystore.ListGroupMembershipsInput{
		IdentityStoreId: aws.String("d-0000000000"), GroupId: aws.String(admins)})
	requireCode(t, err, "ResourceNotFoundException")

	for _, c := range sim.Calls() {
		if c.Operation == "ListGroupMemberships" && c.Mutating {
			t.Errorf("ListGroupMemberships counted as mutating")
		}
	}
}

// TestContractListGroupMemberships checks the listing against moto_server too. (For a
// group that does not exist moto answers an empty list; AWS documents
// ResourceNotFoundException, which the simulator gives.)
func TestContractListGroupMemberships(t *testing.T) {
	moto := simtest.StartMoto(t)
	moto.Reset(t)
	cfg := simtest.Config(t, moto.Backend, "us-east-1")
	store := aws.ToString(listInstances(t, cfg, "us-east-1")[0].IdentityStoreId)
	client := identitystore.NewFromConfig(cfg)
	admins, empty, want := groupOfTwo(t, client, store)
	users, pages := membersOf(t, client, store, admins)
	if pages != 2 || len(users) != 2 || users[0] != want[0] || users[1] != want[1] {
		t.Errorf("moto: members %v in %d pages, want %v in 2", users, pages, want)
	}
	if users, _ := membersOf(t, client, store, empty); len(users) != 0 {
		t.Errorf("moto: the empty group lists %v", users)
	}
}
