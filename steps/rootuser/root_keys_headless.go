package rootuser

import (
	"context"

	"github.com/firstrun/firstrun/answers"
	"github.com/firstrun/firstrun/awsclient"
	"github.com/firstrun/firstrun/steps/checkpoint"
	"github.com/firstrun/firstrun/steps/step"
)

// RootAccessKeysHeadless is the root-access-keys step without a screen. It changes
// nothing: keys firstrun runs on are left to remove-root-keys, and others are deleted by
// the operator in the console.
func RootAccessKeysHeadless() step.Headless {
	return step.Headless{
		Check: checkRootKeys,
		Run: func(ctx context.Context, env *step.Env) (checkpoint.StepRecord, error) {
			k, err := ReadRootKeys(ctx, env.AWS.IAM, env.Identity)
			switch {
			case err != nil:
				return checkpoint.StepRecord{}, err
			case !k.Present:
				return checkpoint.StepRecord{Outcome: checkpoint.Verified, Reason: noRootKeysDetail}, nil
			case k.InUse:
				return deletionPlanned(), nil
			}
			return checkpoint.StepRecord{}, step.Waiting(deleteInConsoleFor)
		},
	}
}

// RemoveRootKeysHeadless is the remove-root-keys step without a screen. It deletes the
// root keys firstrun runs on only with remove_root_access_keys.delete: true in the answers
// and the new administrator's sign-in shown in the checkpoint; the wizard can go on
// without that proof after a second confirmation, a run without a person never does.
func RemoveRootKeysHeadless() step.Headless {
	return step.Headless{Check: checkRootKeys, Plan: planRemoveRootKeys, Run: runRemoveRootKeys}
}

func checkRootKeys(ctx context.Context, env *step.Env) (step.Control, error) {
	k, err := ReadRootKeys(ctx, env.AWS.IAM, env.Identity)
	switch {
	case err != nil:
		return step.Control{}, err
	case k.Present:
		return step.Control{Status: step.Fail, Detail: rootKeysDetail}, nil
	}
	return step.Control{Status: step.Pass, Detail: noRootKeysDetail}, nil
}

func planRemoveRootKeys(ctx context.Context, env *step.Env) ([]step.Change, error) {
	k, err := ReadRootKeys(ctx, env.AWS.IAM, env.Identity)
	if err != nil || !k.Present || !k.InUse || !answers.True(env.Answers.RemoveRootKeys.Delete) {
		return nil, err
	}
	inUse := env.Identity.AccessKeyID
	ids, err := RootKeyIDs(ctx, env.AWS.IAM, inUse)
	if err != nil {
		return nil, err
	}
	proven, proof := signInProof(env)
	var changes []step.Change
	for _, id := range ids {
		c := step.Change{Service: "iam", Operation: "DeleteAccessKey", Resource: "root access key " + id}
		if id == inUse {
			c.Fields = append(c.Fields, step.Field{Name: "note", Value: "firstrun signs with it: its AWS calls end here"})
		}
		if !proven {
			c.Fields = append(c.Fields, step.Field{Name: "only_after", Value: "the new administrator's sign-in is verified (now " + proof + ")"})
		}
		changes = append(changes, c)
	}
	return changes, nil
}

func runRemoveRootKeys(ctx context.Context, env *step.Env) (checkpoint.StepRecord, error) {
	k, err := ReadRootKeys(ctx, env.AWS.IAM, env.Identity)
	switch {
	case err != nil:
		return checkpoint.StepRecord{}, err
	case !k.Present:
		return checkpoint.StepRecord{Outcome: checkpoint.Verified, Reason: noRootKeysDetail}, nil
	case !k.InUse:
		return checkpoint.StepRecord{}, step.Waiting(deleteInConsoleFor)
	}
	switch del := env.Answers.RemoveRootKeys.Delete; {
	case answers.False(del):
		return checkpoint.StepRecord{Outcome: checkpoint.Skipped, Reason: "kept, as remove_root_access_keys.delete says: " +
			"the root user still has access keys; delete them in the console once you can sign in another way"}, nil
	case !answers.True(del):
		return checkpoint.StepRecord{}, step.Waiting("decide on the root access keys firstrun runs on: " +
			"answer remove_root_access_keys.delete: true, or delete them in the wizard")
	}
	if proven, proof := signInProof(env); !proven {
		return checkpoint.StepRecord{}, step.Waiting("prove the new administrator can sign in (" + proof +
			"): firstrun deletes the root access keys it runs on only after that")
	}
	n, err := DeleteRootKeys(ctx, env.AWS.IAM, env.Identity.AccessKeyID)
	if err != nil {
		rec := keysDeleted(n)
		rec.Outcome, rec.Reason = checkpoint.Failed, awsclient.Explain(err).Summary()
		return rec, err
	}
	return keysDeleted(n), nil
}

// signInProof is SignInProof for env, whose checkpoint may be missing.
func signInProof(env *step.Env) (bool, string) {
	if env.Store == nil {
		return false, "no checkpoint shows it"
	}
	return SignInProof(env.Store.Document(), env.Sequence)
}
