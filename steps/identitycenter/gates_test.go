package identitycenter_test

import (
	"strings"
	"testing"

	"github.com/firstrun/firstrun/awsclient/simulator"
	"github.com/firstrun/firstrun/steps/checkpoint"
	"github.com/firstrun/firstrun/steps/step"
)

func TestStepsThatLackWhatAnEarlierStepSkippedAreSkippedWithTheReason(t *testing.T) {
	for _, tc := range []struct {
		skipped step.ID
		kept    map[string]string // resources the skipped step still recorded
		blocked step.ID
		reason  string
	}{
		{"identity-center", nil, "admin-user", "the step Enable Identity Center was skipped"},
		{"identity-center", nil, "portal-sign-in", "the step Enable Identity Center was skipped"},
		{"admin-user", nil, "admin-group", "no administrator user to put in the group"},
		{"admin-group", nil, "admin-assignment", "no administrators' group to assign"},
		{"admin-permission-set", nil, "admin-assignment", "no administrator permission set to assign"},
	} {
		h := newHarness(t, simulator.HalfSetUp)
		if err := h.Env.Store.Record(string(tc.skipped), checkpoint.StepRecord{Outcome: checkpoint.Skipped, Reason: "skipped by the operator", Resources: tc.kept}); err != nil {
			t.Fatal(err)
		}
		rec := h.RunStep(tc.blocked).Finished()
		if rec.Outcome != checkpoint.Skipped || !strings.Contains(rec.Reason, tc.reason) {
			t.Errorf("%s skipped, %s: %+v", tc.skipped, tc.blocked, rec)
		}
	}
}

func TestAGroupStepRunsWhenTheUserExistsThoughItsInvitationWasSkipped(t *testing.T) {
	h, _ := administered(t, simulator.Options{})
	if err := h.Env.Store.Record("admin-user", checkpoint.StepRecord{Outcome: checkpoint.Skipped, Reason: "skipped by the operator",
		Resources: map[string]string{"user_name": "jane.doe"}}); err != nil {
		t.Fatal(err)
	}
	run := h.RunStep("admin-group")
	run.WaitFor("Already in place", "jane.doe is in it")
}
