package simulator_test

import (
	"context"
	"errors"
	"fmt"
	"regexp"
	"sort"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	awshttp "github.com/aws/aws-sdk-go-v2/aws/transport/http"
	"github.com/aws/aws-sdk-go-v2/service/iam"
	iamtypes "github.com/aws/aws-sdk-go-v2/service/iam/types"
	"github.com/aws/aws-sdk-go-v2/service/organizations"
	orgtypes "github.com/aws/aws-sdk-go-v2/service/organizations/types"
	"github.com/aws/aws-sdk-go-v2/service/ssoadmin"
	"github.com/aws/aws-sdk-go-v2/service/sts"

	"github.com/firstrun/firstrun/awsclient/simulator"
	"github.com/firstrun/firstrun/awsclient/simulator/simtest"
)

// contractBackend is one backend under the contract: the simulator or
// moto_server. Where moto departs from AWS, the simulator follows AWS (its
// own tests pin that down) and the flags below let the shared assertions
// skip only the part moto gets wrong.
type contractBackend struct {
	cfg aws.Config
	// listUsersPages: moto 5.2 ignores MaxItems and Marker in ListUsers and
	// answers everything with IsTruncated false; IAM pages (maxItemsType,
	// 1-1000, default 100).
	listUsersPages bool
	// identityCenterFromStart: moto has an Identity Center instance in every
	// Region from the start, with an alphanumeric ssoins- ID; AWS has none
	// until the owner enables it in one Region, and its IDs are hex.
	identityCenterFromStart bool
	// enableIdentityCenter does the console step, where the backend can.
	enableIdentityCenter func(t *testing.T, region string)
}

// contractCase asserts protocol-level behaviour both backends must share.
type contractCase struct {
	name string
	run  func(t *testing.T, b contractBackend)
}

func TestContract(t *testing.T) {
	cases := []contractCase{
		{"sts GetCallerIdentity", contractCallerIdentity},
		{"iam users", contractIAMUsers},
		{"iam ListUsers paging", contractListUsersPaging},
		{"organizations lifecycle", contractOrganization},
		{"organizations ListAccounts paging", contractListAccountsPaging},
		{"sso-admin ListInstances", contractListInstances},
		{"iam password policy", contractPasswordPolicy},
		{"iam credential report", contractCredentialReport},
		{"organizations trusted access", contractTrustedAccess},
	}
	t.Run("simulator", func(t *testing.T) {
		for _, c := range cases {
			t.Run(c.name, func(t *testing.T) {
				sim, b := simtest.Start(t, simulator.Options{})
				c.run(t, contractBackend{
					cfg:            simtest.Config(t, b, "us-east-1"),
					listUsersPages: true,
					enableIdentityCenter: func(t *testing.T, region string) {
						if _, err := sim.Console().EnableIdentityCenter(region); err != nil {
							t.Fatal(err)
						}
					},
				})
			})
		}
	})
	t.Run("moto", func(t *testing.T) {
		moto := simtest.StartMoto(t)
		for _, c := range cases {
			t.Run(c.name, func(t *testing.T) {
				moto.Reset(t)
				c.run(t, contractBackend{cfg: simtest.Config(t, moto.Backend, "us-east-1"), identityCenterFromStart: true})
			})
		}
	})
}

// requireStatus checks the HTTP status of an error response.
func requireStatus(t *testing.T, err error, status int) {
	t.Helper()
	var re *awshttp.ResponseError
	if !errors.As(err, &re) {
		t.Fatalf("%v has no HTTP response", err)
	}
	if re.HTTPStatusCode() != status {
		t.Errorf("HTTP status %d, want %d (%v)", re.HTTPStatusCode(), status, err)
	}
}

var (
	accountIDRE = regexp.MustCompile(`^\d{12}$`)
	callerArnRE = regexp.MustCompile(`^arn:aws:(iam|sts)::\d{12}:(root|user/.+|assumed-role/.+/.+)$`)
)

func contractCallerIdentity(t *testing.T, b contractBackend) {
	out, err := sts.NewFromConfig(b.cfg).GetCallerIdentity(context.Background(), &sts.GetCallerIdentityInput{})
	if err != nil {
		t.Fatal(err)
	}
	if !accountIDRE.MatchString(aws.ToString(out.Account)) || !callerArnRE.MatchString(aws.ToString(out.Arn)) ||
		!strings.Contains(aws.ToString(out.Arn), "::"+aws.ToString(out.Account)+":") || aws.ToString(out.UserId) == "" {
		t.Errorf("GetCallerIdentity = %s %s %s", aws.ToString(out.Account), aws.ToString(out.Arn), aws.ToString(out.UserId))
	}
}

