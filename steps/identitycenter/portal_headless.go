package identitycenter

import (
	"context"

	"github.com/firstrun/firstrun/steps/checkpoint"
	"github.com/firstrun/firstrun/steps/step"
)

// PortalSignInHeadless is the portal-sign-in step for audit, --plan and
// --non-interactive. Its check is a sign-in that a person approves, so a run skips it
// with that reason (it does not wait for them); it writes the AWS CLI profile when the
// answers file names one.
func PortalSignInHeadless() step.Headless {
	return step.Headless{
		Check: checkOnInstance(func(_ context.Context, _ *step.Env, inst Instance) (step.Control, error) {
			return manual("A person must sign in at %s to show that it works; firstrun checks it only with them present.",
				inst.PortalURL()), nil
		}),
		Plan: planGated(stepPortalSignIn, planPortalSignIn),
		Run:  runGated(stepPortalSignIn, runPortalSignIn),
	}
}

// signInNeedsAPerson is why a run without a person skips the step.
const signInNeedsAPerson = "needs a person: the first sign-in to the access portal, which firstrun checks only with them present"

// adminProfile is the AWS CLI profile that signs the administrator in to this account,
// named as the answers file says, else admin.
func adminProfile(env *step.Env, inst Instance, role string) CLIProfile {
	return CLIProfile{Name: firstOf(env.Answers.PortalSignIn.CLIProfile, "admin"), StartURL: inst.PortalURL(),
		SSORegion: inst.Region, AccountID: env.Identity.Account, RoleName: role, Region: env.AWS.Region()}
}

func planPortalSignIn(ctx context.Context, env *step.Env) ([]step.Change, error) {
	name := env.Answers.PortalSignIn.CLIProfile
	if _, ok := earlier(env, stepPortalSignIn); ok || name == "" {
		return nil, nil
	}
	path, err := ConfigPath()
	if err != nil {
		return nil, err
	}
	resource := "profile " + name + " in " + path
	inst, err := LoadInstance(ctx, env.Base())
	if err != nil {
		return planWaiting([]step.Change{change("aws-cli", "WriteProfile", resource)}, err)
	}
	p := adminProfile(env, inst, adminPermissionSetName(env))
	c, err := PlanProfile(path, p)
	if err != nil || c.Unchanged() {
		return nil, err
	}
	backup := "none: the file is new"
	if c.Exists {
		backup = "a copy of the file beside it"
	}
	return []step.Change{change("aws-cli", "WriteProfile", resource, "sso_start_url", p.StartURL, "sso_region", p.SSORegion,
		"sso_account_id", p.AccountID, "sso_role_name", p.RoleName, "backup", backup)}, nil
}

func runPortalSignIn(ctx context.Context, env *step.Env) (checkpoint.StepRecord, error) {
	if rec, ok := earlier(env, stepPortalSignIn); ok { // a sign-in checked with a person present stands
		return rec, nil
	}
	inst, err := LoadInstance(ctx, env.Base())
	if err != nil {
		return checkpoint.StepRecord{}, err
	}
	role := adminPermissionSetName(env)
	rec := skipped(signInNeedsAPerson)
	rec.Resources = map[string]string{"portal_url": inst.PortalURL(), "role_name": role}
	if env.Answers.PortalSignIn.CLIProfile == "" {
		return rec, nil
	}
	path, err := ConfigPath()
	if err != nil {
		return checkpoint.StepRecord{}, err
	}
	p := adminProfile(env, inst, role)
	c, err := PlanProfile(path, p)
	if err != nil {
		return checkpoint.StepRecord{}, err
	}
	backup, err := c.Write(env.Now())
	if err != nil {
		return checkpoint.StepRecord{}, err
	}
	rec.Resources["cli_profile"], rec.Resources["cli_config_file"] = p.Name, path
	if backup != "" {
		rec.Resources["cli_config_backup"] = backup
	}
	return rec, nil
}
