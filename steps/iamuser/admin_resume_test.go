package iamuser_test

import (
	"context"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/iam"

	"github.com/firstrun/firstrun/awsclient/simulator"
	"github.com/firstrun/firstrun/steps/checkpoint"
	"github.com/firstrun/firstrun/steps/steptest"
)

// waitForCall polls the simulator's log until op was served.
func waitForCall(t *testing.T, h *steptest.Harness, op string) {
	t.Helper()
	deadline := time.Now().Add(steptest.Timeout)
	for calls(h, op) == 0 {
		if time.Now().After(deadline) {
			t.Fatalf("AWS never served %s", op)
		}
		time.Sleep(5 * time.Millisecond)
	}
}

// stall makes the next call to target hang until its caller gives up.
func stall(t *testing.T, h *steptest.Harness, target string) {
	t.Helper()
	if err := h.Sim.Faults().Add(simulator.Fault{Target: target, Kind: simulator.FaultLatency, Latency: time.Hour, Times: 1}); err != nil {
		t.Fatal(err)
	}
}

// waitStalled waits until the stalled call has reached AWS: the screen says what it is
// doing before its command runs.
func waitStalled(t *testing.T, h *steptest.Harness) {
	t.Helper()
	deadline := time.Now().Add(steptest.Timeout)
	for len(h.Sim.Faults().List()) > 0 {
		if time.Now().After(deadline) {
			t.Fatal("the stalled call never reached AWS")
		}
		time.Sleep(5 * time.Millisecond)
	}
}

// Kill the run at each point of the enrolment, start a new one: it ends with exactly one
// device, enabled, and nothing half made.
func TestEnrolmentResumesAfterAKillAtEveryPoint(t *testing.T) {
	for _, tc := range []struct {
		name string
		// upToKill runs the first run as far as the kill.
		upToKill func(t *testing.T, h *steptest.Harness, run *steptest.Step)
		// afterKill waits for what AWS still does after the kill.
		afterKill func(t *testing.T, h *steptest.Harness)
		// deletes is how many leftover devices the resumed run must delete.
		deletes int
	}{
		{
			name: "before the device is created",
			upToKill: func(t *testing.T, h *steptest.Harness, run *steptest.Step) {
				stall(t, h, "iam:ListVirtualMFADevices") // the look-up just before the create
				startAdminUntilCreating(t, run)
				waitStalled(t, h)
			},
		},
		{
			name: "while AWS creates the device",
			upToKill: func(t *testing.T, h *steptest.Harness, run *steptest.Step) {
				stall(t, h, "iam:CreateVirtualMFADevice")
				startAdminUntilCreating(t, run)
				waitStalled(t, h)
			},
			// AWS finishes the create although nobody is left to hear the answer.
			afterKill: func(t *testing.T, h *steptest.Harness) { waitForCall(t, h, "CreateVirtualMFADevice") },
			deletes:   1,
		},
		{
			name:     "after the device is created, before it is enabled",
			upToKill: func(t *testing.T, _ *steptest.Harness, run *steptest.Step) { startAdmin(t, run) },
			deletes:  1,
		},
		{
			name: "after the device is enabled, before the checkpoint",
			upToKill: func(t *testing.T, h *steptest.Harness, run *steptest.Step) {
				startAdmin(t, run)
				seed := readSecret(t, run)
				first, second := codes(t, seed)
				// AWS enables the device; the run dies before it hears so.
				if _, err := h.Env.AWS.IAM.EnableMFADevice(context.Background(), &iam.EnableMFADeviceInput{
					UserName: aws.String("emergency-admin"), SerialNumber: aws.String(h.Record("emergency-admin").Resources["mfa_device"]),
					AuthenticationCode1: aws.String(first), AuthenticationCode2: aws.String(second),
				}); err != nil {
					t.Fatal(err)
				}
			},
		},
	} {
		t.Run(tc.name, func(t *testing.T) {
			h := steptest.New(t, simulator.Options{})
			first := h.RunStep("emergency-admin")
			tc.upToKill(t, h, first)
			kill(h, first)
			if tc.afterKill != nil {
				tc.afterKill(t, h)
			}
			if rec := h.Record("emergency-admin"); rec.Outcome != checkpoint.InProgress || rec.Resources["user_name"] != "emergency-admin" {
				t.Fatalf("after the kill the checkpoint has %+v", rec)
			}
			h.Sim.ResetCalls()

			// The next run carries on with the user the operator chose, without asking again.
			run := h.RunStep("emergency-admin")
			run.WaitFor("What will change")
			run.Press("enter")
			if assigned, _ := devices(t, h, "emergency-admin"); len(assigned) == 0 {
				run.WaitFor("First code")
				enrol(t, run)
			}
			run.WaitFor("Console password for emergency-admin")
			run.Press("enter")
			if rec := run.Finished(); rec.Outcome != checkpoint.Verified {
				t.Fatalf("resumed run ended %+v", rec)
			}
			requireOneEnabledDevice(t, h, "emergency-admin")
			if n := calls(h, "DeleteVirtualMFADevice"); n != tc.deletes {
				t.Errorf("the resumed run deleted %d devices, want %d", n, tc.deletes)
			}
			if n := calls(h, "CreateUser"); n > 1 {
				t.Errorf("CreateUser called %d times", n)
			}
		})
	}
}

