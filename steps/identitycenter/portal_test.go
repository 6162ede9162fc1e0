package identitycenter_test

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/identitystore"
	idtypes "github.com/aws/aws-sdk-go-v2/service/identitystore/types"

	"github.com/firstrun/firstrun/awsclient/simulator"
	"github.com/firstrun/firstrun/steps/checkpoint"
	"github.com/firstrun/firstrun/steps/identitycenter"
	"github.com/firstrun/firstrun/steps/steptest"
)

// signInReady is an administered account whose checkpoint names the administrator, as
// the chapter leaves it before the portal step.
func signInReady(t *testing.T) (*steptest.Harness, identitycenter.Instance) {
	t.Helper()
	h, inst := administered(t, simulator.Options{})
	if err := h.Env.Store.Record("admin-user", checkpoint.StepRecord{Outcome: checkpoint.Confirmed,
		Resources: map[string]string{"user_name": "jane.doe"}}); err != nil {
		t.Fatal(err)
	}
	return h, inst
}

func TestPortalScreenSignsInAndWritesTheCLIProfile(t *testing.T) {
	h, inst := signInReady(t)
	config := filepath.Join(t.TempDir(), "config")
	if err := os.WriteFile(config, []byte(existingConfig), 0o600); err != nil {
		t.Fatal(err)
	}
	t.Setenv("AWS_CONFIG_FILE", config)

	run := h.RunStep("portal-sign-in")
	url := "https://" + inst.IdentityStoreID + ".awsapps.com/start"
	run.WaitFor("AWS access portal", url, "*.awsapps.com and *.signin.aws", "First sign-in as jane.doe",
		"Register an MFA device", "AdministratorAccess")
	if frame := run.Frame(); !strings.ContainsAny(frame, "▀▄█") {
		t.Errorf("no QR code on the screen:\n%s", frame)
	}
	run.Press("enter")
	run.WaitFor("Sign in as jane.doe", "Page https://device.sso.us-east-1.amazonaws.com/", "Waiting for approval")
	run.Press("d")
	run.WaitFor("AWS CLI profile name")
	run.Press("enter") // admin
	run.WaitFor("Write this to "+config+"?", "[profile admin]", "sso_start_url = "+url, "copies the file to a backup")
	run.Press("enter")
	rec := run.Finished()
	if rec.Outcome != checkpoint.Verified || !strings.Contains(rec.Reason, "lists account "+h.Sim.AccountID()+" with AdministratorAccess") ||
		rec.Resources["portal_url"] != url || rec.Resources["cli_profile"] != "admin" || rec.Resources["cli_config_file"] != config {
		t.Fatalf("record %+v", rec)
	}

	backup, err := os.ReadFile(rec.Resources["cli_config_backup"])
	if err != nil || string(backup) != existingConfig {
		t.Errorf("backup %q, %v", backup, err)
	}
	got, err := os.ReadFile(config)
	if err != nil || !strings.HasPrefix(string(got), existingConfig) || !strings.Contains(string(got), "sso_account_id = "+h.Sim.AccountID()) {
		t.Errorf("config:\n%s", got)
	}
	for _, c := range h.Sim.Calls() {
		if c.Operation == "CreateToken" && c.ErrorCode != "" && c.ErrorCode != "AuthorizationPendingException" {
			t.Errorf("CreateToken answered %s", c.ErrorCode)
		}
	}
}

func TestPortalScreenTakesTheOperatorsWordWithoutACheck(t *testing.T) {
	h, _ := signInReady(t)
	run := h.RunStep("portal-sign-in")
	run.WaitFor("Press enter to prove it works")
	run.Press("y")
	run.WaitFor("AWS CLI profile name")
	run.Press("esc")
	rec := run.Finished()
	if rec.Outcome != checkpoint.Confirmed || rec.Resources["cli_profile"] != "" {
		t.Errorf("record %+v", rec)
	}
	for _, c := range h.Sim.Calls() {
		if c.Service == "sso-oidc" {
			t.Errorf("no check was asked for, yet firstrun called %s", c.Operation)
		}
	}
}

func TestPortalScreenSaysSoWhenTheAdministratorLacksAccess(t *testing.T) {
	h, inst := signInReady(t)
	// sam signs in, but is in no group that holds AdministratorAccess.
	if _, err := h.Env.AWS.IdentityStore(inst.Region).CreateUser(context.Background(), &identitystore.CreateUserInput{
		IdentityStoreId: aws.String(inst.IdentityStoreID), UserName: aws.String("sam"), DisplayName: aws.String("Sam Roe"),
		Name: &idtypes.Name{GivenName: aws.String("Sam"), FamilyName: aws.String("Roe")}}); err != nil {
		t.Fatal(err)
	}
	if err := h.Env.Store.Record("admin-user", checkpoint.StepRecord{Outcome: checkpoint.Confirmed,
		Resources: map[string]string{"user_name": "sam"}}); err != nil {
		t.Fatal(err)
	}
	run := h.RunStep("portal-sign-in")
	run.WaitFor("Press enter to prove it works")
	run.Press("enter")
	run.WaitFor("Waiting for approval")
	run.Press("d")
	run.WaitFor("sam signed in, but AWS does not show AdministratorAccess in account "+h.Sim.AccountID(), "Account listed")
	if rec := h.Record("portal-sign-in"); rec.Outcome != "" {
		t.Errorf("saved %q before the operator decided", rec.Outcome)
	}
	run.Press("y")
	run.WaitFor("AWS CLI profile name")
	run.Press("esc")
	if rec := run.Finished(); rec.Outcome != checkpoint.Confirmed || !strings.Contains(rec.Reason, "did not list AdministratorAccess") {
		t.Errorf("record %+v", rec)
	}
}

func TestPortalScreenStopsWaitingOnEsc(t *testing.T) {
	h, _ := signInReady(t)
	run := h.RunStep("portal-sign-in")
	run.WaitFor("Press enter to prove it works")
	run.Press("enter")
	run.WaitFor("Waiting for approval")
	run.Press("esc")
	run.WaitFor("Press enter to prove it works")
	run.Press("s")
	if rec := run.Finished(); rec.Outcome != checkpoint.Skipped {
		t.Errorf("record %+v", rec)
	}
}
