package connect

import (
	"context"
	"fmt"

	step "github.com/firstrun/firstrun/steps/core"
)

// Outputs are what the connect step records.
type Outputs struct {
	AccountID string `json:"account_id,omitempty"`
	CallerARN string `json:"caller_arn,omitempty"`
	Region    string `json:"region,omitempty"`
	// IdentityCenterRegion is where connect found the account's Identity Center instance,
	// in any enabled Region; "" when it found none.
	IdentityCenterRegion string `json:"identity_center_region,omitempty"`
}

// Flow shows who firstrun acts as and what the account already has. It changes nothing;
// the audit passes it once the account can be read, as every other control rests on it.
func Flow(env step.Env) *step.Flow {
	return &step.Flow{
		Intro: "firstrun works through the AWS credentials it was started with. Check that this is " +
			"the account you mean to set up before going on: every later step acts on it.",
		Inspect: func(ctx context.Context) (step.Inspection, error) {
			s, err := Read(ctx, env.AWS, env.Identity)
			if err != nil {
				return step.Inspection{}, err
			}
			return inspection(s), nil
		},
	}
}

func inspection(s Survey) step.Inspection {
	id := s.Identity
	facts := []step.Fact{
		{Label: "Account", Value: id.Account},
		{Label: "Caller", Value: id.ARN},
		{Label: "Acting as", Value: CallerKind(id)},
		{Label: "Region", Value: id.Region},
		{Label: "Root MFA", Value: onOff(s.RootMFA), Good: step.GoodIf(s.RootMFA)},
		{Label: "Root access keys", Value: presentAbsent(s.RootAccessKeys), Good: step.GoodIf(!s.RootAccessKeys)},
		{Label: "Organization", Value: s.OrganizationText()},
	}
	facts = append(facts, step.Fact{Label: "Identity Center", Value: s.IdentityCenterText()})
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
		Facts: facts,
		Holds: true,
		Detail: fmt.Sprintf("firstrun acts as %s (%s) in account %s, Region %s.",
			id.ARN, CallerKind(id), id.Account, id.Region),
		Note:    note,
		Outputs: Outputs{AccountID: id.Account, CallerARN: id.ARN, Region: id.Region, IdentityCenterRegion: s.identityCenterRegion()},
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
