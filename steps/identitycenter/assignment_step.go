package identitycenter

import (
	"context"
	"errors"
	"fmt"

	"github.com/aws/aws-sdk-go-v2/service/ssoadmin/types"

	step "github.com/firstrun/firstrun/steps/core"
)

const adminAssignmentIntro = "The last link: the group gets the permission set in this account. AWS does this in " +
	"the background (it creates a role in the account for the permission set), so firstrun waits for AWS to report it done."

// AssignmentOutputs are what the admin-assignment step records.
type AssignmentOutputs struct {
	AccountID        string `json:"account_id,omitempty"`
	GroupID          string `json:"group_id,omitempty"`
	PermissionSetARN string `json:"permission_set_arn,omitempty"`
	// RequestID is the CreateAccountAssignment request firstrun made; none when the
	// assignment existed.
	RequestID string `json:"assignment_request_id,omitempty"`
}

// AdminAssignmentFlow gives the administrators' group the administrator permission set in
// this account, and waits for AWS to finish it. Both are found by name: IDs saved earlier
// would be wrong for a group or permission set made again.
func AdminAssignmentFlow(env step.Env) *step.Flow {
	s := &assignmentStep{env: env, group: groupNameIn(env), permissionSet: permissionSetNameIn(env)}
	return &step.Flow{
		Intro:        adminAssignmentIntro,
		Inspect:      s.inspect,
		Apply:        s.apply,
		ConfirmLabel: "assign",
	}
}

// assignmentStep is the step's state between the Flow's calls.
type assignmentStep struct {
	env                  step.Env
	group, permissionSet string
	inst                 Instance
	// a is the assignment the last inspection built, when the group and the permission
	// set exist; made says Apply made it (or found it) since, as AWS reported.
	a    *Assignment
	made bool
}

// what names the assignment in a sentence.
func (s *assignmentStep) what() string {
	return fmt.Sprintf("group %s → %s in account %s", s.group, s.permissionSet, s.env.Identity.Account)
}

func (s *assignmentStep) inspect(ctx context.Context) (step.Inspection, error) {
	assign := step.Change{Service: "sso", Operation: "CreateAccountAssignment",
		Resource: "group " + s.group + " -> account " + s.env.Identity.Account,
		Params:   []step.Param{{Name: "PermissionSet", Value: s.permissionSet}},
		Say:      "Assign " + s.what() + ", then wait for AWS to report it SUCCEEDED"}
	inst, off, err := adminStart(ctx, s.env, stepAdminAssignment)
	if off != nil || err != nil {
		if off != nil && off.Skip == "" {
			off.Changes = []step.Change{assign}
		}
		return derefInspection(off), err
	}
	s.inst = inst
	if s.a == nil {
		a, err := assignmentFor(ctx, s.env, inst, s.group, s.permissionSet)
		var missing *missingError
		if errors.As(err, &missing) { // the earlier steps make them; Apply waits for them
			return step.Inspection{
				Facts:   []step.Fact{{Label: "Assignment", Value: s.what(), Good: step.No()}},
				Note:    capitalize(missing.Prerequisite()) + ".",
				Detail:  missing.Finding(),
				Changes: []step.Change{assign},
			}, nil
		}
		if err != nil {
			return step.Inspection{}, err
		}
		s.a = &a
	}
	a := *s.a
	// AWS listing the assignment, or reporting its creation SUCCEEDED, is its word that
	// the assignment exists: no read follows Apply.
	has := s.made
	if !has {
		if has, err = HasAssignment(ctx, s.env.AWS.SSOAdmin(inst.Region), inst.ARN, a); err != nil {
			return step.Inspection{}, err
		}
	}
	in := step.Inspection{
		Facts:   []step.Fact{{Label: "Assignment", Value: s.what(), Good: good(has)}},
		Holds:   has,
		Outputs: AssignmentOutputs{AccountID: a.AccountID, GroupID: a.PrincipalID, PermissionSetARN: a.PermissionSetARN},
		Detail:  fmt.Sprintf("Group %s holds %s in account %s.", s.group, s.permissionSet, a.AccountID),
	}
	if !has {
		in.Detail = fmt.Sprintf("Group %s does not hold %s in account %s.", s.group, s.permissionSet, a.AccountID)
		in.Changes = []step.Change{assign}
	}
	return in, nil
}

func (s *assignmentStep) apply(ctx context.Context, a *step.Act) (step.Outputs, error) {
	inst, err := instanceFor(ctx, s.env, s.inst)
	if err != nil {
		return nil, err
	}
	if s.a == nil {
		found, err := assignmentFor(ctx, s.env, inst, s.group, s.permissionSet)
		if err != nil {
			return nil, err
		}
		s.a = &found
	}
	requestID, err := EnsureAssignment(ctx, s.env.AWS.SSOAdmin(inst.Region), inst.ARN, *s.a, Waiter{Report: a.Status})
	if err != nil {
		return nil, err
	}
	s.made = true
	return AssignmentOutputs{AccountID: s.a.AccountID, GroupID: s.a.PrincipalID, PermissionSetARN: s.a.PermissionSetARN,
		RequestID: requestID}, nil
}

// assignmentFor builds the assignment of group groupName to permission set psName in
// this account, finding both by name; a missingError says which is not there.
func assignmentFor(ctx context.Context, env step.Env, inst Instance, groupName, psName string) (Assignment, error) {
	groupID, found, err := FindGroup(ctx, env.AWS.IdentityStore(inst.Region), inst.IdentityStoreID, groupName)
	if err != nil {
		return Assignment{}, err
	}
	if !found {
		return Assignment{}, &missingError{what: fmt.Sprintf("there is no group %s in identity store %s", groupName, inst.IdentityStoreID),
			fix: "finish the step Admins group first"}
	}
	ps, found, err := FindPermissionSet(ctx, env.AWS.SSOAdmin(inst.Region), inst.ARN, psName)
	if err != nil {
		return Assignment{}, err
	}
	if !found {
		return Assignment{}, &missingError{what: "there is no permission set " + psName, fix: "finish the step Administrator permission set first"}
	}
	return Assignment{AccountID: env.Identity.Account, PermissionSetARN: ps.ARN, PrincipalType: types.PrincipalTypeGroup, PrincipalID: groupID}, nil
}
