package identitycenter

import (
	"context"
	"fmt"

	"github.com/firstrun/firstrun/answers"
	"github.com/firstrun/firstrun/steps/checkpoint"
	step "github.com/firstrun/firstrun/steps/core"
)

// What the operator chooses on the organization step.
const (
	orgCreate   = "create"
	orgContinue = "continue"
	orgSkip     = "skip"
)

// What organization.member_account may say.
const (
	memberStop     = "stop"
	memberContinue = "continue"
)

// continuedAsMember is what the organization step records when a member account goes on.
const continuedAsMember = "a member account"

// OrganizationOutputs are what the organization step records.
type OrganizationOutputs struct {
	OrganizationID    string `json:"organization_id,omitempty"`
	ManagementAccount string `json:"management_account,omitempty"`
	// ContinuedAs says how the chapter goes on in an organization this account can't use
	// for Identity Center by itself: "a member account".
	ContinuedAs string `json:"continued_as,omitempty"`
}

const organizationIntro = "IAM Identity Center, where your administrator will sign in, works across an AWS " +
	"organization: accounts managed together from one of them, the management account. A standalone account gets " +
	"an organization of its own, with itself as the management account; nothing else changes: no other account " +
	"joins, and billing stays where it is."

// OrganizationFlow makes this account the management account of a new organization, or
// says what an existing one means for Identity Center. Creating an organization makes
// this account the management account of others to come, so a run without a person
// creates one only when the answers file says organization.create: true; a member account
// goes on only with organization.member_account: continue.
func OrganizationFlow(env step.Env) *step.Flow {
	o := &organizationStep{env: env, continued: env.Saved.Resource(string(stepOrganization), "continued_as")}
	return &step.Flow{
		Intro:        organizationIntro,
		Inspect:      o.inspect,
		Questions:    o.questions,
		AskAlways:    true, // a member account's goal holds in AWS, but going on is the operator's call
		Revise:       func(step.Inspection) step.Inspection { return o.judge() },
		Decline:      o.decline,
		Apply:        o.apply,
		ConfirmLabel: "create the organization",
	}
}

// organizationStep is the step's state between the Flow's calls.
type organizationStep struct {
	env step.Env
	org *Organization // as last read; nil for none
	// continued is how an earlier run chose to go on in an organization this account can't
	// use by itself; "" when it did not.
	continued string
	choice    string
	asked     bool
}

func (o *organizationStep) inspect(ctx context.Context) (step.Inspection, error) {
	org, err := ReadOrganization(ctx, o.env.AWS.Organizations, o.env.Identity.Account)
	if err != nil {
		return step.Inspection{}, err
	}
	o.org = org
	return o.judge(), nil
}

// judge says where the step stands with the organization last read and, once asked, the
// operator's choice; it reads nothing.
func (o *organizationStep) judge() step.Inspection {
	org := o.org
	if org == nil {
		return step.Inspection{
			Facts:  []step.Fact{{Label: "Organization", Value: "none: this is a standalone account", Good: step.No()}},
			Detail: "This account belongs to no organization, which IAM Identity Center needs.",
			Changes: []step.Change{{Service: "organizations", Operation: "CreateOrganization", Resource: "organization",
				Params: []step.Param{{Name: "FeatureSet", Value: "ALL"}, {Name: "ManagementAccount", Value: o.env.Identity.Account}},
				Say:    "Create an organization with all features (organizations:CreateOrganization, FeatureSet ALL)",
				Detail: "This account becomes its management account; you can invite or create member accounts later"}},
		}
	}
	facts := []step.Fact{{Label: "Organization", Value: org.ID}}
	if org.Manages {
		facts = append(facts, step.Fact{Label: "Management account", Value: org.ManagementAccount + " (this account)", Good: step.Yes()})
	} else {
		facts = append(facts, step.Fact{Label: "Management account", Value: org.ManagementAccount + " (not this account)", Good: step.No()})
	}
	features := "all features"
	if !org.AllFeatures {
		features = "consolidated billing only (Identity Center needs all features)"
	}
	facts = append(facts, step.Fact{Label: "Feature set", Value: features, Good: step.GoodIf(org.AllFeatures)})
	in := step.Inspection{Facts: facts, Outputs: organizationOutputs(org), Holds: org.AllFeatures}
	switch {
	case !org.AllFeatures:
		in.Detail = fmt.Sprintf("Organization %s has consolidated billing only; IAM Identity Center needs all features.", org.ID)
	case org.Manages:
		in.Detail = fmt.Sprintf("Organization %s has all features, with this account as its management account.", org.ID)
		return in
	default:
		in.Detail = fmt.Sprintf("This account is a member of organization %s (all features), managed from account %s.",
			org.ID, org.ManagementAccount)
	}
	// An organization this account can't use for Identity Center by itself: the operator
	// goes on (now or in an earlier run), or the step stops.
	continued := o.continued
	if o.asked && o.choice == orgContinue {
		continued = continuedAs(org)
	}
	if continued == "" {
		in.Note = stopReason(org)
		return in
	}
	out := organizationOutputs(org)
	out.ContinuedAs = continued
	in.Outputs = out
	in.Note = "You chose to go on as " + continued + ". Nothing changes in AWS: firstrun notes that you go on, and the " +
		"next step looks for the organization's Identity Center instance."
	in.Settle = &checkpoint.StepRecord{Outcome: checkpoint.Confirmed, Reason: continuedReason(org)}
	return in
}

