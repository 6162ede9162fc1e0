package identitycenter

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"

	"github.com/aws/aws-sdk-go-v2/service/ssoadmin/types"

	"github.com/firstrun/firstrun/awsclient"
	step "github.com/firstrun/firstrun/steps/core"
)

const leastPrivilegeIntro = "Least privilege means giving each person only the permissions their work needs. A " +
	"mistake or a stolen session can then do only that much damage.\n\n" +
	"So keep AdministratorAccess for the rare administrative task, and use a lesser permission set from day to " +
	"day. To tighten it later, IAM Access Analyzer can generate a policy from what was actually used."

// LeastPrivilegeOutputs are what the least-privilege step records.
type LeastPrivilegeOutputs struct {
	PermissionSetName string `json:"permission_set_name,omitempty"`
	PermissionSetARN  string `json:"permission_set_arn,omitempty"`
	SessionDuration   string `json:"session_duration,omitempty"`
	PolicyARN         string `json:"policy_arn,omitempty"`
	GroupName         string `json:"group_name,omitempty"`
	GroupID           string `json:"group_id,omitempty"`
	MembershipID      string `json:"membership_id,omitempty"`
}

// LeastPrivilegeFlow offers a lesser-privileged permission set for daily work
// (least_privilege.policy), with a group that has the administrator in it and its
// assignment in this account, or records why the operator does without one
// (least_privilege.policy: none). The audit passes on any permission set whose AWS managed
// policies stop short of AdministratorAccess assigned to a group in this account; with no
// checkpoint at all (an audit, a first plan), the answers file's none means the step is
// not run. A run, which has a checkpoint, judges the permission set chosen.
func LeastPrivilegeFlow(env step.Env) *step.Flow {
	s := newLeastPrivilegeStep(env)
	return &step.Flow{
		Intro:        leastPrivilegeIntro,
		Inspect:      s.inspect,
		Questions:    s.questions,
		Decline:      s.decline,
		Apply:        s.apply,
		ConfirmLabel: "create it",
	}
}

// leastPrivilegeStep is the step's state between the Flow's calls.
type leastPrivilegeStep struct {
	env step.Env
	// choice is the answer that names the daily access (its policy's path), or
	// noDailyAccessAnswer; chosen says an earlier run or the answers file chose it.
	choice   string
	chosen   bool
	duration string
	reason   string
	inst     Instance
	// last is the inspection of lastKey, reused while nothing was applied since.
	last    *step.Inspection
	lastKey string
	// admin is the administrator as the last read found them: Apply and the read that
	// verifies it need not find them again.
	admin *User
}

func newLeastPrivilegeStep(env step.Env) *leastPrivilegeStep {
	s := &leastPrivilegeStep{env: env, choice: DailyAccessChoices()[0].answer(),
		duration: savedOr(env, stepLeastPrivilege, "session_duration", firstOf(env.Answers.LeastPrivilege.SessionDuration, DefaultSessionDuration)),
		reason:   "only the administrator works in this account for now"}
	answer := env.Answers.LeastPrivilege.Policy
	if name := env.Saved.Resource(string(stepLeastPrivilege), "permission_set_name"); name != "" {
		for _, d := range DailyAccessChoices() {
			if d.Name == name {
				s.choice, s.chosen = d.answer(), true
			}
		}
	} else if strings.EqualFold(answer, noDailyAccessAnswer) {
		s.choice, s.chosen = noDailyAccessAnswer, true
		s.reason = "the answers file says least_privilege.policy: none"
	} else if d, ok := dailyAccessAnswer(answer); ok {
		s.choice, s.chosen = d.answer(), true
	}
	return s
}

// access is the daily access chosen, with the group the checkpoint records, else the one
// the answers file names, else its own; false for none.
func (s *leastPrivilegeStep) access() (DailyAccess, bool) {
	d, ok := dailyAccessAnswer(s.choice)
	if !ok {
		return DailyAccess{}, false
	}
	d.Group = savedOr(s.env, stepLeastPrivilege, "group_name", firstOf(s.env.Answers.LeastPrivilege.Group, d.Group))
	return d, true
}

