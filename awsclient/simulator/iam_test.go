package simulator_test

import (
	"context"
	"fmt"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/iam"
	"github.com/aws/aws-sdk-go-v2/service/iam/types"

	"github.com/firstrun/firstrun/awsclient/simulator"
)

func TestGetAccountSummary(t *testing.T) {
	for _, tc := range []struct {
		scenario simulator.Scenario
		want     map[string]int32
	}{
		{simulator.NewAccount, map[string]int32{"AccountMFAEnabled": 0, "AccountAccessKeysPresent": 0, "Users": 0, "Roles": 2, "MFADevices": 0, "MFADevicesInUse": 0}},
		{simulator.RootAccessKeys, map[string]int32{"AccountMFAEnabled": 0, "AccountAccessKeysPresent": 1}},
		{simulator.IAMAdminCaller, map[string]int32{"Users": 1, "PolicyVersionsInUse": 1}},
		{simulator.HalfSetUp, map[string]int32{"AccountMFAEnabled": 1, "MFADevices": 1, "MFADevicesInUse": 1}},
	} {
		t.Run(string(tc.scenario), func(t *testing.T) {
			_, cfg := start(t, simulator.Options{Scenario: tc.scenario})
			out, err := iam.NewFromConfig(cfg).GetAccountSummary(context.Background(), &iam.GetAccountSummaryInput{})
			if err != nil {
				t.Fatal(err)
			}
			// Every key AWS documents is there.
			for _, key := range types.SummaryKeyType("").Values() {
				if _, ok := out.SummaryMap[string(key)]; !ok {
					t.Errorf("SummaryMap lacks %s", key)
				}
			}
			for key, want := range tc.want {
				if got := out.SummaryMap[key]; got != want {
					t.Errorf("%s = %d, want %d", key, got, want)
				}
			}
			if out.SummaryMap["UsersQuota"] != 5000 || out.SummaryMap["AccountPasswordPresent"] != 1 {
				t.Errorf("quotas or password: %v", out.SummaryMap)
			}
		})
	}
}

func TestCreateAndGetUser(t *testing.T) {
	sim, cfg := start(t, simulator.Options{})
	client := iam.NewFromConfig(cfg)
	ctx := context.Background()

	created, err := client.CreateUser(ctx, &iam.CreateUserInput{UserName: aws.String("alice"), Path: aws.String("/ops/")})
	if err != nil {
		t.Fatal(err)
	}
	u := created.User
	wantArn := "arn:aws:iam::" + sim.AccountID() + ":user/ops/alice"
	if aws.ToString(u.Arn) != wantArn || aws.ToString(u.Path) != "/ops/" || !strings.HasPrefix(aws.ToString(u.UserId), "AIDA") || u.CreateDate == nil {
		t.Errorf("CreateUser returned %+v", u)
	}

	got, err := client.GetUser(ctx, &iam.GetUserInput{UserName: aws.String("ALICE")}) // IAM names ignore case
	if err != nil {
		t.Fatal(err)
	}
	if aws.ToString(got.User.UserId) != aws.ToString(u.UserId) || !got.User.CreateDate.Equal(*u.CreateDate) {
		t.Errorf("GetUser = %+v, want %+v", got.User, u)
	}

	// The waiter firstrun uses after CreateUser works against the simulator.
	if err := iam.NewUserExistsWaiter(client).Wait(ctx, &iam.GetUserInput{UserName: aws.String("alice")}, time.Minute); err != nil {
		t.Errorf("UserExists waiter: %v", err)
	}

	_, err = client.CreateUser(ctx, &iam.CreateUserInput{UserName: aws.String("Alice")})
	requireCode(t, err, "EntityAlreadyExists")
	requireType[*types.EntityAlreadyExistsException](t, err)

	_, err = client.GetUser(ctx, &iam.GetUserInput{UserName: aws.String("bob")})
	requireType[*types.NoSuchEntityException](t, err)
	if msg := requireCode(t, err, "NoSuchEntity"); msg != "The user with name bob cannot be found." {
		t.Errorf("message %q", msg)
	}

	_, err = client.CreateUser(ctx, &iam.CreateUserInput{UserName: aws.String("no spaces")})
	requireCode(t, err, "ValidationError")
}

func TestGetUserWithoutName(t *testing.T) {
	t.Run("root", func(t *testing.T) {
		sim, cfg := start(t, simulator.Options{})
		out, err := iam.NewFromConfig(cfg).GetUser(context.Background(), &iam.GetUserInput{})
		if err != nil {
			t.Fatal(err)
		}
		if aws.ToString(out.User.UserId) != sim.AccountID() || aws.ToString(out.User.Arn) != "arn:aws:iam::"+sim.AccountID()+":root" || out.User.UserName != nil {
			t.Errorf("GetUser as root = %+v", out.User)
		}
	})
	t.Run("iam user", func(t *testing.T) {
		_, cfg := start(t, simulator.Options{Scenario: simulator.IAMAdminCaller})
		out, err := iam.NewFromConfig(cfg).GetUser(context.Background(), &iam.GetUserInput{})
		if err != nil {
			t.Fatal(err)
		}
		if aws.ToString(out.User.UserName) != "admin" {
			t.Errorf("GetUser as admin = %+v", out.User)
		}
	})
}

func TestListUsersPagination(t *testing.T) {
	_, cfg := start(t, simulator.Options{})
	client := iam.NewFromConfig(cfg)
	ctx := context.Background()
	want := make([]string, 0, 7)
	for i := range 7 {
		name := fmt.Sprintf("user-%d", i)
		want = append(want, name)
		path := "/"
		if i%2 == 1 {
			path = "/odd/"
		}
		if _, err := client.CreateUser(ctx, &iam.CreateUserInput{UserName: aws.String(name), Path: aws.String(path)}); err != nil {
			t.Fatal(err)
		}
	}

	var got []string
	pages := 0
	p := iam.NewListUsersPaginator(client, &iam.ListUsersInput{MaxItems: aws.Int32(3)})
	for p.HasMorePages() {
		out, err := p.NextPage(ctx)
		if err != nil {
			t.Fatal(err)
		}
		pages++
		if len(out.Users) > 3 {
			t.Errorf("page of %d users, asked for 3", len(out.Users))
		}
		if out.IsTruncated != (out.Marker != nil) {
			t.Errorf("IsTruncated %v with Marker %v", out.IsTruncated, out.Marker)
		}
		for _, u := range out.Users {
			got = append(got, aws.ToString(u.UserName))
		}
	}
	sort.Strings(got)
	if pages != 3 || strings.Join(got, ",") != strings.Join(want, ",") {
		t.Errorf("%d pages of %v, want 3 pages of %v", pages, got, want)
	}

	odd, err := client.ListUsers(ctx, &iam.ListUsersInput{PathPrefix: aws.String("/odd/")})
	if err != nil {
		t.Fatal(err)
	}
	if len(odd.Users) != 3 || odd.IsTruncated {
		t.Errorf("PathPrefix /odd/: %d users, truncated %v", len(odd.Users), odd.IsTruncated)
	}

	_, err = client.ListUsers(ctx, &iam.ListUsersInput{Marker: aws.String("not-a-marker")})
	requireCode(t, err, "InvalidInput")
	_, err = client.ListUsers(ctx, &iam.ListUsersInput{MaxItems: aws.Int32(1001)})
	requireCode(t, err, "ValidationError")
}
