package identitycenter_test

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/firstrun/firstrun/answers"
	"github.com/firstrun/firstrun/awsclient/simulator"
	"github.com/firstrun/firstrun/steps/checkpoint"
	core "github.com/firstrun/firstrun/steps/core"
	"github.com/firstrun/firstrun/steps/engine"
	"github.com/firstrun/firstrun/steps/step"
	"github.com/firstrun/firstrun/steps/steptest"
)

// withLeastPrivilege is the chapter and the step of the review chapter this package
// builds, in the order of the sequence.
var withLeastPrivilege = append(slices.Clone(chapter), "least-privilege")

// consultantAnswers are what a consultant writes for the chapter: Identity Center in
// eu-west-1 (not the Region firstrun runs in), jane.doe as the administrator, a CLI
// profile, and ReadOnlyAccess for daily work.
func consultantAnswers() *answers.Answers {
	yes := true
	return &answers.Answers{
		Version:            answers.Version,
		Organization:       answers.Organization{Create: &yes},
		IdentityCenter:     answers.IdentityCenter{Region: "eu-west-1", IdentitySource: "directory"},
		AdminUser:          answers.AdminUser{UserName: "jane.doe", Email: "jane@example.com", GivenName: "Jane", FamilyName: "Doe"},
		AdminGroup:         answers.Group{Name: "Admins"},
		AdminPermissionSet: answers.PermissionSet{SessionDuration: "PT1H"},
		PortalSignIn:       answers.PortalSignIn{CLIProfile: "jane-admin"},
		LeastPrivilege:     answers.LeastPrivilege{Policy: "ReadOnlyAccess"},
	}
}

// answered starts a simulated account whose run has a, with the AWS CLI configuration in
// a temporary file.
func answered(t *testing.T, sc simulator.Scenario, a *answers.Answers) (*steptest.Harness, string) {
	t.Helper()
	h := newHarness(t, sc)
	h.Env.Answers = a
	config := filepath.Join(t.TempDir(), "config")
	t.Setenv("AWS_CONFIG_FILE", config)
	return h, config
}

// headlessRun runs ids without a person, as --non-interactive does: it saves the record
// of each step that finishes, and returns what each of the others waits for.
func headlessRun(t *testing.T, h *steptest.Harness, ids []step.ID) map[step.ID]string {
	t.Helper()
	waits := map[step.ID]string{}
	for _, id := range ids {
		if h.Definition(id).Flow != nil {
			if what, ok := settleFlow(t, h, id); ok {
				waits[id] = what
			}
			continue
		}
		rec, err := h.Definition(id).Headless.Run(context.Background(), h.Env)
		switch {
		case step.IsWaiting(err):
			waits[id] = err.Error()
		case err != nil:
			t.Fatalf("%s: %v", id, err)
		default:
			if err := h.Env.Store.Record(string(id), rec); err != nil {
				t.Fatal(err)
			}
		}
	}
	return waits
}

// audit checks ids as firstrun audit does: without a checkpoint.
func audit(t *testing.T, h *steptest.Harness, ids []step.ID) map[step.ID]step.Control {
	t.Helper()
	env := *h.Env
	env.Store = nil
	got := map[step.ID]step.Control{}
	for _, id := range ids {
		if h.Definition(id).Flow != nil {
			c := h.Audit(id)
			if c.Status == step.Errored {
				t.Fatalf("check %s: %s", id, c.Detail)
			}
			if c.Detail == "" {
				t.Errorf("check %s says %s with no detail", id, c.Status)
			}
			got[id] = c
			continue
		}
		c, err := h.Definition(id).Headless.Check(context.Background(), &env)
		if err != nil {
			t.Fatalf("check %s: %v", id, err)
		}
		if c.Detail == "" {
			t.Errorf("check %s says %s with no detail", id, c.Status)
		}
		got[id] = c
	}
	return got
}