// continuedReason is the outcome's reason when the chapter goes on in an organization
// this account can't use by itself.
func continuedReason(org *Organization) string {
	if !org.Manages {
		return "this account goes on as Identity Center's delegated administrator (organization.member_account: continue)"
	}
	return "the operator says all features are enabled in organization " + org.ID + "; AWS does not show it yet"
}

func (o *organizationStep) questions(step.Inspection) *step.Form {
	org := o.org
	switch {
	case org != nil && org.Manages && org.AllFeatures, org != nil && o.continued != "":
		return nil // nothing to decide
	}
	o.asked = true
	a := o.env.Answers.Organization
	o.choice = organizationPrefill(a, org)
	sel := &step.Select{Value: &o.choice}
	switch {
	case org == nil:
		sel.Title = "Create the organization?"
		sel.Options = []step.Option{
			{Label: "Create it, with this account as the management account", Value: orgCreate},
			{Label: "Not now: skip the Identity Center steps", Value: orgSkip},
		}
		if a.Create == nil {
			sel.Wait = "confirm that this account becomes the management account of a new organization: set " +
				"organization.create: true in the answers file"
		}
		return step.NewForm(step.Group{Fields: []step.Field{sel}})
	case !org.Manages:
		sel.Title = "Go on with the Identity Center steps?"
		sel.Options = []step.Option{
			{Label: "Stop: skip them (the management account's owner sets up Identity Center)", Value: orgSkip},
			{Label: "Go on: this account is Identity Center's delegated administrator", Value: orgContinue},
		}
		if a.MemberAccount == "" {
			sel.Wait = "say whether this member account of " + org.ID + " goes on with Identity Center: set " +
				"organization.member_account to stop or continue in the answers file"
		}
	default:
		sel.Title = "Go on with the Identity Center steps?"
		sel.Options = []step.Option{
			{Label: "Stop: skip them until all features are enabled", Value: orgSkip},
			{Label: "Go on: I have enabled all features in the console", Value: orgContinue},
		}
		sel.Wait = stopReason(org) // only a person can say they enabled them
	}
	note := &step.Note{Common: step.Common{Title: "What this means", Description: stopReason(org)}}
	return step.NewForm(step.Group{Fields: []step.Field{note, sel}})
}

// organizationPrefill is the choice the form starts on: what the answers file says, else
// creating an organization when there is none and stopping when this account can't use
// the one there is.
func organizationPrefill(a answers.Organization, org *Organization) string {
	switch {
	case org == nil && answers.False(a.Create):
		return orgSkip
	case org == nil:
		return orgCreate
	case !org.Manages && a.MemberAccount == memberContinue:
		return orgContinue
	}
	return orgSkip
}

func (o *organizationStep) decline() string {
	if !o.asked || o.choice != orgSkip {
		return ""
	}
	if o.org == nil {
		return "this account stays out of any organization, so it can't use IAM Identity Center"
	}
	return stopReason(o.org)
}

func (o *organizationStep) apply(ctx context.Context, _ *step.Act) (step.Outputs, error) {
	if o.org != nil { // an organization exists: nothing to change
		return organizationOutputs(o.org), nil
	}
	made, err := CreateOrganization(ctx, o.env.AWS.Organizations, o.env.Identity.Account)
	if err != nil {
		return nil, err
	}
	return organizationOutputs(made), nil
}

// stopReason says what an organization this account can't use for Identity Center means.
func stopReason(org *Organization) string {
	if !org.Manages {
		return fmt.Sprintf("This account is a member of organization %s. Its IAM Identity Center instance lives in the "+
			"management account, %s: this account can't enable it, and its users and permissions are managed there "+
			"(or from an account it made the delegated administrator).", org.ID, org.ManagementAccount)
	}
	return fmt.Sprintf("Organization %s has only consolidated billing. IAM Identity Center needs all features: enable "+
		"them in the AWS Organizations console (Settings); every invited member account must approve.", org.ID)
}

func continuedAs(org *Organization) string {
	if !org.Manages {
		return continuedAsMember
	}
	return "an organization with consolidated billing only"
}

func organizationOutputs(org *Organization) OrganizationOutputs {
	return OrganizationOutputs{OrganizationID: org.ID, ManagementAccount: org.ManagementAccount}
}
