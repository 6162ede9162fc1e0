package identitycenter

import (
	"context"
	"fmt"
	"sync"
	"time"

	"github.com/firstrun/firstrun/awsclient"
	step "github.com/firstrun/firstrun/steps/core"
)

// InstanceOutputs are what the identity-center step records: where Identity Center lives
// and the identifiers every later step of the chapter needs.
type InstanceOutputs struct {
	Region          string `json:"region,omitempty"`
	InstanceARN     string `json:"instance_arn,omitempty"`
	IdentityStoreID string `json:"identity_store_id,omitempty"`
}

func (i Instance) outputs() InstanceOutputs {
	return InstanceOutputs{Region: i.Region, InstanceARN: i.ARN, IdentityStoreID: i.IdentityStoreID}
}

// The earlier steps the chapter's steps can't do without, as the sequence lists them.
var (
	// NeedsOrganization: Identity Center needs an organization this account manages (or
	// administers for it).
	NeedsOrganization = step.Need{Step: stepOrganization, Why: "IAM Identity Center needs an organization that this account manages"}
	// NeedsIdentityCenter: the later steps work in the Identity Center instance.
	NeedsIdentityCenter = step.Need{Step: stepIdentityCenter, Why: "IAM Identity Center is not enabled"}
)

// enablePollFor is how long the screen keeps looking for the new instance on its own.
// Enabling takes a minute or two; the operator may need longer to find the console page.
const enablePollFor = 15 * time.Minute

// flowRegion is where the chapter's steps find Identity Center: the Region the
// identity-center step recorded, else the answers file's, else the one connect found it
// in, else the Region firstrun runs in. An audit has nothing recorded, so it looks where
// the answers say.
func flowRegion(env step.Env) string {
	return firstOf(env.Saved.Resource(string(stepIdentityCenter), "region"), env.Answers.IdentityCenter.Region,
		env.Saved.Resource("connect", "identity_center_region"), env.AWS.Region())
}

// regionChosen reports whether flowRegion's Region needs no search: an earlier run or the
// answers chose it, or connect has already looked in every Region.
func regionChosen(env step.Env) bool {
	_, connected := env.Record("connect")
	return connected || env.Saved.Resource(string(stepIdentityCenter), "region") != "" || env.Answers.IdentityCenter.Region != ""
}

// IdentityCenterFlow finds the organization instance of Identity Center in the Region
// chosen (asked when it is not there yet), and otherwise guides the operator through
// enabling it in the console, since AWS has no API for it, watching ListInstances in that
// Region until it appears. A run without a person waits for that console work, with the
// Region saved so that every later run looks there.
func IdentityCenterFlow(env step.Env) *step.Flow {
	s := &instanceStep{env: env, region: flowRegion(env), chosen: regionChosen(env)}
	return &step.Flow{
		Intro: "IAM Identity Center is where your administrator will sign in, instead of the root user. It lives in one " +
			"Region, which you choose now. The current Region, " + env.AWS.Region() + ", is a good default.",
		Inspect:   s.inspect,
		Questions: s.questions,
		Revise:    s.revise,
	}
}

// instanceStep is the step's state between the Flow's calls.
type instanceStep struct {
	env       step.Env
	region    string // as chosen so far
	inspected string // the Region the last inspection read
	// chosen says the Region needs no search (regionChosen); otherwise the first
	// inspection looks in every Region the account has enabled.
	chosen bool
}

func (s *instanceStep) inspect(ctx context.Context) (step.Inspection, error) {
	region := s.region
	inst, found, err := FindInstance(ctx, s.env.AWS.SSOAdmin(region), region)
	if err != nil {
		return step.Inspection{}, err
	}
	if !found && !s.chosen {
		// An account has one instance across all Regions, which may be in any of them.
		s.chosen = true
		search, err := awsclient.FindIdentityCenter(ctx, s.env.AWS, region)
		if err == nil && len(search.Instances) > 0 {
			s.region = search.Instances[0].Region
			return s.inspect(ctx)
		}
	}
	s.inspected = region
	if !found {
		return s.enable(region), nil
	}
	return s.judge(ctx, inst)
}

// judge is the inspection of an instance that is there: the organization's passes. An
// account instance can't give anyone access to AWS accounts, so it stands in the way: the
// owner replaces it in the console with the organization instance.
func (s *instanceStep) judge(ctx context.Context, inst Instance) (step.Inspection, error) {
	org, err := ReadOrganization(ctx, s.env.AWS.Organizations, s.env.Identity.Account)
	if err != nil {
		return step.Inspection{}, err
	}
	if inst.OrganizationInstance(org) {
		return instanceFound(inst), nil
	}
	in := s.enable(inst.Region)
	in.Facts = []step.Fact{{Label: "Region", Value: inst.Region},
		{Label: "Instance", Value: inst.ARN + ": an account instance", Good: step.No()}}
	in.Detail = accountInstanceDetail(inst, org)
	in.Outputs = nil
	in.Console.Instructions = append([]string{
		"This account's Identity Center (" + inst.ARN + ") is an account instance: it serves applications, but can't give people access to AWS accounts. " +
			"In the IAM Identity Center console in " + inst.Region + ", open Settings and delete it (its users and application assignments go with it)."},
		in.Console.Instructions...)
	in.Console.Work = "replace the account instance of IAM Identity Center in " + inst.Region +
		" with the organization instance: delete it in the console's Settings, then enable Identity Center with AWS Organizations"
	return in, nil
}