func (s *leastPrivilegeStep) inspect(ctx context.Context) (step.Inspection, error) {
	if len(s.env.Saved.Steps) == 0 && strings.EqualFold(s.env.Answers.LeastPrivilege.Policy, noDailyAccessAnswer) {
		return step.Inspection{Skip: "The answers file says least_privilege.policy: none."}, nil
	}
	d, ok := s.access()
	key := s.choice + " " + s.duration + " " + d.Group
	if s.last != nil && s.lastKey == key {
		return *s.last, nil
	}
	in, err := s.read(ctx, d, ok)
	if err == nil {
		s.last, s.lastKey = &in, key
	}
	return in, err
}

// read inspects what AWS has of daily access d (none when !ok).
func (s *leastPrivilegeStep) read(ctx context.Context, d DailyAccess, ok bool) (step.Inspection, error) {
	member := userNameIn(s.env)
	inst, off, err := adminStart(ctx, s.env, stepLeastPrivilege)
	if off != nil || err != nil {
		if off != nil && off.Skip == "" && ok {
			off.Changes = dailyAccessState{}.changeList(d, s.duration, member, s.env.Identity.Partition(), s.env.Identity.Account)
		}
		return derefInspection(off), err
	}
	s.inst = inst
	var in step.Inspection
	if ok {
		st, err := readDaily(ctx, s.env, inst, d, member, s.admin)
		if err != nil {
			return step.Inspection{}, err
		}
		if st.user.ID != "" {
			s.admin = &st.user
		}
		if st.memberMissing && !s.env.Plans("identitystore", "CreateUser") {
			member = "" // no administrator to put in the group: it starts empty
		}
		in = st.inspection(d, s.duration, member, inst, s.env.Identity.Account)
	}
	// Without a checkpoint (an audit), the check passes on any daily access; a run judges
	// the one chosen.
	if !in.Holds && len(s.env.Saved.Steps) == 0 {
		daily, err := findDailyAccess(ctx, s.env.AWS.SSOAdmin(inst.Region), inst, s.env.Identity.Account)
		if err != nil {
			return step.Inspection{}, err
		}
		in.Holds = daily != nil
		in.Detail = dailyAccessDetail(daily, s.env.Identity.Account)
	}
	return in, nil
}

func (s *leastPrivilegeStep) questions(step.Inspection) *step.Form {
	choices := DailyAccessChoices()
	options := make([]step.Option, 0, len(choices)+1)
	for _, d := range choices {
		options = append(options, step.Option{Label: d.Label, Value: d.answer()})
	}
	options = append(options, step.Option{Label: "None for now: skip, and record why", Value: noDailyAccessAnswer})
	sel := &step.Select{Common: step.Common{Title: "Permission set for daily work"}, Value: &s.choice, Options: options, Height: 8}
	if !s.chosen {
		sel.Wait = "choose the permission set for daily work: set least_privilege.policy to one of " +
			dailyAccessAnswers() + " in the answers file"
	}
	none := func() bool { return s.choice == noDailyAccessAnswer }
	return step.NewForm(
		step.Group{Fields: []step.Field{sel}},
		step.Group{Hide: none, Fields: []step.Field{
			&step.Input{Common: step.Common{Title: "Session duration", Description: "ISO 8601, from PT1H to PT12H"},
				Value: &s.duration, Validate: ValidateSessionDuration},
		}},
		step.Group{Hide: func() bool { return !none() }, Fields: []step.Field{
			&step.Input{Common: step.Common{Title: "Why not now?", Description: "Recorded in the summary and the report"},
				Value: &s.reason, Validate: ValidateName("reason", false)},
		}},
	)
}

func (s *leastPrivilegeStep) decline() string {
	if s.choice != noDailyAccessAnswer {
		return ""
	}
	return "no lesser permission set for daily work: " + strings.TrimSpace(s.reason)
}