func contractIAMUsers(t *testing.T, b contractBackend) {
	client := iam.NewFromConfig(b.cfg)
	ctx := context.Background()
	created, err := client.CreateUser(ctx, &iam.CreateUserInput{UserName: aws.String("alice")})
	if err != nil {
		t.Fatal(err)
	}
	u := created.User
	// AWS user IDs start with AIDA (IAM identifiers, "Unique ID prefixes"),
	// as the simulator's do; moto's are random lower-case strings, so the
	// contract only asks for one.
	if aws.ToString(u.Path) != "/" || aws.ToString(u.UserName) != "alice" || aws.ToString(u.UserId) == "" ||
		!regexp.MustCompile(`^arn:aws:iam::\d{12}:user/alice$`).MatchString(aws.ToString(u.Arn)) || u.CreateDate == nil {
		t.Errorf("CreateUser = %s %s %s %s %v", aws.ToString(u.Path), aws.ToString(u.UserName), aws.ToString(u.UserId), aws.ToString(u.Arn), u.CreateDate)
	}
	got, err := client.GetUser(ctx, &iam.GetUserInput{UserName: aws.String("alice")})
	if err != nil {
		t.Fatal(err)
	}
	if aws.ToString(got.User.UserId) != aws.ToString(u.UserId) || aws.ToString(got.User.Arn) != aws.ToString(u.Arn) {
		t.Errorf("GetUser = %s %s, want %s %s", aws.ToString(got.User.UserId), aws.ToString(got.User.Arn), aws.ToString(u.UserId), aws.ToString(u.Arn))
	}

	_, err = client.CreateUser(ctx, &iam.CreateUserInput{UserName: aws.String("alice")})
	requireCode(t, err, "EntityAlreadyExists")
	requireType[*iamtypes.EntityAlreadyExistsException](t, err)
	requireStatus(t, err, 409)

	_, err = client.GetUser(ctx, &iam.GetUserInput{UserName: aws.String("nobody")})
	requireCode(t, err, "NoSuchEntity")
	requireType[*iamtypes.NoSuchEntityException](t, err)
	requireStatus(t, err, 404)
}

func contractListUsersPaging(t *testing.T, b contractBackend) {
	client := iam.NewFromConfig(b.cfg)
	ctx := context.Background()
	want := make([]string, 0, 5)
	for i := range 5 {
		name := fmt.Sprintf("pager-%d", i)
		want = append(want, name)
		if _, err := client.CreateUser(ctx, &iam.CreateUserInput{UserName: aws.String(name)}); err != nil {
			t.Fatal(err)
		}
	}
	var got []string
	pages := 0
	p := iam.NewListUsersPaginator(client, &iam.ListUsersInput{MaxItems: aws.Int32(2)})
	for p.HasMorePages() {
		out, err := p.NextPage(ctx)
		if err != nil {
			t.Fatal(err)
		}
		pages++
		if b.listUsersPages && len(out.Users) > 2 {
			t.Errorf("a page of %d users for MaxItems 2", len(out.Users))
		}
		for _, u := range out.Users {
			got = append(got, aws.ToString(u.UserName))
		}
	}
	sort.Strings(got)
	if strings.Join(got, ",") != strings.Join(want, ",") {
		t.Errorf("listed %v, want each of %v once", got, want)
	}
	if b.listUsersPages && pages != 3 {
		t.Errorf("%d pages, want 3", pages)
	}
}

func contractOrganization(t *testing.T, b contractBackend) {
	client := organizations.NewFromConfig(b.cfg)
	ctx := context.Background()
	_, err := client.DescribeOrganization(ctx, &organizations.DescribeOrganizationInput{})
	requireCode(t, err, "AWSOrganizationsNotInUseException")
	requireType[*orgtypes.AWSOrganizationsNotInUseException](t, err)
	requireStatus(t, err, 400)

	created, err := client.CreateOrganization(ctx, &organizations.CreateOrganizationInput{FeatureSet: orgtypes.OrganizationFeatureSetAll})
	if err != nil {
		t.Fatal(err)
	}
	org := created.Organization
	id := aws.ToString(org.Id)
	mgmt := aws.ToString(org.MasterAccountId)
	if !regexp.MustCompile(`^o-[a-z0-9]{10,32}$`).MatchString(id) || !accountIDRE.MatchString(mgmt) ||
		aws.ToString(org.Arn) != "arn:aws:organizations::"+mgmt+":organization/"+id ||
		aws.ToString(org.MasterAccountArn) != "arn:aws:organizations::"+mgmt+":account/"+id+"/"+mgmt ||
		org.FeatureSet != orgtypes.OrganizationFeatureSetAll || aws.ToString(org.MasterAccountEmail) == "" {
		t.Errorf("CreateOrganization = %+v", org)
	}
	described, err := client.DescribeOrganization(ctx, &organizations.DescribeOrganizationInput{})
	if err != nil || aws.ToString(described.Organization.Id) != id {
		t.Errorf("DescribeOrganization = %+v, %v", described, err)
	}

	_, err = client.CreateOrganization(ctx, &organizations.CreateOrganizationInput{})
	requireCode(t, err, "AlreadyInOrganizationException")
	requireType[*orgtypes.AlreadyInOrganizationException](t, err)
	requireStatus(t, err, 400)

	accounts, err := client.ListAccounts(ctx, &organizations.ListAccountsInput{})
	if err != nil {
		t.Fatal(err)
	}
	if len(accounts.Accounts) != 1 || aws.ToString(accounts.Accounts[0].Id) != mgmt || accounts.Accounts[0].JoinedTimestamp == nil {
		t.Errorf("ListAccounts = %+v", accounts.Accounts)
	}
}

