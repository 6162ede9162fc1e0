package identitycenter

import (
	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"

	"github.com/firstrun/firstrun/steps/checkpoint"
	"github.com/firstrun/firstrun/steps/step"
)

// The steps of this chapter, as the sequence names them.
const (
	stepOrganization       step.ID = "organization"
	stepIdentityCenter     step.ID = "identity-center"
	stepIdentitySource     step.ID = "identity-source"
	stepMFA                step.ID = "ic-mfa"
	stepAdminUser          step.ID = "admin-user"
	stepAdminGroup         step.ID = "admin-group"
	stepAdminPermissionSet step.ID = "admin-permission-set"
	stepAdminAssignment    step.ID = "admin-assignment"
	stepPortalSignIn       step.ID = "portal-sign-in"
	stepLeastPrivilege     step.ID = "least-privilege"
)

// blocked says why step id can't run, from what the earlier steps of the chapter
// recorded; "" when it can.
func blocked(doc checkpoint.Document, id step.ID) string {
	skipped := func(earlier step.ID) (checkpoint.StepRecord, bool) {
		r, ok := doc.Step(string(earlier))
		return r, ok && r.Outcome == checkpoint.Skipped && earlier != id
	}
	if r, ok := skipped(stepOrganization); ok {
		return "IAM Identity Center needs an organization that this account manages, and the step Organization was skipped: " + r.Reason
	}
	if _, ok := skipped(stepIdentityCenter); ok && id != stepOrganization {
		return "IAM Identity Center is not enabled: the step Enable Identity Center was skipped."
	}
	switch id {
	case stepAdminUser, stepAdminGroup, stepAdminAssignment, stepLeastPrivilege:
		if src := Source(doc.Resource(string(stepIdentitySource), "source")); src != "" && src != SourceDirectory {
			return "Users and groups come from " + src.Label() + ", not from the Identity Center directory: create them and " +
				"assign their groups there and in the Identity Center console."
		}
	case stepOrganization, stepIdentityCenter, stepIdentitySource, stepMFA, stepAdminPermissionSet, stepPortalSignIn:
	}
	switch id {
	case stepAdminGroup:
		if r, ok := skipped(stepAdminUser); ok && r.Resources["user_name"] == "" {
			return "There is no administrator user to put in the group: the step Administrator user was skipped."
		}
	case stepAdminAssignment:
		if _, ok := skipped(stepAdminGroup); ok {
			return "There is no administrators' group to assign: the step Admins group was skipped."
		}
		if _, ok := skipped(stepAdminPermissionSet); ok {
			return "There is no administrator permission set to assign: the step Administrator permission set was skipped."
		}
	case stepOrganization, stepIdentityCenter, stepIdentitySource, stepMFA, stepAdminUser, stepAdminPermissionSet,
		stepPortalSignIn, stepLeastPrivilege:
	}
	return ""
}

// gate returns a screen that records step def as skipped when an earlier step makes it
// impossible, and nil when it can run.
func gate(env *step.Env, def step.Definition) step.Screen {
	reason := blocked(env.Store.Document(), def.ID)
	if reason == "" {
		return nil
	}
	return &skipScreen{env: env, id: def.ID, reason: reason}
}

// skipScreen finishes a step that can't run as skipped, with the reason.
type skipScreen struct {
	env    *step.Env
	id     step.ID
	reason string
	width  int
}

func (s *skipScreen) Init() tea.Cmd {
	return step.Finish(s.env, s.id, checkpoint.StepRecord{Outcome: checkpoint.Skipped, Reason: s.reason})
}

func (s *skipScreen) Update(tea.Msg) (step.Screen, tea.Cmd) { return s, nil }
func (s *skipScreen) View() string {
	return step.Paragraphs(s.env.Theme, s.width, "Skipped: "+s.reason)
}
func (s *skipScreen) SetSize(width, _ int)      { s.width = width }
func (s *skipScreen) ShortHelp() []key.Binding  { return nil }
func (s *skipScreen) FullHelp() [][]key.Binding { return nil }
func (s *skipScreen) Busy() bool                { return false }
func (s *skipScreen) Typing() bool              { return false }