// accountInstanceDetail says why an account instance does not meet the step.
func accountInstanceDetail(inst Instance, org *Organization) string {
	where := "this account is in no organization"
	if org != nil {
		where = "the organization's instance would be owned by its management account, " + org.ManagementAccount
	}
	return fmt.Sprintf("The Identity Center instance in %s (%s) is an account instance, owned by %s: it can't give people "+
		"access to AWS accounts, and %s.", inst.Region, inst.ARN, inst.Owner, where)
}

// instanceFound is the inspection of an instance that is there.
func instanceFound(inst Instance) step.Inspection {
	return step.Inspection{
		Holds: true,
		Facts: []step.Fact{
			{Label: "Region", Value: inst.Region},
			{Label: "Instance", Value: inst.ARN, Good: step.Yes()},
			{Label: "Access portal", Value: inst.PortalURL()},
		},
		Detail:  fmt.Sprintf("IAM Identity Center is enabled in %s: %s.", inst.Region, inst.ARN),
		Outputs: inst.outputs(),
	}
}

func (s *instanceStep) questions(step.Inspection) *step.Form {
	return step.NewForm(step.Group{Fields: []step.Field{&step.Input{
		Common: step.Common{Title: "Identity Center Region",
			Description: "Where Identity Center keeps its users, groups and settings. It is hard to move later: " +
				"that means deleting the instance and setting up users, permission sets and assignments again."},
		Value: &s.region, Validate: ValidateRegion,
	}}})
}

// revise is the inspection for the Region chosen: the one read already, or the console
// work in another, whose first check finds an instance that is there already.
func (s *instanceStep) revise(in step.Inspection) step.Inspection {
	if s.region == s.inspected {
		return in
	}
	return s.enable(s.region)
}

// enable is the console work that enables the organization instance in region, and the
// check of ListInstances there that reports how long it has been looking.
func (s *instanceStep) enable(region string) step.Inspection {
	env := s.env
	member := env.Saved.Resource(string(stepOrganization), "continued_as") == continuedAsMember
	instructions := []string{
		"Sign in to the AWS console as this account (" + env.Identity.Account + ") and open the IAM Identity Center page below; check that the Region selector shows " + region + ".",
		"Choose Enable. If asked, choose to enable it with AWS Organizations (the organization instance), not an account instance: only the organization instance can give access to AWS accounts.",
		"Wait until the dashboard shows the AWS access portal URL (a minute or two).",
	}
	work := enableWork(region)
	if member {
		instructions = []string{
			"This account is a member account: only the management account can enable Identity Center. Ask its owner to enable it in " + region + " and to register this account as the delegated administrator for IAM Identity Center.",
			"Once that is done, Identity Center shows up here.",
		}
		work = "ask the owner of the management account to enable IAM Identity Center in " + region +
			" and to register this account as its delegated administrator"
	}
	var mu sync.Mutex
	checks, started := 0, env.Now()
	check := func(ctx context.Context) (step.Inspection, error) {
		inst, ok, err := FindInstance(ctx, env.AWS.SSOAdmin(region), region)
		mu.Lock()
		defer mu.Unlock()
		checks++
		switch {
		case err != nil:
			return step.Inspection{}, err
		case ok:
			found, err := s.judge(ctx, inst)
			if err == nil && found.Holds {
				found.Detail = "enabled in " + region + ": " + inst.ARN
			}
			return found, err
		}
		times := "once"
		if checks > 1 {
			times = fmt.Sprintf("%d times", checks)
		}
		return step.Inspection{Detail: fmt.Sprintf("no Identity Center instance in %s yet; checked %s in %s",
			region, times, env.Now().Sub(started).Round(time.Second))}, nil
	}
	return step.Inspection{
		Facts:   []step.Fact{{Label: "Region", Value: region}, {Label: "Instance", Value: "none yet", Good: step.No()}},
		Detail:  "Identity Center is not enabled in " + region + ".",
		Outputs: InstanceOutputs{Region: region}, // kept while the run waits, so every later run looks there
		Console: &step.Guide{
			Instructions: instructions,
			Link:         consoleLink(region),
			Action:       step.ConsoleAction{Region: region},
			Check:        check,
			PollFor:      enablePollFor,
			Work:         work,
		},
	}
}