// createAccounts creates member accounts and waits for them, polling
// DescribeCreateAccountStatus as firstrun does.
func createAccounts(t *testing.T, client *organizations.Client, n int) {
	t.Helper()
	ctx := context.Background()
	for i := range n {
		out, err := client.CreateAccount(ctx, &organizations.CreateAccountInput{
			AccountName: aws.String(fmt.Sprintf("Member %d", i)), Email: aws.String(fmt.Sprintf("member-%d@example.com", i)),
		})
		if err != nil {
			t.Fatal(err)
		}
		// AWS answers IN_PROGRESS; moto answers SUCCEEDED at once.
		for state := out.CreateAccountStatus.State; state != orgtypes.CreateAccountStateSucceeded; {
			if state != orgtypes.CreateAccountStateInProgress {
				t.Fatalf("account creation %s", state)
			}
			status, err := client.DescribeCreateAccountStatus(ctx, &organizations.DescribeCreateAccountStatusInput{
				CreateAccountRequestId: out.CreateAccountStatus.Id,
			})
			if err != nil {
				t.Fatal(err)
			}
			state = status.CreateAccountStatus.State
		}
	}
}

func contractListAccountsPaging(t *testing.T, b contractBackend) {
	client := organizations.NewFromConfig(b.cfg)
	ctx := context.Background()
	if _, err := client.CreateOrganization(ctx, &organizations.CreateOrganizationInput{FeatureSet: orgtypes.OrganizationFeatureSetAll}); err != nil {
		t.Fatal(err)
	}
	createAccounts(t, client, 4)

	seen := map[string]bool{}
	pages := 0
	p := organizations.NewListAccountsPaginator(client, &organizations.ListAccountsInput{MaxResults: aws.Int32(2)})
	for p.HasMorePages() {
		out, err := p.NextPage(ctx)
		if err != nil {
			t.Fatal(err)
		}
		pages++
		if len(out.Accounts) > 2 {
			t.Errorf("a page of %d accounts for MaxResults 2", len(out.Accounts))
		}
		for _, a := range out.Accounts {
			if seen[aws.ToString(a.Id)] {
				t.Errorf("%s listed twice", aws.ToString(a.Id))
			}
			seen[aws.ToString(a.Id)] = true
		}
	}
	if len(seen) != 5 || pages != 3 {
		t.Errorf("%d accounts on %d pages, want 5 on 3", len(seen), pages)
	}
}

func contractListInstances(t *testing.T, b contractBackend) {
	ctx := context.Background()
	client := ssoadmin.NewFromConfig(b.cfg)
	list := func() *ssoadmin.ListInstancesOutput {
		t.Helper()
		out, err := client.ListInstances(ctx, &ssoadmin.ListInstancesInput{})
		if err != nil {
			t.Fatal(err)
		}
		return out
	}
	if !b.identityCenterFromStart {
		if n := len(list().Instances); n != 0 {
			t.Errorf("%d instances before Identity Center was enabled", n)
		}
	}
	if b.enableIdentityCenter != nil {
		b.enableIdentityCenter(t, "us-east-1")
	}
	caller, err := sts.NewFromConfig(b.cfg).GetCallerIdentity(ctx, &sts.GetCallerIdentityInput{})
	if err != nil {
		t.Fatal(err)
	}
	out := list()
	if len(out.Instances) != 1 {
		t.Fatalf("%d instances, want 1", len(out.Instances))
	}
	inst := out.Instances[0]
	if !regexp.MustCompile(`^arn:aws:sso:::instance/ssoins-[0-9a-z]{16}$`).MatchString(aws.ToString(inst.InstanceArn)) ||
		!regexp.MustCompile(`^d-[0-9a-z]{10}$`).MatchString(aws.ToString(inst.IdentityStoreId)) ||
		aws.ToString(inst.OwnerAccountId) != aws.ToString(caller.Account) || inst.Status != "ACTIVE" || inst.CreatedDate == nil {
		t.Errorf("instance %+v", inst)
	}
}
