package steps_test

import (
	"bytes"
	"context"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/firstrun/firstrun/answers"
	"github.com/firstrun/firstrun/assets"
	"github.com/firstrun/firstrun/awsclient/simulator"
	"github.com/firstrun/firstrun/steps/checkpoint"
	"github.com/firstrun/firstrun/steps/engine"
	"github.com/firstrun/firstrun/steps/identitycenter"
	"github.com/firstrun/firstrun/steps/step"
	"github.com/firstrun/firstrun/steps/steptest"
	"github.com/firstrun/firstrun/ui/kit"
)

// frontEnd runs one step as one front-end does, taking every default an operator is
// offered (enter on the screen, an empty line in plain mode, nobody at all without one),
// and returns what it saved.
type frontEnd struct {
	name string
	run  func(t *testing.T, h *steptest.Harness, id step.ID) checkpoint.StepRecord
}

var frontEnds = []frontEnd{
	{"screen", func(t *testing.T, h *steptest.Harness, id step.ID) checkpoint.StepRecord {
		run := h.RunStep(id)
		// Enter on every question until the step ends: the default of each.
		deadline := time.Now().Add(steptest.Timeout)
		for !run.Ended() {
			if time.Now().After(deadline) {
				t.Fatalf("%s did not end on the screen; last screen:\n%s", id, run.Frame())
			}
			before := run.Frame()
			run.Press("enter")
			run.WaitForChange(before)
		}
		return run.Finished()
	}},
	{"plain", func(t *testing.T, h *steptest.Harness, id step.ID) checkpoint.StepRecord {
		var out bytes.Buffer
		env := h.Env.Kit()
		p := kit.NewPrompter(strings.NewReader(strings.Repeat("\n", 40)), &out)
		rec, err := engine.Run(context.Background(), h.Core(id), env.StepEnv(), kit.NewPlainOperator(env, p), h.Env.Store)
		if err != nil && rec.Outcome == "" {
			t.Fatalf("%s in plain mode: %v\n%s", id, err, out.String())
		}
		return rec
	}},
	{"headless", func(t *testing.T, h *steptest.Harness, id step.ID) checkpoint.StepRecord {
		rec, err := h.Unattended(id)
		if err != nil && rec.Outcome == "" {
			t.Fatalf("%s without a person: %v", id, err)
		}
		return rec
	}},
}

// frontEndCase is one step in an account made ready for it.
type frontEndCase struct {
	id       step.ID
	scenario simulator.Scenario
	// ready does beforehand what the step needs done (the owner's console work).
	ready func(t *testing.T, h *steptest.Harness)
	// want is the outcome every front-end saves; headless, when set, is what a run
	// without a person saves instead (a step that needs someone waits for them).
	want, headless checkpoint.Outcome
}

