package simulator_test

import (
	"context"
	"regexp"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/ssoadmin"
	"github.com/aws/aws-sdk-go-v2/service/ssoadmin/types"

	"github.com/firstrun/firstrun/awsclient/simulator"
)

const adminPolicy = "arn:aws:iam::aws:policy/AdministratorAccess"

// ssoAdminUp starts a simulator with Identity Center enabled in us-east-1.
func ssoAdminUp(t *testing.T, opts simulator.Options) (*simulator.Simulator, aws.Config, *ssoadmin.Client, simulator.IdentityCenter) {
	t.Helper()
	sim, cfg := start(t, opts)
	ic, err := sim.Console().EnableIdentityCenter("us-east-1")
	if err != nil {
		t.Fatal(err)
	}
	return sim, cfg, ssoadmin.NewFromConfig(cfg), ic
}

func createPermissionSet(t *testing.T, client *ssoadmin.Client, instance, name string) string {
	t.Helper()
	out, err := client.CreatePermissionSet(context.Background(), &ssoadmin.CreatePermissionSetInput{
		InstanceArn: aws.String(instance), Name: aws.String(name), SessionDuration: aws.String("PT1H")})
	if err != nil {
		t.Fatal(err)
	}
	return aws.ToString(out.PermissionSet.PermissionSetArn)
}

func TestPermissionSets(t *testing.T) {
	_, _, client, ic := ssoAdminUp(t, simulator.Options{})
	ctx := context.Background()
	inst := aws.String(ic.InstanceARN)

	created, err := client.CreatePermissionSet(ctx, &ssoadmin.CreatePermissionSetInput{
		InstanceArn: inst, Name: aws.String("AdministratorAccess"), Description: aws.String("Full access"), SessionDuration: aws.String("PT1H")})
	if err != nil {
		t.Fatal(err)
	}
	ps := created.PermissionSet
	arn := aws.ToString(ps.PermissionSetArn)
	if !regexp.MustCompile(`^arn:aws:sso:::permissionSet/ssoins-[0-9a-f]{16}/ps-[0-9a-f]{16}$`).MatchString(arn) ||
		aws.ToString(ps.SessionDuration) != "PT1H" || ps.CreatedDate == nil {
		t.Errorf("CreatePermissionSet = %+v", ps)
	}

	_, err = client.CreatePermissionSet(ctx, &ssoadmin.CreatePermissionSetInput{InstanceArn: inst, Name: aws.String("AdministratorAccess")})
	requireCode(t, err, "ConflictException")
	requireType[*types.ConflictException](t, err)
	for _, d := range []string{"PT30M", "PT13H", "P1D", "1 hour"} {
		_, err = client.CreatePermissionSet(ctx, &ssoadmin.CreatePermissionSetInput{InstanceArn: inst, Name: aws.String("Other"), SessionDuration: aws.String(d)})
		requireType[*types.ValidationException](t, err)
	}

	desc, err := client.DescribePermissionSet(ctx, &ssoadmin.DescribePermissionSetInput{InstanceArn: inst, PermissionSetArn: aws.String(arn)})
	if err != nil || aws.ToString(desc.PermissionSet.Name) != "AdministratorAccess" || aws.ToString(desc.PermissionSet.Description) != "Full access" {
		t.Fatalf("DescribePermissionSet = %+v, %v", desc, err)
	}
	_, err = client.DescribePermissionSet(ctx, &ssoadmin.DescribePermissionSetInput{InstanceArn: inst, PermissionSetArn: aws.String(arn + "0")})
	requireType[*types.ResourceNotFoundException](t, err)

	if _, err := client.AttachManagedPolicyToPermissionSet(ctx, &ssoadmin.AttachManagedPolicyToPermissionSetInput{
		InstanceArn: inst, PermissionSetArn: aws.String(arn), ManagedPolicyArn: aws.String(adminPolicy)}); err != nil {
		t.Fatal(err)
	}
	_, err = client.AttachManagedPolicyToPermissionSet(ctx, &ssoadmin.AttachManagedPolicyToPermissionSetInput{
		InstanceArn: inst, PermissionSetArn: aws.String(arn), ManagedPolicyArn: aws.String(adminPolicy)})
	requireType[*types.ConflictException](t, err)
	_, err = client.AttachManagedPolicyToPermissionSet(ctx, &ssoadmin.AttachManagedPolicyToPermissionSetInput{
		InstanceArn: inst, PermissionSetArn: aws.String(arn), ManagedPolicyArn: aws.String("arn:aws:iam::123456789012:policy/Mine")})
	requireType[*types.ValidationException](t, err)
	policies, err := client.ListManagedPoliciesInPermissionSet(ctx, &ssoadmin.ListManagedPoliciesInPermissionSetInput{InstanceArn: inst, PermissionSetArn: aws.String(arn)})
	if err != nil || len(policies.AttachedManagedPolicies) != 1 ||
		aws.ToString(policies.AttachedManagedPolicies[0].Name) != "AdministratorAccess" || aws.ToString(policies.AttachedManagedPolicies[0].Arn) != adminPolicy {
		t.Errorf("ListManagedPoliciesInPermissionSet = %+v, %v", policies, err)
	}

	if _, err := client.UpdatePermissionSet(ctx, &ssoadmin.UpdatePermissionSetInput{InstanceArn: inst, PermissionSetArn: aws.String(arn), SessionDuration: aws.String("PT4H")}); err != nil {
		t.Fatal(err)
	}
	desc, err = client.DescribePermissionSet(ctx, &ssoadmin.DescribePermissionSetInput{InstanceArn: inst, PermissionSetArn: aws.String(arn)})
	if err != nil || aws.ToString(desc.PermissionSet.SessionDuration) != "PT4H" {
		t.Errorf("after UpdatePermissionSet: %+v, %v", desc, err)
	}

	_, err = client.ListPermissionSets(ctx, &ssoadmin.ListPermissionSetsInput{InstanceArn: aws.String("arn:aws:sso:::instance/ssoins-0000000000000000")})
	requireType[*types.ResourceNotFoundException](t, err)
}

func TestListPermissionSetsPages(t *testing.T) {
	_, _, client, ic := ssoAdminUp(t, simulator.Options{})
	want := []string{
		createPermissionSet(t, client, ic.InstanceARN, "One"),
		createPermissionSet(t, client, ic.InstanceARN, "Two"),
		createPermissionSet(t, client, ic.InstanceARN, "Three"),
	}
	var got []string
	pages := 0
	p := ssoadmin.NewListPermissionSetsPaginator(client, &ssoadmin.ListPermissionSetsInput{InstanceArn: aws.String(ic.InstanceARN), MaxResults: aws.Int32(2)})
	for p.HasMorePages() {
		out, err := p.NextPage(context.Background())
		if err != nil {
			t.Fatal(err)
		}
		pages++
		got = append(got, out.PermissionSets...)
	}
	if pages != 2 || len(got) != 3 || got[0] != want[0] || got[1] != want[1] || got[2] != want[2] {
		t.Errorf("listed %v in %d pages, want %v in 2", got, pages, want)
	}
	_, err := client.ListPermissionSets(context.Background(), &ssoadmin.ListPermissionSetsInput{InstanceArn: aws.String(ic.InstanceARN), MaxResults: aws.Int32(101)})
	requireType[*types.ValidationException](t, err)
}
