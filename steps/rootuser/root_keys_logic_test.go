package rootuser_test

import (
	"strings"
	"testing"

	"github.com/firstrun/firstrun/steps"
	"github.com/firstrun/firstrun/steps/checkpoint"
	"github.com/firstrun/firstrun/steps/rootuser"
	"github.com/firstrun/firstrun/steps/step"
)

func TestSignInProofReadsThePortalSignInRecord(t *testing.T) {
	seq := steps.Sequence()
	built, unbuilt := make([]step.Definition, len(seq)), make([]step.Definition, len(seq))
	copy(built, seq)
	copy(unbuilt, seq)
	for i := range built {
		if built[i].ID == rootuser.SignInStep {
			built[i].Screen = func(*step.Env, step.Definition) step.Screen { return nil }
			unbuilt[i].Screen = nil
		}
	}
	doc := func(o checkpoint.Outcome, reason string) checkpoint.Document {
		d := checkpoint.Document{Steps: map[string]checkpoint.StepRecord{}}
		if o != "" {
			d.Steps[string(rootuser.SignInStep)] = checkpoint.StepRecord{Outcome: o, Reason: reason}
		}
		return d
	}
	for _, tc := range []struct {
		doc    checkpoint.Document
		seq    []step.Definition
		proven bool
		says   string
	}{
		{doc(checkpoint.Verified, ""), built, true, "is verified"},
		{doc(checkpoint.Confirmed, ""), built, true, "is confirmed by you"},
		{doc(checkpoint.Skipped, "no browser"), built, false, "is skipped (no browser)"},
		{doc(checkpoint.Failed, ""), built, false, "is failed"},
		{doc("", ""), built, false, "has not run"},
		{doc("", ""), unbuilt, false, "is not available in this build"},
	} {
		proven, says := rootuser.SignInProof(tc.doc, tc.seq)
		if proven != tc.proven || !strings.Contains(says, tc.says) || !strings.Contains(says, "Access portal and first sign-in") {
			t.Errorf("SignInProof = %v %q, want %v saying %q", proven, says, tc.proven, tc.says)
		}
	}
}
