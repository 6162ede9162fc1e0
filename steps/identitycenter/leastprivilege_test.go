package identitycenter_test

import (
	"context"
	"testing"

	"github.com/aws/aws-sdk-go-v2/service/ssoadmin/types"

	"github.com/firstrun/firstrun/awsclient/simulator"
	"github.com/firstrun/firstrun/steps/checkpoint"
	"github.com/firstrun/firstrun/steps/identitycenter"
)

func TestLeastPrivilegeMakesADailyPermissionSetGroupAndAssignment(t *testing.T) {
	h, inst := administered(t, simulator.Options{})
	if err := h.Env.Store.Record("admin-user", checkpoint.StepRecord{Outcome: checkpoint.Confirmed,
		Resources: map[string]string{"user_name": "jane.doe"}}); err != nil {
		t.Fatal(err)
	}
	run := h.RunStep("least-privilege")
	run.WaitFor("Least privilege means", "IAM Access Analyzer can generate a policy", "Permission set for daily work")
	run.Press("enter") // ReadOnlyAccess, the first choice
	run.WaitFor("┃ Session duration")
	run.Press("enter")
	run.WaitFor("What will change")
	run.Press("enter")
	rec := run.Finished()
	if rec.Outcome != checkpoint.Verified || rec.Resources["permission_set_name"] != "ReadOnlyAccess" ||
		rec.Resources["group_name"] != "ReadOnly" || rec.Resources["policy_arn"] != "arn:aws:iam::aws:policy/ReadOnlyAccess" {
		t.Fatalf("record %+v", rec)
	}

	ctx := context.Background()
	ps, found, err := identitycenter.FindPermissionSet(ctx, h.Env.AWS.SSOAdmin(inst.Region), inst.ARN, "ReadOnlyAccess")
	if err != nil || !found || len(ps.ManagedPolicies) != 1 || ps.ManagedPolicies[0] != "arn:aws:iam::aws:policy/ReadOnlyAccess" {
		t.Fatalf("permission set %+v, %v, %v", ps, found, err)
	}
	has, err := identitycenter.HasAssignment(ctx, h.Env.AWS.SSOAdmin(inst.Region), inst.ARN, identitycenter.Assignment{
		AccountID: h.Sim.AccountID(), PermissionSetARN: ps.ARN, PrincipalType: types.PrincipalTypeGroup, PrincipalID: rec.Resources["group_id"]})
	if err != nil || !has {
		t.Errorf("assignment %v, %v", has, err)
	}
	user, _, _ := identitycenter.FindUser(ctx, h.Env.AWS.IdentityStore(inst.Region), inst.IdentityStoreID, "jane.doe")
	if _, member, err := identitycenter.FindMembership(ctx, h.Env.AWS.IdentityStore(inst.Region), inst.IdentityStoreID, rec.Resources["group_id"], user.ID); err != nil || !member {
		t.Errorf("the administrator is not in the daily group: %v, %v", member, err)
	}

	h.Sim.ResetCalls()
	again := h.RunStep("least-privilege")
	again.WaitFor("Already in place")
	again.Press("enter")
	again.Finished()
	if calls := h.MutatingCalls(); len(calls) != 0 {
		t.Errorf("running it again changed %v", calls)
	}
}

func TestLeastPrivilegeSkipRecordsTheReason(t *testing.T) {
	h, _ := administered(t, simulator.Options{})
	h.Sim.ResetCalls()
	run := h.RunStep("least-privilege")
	run.WaitFor("Permission set for daily work")
	for range identitycenter.DailyAccessChoices() {
		run.Press("down")
	}
	run.WaitFor("> None for now")
	run.Press("enter")
	run.WaitFor("┃ Why not now?")
	run.Type(", until the second engineer starts")
	run.Press("enter")
	rec := run.Finished()
	if rec.Outcome != checkpoint.Skipped ||
		rec.Reason != "no lesser permission set for daily work: only the administrator works in this account for now, until the second engineer starts" {
		t.Errorf("record %+v", rec)
	}
	if calls := h.MutatingCalls(); len(calls) != 0 {
		t.Errorf("skipping changed %v", calls)
	}
}
