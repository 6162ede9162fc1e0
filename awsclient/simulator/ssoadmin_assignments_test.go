package simulator_test

import (
	"context"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/identitystore"
	"github.com/aws/aws-sdk-go-v2/service/ssoadmin"
	"github.com/aws/aws-sdk-go-v2/service/ssoadmin/types"

	"github.com/firstrun/firstrun/awsclient/simulator"
)

// assignmentWorld is an account with Identity Center, a group and a
// permission set, on a clock the test moves.
type assignmentWorld struct {
	sim     *simulator.Simulator
	cfg     aws.Config
	clock   *clock
	client  *ssoadmin.Client
	inst    string
	psArn   string
	groupID string
	account string
}

func newAssignmentWorld(t *testing.T) assignmentWorld {
	t.Helper()
	c := newClock()
	sim, cfg, client, ic := ssoAdminUp(t, simulator.Options{Clock: c.Now, AsyncDelay: 10 * time.Second})
	group, err := identitystore.NewFromConfig(cfg).CreateGroup(context.Background(), &identitystore.CreateGroupInput{
		IdentityStoreId: aws.String(ic.IdentityStoreID), DisplayName: aws.String("Admins")})
	if err != nil {
		t.Fatal(err)
	}
	return assignmentWorld{sim: sim, cfg: cfg, clock: c, client: client, inst: ic.InstanceARN,
		psArn: createPermissionSet(t, client, ic.InstanceARN, "AdministratorAccess"), groupID: aws.ToString(group.GroupId), account: sim.AccountID()}
}

func (w assignmentWorld) assign(t *testing.T) *types.AccountAssignmentOperationStatus {
	t.Helper()
	out, err := w.client.CreateAccountAssignment(context.Background(), &ssoadmin.CreateAccountAssignmentInput{
		InstanceArn: aws.String(w.inst), PermissionSetArn: aws.String(w.psArn),
		PrincipalType: types.PrincipalTypeGroup, PrincipalId: aws.String(w.groupID),
		TargetType: types.TargetTypeAwsAccount, TargetId: aws.String(w.account)})
	if err != nil {
		t.Fatal(err)
	}
	return out.AccountAssignmentCreationStatus
}

func (w assignmentWorld) status(t *testing.T, requestID *string) *types.AccountAssignmentOperationStatus {
	t.Helper()
	out, err := w.client.DescribeAccountAssignmentCreationStatus(context.Background(), &ssoadmin.DescribeAccountAssignmentCreationStatusInput{
		InstanceArn: aws.String(w.inst), AccountAssignmentCreationRequestId: requestID})
	if err != nil {
		t.Fatal(err)
	}
	return out.AccountAssignmentCreationStatus
}

func (w assignmentWorld) assignments(t *testing.T) []types.AccountAssignment {
	t.Helper()
	out, err := w.client.ListAccountAssignments(context.Background(), &ssoadmin.ListAccountAssignmentsInput{
		InstanceArn: aws.String(w.inst), PermissionSetArn: aws.String(w.psArn), AccountId: aws.String(w.account)})
	if err != nil {
		t.Fatal(err)
	}
	return out.AccountAssignments
}

func TestAccountAssignmentIsAsynchronous(t *testing.T) {
	w := newAssignmentWorld(t)
	started := w.assign(t)
	if started.Status != types.StatusValuesInProgress || len(aws.ToString(started.RequestId)) != 36 ||
		aws.ToString(started.TargetId) != w.account || started.PrincipalType != types.PrincipalTypeGroup {
		t.Fatalf("CreateAccountAssignment = %+v", started)
	}
	if s := w.status(t, started.RequestId); s.Status != types.StatusValuesInProgress {
		t.Errorf("at once: %s", s.Status)
	}
	if got := w.assignments(t); len(got) != 0 {
		t.Errorf("listed before it finished: %+v", got)
	}
	w.clock.Advance(10 * time.Second)
	if s := w.status(t, started.RequestId); s.Status != types.StatusValuesSucceeded || s.FailureReason != nil {
		t.Errorf("after the delay: %+v", s)
	}
	got := w.assignments(t)
	if len(got) != 1 || aws.ToString(got[0].PrincipalId) != w.groupID || got[0].PrincipalType != types.PrincipalTypeGroup {
		t.Errorf("ListAccountAssignments = %+v", got)
	}

	// Assigning again changes nothing: one assignment is listed.
	again := w.assign(t)
	w.clock.Advance(10 * time.Second)
	if s := w.status(t, again.RequestId); s.Status != types.StatusValuesSucceeded {
		t.Errorf("second assignment %s", s.Status)
	}
	if got := w.assignments(t); len(got) != 1 {
		t.Errorf("%d assignments after assigning twice", len(got))
	}

	_, err := w.client.DescribeAccountAssignmentCreationStatus(context.Background(), &ssoadmin.DescribeAccountAssignmentCreationStatusInput{
		InstanceArn: aws.String(w.inst), AccountAssignmentCreationRequestId: aws.String("00000000-0000-0000-0000-000000000000")})
	requireType[*types.ResourceNotFoundException](t, err)
}

