package rootuser_test

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/service/iam"
	"github.com/aws/aws-sdk-go-v2/service/sts"

	"github.com/firstrun/firstrun/awsclient"
	"github.com/firstrun/firstrun/awsclient/simulator"
	"github.com/firstrun/firstrun/steps/checkpoint"
	"github.com/firstrun/firstrun/steps/rootuser"
	"github.com/firstrun/firstrun/steps/steptest"
)

func deletes(h *steptest.Harness) (ok, failed int) {
	for _, c := range h.Sim.Calls() {
		if c.Operation == "DeleteAccessKey" {
			if c.ErrorCode == "" {
				ok++
			} else {
				failed++
			}
		}
	}
	return ok, failed
}

func TestRootAccessKeysNone(t *testing.T) {
	h := steptest.New(t, simulator.Options{})
	run := h.RunStep("root-access-keys")
	run.WaitFor("Root access keys", "none (AccountAccessKeysPresent is 0)")
	run.Press("enter")
	if rec := run.Finished(); rec.Outcome != checkpoint.Verified {
		t.Errorf("outcome %s", rec.Outcome)
	}
}

func TestRootAccessKeysFirstrunRunsOnArePlannedForTheEnd(t *testing.T) {
	h := steptest.New(t, simulator.Options{Scenario: simulator.RootAccessKeys})
	run := h.RunStep("root-access-keys")
	run.WaitFor("firstrun is running on one of them", "Remove root access keys")
	run.Press("enter")
	rec := run.Finished()
	if rec.Outcome != checkpoint.Skipped || !strings.Contains(rec.Reason, "remove-root-keys") {
		t.Errorf("record %+v, want the deletion planned", rec)
	}
	if n := len(h.MutatingCalls()); n != 0 {
		t.Errorf("%d mutating calls", n)
	}
}

func TestRootAccessKeysFirstrunDoesNotUseAreDeletedInTheConsole(t *testing.T) {
	h := steptest.New(t, simulator.Options{}) // the root user in a session
	if _, err := h.Env.AWS.IAM.(*iam.Client).CreateAccessKey(context.Background(), &iam.CreateAccessKeyInput{}); err != nil {
		t.Fatal(err)
	}
	run := h.RunStep("root-access-keys")
	run.WaitFor("Under Access keys", "Deactivate")
	run.Press("enter")
	run.WaitFor("AWS does not show it yet: the account summary says AccountAccessKeysPresent is 1")
	run.Press("d")
	rec := run.Finished()
	if rec.Outcome != checkpoint.Verified {
		t.Errorf("record %+v", rec)
	}
	if consoleCalls(h, "DeleteRootAccessKeys") != 1 {
		t.Error("the demo key did not act in the simulated console")
	}
}

func recordSignIn(t *testing.T, h *steptest.Harness, o checkpoint.Outcome) {
	t.Helper()
	if err := h.Env.Store.Record(string(rootuser.SignInStep), checkpoint.StepRecord{Outcome: o}); err != nil {
		t.Fatal(err)
	}
}

func TestRemoveRootKeysAfterTheNewAdminSignedIn(t *testing.T) {
	simState := filepath.Join(t.TempDir(), "simulated-account.json")
	h := steptest.New(t, simulator.Options{Scenario: simulator.RootAccessKeys, StateFile: simState})
	ctx := context.Background()
	// A second root key, which firstrun does not sign with.
	if _, err := h.Env.AWS.IAM.(*iam.Client).CreateAccessKey(ctx, &iam.CreateAccessKeyInput{}); err != nil {
		t.Fatal(err)
	}
	recordSignIn(t, h, checkpoint.Verified)
	h.Sim.ResetCalls()

	run := h.RunStep("remove-root-keys")
	run.WaitFor("New administrator's sign-in", "verified", "Delete the root user's access keys now?",
		"firstrun's own credentials stop working", "this run ends after the summary", "Yes, delete them")
	run.Press("y")
	run.WaitFor("What will change", "Delete the root access key "+h.Env.Identity.AccessKeyID+", which firstrun signs with")
	if ok, _ := deletes(h); ok != 0 {
		t.Fatal("deleted before the operator confirmed")
	}
	run.Press("enter")
	rec := run.Finished()
	if rec.Outcome != checkpoint.Done || rec.Resources["deleted_root_keys"] != "2" || !strings.Contains(rec.Reason, "run ends after the summary") {
		t.Errorf("record %+v", rec)
	}
	// Both deletes succeeded: the key firstrun signs with went last.
	if ok, failed := deletes(h); ok != 2 || failed != 0 {
		t.Errorf("DeleteAccessKey: %d succeeded, %d failed", ok, failed)
	}
	_, err := h.Env.AWS.STS.GetCallerIdentity(ctx, &sts.GetCallerIdentityInput{})
	if awsclient.ErrorCode(err) != "InvalidClientTokenId" {
		t.Errorf("the deleted key still works: %v", err)
	}

	// The checkpoint names neither the key nor its secret.
	data, err := os.ReadFile(h.Env.Store.Path())
	if err != nil {
		t.Fatal(err)
	}
	creds := h.Sim.Credentials()
	if strings.Contains(string(data), creds.AccessKeyID) || strings.Contains(string(data), creds.SecretAccessKey) {
		t.Error("the checkpoint holds the access key")
	}
	sim, err := os.ReadFile(simState)
	if err != nil {
		t.Fatal(err)
	}
	if strings.Contains(string(sim), creds.SecretAccessKey) {
		t.Error("the simulator's state holds the secret access key")
	}
}

func TestRemoveRootKeysWithoutProofAsksTwice(t *testing.T) {
	for _, tc := range []struct {
		name  string
		setup func(t *testing.T, h *steptest.Harness)
		says  string
	}{
		{"no record", func(*testing.T, *steptest.Harness) {}, "has not run"},
		{"skipped", func(t *testing.T, h *steptest.Harness) { recordSignIn(t, h, checkpoint.Skipped) }, "is skipped"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			h := steptest.New(t, simulator.Options{Scenario: simulator.RootAccessKeys})
			tc.setup(t, h)
			run := h.RunStep("remove-root-keys")
			run.WaitFor("not shown", tc.says, "Delete the root user's access keys now?")
			run.Press("y")
			run.WaitFor("Nothing shows that the new administrator can sign in", "Yes, delete them anyway")
			run.Press("n")
			rec := run.Finished()
			if rec.Outcome != checkpoint.Skipped || !strings.Contains(rec.Reason, "kept") {
				t.Errorf("record %+v", rec)
			}
			if ok, failed := deletes(h); ok+failed != 0 {
				t.Error("deleted although the operator kept them")
			}
		})
	}

	h := steptest.New(t, simulator.Options{Scenario: simulator.RootAccessKeys})
	run := h.RunStep("remove-root-keys")
	run.WaitFor("Delete the root user's access keys now?")
	run.Press("y")
	run.WaitFor("Yes, delete them anyway")
	run.Press("y")
	run.WaitFor("What will change")
	run.Press("enter")
	if rec := run.Finished(); rec.Outcome != checkpoint.Done {
		t.Errorf("outcome %s after the second confirmation", rec.Outcome)
	}
}

func TestRemoveRootKeysNoneLeft(t *testing.T) {
	h := steptest.New(t, simulator.Options{})
	run := h.RunStep("remove-root-keys")
	run.WaitFor("none (AccountAccessKeysPresent is 0)")
	run.Press("enter")
	if rec := run.Finished(); rec.Outcome != checkpoint.Verified {
		t.Errorf("outcome %s", rec.Outcome)
	}
}