// plan lists the changes of ids, one line each, and what each step waits for.
func plan(t *testing.T, h *steptest.Harness, ids []step.ID) (changes []string, waits map[step.ID]string) {
	t.Helper()
	waits = map[step.ID]string{}
	for _, id := range ids {
		if h.Definition(id).Flow != nil {
			p, err := h.Plan(id)
			if err != nil {
				t.Fatalf("plan %s: %v", id, err)
			}
			if p.Kind == engine.PlanManual {
				waits[id] = p.Detail
			}
			for _, c := range p.Changes {
				changes = append(changes, c.String())
			}
			continue
		}
		cs, err := h.Definition(id).Headless.Plan(context.Background(), h.Env)
		switch {
		case step.IsWaiting(err):
			waits[id] = err.Error()
		case err != nil:
			t.Fatalf("plan %s: %v", id, err)
		}
		for _, c := range cs {
			changes = append(changes, c.String())
		}
	}
	return changes, waits
}

// settleFlow runs step id, which has a Flow, as --non-interactive does: a record that
// still stands (AWS still shows it, or it is the operator's word AWS can't check) is kept;
// otherwise the engine runs the step with nobody there and saves its outcome. It returns
// what the step waits for, if it waits.
func settleFlow(t *testing.T, h *steptest.Harness, id step.ID) (string, bool) {
	t.Helper()
	if prev := h.Record(id); prev.Outcome.Final() {
		env := h.Env.Base()
		c := engine.Check(context.Background(), h.Core(id), env)
		if c.Status == step.Pass || prev.Outcome == checkpoint.Confirmed && c.Status == step.Manual {
			return "", false
		}
	}
	rec, err := h.Unattended(id)
	if what, ok := core.IsWaiting(err); ok {
		return what, true
	}
	if err != nil {
		t.Fatalf("%s: %v (saved %+v)", id, err, rec)
	}
	return "", false
}

func wantStatuses(t *testing.T, got map[step.ID]step.Control, want map[step.ID]step.ControlStatus) {
	t.Helper()
	for id, status := range want {
		if got[id].Status != status {
			t.Errorf("%s: %s (%s), want %s", id, got[id].Status, got[id].Detail, status)
		}
	}
}

func wantWaits(t *testing.T, got map[step.ID]string, want map[step.ID]string) {
	t.Helper()
	for id, what := range want {
		if !strings.Contains(got[id], what) {
			t.Errorf("%s waits for %q, want %q", id, got[id], what)
		}
	}
	for id, what := range got {
		if _, ok := want[id]; !ok {
			t.Errorf("%s waits for %q", id, what)
		}
	}
}

func noChanges(t *testing.T, h *steptest.Harness, what string) {
	t.Helper()
	if calls := h.MutatingCalls(); len(calls) != 0 {
		t.Errorf("%s changed the account: %v", what, calls)
	}
}

