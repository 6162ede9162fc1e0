package rootuser_test

import (
	"strings"
	"testing"

	"github.com/firstrun/firstrun/steps"
	"github.com/firstrun/firstrun/steps/checkpoint"
	step "github.com/firstrun/firstrun/steps/core"
	"github.com/firstrun/firstrun/steps/rootuser"
)

func TestSignInProofReadsThePortalSignInRecord(t *testing.T) {
	var built, unbuilt []step.Info
	for _, d := range steps.Sequence() {
		built = append(built, d.Info())
		if d.ID != rootuser.SignInStep {
			unbuilt = append(unbuilt, d.Info())
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
		seq    []step.Info
		proven bool
		says   string
	}{
		{doc(checkpoint.Verified, ""), built, true, `"Access portal and first sign-in" is verified`},
		{doc(checkpoint.Confirmed, ""), built, true, `"Access portal and first sign-in" is confirmed by you`},
		{doc(checkpoint.Skipped, "no browser"), built, false, `"Access portal and first sign-in" is skipped (no browser)`},
		{doc(checkpoint.Failed, ""), built, false, `"Access portal and first sign-in" is failed`},
		{doc("", ""), built, false, `"Access portal and first sign-in" has not run`},
		{doc("", ""), unbuilt, false, `"portal-sign-in" is not available in this build`},
	} {
		proven, says := rootuser.SignInProof(tc.doc, tc.seq)
		if proven != tc.proven || !strings.Contains(says, tc.says) {
			t.Errorf("SignInProof = %v %q, want %v saying %q", proven, says, tc.proven, tc.says)
		}
	}
}
