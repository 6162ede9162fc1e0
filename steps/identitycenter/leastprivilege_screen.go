package identitycenter

import (
	"context"
	"strings"

	"github.com/charmbracelet/huh"

	"github.com/firstrun/firstrun/awsclient"
	"github.com/firstrun/firstrun/steps/step"
)

// noDailyAccess is the choice of making none.
const noDailyAccess = -1

// LeastPrivilegeScreen offers a lesser-privileged permission set for daily work, with a
// group and its assignment, or records why the operator does without one.
func LeastPrivilegeScreen(env *step.Env, def step.Definition) step.Screen {
	if s := gate(env, def); s != nil {
		return s
	}
	choices := DailyAccessChoices()
	choice := dailyAccessPrefill(env, choices)
	duration := dailyAccessDuration(env)
	reason := "only the administrator works in this account for now"

	t := step.NewTask(env, def)
	t.Intro = "Least privilege means giving each person only the permissions their work needs. A mistake or a " +
		"stolen session can then do only that much damage.\n\n" +
		"So keep AdministratorAccess for the rare administrative task, and use a lesser permission set from day to " +
		"day. To tighten it later, IAM Access Analyzer can generate a policy from what was actually used."
	t.ConfirmLabel = "create it"
	t.Working = &step.Status{}
	var inst Instance
	t.Inspect = func(ctx context.Context) (step.Inspection, error) {
		var err error
		if inst, err = LoadInstance(ctx, env.Base()); err != nil {
			return step.Inspection{}, err
		}
		return inspectDailyAccess(ctx, env, inst, withGroup(env, choices[max(choice, 0)]), duration)
	}
	t.Form = func(step.Inspection) *huh.Form {
		options := make([]huh.Option[int], 0, len(choices)+1)
		for i, d := range choices {
			options = append(options, huh.NewOption(d.Label, i))
		}
		options = append(options, huh.NewOption("None for now: skip, and record why", noDailyAccess))
		return huh.NewForm(
			huh.NewGroup(huh.NewSelect[int]().Title("Permission set for daily work").Options(options...).Value(&choice).Height(8)),
			huh.NewGroup(huh.NewInput().Title("Session duration").Value(&duration).Validate(ValidateSessionDuration).
				Description("ISO 8601, from PT1H to PT12H")).
				WithHideFunc(func() bool { return choice == noDailyAccess }),
			huh.NewGroup(huh.NewInput().Title("Why not now?").Value(&reason).Validate(ValidateName("reason", false)).
				Description("Recorded in the summary and the report")).
				WithHideFunc(func() bool { return choice != noDailyAccess }),
		)
	}
	t.Revise = func(found step.Inspection) step.Inspection {
		if choice != noDailyAccess {
			found.Changes = dailyAccessChanges(withGroup(env, choices[choice]), duration)
		}
		return found
	}
	t.Decline = func() string {
		if choice != noDailyAccess {
			return ""
		}
		return "no lesser permission set for daily work: " + strings.TrimSpace(reason)
	}
	t.Apply = func(ctx context.Context) (map[string]string, error) {
		member := ""
		if u, err := adminUser(ctx, env, inst); err == nil {
			member = u.ID
		}
		made, err := EnsureDailyAccess(ctx, env.AWS.SSOAdmin(inst.Region), env.AWS.IdentityStore(inst.Region), inst, DailyAccessRequest{
			Access: withGroup(env, choices[choice]), SessionDuration: duration, MemberID: member, AccountID: env.Identity.Account,
		}, Waiter{Report: t.Working.Set})
		if err != nil {
			return nil, err
		}
		made["session_duration"] = duration
		return made, nil
	}
	return t
}

// dailyAccessPrefill is the choice the form starts on: the permission set the checkpoint
// records, else the one the answers file names, else the first.
func dailyAccessPrefill(env *step.Env, choices []DailyAccess) int {
	name := saved(env).Resource(string(stepLeastPrivilege), "permission_set_name")
	if name == "" {
		answer := env.Answers.LeastPrivilege.Policy
		if strings.EqualFold(answer, noDailyAccessAnswer) {
			return noDailyAccess
		}
		d, _ := dailyAccessAnswer(answer)
		name = d.Name
	}
	for i, d := range choices {
		if d.Name == name {
			return i
		}
	}
	return 0
}

// dailyAccessChanges says what EnsureDailyAccess does for d.
func dailyAccessChanges(d DailyAccess, duration string) []string {
	return []string{
		"Create permission set " + d.Name + " with the AWS managed policy " + d.Policy + " and sessions of " + duration +
			" (sso:CreatePermissionSet), unless it exists",
		"Create group " + d.Group + " and put your administrator in it (identitystore:CreateGroup, CreateGroupMembership)",
		"Assign group " + d.Group + " the permission set in this account, and wait for AWS (sso:CreateAccountAssignment)",
	}
}

// inspectDailyAccess reports whether d's permission set, group and assignment exist.
func inspectDailyAccess(ctx context.Context, env *step.Env, inst Instance, d DailyAccess, duration string) (step.Inspection, error) {
	s, err := readDailyAccess(ctx, env, inst, d, "")
	if err != nil {
		return step.Inspection{}, err
	}
	changes := dailyAccessChanges(d, duration)
	if !s.psFound {
		return step.Inspection{Facts: []step.Fact{{Label: "Daily-work permission set", Value: "none yet", Good: step.No()}}, Changes: changes}, nil
	}
	psCheck := inspectPermissionSet(d.spec(duration, awsclient.PartitionOf(inst.ARN)), s.ps, true)
	hasGroup := s.groupID != ""
	facts := append(append([]step.Fact{}, psCheck.Facts...),
		step.Fact{Label: "Group " + d.Group, Value: yesNo(hasGroup), Good: good(hasGroup)},
		step.Fact{Label: "Assigned in this account", Value: yesNo(s.assigned), Good: good(s.assigned)})
	in := step.Inspection{Facts: facts, Satisfied: psCheck.Satisfied && hasGroup && s.assigned, Changes: changes}
	if in.Satisfied {
		in.Resources = permissionSetResources(s.ps)
		in.Resources["group_name"], in.Resources["group_id"], in.Resources["policy_arn"] = d.Group, s.groupID, d.PolicyARN(awsclient.PartitionOf(inst.ARN))
	}
	return in, nil
}
