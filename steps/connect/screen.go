package connect

import (
	"context"
	"strings"

	"github.com/firstrun/firstrun/awsclient"
	"github.com/firstrun/firstrun/steps/step"
)

// Screen shows who firstrun acts as and what the account already has. It changes nothing.
func Screen(env *step.Env, def step.Definition) step.Screen {
	t := step.NewTask(env, def)
	t.Intro = "firstrun works through the AWS credentials it was started with. Check that this is " +
		"the account you mean to set up before going on: every later step acts on it."
	t.Inspect = func(ctx context.Context) (step.Inspection, error) {
		s, err := Read(ctx, env.AWS, env.Identity)
		if err != nil {
			return step.Inspection{}, err
		}
		return inspection(s), nil
	}
	return t
}

func inspection(s Survey) step.Inspection {
	id := s.Identity
	facts := []step.Fact{
		{Label: "Account", Value: id.Account},
		{Label: "Caller", Value: id.ARN},
		{Label: "Acting as", Value: CallerKind(id)},
		{Label: "Region", Value: id.Region},
		{Label: "Root MFA", Value: onOff(s.RootMFA), Good: good(s.RootMFA)},
		{Label: "Root access keys", Value: presentAbsent(s.RootAccessKeys), Good: good(!s.RootAccessKeys)},
		{Label: "Organization", Value: s.OrganizationText()},
	}
	ic := "not enabled in " + id.Region
	switch {
	case s.IdentityCenterErr != nil:
		ic = "could not be read here (" + awsclient.Explain(s.IdentityCenterErr).Summary() + ")"
	case len(s.IdentityCenter) > 0:
		ic = "enabled: " + strings.Join(s.IdentityCenter, ", ")
	}
	facts = append(facts, step.Fact{Label: "Identity Center", Value: ic})

	var note string
	switch {
	case id.RunsOnRootAccessKeys():
		note = "firstrun is running on root access keys. AWS advises against them; the last step " +
			"offers to delete them once your new administrator can sign in."
	case !id.IsRoot:
		note = "You are not the root user. The steps only the root user can do (root MFA, billing " +
			"access) will say so and can be skipped."
	}
	return step.Inspection{
		Facts:     facts,
		Satisfied: true,
		Note:      note,
		Resources: map[string]string{"account_id": id.Account, "caller_arn": id.ARN, "region": id.Region},
	}
}

func onOff(on bool) string {
	if on {
		return "enabled"
	}
	return "not enabled"
}

func presentAbsent(present bool) string {
	if present {
		return "present"
	}
	return "none"
}

func good(ok bool) *bool {
	if ok {
		return step.Yes()
	}
	return step.No()
}
