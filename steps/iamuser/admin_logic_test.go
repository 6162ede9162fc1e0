package iamuser_test

import (
	"context"
	"encoding/json"
	"slices"
	"strings"
	"testing"
	"unicode"

	"github.com/firstrun/firstrun/awsclient/simulator"
	"github.com/firstrun/firstrun/steps/iamuser"
	"github.com/firstrun/firstrun/steps/steptest"
)

// The guard policy is AWS's BlockMostAccessUnlessSignedInWithMFA pattern: deny all but
// MFA self-service and password changes unless the request was signed in with MFA.
func TestGuardPolicyDeniesAllButMFASelfServiceWithoutMFA(t *testing.T) {
	var p struct {
		Statement []struct {
			Effect    string
			NotAction []string
			Resource  string
			Condition map[string]map[string]string
		}
	}
	if err := json.Unmarshal([]byte(iamuser.GuardPolicy()), &p); err != nil {
		t.Fatal(err)
	}
	if len(p.Statement) != 1 {
		t.Fatalf("%d statements", len(p.Statement))
	}
	st := p.Statement[0]
	if st.Effect != "Deny" || st.Resource != "*" || st.Condition["BoolIfExists"]["aws:MultiFactorAuthPresent"] != "false" {
		t.Errorf("statement %+v", st)
	}
	for _, a := range []string{"iam:CreateVirtualMFADevice", "iam:EnableMFADevice", "iam:ListMFADevices", "iam:ChangePassword", "sts:GetSessionToken"} {
		if !slices.Contains(st.NotAction, a) {
			t.Errorf("%s is denied without MFA", a)
		}
	}
}

func TestGeneratedPasswordsMeetEveryPolicy(t *testing.T) {
	seen := map[string]bool{}
	for range 200 {
		pw, err := iamuser.GeneratePassword()
		if err != nil {
			t.Fatal(err)
		}
		var upper, lower, digit, symbol bool
		for _, c := range pw {
			switch {
			case unicode.IsUpper(c):
				upper = true
			case unicode.IsLower(c):
				lower = true
			case unicode.IsDigit(c):
				digit = true
			case strings.ContainsRune(`!@#$%^&*()_+-=[]{}|'`, c):
				symbol = true
			default:
				t.Fatalf("%q has a character IAM doesn't count", pw)
			}
		}
		if len(pw) < 14 || !upper || !lower || !digit || !symbol || seen[pw] {
			t.Fatalf("weak or repeated password %q", pw)
		}
		seen[pw] = true
	}
}

func TestAdminInputValidation(t *testing.T) {
	in := iamuser.DefaultAdminInput()
	if in.Create || in.Validate() != nil {
		t.Errorf("default %+v: off, and valid", in)
	}
	for name, ok := range map[string]bool{"emergency-admin": true, "break.glass@example": true, "": false, "has space": false, strings.Repeat("x", 65): false} {
		in := iamuser.AdminInput{Create: true, UserName: name}
		if err := in.Validate(); (err == nil) != ok {
			t.Errorf("%q: %v", name, err)
		}
	}
}

// EnsureAdmin can run again, or over a user that exists, without error or change.
func TestEnsureAdminIsIdempotent(t *testing.T) {
	h := steptest.New(t, simulator.Options{})
	ctx := context.Background()
	for range 2 {
		res, err := iamuser.EnsureAdmin(ctx, h.Env.AWS.IAM, h.Env.Identity.Partition(), "break-glass")
		if err != nil {
			t.Fatal(err)
		}
		if res["user_name"] != "break-glass" || !strings.HasSuffix(res["user_arn"], ":user/break-glass") {
			t.Errorf("resources %v", res)
		}
	}
	st, err := iamuser.ReadAdmin(ctx, h.Env.AWS.IAM, "break-glass")
	if err != nil || !st.Exists || !st.AdministratorAccess || !st.Guarded || st.ConsolePassword || len(st.MFADevices) != 0 {
		t.Errorf("state %+v, %v", st, err)
	}
	var left []string
	for _, c := range st.Changes("aws") {
		left = append(left, c.Operation)
	}
	if strings.Join(left, " ") != "CreateVirtualMFADevice EnableMFADevice CreateLoginProfile" {
		t.Errorf("changes left %v, want the MFA device and the password", left)
	}
	if calls(h, "CreateUser") != 2 || calls(h, "GetUser") < 1 {
		t.Errorf("calls %+v", h.Sim.Calls())
	}
}

// On the simulated account, d stands in for the phone: it types the codes an
// authenticator app would show.
func TestDemoKeyTypesTheCodes(t *testing.T) {
	h := steptest.New(t, simulator.Options{})
	run := h.RunStep("emergency-admin")
	startAdmin(t, run)
	run.Press("d")
	run.WaitFor("Console password for emergency-admin")
	requireOneEnabledDevice(t, h, "emergency-admin")
}
