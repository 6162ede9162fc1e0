package billing_test

import (
	"context"
	"testing"

	"github.com/firstrun/firstrun/awsclient/simulator"
	"github.com/firstrun/firstrun/steps/billing"
	"github.com/firstrun/firstrun/steps/checkpoint"
	"github.com/firstrun/firstrun/steps/identitycenter"
	"github.com/firstrun/firstrun/steps/steptest"
)

// identityCenter is the simulated account's Identity Center instance (HalfSetUp enables
// it in us-east-1).
func identityCenter(t *testing.T, h *steptest.Harness) identitycenter.Instance {
	t.Helper()
	inst, found, err := identitycenter.FindInstance(context.Background(), h.Env.AWS.SSOAdmin("us-east-1"), "us-east-1")
	if err != nil || !found {
		t.Fatalf("no Identity Center instance: %v", err)
	}
	return inst
}

// readBillingGroup reads what Identity Center has for billing work given to group.
func readBillingGroup(t *testing.T, h *steptest.Harness, group string) billing.IdentityCenterBilling {
	t.Helper()
	inst := identityCenter(t, h)
	b, err := billing.ReadIdentityCenterBilling(context.Background(), h.Env.AWS.SSOAdmin(inst.Region),
		h.Env.AWS.IdentityStore(inst.Region), inst, h.Env.Identity, group)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func TestBillingRoleOffersAPermissionSetWhenIdentityCenterIsInUse(t *testing.T) {
	h := steptest.New(t, simulator.Options{Scenario: simulator.HalfSetUp})
	run := h.RunStep("billing-role")
	run.WaitFor("Role name", "> Billing")
	run.Press("enter")
	run.WaitFor("Also give billing work to a group in Identity Center?", "permission set named Billing", "No, the role is enough")
	run.Press("left") // from the default, No, to Yes
	run.Press("enter")
	run.WaitFor("┃ Group for billing work", "it starts empty")
	run.Press("enter")
	run.WaitFor("Permission set Billing  not made yet", "Group Billing  not made yet",
		"Create the role Billing",
		"Create the permission set Billing with the Billing policy and sessions of PT1H",
		"Create the group Billing, empty: add the people who do billing work to it in the Identity Center console",
		"Give the group Billing the permission set in this account")
	requireNoChange(t, h, "the review")
	run.Press("enter")
	rec := run.Finished()
	if rec.Outcome != checkpoint.Verified || rec.Resources["role_name"] != "Billing" || rec.Resources["group_name"] != "Billing" ||
		rec.Resources["group_id"] == "" || rec.Resources["permission_set_arn"] == "" {
		t.Errorf("record = %+v", rec)
	}
	requireOneBillingRole(t, h, "Billing")
	b := readBillingGroup(t, h, "Billing")
	if !b.Ready() || b.PermissionSet.SessionDuration != identitycenter.DefaultSessionDuration || len(b.PermissionSet.ManagedPolicies) != 1 {
		t.Errorf("Identity Center has %+v", b)
	}

	// Run again: the name and the group are kept, nothing is asked, nothing changes.
	h.Restart()
	h.Sim.ResetCalls()
	again := h.RunStep("billing-role")
	again.WaitFor("Permission set Billing  has the Billing policy, sessions of PT1H", "Group has it in this account  yes",
		"Already in place: nothing to change.")
	if f := again.Frame(); contains(f, "Role name") || contains(f, "Also give billing work") {
		t.Errorf("a choice is asked again:\n%s", f)
	}
	again.Press("enter")
	if rec := again.Finished(); rec.Outcome != checkpoint.Verified || rec.Resources["permission_set_arn"] != b.PermissionSet.ARN {
		t.Errorf("re-run record = %+v", rec)
	}
	requireNoChange(t, h, "the re-run")
}

func TestBillingRolePermissionSetIsOptional(t *testing.T) {
	h := steptest.New(t, simulator.Options{Scenario: simulator.HalfSetUp})
	run := h.RunStep("billing-role")
	run.WaitFor("> Billing")
	run.Press("enter")
	run.WaitFor("Also give billing work to a group in Identity Center?")
	run.Press("enter") // No
	run.WaitFor("Create the role Billing")
	if contains(run.Frame(), "permission set") {
		t.Errorf("declined, yet the review offers the permission set:\n%s", run.Frame())
	}
	run.Press("enter")
	if rec := run.Finished(); rec.Outcome != checkpoint.Verified || rec.Resources["group_name"] != "" {
		t.Errorf("record = %+v", rec)
	}
	if b := readBillingGroup(t, h, "Billing"); b.HasPermissionSet || b.GroupID != "" {
		t.Errorf("made in Identity Center though declined: %+v", b)
	}
}

// The least-privilege step may have made the Billing permission set with longer sessions:
// the billing role's screen gives it to its group as it is.
func TestBillingPermissionSetKeepsASessionDurationChosenBefore(t *testing.T) {
	h := steptest.New(t, simulator.Options{Scenario: simulator.HalfSetUp})
	inst := identityCenter(t, h)
	ctx, admin, store := context.Background(), h.Env.AWS.SSOAdmin(inst.Region), h.Env.AWS.IdentityStore(inst.Region)
	if _, err := identitycenter.EnsurePermissionSet(ctx, admin, inst.ARN, identitycenter.PermissionSetSpec{
		Name: "Billing", SessionDuration: "PT4H", ManagedPolicies: []string{billing.BillingPolicyARN("aws")},
	}, identitycenter.Waiter{}); err != nil {
		t.Fatal(err)
	}
	h.Sim.ResetCalls()

	found := readBillingGroup(t, h, "Finance")
	if !found.HasPermissionSet || found.GroupID != "" || found.Ready() {
		t.Fatalf("found %+v", found)
	}
	made, err := billing.EnsureIdentityCenterBilling(ctx, admin, store, found, h.Env.Identity.Account, identitycenter.Waiter{})
	if err != nil {
		t.Fatal(err)
	}
	if made["group_name"] != "Finance" || made["permission_set_arn"] != found.PermissionSet.ARN {
		t.Errorf("made %v", made)
	}
	after := readBillingGroup(t, h, "Finance")
	if !after.Ready() || after.PermissionSet.SessionDuration != "PT4H" {
		t.Errorf("after: %+v", after)
	}
	for _, c := range h.MutatingCalls() {
		if c.Operation != "CreateGroup" && c.Operation != "CreateAccountAssignment" {
			t.Errorf("unexpected change %s: the permission set was in place", c.Operation)
		}
	}
}

// A run stopped after the role was made, before Identity Center's part: the next run keeps
// the role's name, asks about the group again, and finishes with nothing made twice.
func TestBillingPermissionSetResumesAfterAKill(t *testing.T) {
	h := steptest.New(t, simulator.Options{Scenario: simulator.HalfSetUp})
	if err := h.Sim.Faults().Add(simulator.Fault{Target: "sso-admin:CreateAccountAssignment", Kind: simulator.FaultDenied, Times: 1}); err != nil {
		t.Fatal(err)
	}
	run := h.RunStep("billing-role")
	run.WaitFor("> Billing")
	run.Press("enter")
	run.WaitFor("Also give billing work to a group in Identity Center?")
	run.Press("left", "enter")
	run.WaitFor("┃ Group for billing work")
	run.Press("enter")
	run.WaitFor("What will change")
	run.Press("enter")
	run.WaitFor("sso:CreateAccountAssignment failed: AccessDeniedException")
	run.Kill()
	h.Restart()

	// The role and the group were saved as chosen: nothing is asked again.
	again := h.RunStep("billing-role")
	again.WaitFor("Permission set Billing  has the Billing policy", "Group Billing  exists", "Group has it in this account  no")
	if f := again.Frame(); contains(f, "Role name") || contains(f, "Also give billing work") {
		t.Errorf("a choice is asked again:\n%s", f)
	}
	again.Press("enter")
	if rec := again.Finished(); rec.Outcome != checkpoint.Verified || rec.Resources["group_id"] == "" {
		t.Errorf("record after resuming = %+v", rec)
	}
	requireOneBillingRole(t, h, "Billing")
	if !readBillingGroup(t, h, "Billing").Ready() {
		t.Error("billing work is not given to the group")
	}
	for _, op := range []string{"CreatePermissionSet", "CreateGroup"} {
		if n := calls(h, op); n != 1 {
			t.Errorf("%s called %d times, want once", op, n)
		}
	}
}
