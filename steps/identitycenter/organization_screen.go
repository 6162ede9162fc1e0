package identitycenter

import (
	"context"
	"fmt"

	"github.com/charmbracelet/huh"

	"github.com/firstrun/firstrun/answers"
	"github.com/firstrun/firstrun/steps/step"
)

// What the operator chooses on the Organization screen.
const (
	orgCreate   = "create"
	orgContinue = "continue"
	orgSkip     = "skip"
)

// OrganizationScreen makes this account the management account of a new organization, or
// says what an existing one means for Identity Center.
func OrganizationScreen(env *step.Env, def step.Definition) step.Screen {
	if s := gate(env, def); s != nil {
		return s
	}
	account := env.Identity.Account
	t := step.NewTask(env, def)
	t.Intro = "IAM Identity Center, where your administrator will sign in, works across an AWS organization: " +
		"accounts managed together from one of them, the management account. A standalone account gets an " +
		"organization of its own, with itself as the management account; nothing else changes: no other " +
		"account joins, and billing stays where it is."
	t.ConfirmLabel = "create the organization"
	var org *Organization
	choice := orgCreate
	t.Inspect = func(ctx context.Context) (step.Inspection, error) {
		found, err := ReadOrganization(ctx, env.AWS.Organizations, account)
		if err != nil {
			return step.Inspection{}, err
		}
		org = found
		return organizationInspection(found, env.Store.Document().Resource(string(def.ID), "continued_as")), nil
	}
	t.Form = func(step.Inspection) *huh.Form {
		choice = organizationPrefill(env.Answers.Organization, org)
		if org == nil {
			return huh.NewForm(huh.NewGroup(organizationChoice(org, &choice)))
		}
		return huh.NewForm(huh.NewGroup(huh.NewNote().Title("What this means").Description(stopReason(org)),
			organizationChoice(org, &choice)))
	}
	t.Decline = func() string {
		if choice != orgSkip {
			return ""
		}
		if org == nil {
			return "the operator kept this account out of any organization, so it can't use IAM Identity Center"
		}
		return stopReason(org)
	}
	t.Apply = func(ctx context.Context) (map[string]string, error) {
		if org != nil { // going on with an organization that exists: nothing to change
			return map[string]string{"organization_id": org.ID, "management_account": org.ManagementAccount,
				"continued_as": continuedAs(org)}, nil
		}
		made, err := CreateOrganization(ctx, env.AWS.Organizations, account)
		if err != nil {
			return nil, err
		}
		return organizationResources(made), nil
	}
	return t
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

func organizationInspection(org *Organization, continuedAs string) step.Inspection {
	if org == nil {
		return step.Inspection{
			Facts: []step.Fact{{Label: "Organization", Value: "none: this is a standalone account", Good: step.No()}},
			Changes: []string{
				"Create an organization with all features (organizations:CreateOrganization, FeatureSet ALL)",
				"This account becomes its management account; you can invite or create member accounts later",
			},
		}
	}
	res := organizationResources(org)
	facts := []step.Fact{{Label: "Organization", Value: org.ID}}
	switch {
	case org.Manages:
		facts = append(facts, step.Fact{Label: "Management account", Value: org.ManagementAccount + " (this account)", Good: step.Yes()})
	default:
		facts = append(facts, step.Fact{Label: "Management account", Value: org.ManagementAccount + " (not this account)", Good: step.No()})
	}
	features := "all features"
	if !org.AllFeatures {
		features = "consolidated billing only (Identity Center needs all features)"
	}
	facts = append(facts, step.Fact{Label: "Feature set", Value: features, Good: good(org.AllFeatures)})
	in := step.Inspection{Facts: facts, Resources: res}
	switch {
	case org.Manages && org.AllFeatures:
		in.Satisfied = true
	case continuedAs != "":
		in.Satisfied, res["continued_as"] = true, continuedAs
		in.Note = "You chose to go on as " + continuedAs + "."
	default:
		in.Note = stopReason(org)
		in.Changes = []string{"Nothing changes in AWS: firstrun notes that you go on, and the next step looks for " +
			"the organization's Identity Center instance"}
	}
	return in
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

// continuedAsMember is what the organization step records when a member account goes on.
const continuedAsMember = "a member account"

func continuedAs(org *Organization) string {
	if !org.Manages {
		return continuedAsMember
	}
	return "an organization with consolidated billing only"
}

func organizationChoice(org *Organization, choice *string) *huh.Select[string] {
	s := huh.NewSelect[string]().Value(choice)
	if org == nil {
		return s.Title("Create the organization?").Options(
			huh.NewOption("Create it, with this account as the management account", orgCreate),
			huh.NewOption("Not now: skip the Identity Center steps", orgSkip),
		)
	}
	if !org.Manages {
		return s.Title("Go on with the Identity Center steps?").Options(
			huh.NewOption("Stop: skip them (the management account's owner sets up Identity Center)", orgSkip),
			huh.NewOption("Go on: this account is Identity Center's delegated administrator", orgContinue),
		)
	}
	return s.Title("Go on with the Identity Center steps?").Options(
		huh.NewOption("Stop: skip them until all features are enabled", orgSkip),
		huh.NewOption("Go on: I have enabled all features in the console", orgContinue),
	)
}
