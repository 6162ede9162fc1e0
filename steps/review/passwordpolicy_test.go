package review_test

import (
	"context"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/iam"
	"github.com/charmbracelet/lipgloss"

	"github.com/firstrun/firstrun/awsclient/simulator"
	"github.com/firstrun/firstrun/steps/checkpoint"
	"github.com/firstrun/firstrun/steps/review"
	"github.com/firstrun/firstrun/steps/steptest"
)

var cis = review.PasswordPolicy{
	MinimumLength: 14, ReusePrevention: 24, RequireUppercase: true, RequireLowercase: true,
	RequireNumbers: true, RequireSymbols: true, AllowUsersToChange: true,
}

func TestProposePasswordPolicyNeverWeakens(t *testing.T) {
	for _, tc := range []struct {
		name    string
		current *review.PasswordPolicy
		want    review.PasswordPolicy
	}{
		{"no policy", nil, cis},
		{"weak policy", &review.PasswordPolicy{MinimumLength: 8, RequireNumbers: true}, func() review.PasswordPolicy {
			p := cis
			p.AllowUsersToChange = false // the operator's choice, kept
			return p
		}()},
		{"stronger length and expiry kept", &review.PasswordPolicy{MinimumLength: 20, ReusePrevention: 5, MaxAge: 90, HardExpiry: true,
			AllowUsersToChange: true}, func() review.PasswordPolicy {
			p := cis
			p.MinimumLength, p.MaxAge, p.HardExpiry = 20, 90, true
			return p
		}()},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got := review.ProposePasswordPolicy(tc.current, review.DefaultPasswordPolicyInput(tc.current))
			if got != tc.want {
				t.Errorf("proposal %+v, want %+v", got, tc.want)
			}
			if !(&got).MeetsCIS() {
				t.Error("the proposal does not meet CIS")
			}
		})
	}
}

func TestValidateMinimumLength(t *testing.T) {
	stronger := &review.PasswordPolicy{MinimumLength: 20}
	for _, tc := range []struct {
		current *review.PasswordPolicy
		typed   string
		wantErr string
	}{
		{nil, "14", ""},
		{nil, " 40 ", ""},
		{nil, "13", "the CIS benchmark asks for at least 14"},
		{nil, "129", "IAM allows at most 128 characters"},
		{nil, "fourteen", "enter a number of characters, such as 14"},
		{stronger, "16", "the current policy asks for 20; firstrun does not weaken it"},
		{stronger, "20", ""},
		{stronger, "", "enter a number of characters, such as 20"},
	} {
		err := review.ValidateMinimumLength(tc.current)(tc.typed)
		got := ""
		if err != nil {
			got = err.Error()
		}
		if got != tc.wantErr {
			t.Errorf("ValidateMinimumLength(%v)(%q) = %q, want %q", tc.current, tc.typed, got, tc.wantErr)
		}
	}
	if err := (review.PasswordPolicyInput{MinimumLength: 12}).Validate(nil); err == nil {
		t.Error("Validate accepted 12")
	}
}

func readPolicy(t *testing.T, h *steptest.Harness) *review.PasswordPolicy {
	t.Helper()
	p, err := review.ReadPasswordPolicy(context.Background(), h.Env.AWS.IAM)
	if err != nil {
		t.Fatal(err)
	}
	return p
}

func TestPasswordPolicyStepSetsCISAndARerunChangesNothing(t *testing.T) {
	h := steptest.New(t, simulator.Options{})
	run := h.RunStep("password-policy")
	run.WaitFor("none: AWS's default", "Minimum length — → 14 characters",
		"Character types — → upper, lower, numbers, symbols", "Minimum password length")
	if n := len(h.MutatingCalls()); n != 0 {
		t.Fatalf("%d mutating calls before the operator confirmed", n)
	}
	run.Press("enter") // accept the proposed length
	run.WaitFor("What will change", "Reuse prevention: — → 24 passwords")
	run.Press("enter")
	rec := run.Finished()
	if rec.Outcome != checkpoint.Verified || rec.Resources["minimum_length"] != "14" {
		t.Errorf("record %+v", rec)
	}
	if got := readPolicy(t, h); got == nil || *got != cis {
		t.Errorf("policy in AWS %+v, want %+v", got, cis)
	}

	h.Restart()
	h.Sim.ResetCalls()
	again := h.RunStep("password-policy")
	again.WaitFor("set, and it meets the CIS benchmark", "Minimum length 14 characters (unchanged)", "Already in place")
	again.Press("enter")
	if rec := again.Finished(); rec.Outcome != checkpoint.Verified {
		t.Errorf("re-run outcome %s", rec.Outcome)
	}
	if calls := h.MutatingCalls(); len(calls) != 0 {
		t.Errorf("a re-run made mutating calls: %+v", calls)
	}
}

