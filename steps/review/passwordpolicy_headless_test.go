package review_test

import (
	"context"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/iam"

	"github.com/firstrun/firstrun/answers"
	"github.com/firstrun/firstrun/awsclient/simulator"
	"github.com/firstrun/firstrun/steps/checkpoint"
	step "github.com/firstrun/firstrun/steps/core"
	"github.com/firstrun/firstrun/steps/engine"
	"github.com/firstrun/firstrun/steps/steptest"
)

func TestPasswordPolicyHeadlessOnANewAccount(t *testing.T) {
	h := steptest.New(t, simulator.Options{})
	c := check(t, h, "password-policy")
	if c.Status != step.Fail || !strings.Contains(c.Detail, "No password policy is set") {
		t.Errorf("check on a new account: %+v", c)
	}

	// Without password_policy.apply in the answers, a run waits for a person to decide,
	// and changes nothing; the plan says so.
	if p := planOf(t, h, "password-policy"); p.Kind != engine.PlanManual || !strings.Contains(p.Detail, "password_policy.apply: true") {
		t.Errorf("plan without the answer: %+v", p)
	}
	rec := runStep(t, h, "password-policy")
	if rec.Outcome != checkpoint.Waiting || !strings.Contains(rec.Reason, "password_policy.apply: true") {
		t.Errorf("record without the answer: %+v", rec)
	}
	// password_policy.apply: false leaves it as it is.
	h.Env.Answers.PasswordPolicy = answers.PasswordPolicy{Apply: aws.Bool(false)}
	if p := planOf(t, h, "password-policy"); p.Kind != engine.PlanSkipped || len(p.Changes) != 0 {
		t.Errorf("plan with apply false: %+v", p)
	}
	rec = runStep(t, h, "password-policy")
	if rec.Outcome != checkpoint.Skipped || !strings.Contains(rec.Reason, "password_policy.apply: true") {
		t.Errorf("record with apply false: %+v", rec)
	}
	if calls := h.MutatingCalls(); len(calls) != 0 {
		t.Errorf("mutating calls without the answer: %+v", calls)
	}

	h.Env.Answers.PasswordPolicy = answers.PasswordPolicy{Apply: aws.Bool(true), MinimumLength: 16}
	changes, rec := planThenRun(t, h, "password-policy")
	want := "iam:UpdateAccountPasswordPolicy account password policy MinimumPasswordLength=16 PasswordReusePrevention=24 " +
		"RequireUppercaseCharacters=true RequireLowercaseCharacters=true RequireNumbers=true RequireSymbols=true " +
		"AllowUsersToChangePassword=true"
	if len(changes) != 1 || changes[0] != want {
		t.Errorf("plan %q, want %q", changes, want)
	}
	if rec.Outcome != checkpoint.Verified || rec.Resources["minimum_length"] != "16" || rec.Resources["reuse_prevention"] != "24" {
		t.Errorf("record %+v", rec)
	}
	policy := cis
	policy.MinimumLength = 16
	if got := readPolicy(t, h); got == nil || *got != policy {
		t.Errorf("policy in AWS %+v, want %+v", got, policy)
	}
	if c := check(t, h, "password-policy"); c.Status != step.Pass || !strings.Contains(c.Detail, "16 or more characters") {
		t.Errorf("check after the run: %+v", c)
	}

	if rec := noChangeOnRerun(t, h, "password-policy"); rec.Outcome != checkpoint.Verified {
		t.Errorf("second run: %+v", rec)
	}
	if changes := plan(t, h, "password-policy"); len(changes) != 0 {
		t.Errorf("planned %v once the policy meets CIS", changes)
	}
}

func TestPasswordPolicyHeadlessNamesWhatFallsShortAndKeepsStrongerRules(t *testing.T) {
	h := steptest.New(t, simulator.Options{})
	if _, err := h.Env.AWS.IAM.UpdateAccountPasswordPolicy(context.Background(), &iam.UpdateAccountPasswordPolicyInput{
		MinimumPasswordLength: aws.Int32(20), PasswordReusePrevention: aws.Int32(5), MaxPasswordAge: aws.Int32(90),
		RequireNumbers: true,
	}); err != nil {
		t.Fatal(err)
	}
	c := check(t, h, "password-policy")
	want := "Reuse prevention covers 5 passwords, not 24; it does not require uppercase letters, lowercase letters, symbols."
	if c.Status != step.Fail || c.Detail != want {
		t.Errorf("check %+v, want fail %q", c, want)
	}

	// An answers file written for many accounts asks for 14: this account's 20 stays.
	h.Env.Answers.PasswordPolicy = answers.PasswordPolicy{Apply: aws.Bool(true), MinimumLength: 14}
	changes, rec := planThenRun(t, h, "password-policy")
	if len(changes) != 1 || !strings.Contains(changes[0], "MinimumPasswordLength=20 PasswordReusePrevention=24") ||
		!strings.Contains(changes[0], "AllowUsersToChangePassword=false MaxPasswordAge=90") {
		t.Errorf("plan %q", changes)
	}
	if rec.Outcome != checkpoint.Verified || rec.Resources["minimum_length"] != "20" {
		t.Errorf("record %+v", rec)
	}
	if c := check(t, h, "password-policy"); c.Status != step.Pass {
		t.Errorf("check after the run: %+v", c)
	}
}

func TestPasswordPolicyScreenStartsFromTheAnswers(t *testing.T) {
	h := steptest.New(t, simulator.Options{})
	h.Env.Answers.PasswordPolicy.MinimumLength = 20
	run := h.RunStep("password-policy")
	run.WaitFor("Minimum password length", "20")
	run.Press("backspace")
	run.Type("2") // still the operator's to change
	run.Press("enter")
	run.WaitFor("What will change", "Minimum length: — → 22 characters")
	run.Press("enter")
	if rec := run.Finished(); rec.Outcome != checkpoint.Verified || rec.Resources["minimum_length"] != "22" {
		t.Errorf("record %+v", rec)
	}
}
