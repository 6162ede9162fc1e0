package identitycenter_test

import (
	"context"
	"testing"

	"github.com/firstrun/firstrun/answers"
	"github.com/firstrun/firstrun/assets"
	"github.com/firstrun/firstrun/awsclient"
	"github.com/firstrun/firstrun/awsclient/simulator"
	"github.com/firstrun/firstrun/steps/checkpoint"
	"github.com/firstrun/firstrun/steps/identitycenter"
	"github.com/firstrun/firstrun/steps/step"
	"github.com/firstrun/firstrun/steps/steptest"
)

// A ConflictException about a concurrent write says nothing about whether the thing was
// made: when the SDK's retries run out, the step is not done, saves no empty ID, and the
// next run makes it.
func TestAConcurrentWriteIsNeverRecordedDone(t *testing.T) {
	t.Run("EnsureUser", func(t *testing.T) {
		h, inst := enabledInstance(t)
		if err := h.Sim.Faults().Add(simulator.Fault{Target: "identitystore:CreateUser", Kind: simulator.FaultConflict}); err != nil {
			t.Fatal(err)
		}
		u, _, err := identitycenter.EnsureUser(context.Background(), h.Env.AWS.IdentityStore(inst.Region), inst.IdentityStoreID, identitycenter.AdminUser{
			UserName: "jane.doe", Email: "jane@example.com", EmailAgain: "jane@example.com", GivenName: "Jane", FamilyName: "Doe"})
		if err == nil || u.ID != "" || !awsclient.IsConcurrentWrite(err) {
			t.Errorf("user %+v, %v", u, err)
		}
	})
	for _, tc := range []struct {
		step, target, output string
	}{
		{"admin-group", "identitystore:CreateGroup", "group_id"},
		{"admin-permission-set", "sso-admin:AttachManagedPolicyToPermissionSet", "permission_set_arn"},
	} {
		t.Run(tc.step, func(t *testing.T) {
			h := steptest.New(t, simulator.Options{Scenario: simulator.HalfSetUp})
			example, err := answers.Parse("answers.example.yaml", []byte(assets.AnswersExample()))
			if err != nil {
				t.Fatal(err)
			}
			h.Env.Answers = &example.Answers
			for _, before := range []string{"admin-user", "admin-group"} {
				if before == tc.step {
					break
				}
				// admin-user waits for the new administrator's password, with the user made.
				if _, err := unattended(h, step.ID(before)); err != nil && before != "admin-user" {
					t.Fatalf("%s: %v", before, err)
				}
			}
			if err := h.Sim.Faults().Add(simulator.Fault{Target: tc.target, Kind: simulator.FaultConflict}); err != nil {
				t.Fatal(err)
			}
			rec, _ := unattended(h, step.ID(tc.step))
			if rec.Outcome == checkpoint.Done || rec.Outcome == checkpoint.Verified {
				t.Fatalf("recorded %s after a concurrent write", rec.Outcome)
			}
			if id, ok := rec.Resources[tc.output]; ok && id == "" {
				t.Errorf("saved an empty %s", tc.output)
			}
			h.Sim.Faults().Clear()
			if rec, err := unattended(h, step.ID(tc.step)); err != nil || rec.Outcome != checkpoint.Verified || rec.Resources[tc.output] == "" {
				t.Errorf("the next run: %s %v, %v", rec.Outcome, rec.Resources, err)
			}
		})
	}
}

// unattended runs step id as --non-interactive does, and saves its outcome.
func unattended(h *steptest.Harness, id step.ID) (checkpoint.StepRecord, error) {
	d := h.Definition(id)
	if d.Flow != nil {
		return h.Unattended(id)
	}
	rec, err := d.Headless.Run(context.Background(), h.Env)
	if rec.Outcome != "" {
		if err := h.Env.Store.Record(string(id), rec); err != nil {
			return rec, err
		}
	}
	return rec, err
}

// enabledInstance is an account with Identity Center and nothing in it.
func enabledInstance(t *testing.T) (*steptest.Harness, identitycenter.Instance) {
	t.Helper()
	h := steptest.New(t, simulator.Options{Scenario: simulator.HalfSetUp})
	inst, err := identitycenter.LoadInstance(context.Background(), h.Env.Base())
	if err != nil {
		t.Fatal(err)
	}
	return h, inst
}
