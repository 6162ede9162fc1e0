package identitycenter_test

import (
	"strings"
	"testing"

	"github.com/firstrun/firstrun/awsclient/simulator"
	"github.com/firstrun/firstrun/steps/checkpoint"
	"github.com/firstrun/firstrun/steps/step"
)

func TestMemberAccountStopsTheChapterHonestly(t *testing.T) {
	h := newHarness(t, simulator.ExistingOrganization)
	run := h.RunStep("organization")
	run.WaitFor("This account is a member of organization", "947261583046 (not this account)", "Go on with the Identity Center steps?", "Stop: skip them")
	run.Press("enter") // the default: stop
	rec := run.Finished()
	if rec.Outcome != checkpoint.Skipped || !strings.Contains(rec.Reason, "management account, 947261583046") ||
		!strings.Contains(rec.Reason, "can't enable it") {
		t.Fatalf("record %+v", rec)
	}
	for _, id := range chapter[1:] {
		rec := h.RunStep(id).Finished()
		if rec.Outcome != checkpoint.Skipped || !strings.Contains(rec.Reason, "the step Organization was skipped: This account is a member") {
			t.Errorf("%s: %+v", id, rec)
		}
	}
	if calls := h.MutatingCalls(); len(calls) != 0 {
		t.Errorf("a stopped chapter changed the account: %v", calls)
	}
}

func TestMemberAccountCanGoOnAsDelegatedAdministrator(t *testing.T) {
	h := newHarness(t, simulator.ExistingOrganization)
	run := h.RunStep("organization")
	run.WaitFor("Go on with the Identity Center steps?")
	run.Press("down", "enter")
	run.WaitFor("You chose to go on as a member account", "Nothing changes in AWS")
	run.Press("enter")
	rec := run.Finished()
	// The operator's word: AWS can't show that this account is the delegated administrator.
	if rec.Outcome != checkpoint.Confirmed || rec.Resources["continued_as"] != "a member account" ||
		rec.Resources["management_account"] != "947261583046" || !strings.Contains(rec.Reason, "delegated administrator") {
		t.Fatalf("record %+v", rec)
	}
	next := h.RunStep("identity-center")
	next.WaitFor("Identity Center Region")
	next.Press("enter")
	next.WaitFor("only the management account can enable Identity Center", "delegated administrator")
	if calls := h.MutatingCalls(); len(calls) != 0 {
		t.Errorf("going on changed the account: %v", calls)
	}
}

func TestStandaloneAccountMayDeclineTheOrganization(t *testing.T) {
	h := newHarness(t, simulator.NewAccount)
	run := h.RunStep("organization")
	run.WaitFor("Create the organization?")
	run.Press("down", "enter")
	if rec := run.Finished(); rec.Outcome != checkpoint.Skipped || !strings.Contains(rec.Reason, "can't use IAM Identity Center") {
		t.Errorf("record %+v", rec)
	}
	if rec := h.RunStep("admin-permission-set").Finished(); rec.Outcome != checkpoint.Skipped {
		t.Errorf("admin-permission-set %+v", rec)
	}
	if calls := h.MutatingCalls(); len(calls) != 0 {
		t.Errorf("declining changed the account: %v", calls)
	}
}

func TestAnExternalIdentitySourceSkipsTheUserAndGroupSteps(t *testing.T) {
	h := newHarness(t, simulator.HalfSetUp)
	run := h.RunStep("identity-source")
	run.WaitFor("Where will your people")
	run.Press("down", "down", "enter")
	run.WaitFor("Leave the administrator to that source?")
	run.Press("enter")
	run.WaitFor("Connect an external identity provider in the IAM Identity Center console")
	run.Press("enter")
	rec := run.Finished()
	if rec.Outcome != checkpoint.Confirmed || rec.Resources["source"] != "external-idp" {
		t.Fatalf("record %+v", rec)
	}
	for _, id := range []step.ID{"admin-user", "admin-group", "admin-assignment", "least-privilege"} {
		if rec := h.RunStep(id).Finished(); rec.Outcome != checkpoint.Skipped || !strings.Contains(rec.Reason, "an external identity provider") {
			t.Errorf("%s: %+v", id, rec)
		}
	}
	// The permission set does not depend on where users come from.
	run = h.RunStep("admin-permission-set")
	run.WaitFor("Session duration")
}

func TestKeepingTheDirectoryIsTheDefault(t *testing.T) {
	h := newHarness(t, simulator.HalfSetUp)
	run := h.RunStep("identity-source")
	run.WaitFor("Where will your people")
	run.Press("enter")
	run.WaitFor("Identity source", "the Identity Center directory", "firstrun records your choice")
	run.Press("enter")
	rec := run.Finished()
	if rec.Outcome != checkpoint.Confirmed || rec.Resources["source"] != "directory" || !strings.Contains(rec.Reason, "kept the Identity Center directory") {
		t.Errorf("record %+v", rec)
	}
}

func TestChangingYourMindAboutTheSourceKeepsTheDirectory(t *testing.T) {
	h := newHarness(t, simulator.HalfSetUp)
	run := h.RunStep("identity-source")
	run.WaitFor("Where will your people")
	run.Press("down", "enter")
	run.WaitFor("Leave the administrator to that source?")
	run.Press("h", "enter") // toggle to "No, keep the directory"
	run.WaitFor("firstrun records your choice")
	run.Press("enter")
	if rec := run.Finished(); rec.Resources["source"] != "directory" {
		t.Errorf("record %+v", rec)
	}
}
