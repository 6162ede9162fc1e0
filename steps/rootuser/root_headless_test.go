package rootuser_test

import (
	"context"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/service/iam"
	"github.com/aws/aws-sdk-go-v2/service/sts"

	"github.com/firstrun/firstrun/awsclient"
	"github.com/firstrun/firstrun/awsclient/simulator"
	"github.com/firstrun/firstrun/steps/checkpoint"
	step "github.com/firstrun/firstrun/steps/core"
	"github.com/firstrun/firstrun/steps/engine"
	"github.com/firstrun/firstrun/steps/runner"
	legacy "github.com/firstrun/firstrun/steps/step"
	"github.com/firstrun/firstrun/steps/steptest"
)

// The console-only steps wait for the operator until the simulated console action is
// done, then verify it with AWS; they have nothing to plan and change nothing.
func TestRootMFAHeadlessWaitsForTheConsole(t *testing.T) {
	h := steptest.New(t, simulator.Options{})
	if c := check(t, h, "root-mfa"); c.Status != step.Fail || !strings.Contains(c.Detail, "AccountMFAEnabled is 0") {
		t.Errorf("check on a new account: %+v", c)
	}
	if p, err := h.Plan("root-mfa"); err != nil || p.Kind != engine.PlanManual || len(p.Changes) != 0 {
		t.Errorf("plan %+v, %v: root MFA has no API, so it is the operator's", p, err)
	}
	if w := mustWait(t, h, "root-mfa"); !strings.Contains(w, "assign an MFA device") {
		t.Errorf("waiting for %q", w)
	}

	if err := h.Sim.Console().EnableRootMFA(); err != nil {
		t.Fatal(err)
	}
	rec := mustRun(t, h, "root-mfa")
	if rec.Outcome != checkpoint.Verified || !strings.Contains(rec.Reason, "AccountMFAEnabled is 1") {
		t.Errorf("record %+v", rec)
	}
	if c := check(t, h, "root-mfa"); c.Status != step.Pass {
		t.Errorf("check after the console action: %+v", c)
	}
	secondRunChangesNothing(t, h, "root-mfa")
	if n := len(h.MutatingCalls()); n != 0 {
		t.Errorf("%d mutating calls", n)
	}
}

// No API shows the root password: the audit leaves it to a person, and a run without one
// never confirms it, even after the (simulated) console change. Only the operator's own
// word, given in the wizard, finishes it.
func TestRootPasswordHeadlessIsNeverConfirmedWithoutTheOperator(t *testing.T) {
	h := steptest.New(t, simulator.Options{})
	if c := check(t, h, "root-password"); c.Status != step.Manual {
		t.Errorf("check: %+v, want manual", c)
	}
	mustWait(t, h, "root-password")
	if err := h.Sim.Console().ChangeRootPassword(); err != nil {
		t.Fatal(err)
	}
	if w := mustWait(t, h, "root-password"); !strings.Contains(w, "confirm it in the wizard") {
		t.Errorf("waiting for %q", w)
	}

	confirmed := checkpoint.StepRecord{Outcome: checkpoint.Confirmed, Reason: "the operator confirmed it; AWS offers no way to check"}
	if err := h.Env.Store.Record("root-password", confirmed); err != nil {
		t.Fatal(err)
	}
	var log strings.Builder
	if _, err := runner.Run(context.Background(), []legacy.Definition{h.Definition("root-password")}, h.Env, &log); err != nil {
		t.Fatal(err)
	}
	if rec := h.Record("root-password"); rec.Outcome != checkpoint.Confirmed || rec.Reason != confirmed.Reason ||
		!strings.Contains(log.String(), "unchanged; confirmed earlier") {
		t.Errorf("record %+v, log %q; want the operator's confirmation kept", rec, log.String())
	}
	if n := len(h.MutatingCalls()); n != 0 {
		t.Errorf("%d mutating calls", n)
	}
}

func TestRootAccessKeysHeadless(t *testing.T) {
	t.Run("none", func(t *testing.T) {
		h := steptest.New(t, simulator.Options{})
		if c := check(t, h, "root-access-keys"); c.Status != step.Pass || !strings.Contains(c.Detail, "AccountAccessKeysPresent is 0") {
			t.Errorf("check: %+v", c)
		}
		if rec := mustRun(t, h, "root-access-keys"); rec.Outcome != checkpoint.Verified {
			t.Errorf("record %+v", rec)
		}
	})
	t.Run("firstrun runs on them", func(t *testing.T) {
		h := steptest.New(t, simulator.Options{Scenario: simulator.RootAccessKeys})
		if c := check(t, h, "root-access-keys"); c.Status != step.Fail || c.Detail != "the account summary says AccountAccessKeysPresent is 1" {
			t.Errorf("check: %+v", c)
		}
		rec := mustRun(t, h, "root-access-keys")
		if rec.Outcome != checkpoint.Skipped || !strings.Contains(rec.Reason, "planned for remove-root-keys") {
			t.Errorf("record %+v, want the deletion left to remove-root-keys", rec)
		}
		if n := len(h.MutatingCalls()); n != 0 {
			t.Errorf("%d mutating calls", n)
		}
	})
	t.Run("firstrun does not use them", func(t *testing.T) {
		h := steptest.New(t, simulator.Options{})
		if _, err := h.Env.AWS.IAM.(*iam.Client).CreateAccessKey(context.Background(), &iam.CreateAccessKeyInput{}); err != nil {
			t.Fatal(err)
		}
		h.Sim.ResetCalls()
		if w := mustWait(t, h, "root-access-keys"); !strings.Contains(w, "Deactivate, then Delete") {
			t.Errorf("waiting for %q", w)
		}
		if err := h.Sim.Console().DeleteRootAccessKeys(); err != nil {
			t.Fatal(err)
		}
		if rec := mustRun(t, h, "root-access-keys"); rec.Outcome != checkpoint.Verified {
			t.Errorf("record %+v", rec)
		}
		if c := check(t, h, "root-access-keys"); c.Status != step.Pass {
			t.Errorf("check after the console action: %+v", c)
		}
		if n := len(h.MutatingCalls()); n != 0 {
			t.Errorf("%d mutating calls", n)
		}
	})
}

