package iamuser

import (
	"context"
	"strings"

	"github.com/firstrun/firstrun/answers"
	"github.com/firstrun/firstrun/steps/checkpoint"
	"github.com/firstrun/firstrun/steps/step"
)

// adminStep is the emergency-admin step's ID in the sequence.
const adminStep step.ID = "emergency-admin"

// needsPerson is why a run without a person skips the steps that enrol an MFA device:
// someone must scan the QR code with their phone and type two codes.
const needsPerson = "needs a person: MFA enrolment"

// AdminHeadless is the emergency-admin step without a screen. Its MFA enrolment needs a
// person, so a run without one changes nothing: it skips the step, or verifies a user an
// earlier wizard run set up. Nothing to plan, then.
//
// The audit can't know from AWS whether anyone wants an emergency administrator. It
// passes when an IAM user with AdministratorAccess and an MFA device exists; without one
// it reports the optional step as not set up, and fails only when the answers ask for one
// (emergency_admin.enabled: true).
func AdminHeadless() step.Headless {
	return step.Headless{Check: checkAdmin, Run: runAdmin}
}

func checkAdmin(ctx context.Context, env *step.Env) (step.Control, error) {
	admins, err := AdminsWithMFA(ctx, env.AWS.IAM)
	switch {
	case err != nil:
		return step.Control{}, err
	case len(admins) > 0:
		return step.Control{Status: step.Pass, Detail: "IAM users with AdministratorAccess and MFA: " + strings.Join(admins, ", ")}, nil
	case answers.True(env.Answers.EmergencyAdmin.Enabled):
		return step.Control{Status: step.Fail, Detail: "emergency_admin.enabled is true, but no IAM user has AdministratorAccess and an MFA device"}, nil
	}
	return step.Control{Status: step.NotRun, Detail: "optional; none set up: no IAM user has AdministratorAccess and an MFA device"}, nil
}

func runAdmin(ctx context.Context, env *step.Env) (checkpoint.StepRecord, error) {
	in := AdminFromAnswers(env.Answers.EmergencyAdmin)
	if !in.Create {
		return checkpoint.StepRecord{Outcome: checkpoint.Skipped, Reason: adminNotWanted}, nil
	}
	st, err := ReadAdmin(ctx, env.AWS.IAM, in.UserName)
	if err != nil {
		return checkpoint.StepRecord{}, err
	}
	st = withCheckpoint(env, adminStep, st)
	if st.Complete() {
		return checkpoint.StepRecord{Outcome: checkpoint.Verified, Reason: adminReady, Resources: adminResources(st)}, nil
	}
	return checkpoint.StepRecord{Outcome: checkpoint.Skipped, Resources: adminResources(st),
		Reason: needsPerson + " of " + in.UserName + "; run firstrun without --non-interactive to set it up"}, nil
}