// TestRunWithoutAPersonFromANewAccount is the chapter as --non-interactive runs it, with
// an audit before and after: it runs until Identity Center must be enabled, goes on once
// it is, changes nothing when run again, and leaves an account that passes every check
// AWS can answer.
func TestRunWithoutAPersonFromANewAccount(t *testing.T) {
	h, config := answered(t, simulator.NewAccount, consultantAnswers())
	account := h.Sim.AccountID()

	before := audit(t, h, withLeastPrivilege)
	wantStatuses(t, before, map[step.ID]step.ControlStatus{
		"organization": step.Fail, "identity-center": step.Fail, "identity-source": step.Fail, "ic-mfa": step.Fail,
		"admin-user": step.Fail, "admin-group": step.Fail, "admin-permission-set": step.Fail, "admin-assignment": step.Fail,
		"portal-sign-in": step.Fail, "least-privilege": step.Fail,
	})
	if d := before["admin-user"].Detail; d != "Identity Center is not enabled in eu-west-1." {
		t.Errorf("admin-user on a new account: %q", d)
	}
	noChanges(t, h, "the audit")

	waits := headlessRun(t, h, withLeastPrivilege)
	const enable = "enable IAM Identity Center in eu-west-1 in the console"
	wantWaits(t, waits, map[step.ID]string{
		"identity-center": enable, "ic-mfa": enable, "admin-user": enable, "admin-group": enable,
		"admin-permission-set": enable, "admin-assignment": enable, "portal-sign-in": enable, "least-privilege": enable,
	})
	if rec := h.Record("organization"); rec.Outcome != checkpoint.Verified || rec.Resources["management_account"] != account {
		t.Errorf("organization: %+v", rec)
	}
	if rec := h.Record("identity-center"); rec.Outcome != checkpoint.Waiting || rec.Resources["region"] != "eu-west-1" {
		t.Errorf("the Region was not saved with the wait: %+v", rec)
	}
	if rec := h.Record("identity-source"); rec.Outcome != checkpoint.Confirmed || rec.Resources["source"] != "directory" ||
		!strings.HasPrefix(rec.Reason, "kept the Identity Center directory") {
		t.Errorf("identity-source: %+v", rec)
	}

	ic, err := h.Sim.Console().EnableIdentityCenter("eu-west-1")
	if err != nil {
		t.Fatal(err)
	}
	waits = headlessRun(t, h, withLeastPrivilege)
	wantWaits(t, waits, map[step.ID]string{
		"ic-mfa":     "IAM Identity Center in eu-west-1, Settings, Authentication",
		"admin-user": "let jane.doe set a password",
	})
	for id, want := range map[step.ID]checkpoint.Outcome{
		"identity-center": checkpoint.Verified, "admin-group": checkpoint.Verified, "admin-permission-set": checkpoint.Verified,
		"admin-assignment": checkpoint.Verified, "portal-sign-in": checkpoint.Skipped, "least-privilege": checkpoint.Verified,
		"admin-user": checkpoint.Waiting,
	} {
		if got := h.Record(id).Outcome; got != want {
			t.Errorf("%s: %s, want %s", id, got, want)
		}
	}
	if rec := h.Record("identity-center"); rec.Resources["instance_arn"] != ic.InstanceARN {
		t.Errorf("identity-center: %+v", rec)
	}
	if rec := h.Record("admin-user"); rec.Resources["user_name"] != "jane.doe" || rec.Resources["user_id"] == "" {
		t.Errorf("the user was not saved before the wait: %+v", rec)
	}
	if rec := h.Record("portal-sign-in"); !strings.HasPrefix(rec.Reason, "needs a person: the first sign-in") ||
		rec.Resources["cli_profile"] != "jane-admin" || rec.Resources["cli_config_file"] != config {
		t.Errorf("portal-sign-in: %+v", rec)
	}
	if got, err := os.ReadFile(config); err != nil || !strings.Contains(string(got), "[profile jane-admin]") ||
		!strings.Contains(string(got), "sso_start_url = https://"+ic.IdentityStoreID+".awsapps.com/start") ||
		!strings.Contains(string(got), "sso_region = eu-west-1") {
		t.Errorf("CLI configuration:\n%s (%v)", got, err)
	}

	// A second run makes no change (the sign-in check, which talks to SSO OIDC, is not
	// part of a run), and still waits for the same console work.
	h.Sim.ResetCalls()
	again := headlessRun(t, h, withLeastPrivilege)
	noChanges(t, h, "running again")
	if len(again) != 2 || again["ic-mfa"] == "" || again["admin-user"] == "" {
		t.Errorf("running again waits for %v", again)
	}

	// The operator does the console work; the audit then passes every check AWS answers.
	if err := h.Sim.Console().RequireIdentityCenterMFA("eu-west-1"); err != nil {
		t.Fatal(err)
	}
	if err := h.Sim.Console().InviteIdentityCenterUser("eu-west-1", "jane.doe"); err != nil {
		t.Fatal(err)
	}
	h.Sim.ResetCalls()
	after := audit(t, h, withLeastPrivilege)
	wantStatuses(t, after, map[step.ID]step.ControlStatus{
		"organization": step.Pass, "identity-center": step.Pass, "identity-source": step.Manual, "ic-mfa": step.Manual,
		"admin-user": step.Pass, "admin-group": step.Pass, "admin-permission-set": step.Pass, "admin-assignment": step.Pass,
		"portal-sign-in": step.Manual, "least-privilege": step.Pass,
	})
	noChanges(t, h, "the audit")
	for id, want := range map[step.ID]string{
		"admin-assignment": "Group Admins holds AdministratorAccess in account " + account + ".",
		"least-privilege":  "Permission set ReadOnlyAccess (arn:aws:iam::aws:policy/ReadOnlyAccess) is assigned to a group in account " + account + ".",
		"portal-sign-in":   "A person must sign in at https://" + ic.IdentityStoreID + ".awsapps.com/start",
	} {
		if !strings.HasPrefix(after[id].Detail, want) {
			t.Errorf("%s: %q, want %q", id, after[id].Detail, want)
		}
	}
}

