package simulator_test

import (
	"context"
	"testing"
)

func TestConsoleIdentityCenterActionsNeedTheInstanceAndTheUser(t *testing.T) {
	sim, client, ic := identityCenterUp(t)
	c := sim.Console()
	if err := c.RequireIdentityCenterMFA("eu-west-1"); err == nil {
		t.Error("set MFA in a Region without Identity Center")
	}
	if err := c.RequireIdentityCenterMFA(ic.Region); err != nil {
		t.Error(err)
	}
	if err := c.InviteIdentityCenterUser(ic.Region, "jane"); err == nil {
		t.Error("invited a user who does not exist")
	}
	if _, err := client.CreateUser(context.Background(), newUserInput(ic.IdentityStoreID, "jane")); err != nil {
		t.Fatal(err)
	}
	for range 2 { // inviting again is harmless
		if err := c.InviteIdentityCenterUser(ic.Region, "jane"); err != nil {
			t.Error(err)
		}
	}
	if err := c.ApproveDeviceSignIn(ic.Region, "jane"); err == nil {
		t.Error("approved a sign-in nobody started")
	}
	var ops []string
	for _, call := range sim.Calls() {
		if call.Service == "console" && call.ErrorCode == "" {
			ops = append(ops, call.Operation)
		}
	}
	if len(ops) != 4 || ops[1] != "RequireIdentityCenterMFA" || ops[3] != "InviteIdentityCenterUser" {
		t.Errorf("successful console actions %v", ops)
	}
}