// TestEveryStepEndsAlikeInEveryFrontEnd drives each step on the screen, as plain lines
// and without a person, each on its own simulated account made the same way, and
// compares what they saved and what the account holds afterwards.
func TestEveryStepEndsAlikeInEveryFrontEnd(t *testing.T) {
	example, err := answers.Parse("answers.example.yaml", []byte(assets.AnswersExample()))
	if err != nil {
		t.Fatal(err)
	}
	consoleMFA := func(t *testing.T, h *steptest.Harness) {
		if err := h.Sim.Console().EnableRootMFA(); err != nil {
			t.Fatal(err)
		}
	}
	cases := []frontEndCase{
		{id: "connect", want: checkpoint.Verified},
		{id: "contacts", want: checkpoint.Verified},
		{id: "root-mfa", ready: consoleMFA, want: checkpoint.Verified},
		{id: "root-password", want: checkpoint.Confirmed, headless: checkpoint.Waiting},
		{id: "root-access-keys", want: checkpoint.Verified},
		{id: "root-access-keys", scenario: simulator.RootAccessKeys, want: checkpoint.Skipped},
		{id: "billing-access", want: checkpoint.Confirmed, headless: checkpoint.Waiting},
		{id: "billing-access", scenario: simulator.IAMAdminCaller, want: checkpoint.Skipped},
		{id: "billing-role", want: checkpoint.Verified},
		{id: "billing-role", scenario: simulator.IAMAdminCaller, want: checkpoint.Verified},
		{id: "budget", want: checkpoint.Verified},
		{id: "organization", want: checkpoint.Verified},
		// The example answers stop in someone else's organization.
		{id: "organization", scenario: simulator.ExistingOrganization, want: checkpoint.Skipped},
		{id: "identity-center", scenario: simulator.HalfSetUp, want: checkpoint.Verified},
		{id: "identity-source", scenario: simulator.HalfSetUp, want: checkpoint.Confirmed},
		{id: "ic-mfa", scenario: simulator.HalfSetUp, want: checkpoint.Confirmed, headless: checkpoint.Waiting},
		// The administrator's steps of Identity Center, in an account where it is enabled.
		{id: "admin-user", scenario: simulator.HalfSetUp, want: checkpoint.Confirmed, headless: checkpoint.Waiting},
		{id: "admin-group", scenario: simulator.HalfSetUp, ready: icAdministrator, want: checkpoint.Verified},
		{id: "admin-permission-set", scenario: simulator.HalfSetUp, want: checkpoint.Verified},
		{id: "admin-assignment", scenario: simulator.HalfSetUp, ready: icAdministrators, want: checkpoint.Verified},
		{id: "least-privilege", scenario: simulator.HalfSetUp, ready: icAdministrator, want: checkpoint.Verified},
		// The example answers want no emergency administrator.
		{id: "emergency-admin", want: checkpoint.Skipped},
		{id: "iam-users-mfa", want: checkpoint.Verified},
		{id: "password-policy", want: checkpoint.Verified},
		{id: "credential-report", want: checkpoint.Verified},
		{id: "credential-report", scenario: simulator.IAMAdminCaller, want: checkpoint.Verified},
		{id: "access-analyzer", want: checkpoint.Verified},
		{id: "access-analyzer", scenario: simulator.HalfSetUp, want: checkpoint.Verified},
	}
	for _, c := range cases {
		t.Run(string(c.id)+"/"+string(cmpOr(c.scenario, simulator.NewAccount)), func(t *testing.T) {
			var inventories [][]string
			var acted []string
			for _, fe := range frontEnds {
				h := steptest.New(t, simulator.Options{Scenario: c.scenario})
				h.Env.Answers = &example.Answers
				if c.ready != nil {
					c.ready(t, h)
				}
				rec := fe.run(t, h, c.id)
				want := c.want
				if fe.name == "headless" && c.headless != "" {
					want = c.headless
				}
				if rec.Outcome != want {
					t.Errorf("%s: saved %s (%s), want %s", fe.name, rec.Outcome, rec.Reason, want)
				}
				if want == c.want {
					inventories = append(inventories, h.Sim.Inventory())
					acted = append(acted, fe.name)
				}
			}
			for i := 1; i < len(inventories); i++ {
				if !slices.Equal(inventories[0], inventories[i]) {
					t.Errorf("the account after %s differs from the account after %s:\n%s\n---\n%s",
						acted[i], acted[0], strings.Join(inventories[i], "\n"), strings.Join(inventories[0], "\n"))
				}
			}
		})
	}
}

func cmpOr(s, def simulator.Scenario) simulator.Scenario {
	if s == "" {
		return def
	}
	return s
}

// icAdministrator makes the administrator the example answers name in Identity Center's
// directory, as the admin-user step does before the steps that follow it.
func icAdministrator(t *testing.T, h *steptest.Harness) {
	t.Helper()
	ctx := context.Background()
	inst, err := identitycenter.LoadInstance(ctx, h.Env.Base())
	if err != nil {
		t.Fatal(err)
	}
	if _, _, err := identitycenter.EnsureUser(ctx, h.Env.AWS.IdentityStore(inst.Region), inst.IdentityStoreID, identitycenter.AdminUser{
		UserName: "jane.doe", Email: "jane.doe@example.com", EmailAgain: "jane.doe@example.com", GivenName: "Jane", FamilyName: "Doe"}); err != nil {
		t.Fatal(err)
	}
}

// icAdministrators makes the administrator, the administrators' group with them in it,
// and the administrator permission set, as the steps before admin-assignment do.
func icAdministrators(t *testing.T, h *steptest.Harness) {
	t.Helper()
	icAdministrator(t, h)
	for _, id := range []step.ID{"admin-group", "admin-permission-set"} {
		if rec, err := h.Unattended(id); err != nil || rec.Outcome != checkpoint.Verified {
			t.Fatalf("%s: %+v, %v", id, rec, err)
		}
	}
}