// TestAuditLooksWhereTheAnswersSay: without answers an audit looks in the Region
// firstrun runs in and, having no administrator's name, for anyone in Admins.
func TestAuditLooksWhereTheAnswersSay(t *testing.T) {
	h, _ := answered(t, simulator.NewAccount, consultantAnswers())
	if _, err := h.Sim.Console().EnableIdentityCenter("eu-west-1"); err != nil {
		t.Fatal(err)
	}
	headlessRun(t, h, withLeastPrivilege)

	h.Env.Answers = &answers.Answers{}
	if c := audit(t, h, []step.ID{"admin-user"})["admin-user"]; c.Status != step.Fail || c.Detail != "Identity Center is not enabled in us-east-1." {
		t.Errorf("without answers: %s %q", c.Status, c.Detail)
	}
	h.Env.Answers = &answers.Answers{IdentityCenter: answers.IdentityCenter{Region: "eu-west-1"}}
	got := audit(t, h, []step.ID{"admin-user", "admin-group", "admin-assignment", "admin-permission-set"})
	wantStatuses(t, got, map[step.ID]step.ControlStatus{
		"admin-user": step.Pass, "admin-group": step.Pass, "admin-assignment": step.Pass, "admin-permission-set": step.Pass})
	if d := got["admin-user"].Detail; d != "User jane.doe is in group Admins (no administrator was named to look for)." {
		t.Errorf("admin-user: %q", d)
	}

	h.Env.Answers.AdminPermissionSet.SessionDuration = "PT4H"
	h.Env.Answers.AdminUser.UserName = "sam"
	h.Env.Answers.LeastPrivilege.Policy = "none"
	got = audit(t, h, []step.ID{"admin-user", "admin-permission-set", "least-privilege"})
	wantStatuses(t, got, map[step.ID]step.ControlStatus{
		"admin-user": step.Fail, "admin-permission-set": step.Fail, "least-privilege": step.NotRun})
	if d := got["admin-permission-set"].Detail; d != "Permission set AdministratorAccess has sessions of PT1H, not PT4H." {
		t.Errorf("admin-permission-set: %q", d)
	}
}

