package rootuser

import (
	"context"
	"strconv"

	"github.com/firstrun/firstrun/answers"
	"github.com/firstrun/firstrun/steps/checkpoint"
	step "github.com/firstrun/firstrun/steps/core"
)

// RootKeysOutputs are what the root-access-keys and remove-root-keys steps record.
type RootKeysOutputs struct {
	// Deletion is "planned for remove-root-keys" when firstrun runs on the root keys.
	Deletion string `json:"deletion,omitempty"`
	// Deleted counts the root access keys remove-root-keys deleted.
	Deleted string `json:"deleted_root_keys,omitempty"`
}

const keysWhy = "Access keys let a program act as the root user with no password and no MFA: if one leaks, " +
	"the whole account goes with it. AWS advises that the root user have none."

// RootAccessKeysFlow is the root-access-keys step. With no root keys it verifies that; if
// firstrun runs on them it leaves their deletion to remove-root-keys, once the new
// administrator can sign in; otherwise it guides their deletion in the console.
func RootAccessKeysFlow(env step.Env) *step.Flow {
	f := &step.Flow{Intro: keysWhy}
	f.Inspect = func(ctx context.Context) (step.Inspection, error) {
		k, err := ReadRootKeys(ctx, env.AWS.IAM, env.Identity)
		switch {
		case err != nil:
			return step.Inspection{}, err
		case !k.Present:
			return noRootKeys(), nil
		case !k.InUse:
			return deleteInConsole(f.Inspect), nil
		}
		planned := deletionPlanned()
		return step.Inspection{Detail: rootKeysDetail, Settle: &planned,
			Facts: []step.Fact{
				{Label: "Root access keys", Value: "present", Good: step.No()},
				{Label: "Used by firstrun", Value: "yes: this run signs its requests with one"},
			},
			Note: "firstrun is running on one of them right now, so deleting them here would cut it off halfway " +
				"through the setup. They are deleted in the last step, Remove root access keys, once the new " +
				"administrator has signed in, and only after you confirm it there.",
		}, nil
	}
	return f
}

// noRootKeys is what a root-keys step finds when AWS shows none.
func noRootKeys() step.Inspection {
	return step.Inspection{Holds: true, Detail: noRootKeysDetail,
		Facts: []step.Fact{{Label: "Root access keys", Value: "none (AccountAccessKeysPresent is 0)", Good: step.Yes()}}}
}

// deleteInConsole guides the deletion of root keys firstrun does not run on, checking
// with inspect until they are gone.
func deleteInConsole(inspect func(context.Context) (step.Inspection, error)) step.Inspection {
	return step.Inspection{Detail: rootKeysDetail, Console: &step.Guide{
		Note: "firstrun does not use them, so delete them in the console; firstrun checks with AWS.",
		Instructions: []string{
			"Sign in as the root user and open Security credentials (account name, top right).",
			"Under Access keys, for each key choose Actions, Deactivate, then Actions, Delete; then press enter here.",
		},
		Link:  SecurityCredentialsURL,
		Check: inspect,
		Work:  deleteInConsoleFor,
	}}
}

// RemoveRootKeysFlow is the remove-root-keys step, the last before the summary. If
// firstrun runs on the root user's access keys it deletes them, after a confirmation that
// names the consequence, and a second one when nothing shows that the new administrator
// can sign in. A run without a person deletes them only with remove_root_access_keys.delete
// true in the answers and the sign-in in the checkpoint; it never gives the second
// confirmation. Keys firstrun does not run on are deleted in the console, as in
// root-access-keys.
func RemoveRootKeysFlow(env step.Env) *step.Flow {
	r := &removal{env: env, del: answers.True(env.Answers.RemoveRootKeys.Delete)}
	r.proven, r.proof = SignInProof(env.Saved, env.Sequence)
	f := &step.Flow{
		Intro:        keysWhy,
		Questions:    r.questions,
		Decline:      r.declined,
		Apply:        r.apply,
		ConfirmLabel: "delete the keys",
		Unverifiable: keysDeleted(0).Reason,
	}
	f.Inspect = func(ctx context.Context) (step.Inspection, error) { return r.inspect(ctx, f.Inspect) }
	return f
}

// removal is the remove-root-keys step's state: the operator's decision, and how many
// keys are gone.
type removal struct {
	env     step.Env
	proven  bool   // the checkpoint shows the new administrator can sign in
	proof   string // what the checkpoint shows, in words
	del     bool   // delete them
	anyway  bool   // delete them although nothing shows the new administrator can sign in
	inUse   bool
	deleted int
}

func (r *removal) inspect(ctx context.Context, again func(context.Context) (step.Inspection, error)) (step.Inspection, error) {
	k, err := ReadRootKeys(ctx, r.env.AWS.IAM, r.env.Identity)
	switch {
	case err != nil:
		return step.Inspection{}, err
	case !k.Present:
		return noRootKeys(), nil
	case !k.InUse:
		return deleteInConsole(again), nil
	}
	r.inUse = true
	proof := step.Fact{Label: "New administrator's sign-in", Value: "verified: " + r.proof, Good: step.Yes()}
	if !r.proven {
		proof = step.Fact{Label: "New administrator's sign-in", Value: "not shown: " + r.proof, Good: step.No()}
	}
	in := step.Inspection{Detail: rootKeysDetail, Facts: []step.Fact{
		{Label: "Root access keys", Value: "present", Good: step.No()},
		{Label: "Used by firstrun", Value: "yes: this run signs its requests with " + r.env.Identity.AccessKeyID},
		proof,
	}}
	if r.del { // the deletions are listed once they are chosen
		if in.Changes, err = r.changes(ctx); err != nil {
			return step.Inspection{}, err
		}
	}
	return in, nil
}