func TestAccountAssignmentFailureFault(t *testing.T) {
	w := newAssignmentWorld(t)
	const reason = "Received a 404 status error: Not supported policy arn:aws:iam::aws:policy/Nope."
	faults, err := simulator.ParseFaults("sso-admin:CreateAccountAssignment=fail:" + reason + "*1")
	if err != nil {
		t.Fatal(err)
	}
	if err := w.sim.Faults().Add(faults...); err != nil {
		t.Fatal(err)
	}
	failed := w.assign(t)
	if failed.Status != types.StatusValuesInProgress {
		t.Errorf("a failing request starts %s", failed.Status)
	}
	w.clock.Advance(10 * time.Second)
	if s := w.status(t, failed.RequestId); s.Status != types.StatusValuesFailed || aws.ToString(s.FailureReason) != reason {
		t.Errorf("status %+v, want FAILED with the reason", s)
	}
	if got := w.assignments(t); len(got) != 0 {
		t.Errorf("a failed request left %+v", got)
	}
	// The fault was for one call: the retry succeeds.
	retry := w.assign(t)
	w.clock.Advance(10 * time.Second)
	if s := w.status(t, retry.RequestId); s.Status != types.StatusValuesSucceeded {
		t.Errorf("retry %s", s.Status)
	}
	if got := w.sim.Faults().List(); len(got) != 0 {
		t.Errorf("faults left: %v", got)
	}
}

func TestAccountAssignmentValidation(t *testing.T) {
	w := newAssignmentWorld(t)
	ctx := context.Background()
	in := func(mutate func(*ssoadmin.CreateAccountAssignmentInput)) *ssoadmin.CreateAccountAssignmentInput {
		i := &ssoadmin.CreateAccountAssignmentInput{
			InstanceArn: aws.String(w.inst), PermissionSetArn: aws.String(w.psArn),
			PrincipalType: types.PrincipalTypeGroup, PrincipalId: aws.String(w.groupID),
			TargetType: types.TargetTypeAwsAccount, TargetId: aws.String(w.account)}
		mutate(i)
		return i
	}
	_, err := w.client.CreateAccountAssignment(ctx, in(func(i *ssoadmin.CreateAccountAssignmentInput) { i.TargetId = aws.String("111122223333") }))
	requireType[*types.ValidationException](t, err)
	_, err = w.client.CreateAccountAssignment(ctx, in(func(i *ssoadmin.CreateAccountAssignmentInput) { i.PrincipalId = aws.String("nobody") }))
	requireType[*types.ResourceNotFoundException](t, err)
	_, err = w.client.CreateAccountAssignment(ctx, in(func(i *ssoadmin.CreateAccountAssignmentInput) { i.PermissionSetArn = aws.String(w.psArn + "0") }))
	requireType[*types.ResourceNotFoundException](t, err)
}

func TestProvisionPermissionSetAfterAChange(t *testing.T) {
	w := newAssignmentWorld(t)
	ctx := context.Background()
	outdated := func() []string {
		t.Helper()
		out, err := w.client.ListAccountsForProvisionedPermissionSet(ctx, &ssoadmin.ListAccountsForProvisionedPermissionSetInput{
			InstanceArn: aws.String(w.inst), PermissionSetArn: aws.String(w.psArn),
			ProvisioningStatus: types.ProvisioningStatusLatestPermissionSetNotProvisioned})
		if err != nil {
			t.Fatal(err)
		}
		return out.AccountIds
	}
	w.assign(t)
	w.clock.Advance(10 * time.Second)
	all, err := w.client.ListAccountsForProvisionedPermissionSet(ctx, &ssoadmin.ListAccountsForProvisionedPermissionSetInput{
		InstanceArn: aws.String(w.inst), PermissionSetArn: aws.String(w.psArn)})
	if err != nil || len(all.AccountIds) != 1 || all.AccountIds[0] != w.account {
		t.Fatalf("provisioned to %v, %v", all, err)
	}
	if got := outdated(); len(got) != 0 {
		t.Fatalf("outdated right after assigning: %v", got)
	}

	w.clock.Advance(time.Second)
	if _, err := w.client.AttachManagedPolicyToPermissionSet(ctx, &ssoadmin.AttachManagedPolicyToPermissionSetInput{
		InstanceArn: aws.String(w.inst), PermissionSetArn: aws.String(w.psArn), ManagedPolicyArn: aws.String(adminPolicy)}); err != nil {
		t.Fatal(err)
	}
	if got := outdated(); len(got) != 1 {
		t.Fatalf("after a change, outdated in %v", got)
	}
	p, err := w.client.ProvisionPermissionSet(ctx, &ssoadmin.ProvisionPermissionSetInput{
		InstanceArn: aws.String(w.inst), PermissionSetArn: aws.String(w.psArn), TargetType: types.ProvisionTargetTypeAllProvisionedAccounts})
	if err != nil || p.PermissionSetProvisioningStatus.Status != types.StatusValuesInProgress {
		t.Fatalf("ProvisionPermissionSet = %+v, %v", p, err)
	}
	w.clock.Advance(10 * time.Second)
	s, err := w.client.DescribePermissionSetProvisioningStatus(ctx, &ssoadmin.DescribePermissionSetProvisioningStatusInput{
		InstanceArn: aws.String(w.inst), ProvisionPermissionSetRequestId: p.PermissionSetProvisioningStatus.RequestId})
	if err != nil || s.PermissionSetProvisioningStatus.Status != types.StatusValuesSucceeded {
		t.Fatalf("provisioning status %+v, %v", s, err)
	}
	if got := outdated(); len(got) != 0 {
		t.Errorf("still outdated after provisioning: %v", got)
	}
}