// TestPlanListsTheChangesAndChangesNothing plans the chapter on a new account, then with
// Identity Center enabled, then after the run: it lists what a run would do and what
// waits for the operator, and makes no mutating call.
func TestPlanListsTheChangesAndChangesNothing(t *testing.T) {
	h, config := answered(t, simulator.NewAccount, consultantAnswers())
	account := h.Sim.AccountID()
	adminPolicy := "arn:aws:iam::aws:policy/AdministratorAccess"
	readOnly := "arn:aws:iam::aws:policy/ReadOnlyAccess"

	changes, waits := plan(t, h, withLeastPrivilege)
	noChanges(t, h, "planning")
	want := []string{
		"organizations:CreateOrganization organization FeatureSet=ALL ManagementAccount=" + account,
		"identitystore:CreateUser user jane.doe email=jane@example.com display_name=Jane Doe",
		"identitystore:CreateGroup group Admins",
		"identitystore:CreateGroupMembership user jane.doe -> group Admins",
		"sso:CreatePermissionSet permission set AdministratorAccess SessionDuration=PT1H",
		"sso:AttachManagedPolicyToPermissionSet permission set AdministratorAccess ManagedPolicyArn=" + adminPolicy,
		"sso:CreateAccountAssignment group Admins -> account " + account + " PermissionSet=AdministratorAccess",
		"aws-cli:WriteProfile profile jane-admin in " + config,
		"sso:CreatePermissionSet permission set ReadOnlyAccess SessionDuration=PT1H",
		"sso:AttachManagedPolicyToPermissionSet permission set ReadOnlyAccess ManagedPolicyArn=" + readOnly,
		"identitystore:CreateGroup group ReadOnly",
		"identitystore:CreateGroupMembership user jane.doe -> group ReadOnly",
		"sso:CreateAccountAssignment group ReadOnly -> account " + account + " PermissionSet=ReadOnlyAccess",
	}
	if !slices.Equal(changes, want) {
		t.Errorf("plan on a new account:\n%s\nwant:\n%s", strings.Join(changes, "\n"), strings.Join(want, "\n"))
	}
	const enable = "enable IAM Identity Center in eu-west-1 in the console"
	wantWaits(t, waits, map[step.ID]string{
		"identity-center": enable, "ic-mfa": enable, "admin-user": enable, "admin-group": enable,
		"admin-permission-set": enable, "admin-assignment": enable, "portal-sign-in": enable, "least-privilege": enable,
	})

	// Once Identity Center is enabled, the plan reads it: the user is to be made (its
	// invitation waits once it exists, below), and the CLI profile shows where it points.
	ic, err := h.Sim.Console().EnableIdentityCenter("eu-west-1")
	if err != nil {
		t.Fatal(err)
	}
	h.Sim.ResetCalls()
	changes, waits = plan(t, h, withLeastPrivilege)
	noChanges(t, h, "planning")
	wantProfile := "aws-cli:WriteProfile profile jane-admin in " + config + " sso_start_url=https://" + ic.IdentityStoreID +
		".awsapps.com/start sso_region=eu-west-1 sso_account_id=" + account + " sso_role_name=AdministratorAccess backup=none: the file is new"
	if !slices.Contains(changes, wantProfile) || slices.Contains(changes, want[0]) || !slices.Contains(changes, want[1]) {
		t.Errorf("plan with Identity Center:\n%s", strings.Join(changes, "\n"))
	}
	wantWaits(t, waits, map[step.ID]string{"ic-mfa": "require MFA"})

	headlessRun(t, h, withLeastPrivilege)
	h.Sim.ResetCalls()
	changes, waits = plan(t, h, withLeastPrivilege)
	noChanges(t, h, "planning")
	if len(changes) != 0 {
		t.Errorf("after the run the plan still lists:\n%s", strings.Join(changes, "\n"))
	}
	wantWaits(t, waits, map[step.ID]string{"ic-mfa": "require MFA", "admin-user": "let jane.doe set a password"})
}