// The keys firstrun runs on are deleted only with remove_root_access_keys.delete: true
// and the new administrator's sign-in in the checkpoint.
func TestRemoveRootKeysHeadlessRefusesWithoutTheExplicitYes(t *testing.T) {
	for _, tc := range []struct {
		name    string
		delete  *bool
		signIn  checkpoint.Outcome
		outcome checkpoint.Outcome // "" means waiting
		says    string
	}{
		{"not answered", nil, checkpoint.Verified, "", "answer remove_root_access_keys.delete: true"},
		{"answered no", no(), checkpoint.Verified, checkpoint.Skipped, "kept: the root user still has access keys"},
		{"yes, but no sign-in", yes(), "", "", `prove the new administrator can sign in ("Access portal and first sign-in" has not run)`},
		{"yes, but the sign-in skipped", yes(), checkpoint.Skipped, "", "is skipped"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			h := steptest.New(t, simulator.Options{Scenario: simulator.RootAccessKeys})
			h.Env.Answers.RemoveRootKeys.Delete = tc.delete
			if tc.signIn != "" {
				recordSignIn(t, h, tc.signIn)
			}
			rec, err := runHeadless(t, h, "remove-root-keys")
			_, waiting := step.IsWaiting(err)
			switch {
			case tc.outcome == "" && !waiting:
				t.Errorf("Run: %+v, %v; want waiting", rec, err)
			case tc.outcome == "" && !strings.Contains(err.Error(), tc.says):
				t.Errorf("waiting for %q, want %q", err, tc.says)
			case tc.outcome != "" && (err != nil || rec.Outcome != tc.outcome || !strings.Contains(rec.Reason, tc.says)):
				t.Errorf("Run: %+v, %v", rec, err)
			}
			if ok, failed := deletes(h); ok+failed != 0 {
				t.Error("deleted the keys firstrun runs on without the explicit yes and the proof")
			}
			if c := check(t, h, "remove-root-keys"); c.Status != step.Fail {
				t.Errorf("check: %+v", c)
			}
		})
	}
}

func TestRemoveRootKeysHeadlessPlanThenDelete(t *testing.T) {
	h := steptest.New(t, simulator.Options{Scenario: simulator.RootAccessKeys})
	ctx := context.Background()
	// A second root key, which firstrun does not sign with.
	if _, err := h.Env.AWS.IAM.(*iam.Client).CreateAccessKey(ctx, &iam.CreateAccessKeyInput{}); err != nil {
		t.Fatal(err)
	}
	inUse := h.Env.Identity.AccessKeyID

	if len(plan(t, h, "remove-root-keys")) != 0 {
		t.Error("a plan without remove_root_access_keys.delete: true deletes nothing")
	}
	h.Env.Answers.RemoveRootKeys.Delete = yes()
	changes := plan(t, h, "remove-root-keys")
	if len(changes) != 2 || changes[1].Resource != "root access key "+inUse || !strings.Contains(changes[1].String(), "only_after=") {
		t.Errorf("plan without the sign-in: %v; want both keys, firstrun's last, each only after the sign-in", changes)
	}

	recordSignIn(t, h, checkpoint.Verified)
	changes = plan(t, h, "remove-root-keys")
	if len(changes) != 2 || strings.Contains(changes[0].String(), "only_after") || !strings.Contains(changes[1].String(), "note=firstrun signs with it") {
		t.Errorf("plan with the sign-in: %v", changes)
	}
	h.Sim.ResetCalls()
	rec := mustRun(t, h, "remove-root-keys")
	if rec.Outcome != checkpoint.Done || rec.Resources["deleted_root_keys"] != "2" {
		t.Errorf("record %+v", rec)
	}
	if ok, failed := deletes(h); ok != 2 || failed != 0 {
		t.Errorf("DeleteAccessKey: %d succeeded, %d failed; the key firstrun signs with must go last", ok, failed)
	}
	if _, err := h.Env.AWS.STS.GetCallerIdentity(ctx, &sts.GetCallerIdentityInput{}); awsclient.ErrorCode(err) != "InvalidClientTokenId" {
		t.Errorf("the deleted key still works: %v", err)
	}
}

// A run that finds no root keys has nothing to delete, whatever the answers say.
func TestRemoveRootKeysHeadlessNoneLeft(t *testing.T) {
	h := steptest.New(t, simulator.Options{})
	h.Env.Answers.RemoveRootKeys.Delete = yes()
	if c := check(t, h, "remove-root-keys"); c.Status != step.Pass {
		t.Errorf("check: %+v", c)
	}
	if len(plan(t, h, "remove-root-keys")) != 0 {
		t.Error("a plan with no root keys lists changes")
	}
	if rec := secondRunChangesNothing(t, h, "remove-root-keys"); rec.Outcome != checkpoint.Verified {
		t.Errorf("record %+v", rec)
	}
}

func TestRootUserChapterCISControls(t *testing.T) {
	h := steptest.New(t, simulator.Options{})
	for id, want := range map[step.ID]string{
		"contacts": "1.1, 1.2", "root-mfa": "1.5", "root-password": "", "root-access-keys": "1.4", "remove-root-keys": "1.4",
	} {
		if got := h.Definition(id).CIS; got != want {
			t.Errorf("%s: CIS %q, want %q", id, got, want)
		}
	}
}
