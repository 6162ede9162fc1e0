package identitycenter_test

import (
	"context"
	"slices"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/ssoadmin"
	"github.com/aws/aws-sdk-go-v2/service/ssoadmin/types"

	"github.com/firstrun/firstrun/awsclient/simulator"
	"github.com/firstrun/firstrun/steps/checkpoint"
	"github.com/firstrun/firstrun/steps/identitycenter"
)

func TestSessionDurations(t *testing.T) {
	for s, want := range map[string]time.Duration{
		"PT1H": time.Hour, "PT12H": 12 * time.Hour, "PT1H30M": 90 * time.Minute, "PT90M": 90 * time.Minute, "PT60M": time.Hour,
	} {
		if got, err := identitycenter.ParseSessionDuration(s); err != nil || got != want {
			t.Errorf("%s = %s, %v; want %s", s, got, err, want)
		}
	}
	for _, bad := range []string{"", "PT", "PT59M", "PT12H1M", "PT13H", "P1D", "1h", "PT1.5H", "pt1h", "PT1H "} {
		if err := identitycenter.ValidateSessionDuration(bad); err == nil {
			t.Errorf("%q accepted", bad)
		}
	}
}

func TestEnsurePermissionSetCompletesAnExistingOneAndProvisionsTheChange(t *testing.T) {
	c := &clock{now: time.Date(2025, 6, 2, 9, 0, 0, 0, time.UTC)}
	h, inst := administered(t, simulator.Options{Clock: c.Now})
	ctx := context.Background()
	api := h.Env.AWS.SSOAdmin(inst.Region)
	spec := identitycenter.PermissionSetSpec{Name: "AdministratorAccess", SessionDuration: "PT1H",
		ManagedPolicies: []string{identitycenter.AdministratorAccessPolicy("aws")}}

	h.Sim.ResetCalls()
	same, err := identitycenter.EnsurePermissionSet(ctx, api, inst.ARN, spec, identitycenter.Waiter{})
	if err != nil || same.SessionDuration != "PT1H" {
		t.Fatalf("again: %+v, %v", same, err)
	}
	if calls := h.MutatingCalls(); len(calls) != 0 {
		t.Errorf("ensuring what exists changed %v", calls)
	}

	// Someone changed the session in the console; the permission set is in use in the
	// account, so the fix must reach the account too.
	c.Advance(time.Minute)
	if _, err := api.UpdatePermissionSet(ctx, &ssoadmin.UpdatePermissionSetInput{
		InstanceArn: aws.String(inst.ARN), PermissionSetArn: aws.String(same.ARN), SessionDuration: aws.String("PT8H")}); err != nil {
		t.Fatal(err)
	}
	h.Sim.ResetCalls()
	fixed, err := identitycenter.EnsurePermissionSet(ctx, api, inst.ARN, spec, identitycenter.Waiter{})
	if err != nil || fixed.SessionDuration != "PT1H" || fixed.ARN != same.ARN {
		t.Fatalf("fixed: %+v, %v", fixed, err)
	}
	var ops []string
	for _, call := range h.MutatingCalls() {
		ops = append(ops, call.Operation)
	}
	if !slices.Equal(ops, []string{"UpdatePermissionSet", "ProvisionPermissionSet"}) {
		t.Errorf("mutating calls %v", ops)
	}
	outdated, err := api.ListAccountsForProvisionedPermissionSet(ctx, &ssoadmin.ListAccountsForProvisionedPermissionSetInput{
		InstanceArn: aws.String(inst.ARN), PermissionSetArn: aws.String(same.ARN),
		ProvisioningStatus: types.ProvisioningStatusLatestPermissionSetNotProvisioned})
	if err != nil || len(outdated.AccountIds) != 0 {
		t.Errorf("still outdated: %v, %v", outdated, err)
	}
}

func TestPermissionSetScreenTakesAnotherSessionDuration(t *testing.T) {
	h := newHarness(t, simulator.HalfSetUp)
	run := h.RunStep("admin-permission-set")
	run.WaitFor("Session duration", "PT1H")
	for range len("PT1H") {
		run.Press("backspace")
	}
	run.Type("PT13H")
	run.Press("enter")
	run.WaitFor("a session lasts from PT1H (1 hour) to PT12H (12 hours)")
	run.Press("backspace", "backspace", "backspace")
	run.Type("4H")
	run.Press("enter")
	run.WaitFor("What will change", "Create permission set AdministratorAccess with sessions of PT4H")
	run.Press("enter")
	rec := run.Finished()
	if rec.Outcome != checkpoint.Verified || rec.Resources["session_duration"] != "PT4H" || rec.Resources["permission_set_arn"] == "" {
		t.Errorf("record %+v", rec)
	}
	// Run again, the recorded duration is the goal: nothing to change.
	again := h.RunStep("admin-permission-set")
	again.WaitFor("Already in place", "PT4H")
}