// TestOrganizationFollowsTheAnswers: creating an organization, or going on in someone
// else's, happens only when the answers file says so.
func TestOrganizationFollowsTheAnswers(t *testing.T) {
	yes, no := true, false
	for _, tc := range []struct {
		name    string
		sc      simulator.Scenario
		answer  answers.Organization
		outcome checkpoint.Outcome // "" when the run waits
		says    string             // in the reason or the wait
	}{
		{"new account, create not answered", simulator.NewAccount, answers.Organization{}, "", "set organization.create: true"},
		{"new account, create: false", simulator.NewAccount, answers.Organization{Create: &no}, checkpoint.Skipped, "stays out of any organization"},
		{"member account, not answered", simulator.ExistingOrganization, answers.Organization{}, "", "set organization.member_account to stop or continue"},
		{"member account, stop", simulator.ExistingOrganization, answers.Organization{Create: &yes, MemberAccount: "stop"}, checkpoint.Skipped, "management account, 947261583046"},
		{"member account, continue", simulator.ExistingOrganization, answers.Organization{MemberAccount: "continue"}, checkpoint.Confirmed, "organization.member_account: continue"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			h, _ := answered(t, tc.sc, &answers.Answers{Organization: tc.answer})
			rec, err := h.Unattended("organization")
			switch {
			case tc.outcome == "" && (rec.Outcome != checkpoint.Waiting || !strings.Contains(fmt.Sprint(err), tc.says)):
				t.Errorf("saved %+v, %v; want a wait for %q", rec, err, tc.says)
			case tc.outcome != "" && (err != nil || rec.Outcome != tc.outcome || !strings.Contains(rec.Reason, tc.says)):
				t.Errorf("record %+v, %v; want %s saying %q", rec, err, tc.outcome, tc.says)
			}
			if tc.outcome != "" && h.Record("organization").Outcome != tc.outcome {
				t.Errorf("saved %+v", h.Record("organization"))
			}
			noChanges(t, h, "the decision")
			if tc.outcome == checkpoint.Skipped {
				next, err := h.Unattended("identity-center")
				if err != nil || next.Outcome != checkpoint.Skipped || !strings.Contains(next.Reason, "the step Organization was skipped") {
					t.Errorf("identity-center after a skipped organization: %+v, %v", next, err)
				}
				if p, err := h.Plan("admin-user"); len(p.Changes) != 0 || p.Kind != engine.PlanSkipped || err != nil {
					t.Errorf("admin-user plans %+v, %v after a skipped organization", p, err)
				}
			}
			if tc.outcome == checkpoint.Confirmed {
				if rec.Resources["continued_as"] != "a member account" {
					t.Fatalf("record %+v", rec)
				}
				_, err := h.Unattended("identity-center")
				if what, ok := core.IsWaiting(err); !ok || !strings.Contains(what, "ask the owner of the management account") {
					t.Errorf("identity-center in a member account waits with %v", err)
				}
			}
		})
	}
}

func TestAdminUserWaitsForTheAnswersItNeeds(t *testing.T) {
	h, _ := answered(t, simulator.HalfSetUp, &answers.Answers{AdminUser: answers.AdminUser{UserName: "jane.doe", FamilyName: "Doe"}})
	rec, err := h.Unattended("admin-user")
	if rec.Outcome != checkpoint.Waiting || !strings.Contains(fmt.Sprint(err), "answer admin_user.email, admin_user.given_name in the answers file") {
		t.Errorf("admin-user: saved %+v, %v", rec, err)
	}
	rec, err = h.Unattended("admin-group")
	if _, ok := core.IsWaiting(err); !ok || rec.Outcome != checkpoint.Waiting ||
		!strings.Contains(fmt.Sprint(err), "run the step Administrator user again (user jane.doe is not in identity store") {
		t.Errorf("admin-group: saved %+v, %v", rec, err)
	}
	noChanges(t, h, "waiting for answers")
}

func TestLeastPrivilegeNoneIsSkippedWithTheReason(t *testing.T) {
	h, _ := answered(t, simulator.HalfSetUp, &answers.Answers{LeastPrivilege: answers.LeastPrivilege{Policy: "none"}})
	if p, err := h.Plan("least-privilege"); err != nil || p.Kind != engine.PlanSkipped || len(p.Changes) != 0 {
		t.Errorf("Plan = %+v, %v", p, err)
	}
	rec, err := h.Unattended("least-privilege")
	if err != nil || rec.Outcome != checkpoint.Skipped || !strings.Contains(rec.Reason, "least_privilege.policy: none") {
		t.Errorf("Run = %+v, %v", rec, err)
	}
	// With a checkpoint, the answer is the one the question starts from: declined.
	if rec, err := h.Unattended("least-privilege"); err != nil || rec.Outcome != checkpoint.Skipped ||
		rec.Reason != "no lesser permission set for daily work: the answers file says least_privilege.policy: none" {
		t.Errorf("Run again = %+v, %v", rec, err)
	}
	h.Env.Answers.LeastPrivilege.Policy = ""
	if rec, err := h.Unattended("least-privilege"); rec.Outcome != checkpoint.Waiting ||
		!strings.Contains(fmt.Sprint(err), "ReadOnlyAccess, PowerUserAccess, job-function/ViewOnlyAccess") {
		t.Errorf("Run without an answer = %+v, %v", rec, err)
	}
	noChanges(t, h, "a skipped step")
}