func startAdminUntilCreating(t *testing.T, run *steptest.Step) {
	t.Helper()
	run.WaitFor("Create an emergency administrator?")
	run.Press("y")
	run.WaitFor("User name")
	run.Press("enter")
	run.WaitFor("What will change")
	run.Press("enter")
	run.WaitFor("the change is being made in AWS")
}

// A run killed while the password was on screen can't know the operator saw it, and
// nobody can see it again: the next run replaces it and says so.
func TestAPasswordNobodyConfirmedIsReplaced(t *testing.T) {
	h := steptest.New(t, simulator.Options{})
	first := h.RunStep("emergency-admin")
	startAdmin(t, first)
	enrol(t, first)
	first.WaitFor("Console password for emergency-admin")
	lost := readPassword(t, first.Frame())
	kill(h, first)
	h.Sim.ResetCalls()

	run := h.RunStep("emergency-admin")
	run.WaitFor("What will change", "Replace the console password an interrupted run set")
	run.Press("enter")
	run.WaitFor("Console password for emergency-admin", "replaced it")
	if pw := readPassword(t, run.Frame()); pw == lost {
		t.Error("the same password again")
	}
	run.Press("enter")
	if rec := run.Finished(); rec.Outcome != checkpoint.Verified {
		t.Errorf("outcome %s", rec.Outcome)
	}
	if calls(h, "UpdateLoginProfile") != 1 || calls(h, "CreateVirtualMFADevice") != 0 {
		t.Errorf("calls %+v", h.Sim.Calls())
	}
}

// An AWS error while the device is made is explained, and retrying carries on.
func TestEnrolmentExplainsAnErrorAndRetries(t *testing.T) {
	h := steptest.New(t, simulator.Options{})
	if err := h.Sim.Faults().Add(simulator.Fault{Target: "iam:CreateVirtualMFADevice", Kind: simulator.FaultDenied, Times: 1}); err != nil {
		t.Fatal(err)
	}
	run := h.RunStep("emergency-admin")
	run.WaitFor("Create an emergency administrator?")
	run.Press("y")
	run.WaitFor("User name")
	run.Press("enter")
	run.WaitFor("What will change")
	run.Press("enter")
	run.WaitFor("iam:CreateVirtualMFADevice failed: AccessDenied", "not allowed to perform iam:CreateVirtualMFADevice")
	run.Press("r")
	run.WaitFor("First code")
	enrol(t, run)
	run.WaitFor("Console password for emergency-admin")
	run.Press("enter")
	if rec := run.Finished(); rec.Outcome != checkpoint.Verified {
		t.Errorf("outcome %s", rec.Outcome)
	}
	requireOneEnabledDevice(t, h, "emergency-admin")
}
