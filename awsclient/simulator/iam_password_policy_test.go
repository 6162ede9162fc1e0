package simulator_test

import (
	"context"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/iam"
	"github.com/aws/aws-sdk-go-v2/service/iam/types"

	"github.com/firstrun/firstrun/awsclient/simulator"
)

func TestPasswordPolicyLifecycle(t *testing.T) {
	sim, cfg := start(t, simulator.Options{})
	client := iam.NewFromConfig(cfg)
	ctx := context.Background()

	_, err := client.GetAccountPasswordPolicy(ctx, &iam.GetAccountPasswordPolicyInput{})
	requireType[*types.NoSuchEntityException](t, err)
	if msg := requireCode(t, err, "NoSuchEntity"); msg != "The Password Policy with domain name "+sim.AccountID()+" cannot be found." {
		t.Errorf("message %q", msg)
	}
	requireStatus(t, err, 404)

	_, err = client.UpdateAccountPasswordPolicy(ctx, &iam.UpdateAccountPasswordPolicyInput{
		MinimumPasswordLength: aws.Int32(14), PasswordReusePrevention: aws.Int32(24),
		RequireUppercaseCharacters: true, RequireLowercaseCharacters: true, RequireNumbers: true, RequireSymbols: true,
		AllowUsersToChangePassword: true,
	})
	if err != nil {
		t.Fatal(err)
	}
	got, err := client.GetAccountPasswordPolicy(ctx, &iam.GetAccountPasswordPolicyInput{})
	if err != nil {
		t.Fatal(err)
	}
	p := got.PasswordPolicy
	if aws.ToInt32(p.MinimumPasswordLength) != 14 || aws.ToInt32(p.PasswordReusePrevention) != 24 ||
		!p.RequireUppercaseCharacters || !p.RequireLowercaseCharacters || !p.RequireNumbers || !p.RequireSymbols ||
		!p.AllowUsersToChangePassword || p.ExpirePasswords || p.MaxPasswordAge != nil || p.HardExpiry != nil {
		t.Errorf("policy = %+v", p)
	}

	// Update replaces the whole policy: what is left out takes IAM's default.
	_, err = client.UpdateAccountPasswordPolicy(ctx, &iam.UpdateAccountPasswordPolicyInput{
		MaxPasswordAge: aws.Int32(90), HardExpiry: aws.Bool(true), RequireNumbers: true,
	})
	if err != nil {
		t.Fatal(err)
	}
	got, err = client.GetAccountPasswordPolicy(ctx, &iam.GetAccountPasswordPolicyInput{})
	if err != nil {
		t.Fatal(err)
	}
	p = got.PasswordPolicy
	if aws.ToInt32(p.MinimumPasswordLength) != 6 || p.PasswordReusePrevention != nil || p.RequireSymbols ||
		!p.RequireNumbers || p.AllowUsersToChangePassword || !p.ExpirePasswords || aws.ToInt32(p.MaxPasswordAge) != 90 ||
		!aws.ToBool(p.HardExpiry) {
		t.Errorf("policy after a partial update = %+v", p)
	}

	if _, err := client.DeleteAccountPasswordPolicy(ctx, &iam.DeleteAccountPasswordPolicyInput{}); err != nil {
		t.Fatal(err)
	}
	_, err = client.GetAccountPasswordPolicy(ctx, &iam.GetAccountPasswordPolicyInput{})
	requireCode(t, err, "NoSuchEntity")
	_, err = client.DeleteAccountPasswordPolicy(ctx, &iam.DeleteAccountPasswordPolicyInput{})
	if msg := requireCode(t, err, "NoSuchEntity"); msg != "The account policy with name PasswordPolicy cannot be found." {
		t.Errorf("message %q", msg)
	}

	mutating := map[string]bool{}
	for _, c := range sim.Calls() {
		mutating[c.Operation] = c.Mutating
	}
	if mutating["GetAccountPasswordPolicy"] || !mutating["UpdateAccountPasswordPolicy"] || !mutating["DeleteAccountPasswordPolicy"] {
		t.Errorf("mutating flags in the call log: %v", mutating)
	}
}

func TestPasswordPolicyLimits(t *testing.T) {
	_, cfg := start(t, simulator.Options{})
	client := iam.NewFromConfig(cfg)
	for _, tc := range []struct {
		name string
		in   iam.UpdateAccountPasswordPolicyInput
		want string
	}{
		{"length too long", iam.UpdateAccountPasswordPolicyInput{MinimumPasswordLength: aws.Int32(129)},
			"1 validation error detected: Value '129' at 'minimumPasswordLength' failed to satisfy constraint: Member must have value less than or equal to 128"},
		{"length too short", iam.UpdateAccountPasswordPolicyInput{MinimumPasswordLength: aws.Int32(5)},
			"1 validation error detected: Value '5' at 'minimumPasswordLength' failed to satisfy constraint: Member must have value greater than or equal to 6"},
		{"reuse and age", iam.UpdateAccountPasswordPolicyInput{PasswordReusePrevention: aws.Int32(25), MaxPasswordAge: aws.Int32(0)},
			"2 validation errors detected: Value '0' at 'maxPasswordAge' failed to satisfy constraint: Member must have value greater than or equal to 1; " +
				"Value '25' at 'passwordReusePrevention' failed to satisfy constraint: Member must have value less than or equal to 24"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := client.UpdateAccountPasswordPolicy(context.Background(), &tc.in)
			if msg := requireCode(t, err, "ValidationError"); msg != tc.want {
				t.Errorf("message %q, want %q", msg, tc.want)
			}
			requireStatus(t, err, 400)
			_, err = client.GetAccountPasswordPolicy(context.Background(), &iam.GetAccountPasswordPolicyInput{})
			requireCode(t, err, "NoSuchEntity") // nothing was half-applied
		})
	}
}