func (s *leastPrivilegeStep) apply(ctx context.Context, a *step.Act) (step.Outputs, error) {
	s.last = nil // what follows changes the account: read it again
	d, ok := s.access()
	if !ok {
		return nil, errors.New("no permission set for daily work was chosen")
	}
	inst, err := instanceFor(ctx, s.env, s.inst)
	if err != nil {
		return nil, err
	}
	member := ""
	if s.admin != nil && s.admin.UserName == userNameIn(s.env) {
		member = s.admin.ID
	} else {
		switch u, err := findAdmin(ctx, s.env, inst); {
		case err == nil:
			member, s.admin = u.ID, &u
		case !isMissing(err): // without an administrator, the group starts empty
			return nil, err
		}
	}
	// The choice is saved before anything is made for it, so a resumed run finishes it.
	if err := a.Progress(LeastPrivilegeOutputs{PermissionSetName: d.Name, GroupName: d.Group, SessionDuration: s.duration}); err != nil {
		return nil, err
	}
	made, err := EnsureDailyAccess(ctx, s.env.AWS.SSOAdmin(inst.Region), s.env.AWS.IdentityStore(inst.Region), inst, DailyAccessRequest{
		Access: d, SessionDuration: s.duration, MemberID: member, AccountID: s.env.Identity.Account,
	}, Waiter{Report: a.Status})
	if err != nil {
		return nil, err
	}
	made["session_duration"] = s.duration
	return step.Decode[LeastPrivilegeOutputs](made), nil
}

// dailyAccessState is what AWS has of a daily access.
type dailyAccessState struct {
	ps       PermissionSet
	psFound  bool
	groupID  string // "" when there is no such group
	member   bool   // the administrator is in the group
	assigned bool
	// memberMissing says the administrator named is not in the directory; user is them
	// when they are.
	memberMissing bool
	user          User
}

// readDaily reads what exists of d in this account; memberName, when set, is the user to
// look for in its group (known, when not nil, is that user as read already).
func readDaily(ctx context.Context, env step.Env, inst Instance, d DailyAccess, memberName string, known *User) (dailyAccessState, error) {
	var s dailyAccessState
	admin, store := env.AWS.SSOAdmin(inst.Region), env.AWS.IdentityStore(inst.Region)
	ps, found, err := FindPermissionSet(ctx, admin, inst.ARN, d.Name)
	if err != nil {
		return s, err
	}
	s.ps, s.psFound = ps, found
	var user User
	switch {
	case memberName == "":
	case known != nil && known.UserName == memberName:
		user = *known
	default:
		u, found, err := FindUser(ctx, store, inst.IdentityStoreID, memberName)
		if err != nil {
			return s, err
		}
		user, s.memberMissing = u, !found
	}
	s.user = user
	groupID, found, err := FindGroup(ctx, store, inst.IdentityStoreID, d.Group)
	if err != nil || !found {
		return s, err
	}
	s.groupID = groupID
	if user.ID != "" {
		if _, s.member, err = FindMembership(ctx, store, inst.IdentityStoreID, groupID, user.ID); err != nil {
			return s, err
		}
	}
	if s.psFound {
		s.assigned, err = HasAssignment(ctx, admin, inst.ARN, Assignment{AccountID: env.Identity.Account,
			PermissionSetARN: s.ps.ARN, PrincipalType: types.PrincipalTypeGroup, PrincipalID: groupID})
	}
	return s, err
}

