package awsclient_test

import (
	"context"
	"errors"
	"strconv"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/iam"
	"github.com/aws/aws-sdk-go-v2/service/identitystore"
	idtypes "github.com/aws/aws-sdk-go-v2/service/identitystore/types"
	"github.com/aws/aws-sdk-go-v2/service/organizations"
	"github.com/aws/aws-sdk-go-v2/service/ssoadmin"

	"github.com/firstrun/firstrun/awsclient"
	"github.com/firstrun/firstrun/awsclient/simulator"
	"github.com/firstrun/firstrun/awsclient/simulator/simtest"
)

// A write that races an earlier one not yet propagated is retried, in every service
// that documents such an error, and once the retries run out it is a concurrent write,
// never "already exists".
func TestConcurrentWritesAreRetriedAndNeverTakenForDuplicates(t *testing.T) {
	sim, b := simtest.Start(t, simulator.Options{})
	ic, err := sim.Console().EnableIdentityCenter("us-east-1")
	if err != nil {
		t.Fatal(err)
	}
	cfg := simtest.Config(t, b, "us-east-1")
	ctx := context.Background()
	n := 0
	next := func() int { n++; return n }
	calls := map[string]func() error{
		"iam:CreateUser": func() error {
			_, err := iam.NewFromConfig(cfg).CreateUser(ctx, &iam.CreateUserInput{UserName: aws.String("u" + strconv.Itoa(next()))})
			return err
		},
		"organizations:CreateOrganization": func() error {
			_, err := organizations.NewFromConfig(cfg).CreateOrganization(ctx, &organizations.CreateOrganizationInput{})
			if awsclient.ErrorCode(err) == "AlreadyInOrganizationException" {
				return nil
			}
			return err
		},
		"sso-admin:CreatePermissionSet": func() error {
			_, err := ssoadmin.NewFromConfig(cfg).CreatePermissionSet(ctx, &ssoadmin.CreatePermissionSetInput{
				InstanceArn: aws.String(ic.InstanceARN), Name: aws.String("p" + strconv.Itoa(next()))})
			return err
		},
		"identitystore:CreateGroup": func() error {
			_, err := identitystore.NewFromConfig(cfg).CreateGroup(ctx, &identitystore.CreateGroupInput{
				IdentityStoreId: aws.String(ic.IdentityStoreID), DisplayName: aws.String("g" + strconv.Itoa(next()))})
			return err
		},
	}
	for target, call := range calls {
		if err := sim.Faults().Add(simulator.Fault{Target: target, Kind: simulator.FaultConflict, Times: 2}); err != nil {
			t.Fatal(err)
		}
		if err := call(); err != nil {
			t.Errorf("%s after two concurrent-write refusals: %v (not retried)", target, err)
		}
		if err := sim.Faults().Add(simulator.Fault{Target: target, Kind: simulator.FaultConflict}); err != nil {
			t.Fatal(err)
		}
		err := call()
		sim.Faults().Clear()
		p := awsclient.Explain(err)
		if err == nil || awsclient.IsAlreadyExists(err) || p.Kind != awsclient.KindConcurrentWrite || !strings.Contains(p.Fix, "Wait a minute") {
			t.Errorf("%s refused every time: already exists %v, kind %v, fix %q", target, awsclient.IsAlreadyExists(err), p.Kind, p.Fix)
		}
	}
}

// The same code, ConflictException, still means "already exists" where AWS says so: an
// Identity Store name (Reason UNIQUENESS_CONSTRAINT_VIOLATION) and an SSO Admin
// permission set name ("... already exists") or a managed policy attached twice ("... is
// already attached").
func TestDuplicateNamesAreStillAlreadyExists(t *testing.T) {
	sim, b := simtest.Start(t, simulator.Options{})
	ic, err := sim.Console().EnableIdentityCenter("us-east-1")
	if err != nil {
		t.Fatal(err)
	}
	cfg := simtest.Config(t, b, "us-east-1")
	ctx := context.Background()
	store := identitystore.NewFromConfig(cfg)
	group := &identitystore.CreateGroupInput{IdentityStoreId: aws.String(ic.IdentityStoreID), DisplayName: aws.String("Admins")}
	if _, err := store.CreateGroup(ctx, group); err != nil {
		t.Fatal(err)
	}
	_, err = store.CreateGroup(ctx, group)
	var conflict *idtypes.ConflictException
	if !awsclient.IsAlreadyExists(err) || awsclient.IsConcurrentWrite(err) || !errors.As(err, &conflict) ||
		conflict.Reason != idtypes.ConflictExceptionReasonUniquenessConstraintViolation {
		t.Errorf("a second group Admins: %v", err)
	}
	sso := ssoadmin.NewFromConfig(cfg)
	set := &ssoadmin.CreatePermissionSetInput{InstanceArn: aws.String(ic.InstanceARN), Name: aws.String("AdministratorAccess")}
	created, err := sso.CreatePermissionSet(ctx, set)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := sso.CreatePermissionSet(ctx, set); !awsclient.IsAlreadyExists(err) || awsclient.IsConcurrentWrite(err) {
		t.Errorf("a second permission set AdministratorAccess: %v", err)
	}
	attach := &ssoadmin.AttachManagedPolicyToPermissionSetInput{
		InstanceArn:      aws.String(ic.InstanceARN),
		PermissionSetArn: created.PermissionSet.PermissionSetArn,
		ManagedPolicyArn: aws.String("arn:aws:iam::aws:policy/AdministratorAccess"),
	}
	if _, err := sso.AttachManagedPolicyToPermissionSet(ctx, attach); err != nil {
		t.Fatal(err)
	}
	if _, err := sso.AttachManagedPolicyToPermissionSet(ctx, attach); !awsclient.IsAlreadyExists(err) || awsclient.IsConcurrentWrite(err) {
		t.Errorf("AdministratorAccess attached twice: %v", err)
	}
}

// An answer in no AWS format (a proxy's 502 page) names the HTTP status and the
// endpoint, not "AWS could not be reached".
func TestAnAnswerInNoAWSFormatNamesTheStatusAndTheEndpoint(t *testing.T) {
	sim, b := simtest.Start(t, simulator.Options{})
	if err := sim.Faults().Add(simulator.Fault{Target: "*:*", Kind: simulator.FaultGateway}); err != nil {
		t.Fatal(err)
	}
	cfg := simtest.Config(t, b, "us-east-1")
	_, err := ssoadmin.NewFromConfig(cfg).ListInstances(context.Background(), &ssoadmin.ListInstancesInput{})
	p := awsclient.Explain(err)
	host := strings.TrimPrefix(b.URL, "http://")
	if p.Kind != awsclient.KindBadEndpoint || !strings.Contains(p.Summary(), "HTTP 502") || !strings.Contains(p.Summary(), host) ||
		strings.Contains(p.Fix, "could not be reached") {
		t.Errorf("kind %v, summary %q, fix %q", p.Kind, p.Summary(), p.Fix)
	}
	_, err = iam.NewFromConfig(cfg).GetAccountSummary(context.Background(), &iam.GetAccountSummaryInput{})
	if p := awsclient.Explain(err); p.Kind != awsclient.KindBadEndpoint || !strings.Contains(p.Summary(), "iam:GetAccountSummary") {
		t.Errorf("query protocol: kind %v, summary %q", p.Kind, p.Summary())
	}
}
