package identitycenter

import (
	"context"

	step "github.com/firstrun/firstrun/steps/core"
)

// SourceOutputs are what the identity-source step records.
type SourceOutputs struct {
	Source string `json:"source,omitempty"`
}

// IdentitySourceFlow records where Identity Center's users come from. AWS has no public
// API that reads the identity source (neither sso-admin DescribeInstance nor identitystore
// DescribeIdentityStore returns it), so the step records the operator's choice, or the
// answers file's, as their word; the audit leaves it to a person. The default, the
// Identity Center directory, needs no change; connecting Active Directory or an external
// identity provider is console work that replaces the directory's users, so firstrun only
// records the choice and leaves the user and group steps to that source.
func IdentitySourceFlow(env step.Env) *step.Flow {
	s := &sourceStep{env: env, region: flowRegion(env)}
	return &step.Flow{
		Intro: "Identity Center keeps its own directory of users and groups, and that is what firstrun sets up next. " +
			"If your organization already signs people in with Active Directory or another identity provider, you can " +
			"connect it instead (in the console, under Settings › Identity source): users and groups then come from " +
			"there, and firstrun skips making them here.",
		Inspect:   s.inspect,
		Questions: s.questions,
		Revise:    s.revise,
	}
}

// sourceStep is the step's state between the Flow's calls.
type sourceStep struct {
	env       step.Env
	region    string
	source    Source
	elsewhere bool
}

func (s *sourceStep) inspect(ctx context.Context) (step.Inspection, error) {
	_, found, err := FindInstance(ctx, s.env.AWS.SSOAdmin(s.region), s.region)
	if err != nil {
		return step.Inspection{}, err
	}
	if !found { // the choice is still the operator's to record; the audit finds nothing to look at
		return step.Inspection{Detail: "Identity Center is not enabled in " + s.region + "."}, nil
	}
	return step.Inspection{
		Detail: "AWS offers no API that reads the identity source: see Settings, Identity source, in the IAM " +
			"Identity Center console in " + s.region + ".",
		Console: &step.Guide{
			Instructions: []string{"Open IAM Identity Center in " + s.region + " and go to Settings, tab Identity source."},
			Link:         consoleLink(s.region),
			Work:         "say where Identity Center's users come from in the wizard",
		},
	}, nil
}

func (s *sourceStep) questions(step.Inspection) *step.Form {
	answer := firstOf(s.env.Saved.Resource(string(stepIdentitySource), "source"), s.env.Answers.IdentityCenter.IdentitySource)
	source, answered := sourceAnswer(answer)
	if !answered {
		source = SourceDirectory
	}
	s.source, s.elsewhere = source, true
	sel := &step.Select{
		Common: step.Common{Title: "Where will your people's sign-ins come from?",
			Description: "Changing the source later deletes the users and groups made in the directory, and their assignments."},
		Value: (*string)(&s.source),
		Options: []step.Option{
			{Label: "The Identity Center directory (recommended for a new account)", Value: string(SourceDirectory)},
			{Label: "Active Directory (AWS Managed Microsoft AD or AD Connector)", Value: string(SourceActiveDirectory)},
			{Label: "An external identity provider (Okta, Microsoft Entra ID, Google Workspace…)", Value: string(SourceExternal)},
		},
	}
	if !answered {
		sel.Wait = "say where Identity Center's users come from: set identity_center.identity_source " +
			"(directory, active-directory or external) in the answers file"
	}
	return step.NewForm(step.Group{Fields: []step.Field{sel}}, step.Group{
		Fields: []step.Field{&step.Confirm{
			Common: step.Common{Title: "Leave the administrator to that source?",
				Description: "Users and groups will come from the source you connect in the console. firstrun then skips the " +
					"administrator user, the Admins group and its assignment: make them there, then assign the group in " +
					"the Identity Center console. Connecting the source also removes the users already in the directory."},
			Value: &s.elsewhere, Affirmative: "Yes, skip making users here", Negative: "No, keep the directory",
		}},
		Hide: func() bool { return s.source == SourceDirectory },
	})
}

// revise records the choice: the operator's word, which AWS offers no way to check.
func (s *sourceStep) revise(in step.Inspection) step.Inspection {
	source := s.source
	if !s.elsewhere {
		source = SourceDirectory
	}
	rec := sourceRecord(source)
	note := "AWS offers no API that reads the identity source, so firstrun records your choice."
	if source != SourceDirectory {
		note += " Connect " + source.Label() + " in the IAM Identity Center console, under Settings › Identity source."
	}
	return step.Inspection{
		Facts:  []step.Fact{{Label: "Identity source", Value: source.Label()}},
		Note:   note,
		Detail: in.Detail,
		Settle: &rec,
	}
}