func TestPasswordPolicyStepKeepsStrongerRules(t *testing.T) {
	h := steptest.New(t, simulator.Options{})
	if _, err := h.Env.AWS.IAM.UpdateAccountPasswordPolicy(context.Background(), &iam.UpdateAccountPasswordPolicyInput{
		MinimumPasswordLength: aws.Int32(20), PasswordReusePrevention: aws.Int32(5), MaxPasswordAge: aws.Int32(90),
		RequireNumbers: true,
	}); err != nil {
		t.Fatal(err)
	}
	run := h.RunStep("password-policy")
	run.WaitFor("Minimum length 20 characters (unchanged)", "Reuse prevention 5 passwords → 24 passwords", "Expiry after 90 days (unchanged)")
	run.Press("backspace", "backspace")
	run.Type("16")
	run.Press("enter")
	run.WaitFor("the current policy asks for 20; firstrun does not weaken it")
	run.Press("backspace", "backspace")
	run.Type("24")
	run.Press("enter")
	run.WaitFor("What will change", "Minimum length: 20 characters → 24 characters")
	run.Press("enter")
	if rec := run.Finished(); rec.Outcome != checkpoint.Verified {
		t.Errorf("outcome %s", rec.Outcome)
	}
	want := cis
	want.MinimumLength, want.MaxAge, want.AllowUsersToChange = 24, 90, false
	if got := readPolicy(t, h); got == nil || *got != want {
		t.Errorf("policy in AWS %+v, want %+v", got, want)
	}
}

func TestPasswordPolicyScreenFitsTheWindow(t *testing.T) {
	h := steptest.New(t, simulator.Options{})
	run := h.RunStep("password-policy")
	// The form must show in the 78x18 body of an 80x24 window without scrolling: while
	// it has the keys, the arrow keys move in the form, not the page.
	run.WaitUntil(func(frame string) bool {
		lines := strings.Split(frame, "\n")
		if !strings.Contains(frame, "Minimum password length") || len(lines) > 18 {
			return false
		}
		for _, l := range lines {
			if lipgloss.Width(l) > 78 {
				return false
			}
		}
		return true
	}, "the form screen to fit in 78x18")
}

// An answers file that says no to the policy is asked about on the screen, starting from
// its no; the operator may still say yes.
func TestPasswordPolicyScreenAsksWhenTheAnswersSayNo(t *testing.T) {
	for _, yes := range []bool{false, true} {
		h := steptest.New(t, simulator.Options{})
		h.Env.Answers.PasswordPolicy.Apply = aws.Bool(false)
		run := h.RunStep("password-policy")
		run.WaitFor("Set the CIS password policy?", "No, leave it")
		if yes {
			run.Press("left")
			run.Press("enter")
			run.WaitFor("Minimum password length")
			run.Press("enter")
			run.WaitFor("What will change", "Minimum length: — → 14 characters")
		}
		run.Press("enter")
		rec := run.Finished()
		switch {
		case yes && (rec.Outcome != checkpoint.Verified || readPolicy(t, h) == nil):
			t.Errorf("yes: record %+v, policy %+v", rec, readPolicy(t, h))
		case !yes && (rec.Outcome != checkpoint.Skipped || len(h.MutatingCalls()) != 0):
			t.Errorf("no: record %+v, calls %v", rec, h.MutatingCalls())
		}
	}
}
