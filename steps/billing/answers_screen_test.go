package billing_test

import (
	"testing"

	"github.com/firstrun/firstrun/answers"
	"github.com/firstrun/firstrun/awsclient/simulator"
	"github.com/firstrun/firstrun/steps/checkpoint"
	"github.com/firstrun/firstrun/steps/steptest"
)

// The answers prefill the screens; the operator still sees every value and can change it.

func TestBillingRoleNameComesFromTheAnswers(t *testing.T) {
	h := steptest.New(t, simulator.Options{})
	h.Env.Answers = &answers.Answers{BillingRole: answers.BillingRole{Name: "BillingTeam"}}
	run := h.RunStep("billing-role")
	run.WaitFor("Role name", "> BillingTeam")
	run.Press("backspace", "backspace", "backspace", "backspace")
	run.Type("Ops")
	run.Press("enter")
	run.WaitFor("Create the role BillingOps")
	run.Press("enter")
	if rec := run.Finished(); rec.Resources["role_name"] != "BillingOps" {
		t.Errorf("record = %+v", rec)
	}
	requireOneBillingRole(t, h, "BillingOps")
}

func TestBudgetValuesComeFromTheAnswers(t *testing.T) {
	h := steptest.New(t, simulator.Options{})
	h.Env.Answers = wantBudget("250", "owner@example.com")
	run := h.RunStep("budget")
	run.WaitFor("Set up a monthly budget alert?")
	run.Press("enter") // yes, as the answers say
	run.WaitFor("┃ Monthly amount, in US dollars", "> 250")
	run.Press("enter")
	run.WaitFor("┃ Email address for the alerts", "> owner@example.com")
	run.Type(".au")
	run.Press("enter")
	run.WaitFor("Create the monthly cost budget firstrun-monthly: 250.00 USD a month",
		"Email owner@example.com.au when actual spend passes 80% (200.00 USD)")
	run.Press("enter")
	if rec := run.Finished(); rec.Outcome != checkpoint.Verified {
		t.Errorf("record = %+v", rec)
	}
}

func TestBudgetAnswersNoStillAsk(t *testing.T) {
	h := steptest.New(t, simulator.Options{})
	h.Env.Answers = &answers.Answers{Budget: answers.Budget{Enabled: no()}}
	run := h.RunStep("budget")
	run.WaitFor("Set up a monthly budget alert?", "Yes", "No, not now")
	run.Press("left") // the operator changes their mind
	run.Press("enter")
	run.WaitFor("┃ Monthly amount, in US dollars")
}