// changes are the deletions, the key firstrun signs with last.
func (r *removal) changes(ctx context.Context) ([]step.Change, error) {
	inUse := r.env.Identity.AccessKeyID
	ids, err := RootKeyIDs(ctx, r.env.AWS.IAM, inUse)
	if err != nil {
		return nil, err
	}
	changes := make([]step.Change, 0, len(ids))
	for _, id := range ids {
		c := step.Change{Service: "iam", Operation: "DeleteAccessKey", Resource: "root access key " + id,
			Say: "Delete the root access key " + id}
		if id == inUse {
			c.Params = append(c.Params, step.Param{Name: "note", Value: "firstrun signs with it: its AWS calls end here"})
			c.Say += ", which firstrun signs with: its AWS calls end here"
		}
		if !r.proven {
			c.Params = append(c.Params, step.Param{Name: "only_after", Value: "the new administrator's sign-in is verified (now " + r.proof + ")"})
		}
		changes = append(changes, c)
	}
	return changes, nil
}

func (r *removal) questions(step.Inspection) *step.Form {
	if !r.inUse {
		return nil
	}
	first := &step.Confirm{Value: &r.del, Affirmative: "Yes, delete them", Negative: "No, keep them", Common: step.Common{
		Title: "Delete the root user's access keys now?",
		Description: "Deleting them is final. The moment the key firstrun signs with is gone, firstrun's own " +
			"credentials stop working: it can make no more AWS calls, and this run ends after the summary. From " +
			"then on, sign in as the new administrator, or as the root user in the console with its password and MFA.",
	}}
	if r.env.Answers.RemoveRootKeys.Delete == nil {
		first.Wait = "decide on the root access keys firstrun runs on: answer remove_root_access_keys.delete: true, " +
			"or delete them in the wizard"
	}
	second := &step.Confirm{Value: &r.anyway, Affirmative: "Yes, delete them anyway", Negative: "No, keep them", Common: step.Common{
		Title: "Nothing shows that the new administrator can sign in.",
		Description: "If they can't, the root user's console password and MFA are the only way into this account. " +
			"Delete the keys anyway?",
		// Only a person present may take that risk.
		Wait: "prove the new administrator can sign in (" + r.proof + "): firstrun deletes the root access keys it runs on only after that",
	}}
	return step.NewForm(
		step.Group{Fields: []step.Field{first}},
		step.Group{Fields: []step.Field{second}, Hide: func() bool { return !r.del || r.proven }},
	)
}

func (r *removal) declined() string {
	if r.del && (r.proven || r.anyway) {
		return ""
	}
	return "kept: the root user still has access keys; delete them in the console once you can sign in another way"
}

func (r *removal) apply(ctx context.Context, a *step.Act) (step.Outputs, error) {
	n, err := DeleteRootKeys(ctx, r.env.AWS.IAM, r.env.Identity.AccessKeyID)
	r.deleted += n
	out := RootKeysOutputs{Deleted: strconv.Itoa(r.deleted)}
	if n > 0 {
		if perr := a.Progress(out); perr != nil {
			return nil, perr
		}
	}
	return out, err
}

// What AWS shows of the root user's access keys, in words.
const (
	noRootKeysDetail = "AWS reports no root access keys (AccountAccessKeysPresent is 0)"
	rootKeysDetail   = "the account summary says AccountAccessKeysPresent is 1"
)

// deleteInConsoleFor is what the operator does for root keys firstrun does not run on.
const deleteInConsoleFor = "delete the root user's access keys on the console's Security credentials page (Access keys: Deactivate, then Delete)"

// deletionPlanned is the root-access-keys outcome when firstrun runs on the root keys:
// deleting them now would cut firstrun off halfway, so remove-root-keys does it last.
func deletionPlanned() checkpoint.StepRecord {
	return checkpoint.StepRecord{Outcome: checkpoint.Skipped,
		Reason:    "firstrun runs on the root access keys; their deletion is planned for remove-root-keys, the last step before the summary",
		Resources: step.Encode(RootKeysOutputs{Deletion: "planned for remove-root-keys"})}
}

// keysDeleted is the remove-root-keys outcome once n keys are gone. AWS can't be asked to
// confirm it: the credentials that would ask are the ones deleted.
func keysDeleted(n int) checkpoint.StepRecord {
	return checkpoint.StepRecord{Outcome: checkpoint.Done,
		Reason:    "deleted the root user's access keys; firstrun's own credentials stopped working, so the run ends after the summary",
		Resources: step.Encode(RootKeysOutputs{Deleted: strconv.Itoa(n)})}
}