// TestPortalRunWritesTheProfileAndKeepsTheRest: the run adds the CLI profile after every
// byte of the existing file, keeps a backup, and changes nothing the second time.
func TestPortalRunWritesTheProfileAndKeepsTheRest(t *testing.T) {
	h, _ := administered(t, simulator.Options{})
	h.Env.Answers = &answers.Answers{PortalSignIn: answers.PortalSignIn{CLIProfile: "jane-admin"}}
	config := filepath.Join(t.TempDir(), "config")
	if err := os.WriteFile(config, []byte(existingConfig), 0o600); err != nil {
		t.Fatal(err)
	}
	t.Setenv("AWS_CONFIG_FILE", config)
	run := h.Definition("portal-sign-in").Headless.Run
	rec, err := run(context.Background(), h.Env)
	if err != nil || rec.Outcome != checkpoint.Skipped || rec.Resources["cli_config_backup"] == "" {
		t.Fatalf("Run = %+v, %v", rec, err)
	}
	backup, err := os.ReadFile(rec.Resources["cli_config_backup"])
	if err != nil || string(backup) != existingConfig {
		t.Errorf("backup %q, %v", backup, err)
	}
	got, err := os.ReadFile(config)
	if err != nil || !strings.HasPrefix(string(got), existingConfig) || !strings.Contains(string(got), "[sso-session jane-admin]") {
		t.Errorf("config:\n%s", got)
	}
	again, err := run(context.Background(), h.Env)
	if err != nil || again.Resources["cli_config_backup"] != "" {
		t.Errorf("running again = %+v, %v", again, err)
	}
	if now, _ := os.ReadFile(config); string(now) != string(got) {
		t.Errorf("running again rewrote the file:\n%s", now)
	}
}

// TestWizardFinishesWhatTheRunLeftForTheOperator: after a run without a person, the
// operator opens the wizard for the console work; its record then stands, and a run or a
// plan waits for nothing more.
func TestWizardFinishesWhatTheRunLeftForTheOperator(t *testing.T) {
	h, _ := answered(t, simulator.NewAccount, consultantAnswers())
	if _, err := h.Sim.Console().EnableIdentityCenter("eu-west-1"); err != nil {
		t.Fatal(err)
	}
	if waits := headlessRun(t, h, withLeastPrivilege); len(waits) != 2 {
		t.Fatalf("the run waits for %v", waits)
	}
	d := newDriver(t, h, &fastClock{})
	d.runChapter([]step.ID{"ic-mfa", "admin-user"})
	for _, id := range []step.ID{"ic-mfa", "admin-user"} {
		if rec := h.Record(id); rec.Outcome != checkpoint.Confirmed {
			t.Errorf("%s: %+v", id, rec)
		}
	}

	h.Sim.ResetCalls()
	if waits := headlessRun(t, h, withLeastPrivilege); len(waits) != 0 {
		t.Errorf("the run still waits for %v", waits)
	}
	if changes, waits := plan(t, h, withLeastPrivilege); len(changes) != 0 || len(waits) != 0 {
		t.Errorf("the plan lists %v and waits for %v", changes, waits)
	}
	noChanges(t, h, "running again")
	for _, id := range []step.ID{"ic-mfa", "admin-user"} {
		if rec := h.Record(id); rec.Outcome != checkpoint.Confirmed {
			t.Errorf("%s after running again: %+v", id, rec)
		}
	}
}