// inspection shows what AWS has of d and lists what EnsureDailyAccess would change, with
// member ("" for none) put in the group.
func (s dailyAccessState) inspection(d DailyAccess, duration, member string, inst Instance, account string) step.Inspection {
	partition := awsclient.PartitionOf(inst.ARN)
	changes := s.changeList(d, duration, member, partition, account)
	if !s.psFound {
		return step.Inspection{Facts: []step.Fact{{Label: "Daily-work permission set", Value: "none yet", Good: step.No()}}, Changes: changes,
			Detail: fmt.Sprintf("There is no permission set %s.", d.Name)}
	}
	ps := permissionSetInspection(d.spec(duration, partition), s.ps, true)
	hasGroup := s.groupID != ""
	facts := append(slices.Clone(ps.Facts),
		step.Fact{Label: "Group " + d.Group, Value: yesNo(hasGroup), Good: good(hasGroup)},
		step.Fact{Label: "Assigned in this account", Value: yesNo(s.assigned), Good: good(s.assigned)})
	if member != "" && hasGroup {
		facts = append(facts, step.Fact{Label: "Members", Value: member + map[bool]string{true: " is in it", false: " is not in it"}[s.member], Good: good(s.member)})
	}
	in := step.Inspection{Facts: facts, Changes: changes,
		Detail: fmt.Sprintf("Group %s does not hold permission set %s, as firstrun makes it, in account %s.", d.Group, d.Name, account)}
	if ps.Holds && hasGroup && s.assigned {
		in.Holds = true
		in.Detail = dailyAccessDetail(&s.ps, account)
		in.Outputs = LeastPrivilegeOutputs{PermissionSetName: s.ps.Name, PermissionSetARN: s.ps.ARN, SessionDuration: s.ps.SessionDuration,
			PolicyARN: d.PolicyARN(partition), GroupName: d.Group, GroupID: s.groupID}
	}
	return in
}

// changeList are what EnsureDailyAccess does from s: the permission set, the group with
// member in it ("" for none) and the assignment in account.
func (s dailyAccessState) changeList(d DailyAccess, duration, member, partition, account string) []step.Change {
	changes := permissionSetChangeList(d.spec(duration, partition), s.ps, s.psFound)
	group := "group " + d.Group
	if s.groupID == "" {
		changes = append(changes, step.Change{Service: "identitystore", Operation: "CreateGroup", Resource: group,
			Say: "Create group " + d.Group})
	}
	if member != "" && !s.member {
		changes = append(changes, step.Change{Service: "identitystore", Operation: "CreateGroupMembership",
			Resource: "user " + member + " -> " + group, Say: "Put " + member + " in group " + d.Group})
	}
	if !s.assigned {
		changes = append(changes, step.Change{Service: "sso", Operation: "CreateAccountAssignment", Resource: group + " -> account " + account,
			Params: []step.Param{{Name: "PermissionSet", Value: d.Name}},
			Say:    "Assign group " + d.Group + " the permission set in this account, and wait for AWS"})
	}
	return changes
}

// findDailyAccess finds a permission set for daily work: one whose AWS managed policies
// stop short of AdministratorAccess, assigned to a group in account; nil when there is none.
func findDailyAccess(ctx context.Context, api awsclient.SSOAdminAPI, inst Instance, account string) (*PermissionSet, error) {
	var daily *PermissionSet
	err := visitPermissionSets(ctx, api, inst.ARN, func(ps PermissionSet) (bool, error) {
		policies, err := managedPolicies(ctx, api, inst.ARN, ps.ARN)
		if err != nil || len(policies) == 0 || slices.Contains(policies, AdministratorAccessPolicy(awsclient.PartitionOf(inst.ARN))) {
			return err == nil, err
		}
		toGroup, err := anyAssignment(ctx, api, inst.ARN, account, ps.ARN, func(a types.AccountAssignment) bool {
			return a.PrincipalType == types.PrincipalTypeGroup
		})
		if err != nil || !toGroup {
			return err == nil, err
		}
		ps.ManagedPolicies, daily = policies, &ps
		return false, nil
	})
	return daily, err
}

// dailyAccessDetail is what the audit says of the daily access found (nil for none).
func dailyAccessDetail(daily *PermissionSet, account string) string {
	if daily == nil {
		return fmt.Sprintf("No permission set with lesser AWS managed policies is assigned to a group in account %s: daily "+
			"work there needs AdministratorAccess.", account)
	}
	return fmt.Sprintf("Permission set %s (%s) is assigned to a group in account %s.", daily.Name,
		strings.Join(daily.ManagedPolicies, ", "), account)
}
