package identitycenter

import (
	"errors"

	"github.com/firstrun/firstrun/steps/checkpoint"
	"github.com/firstrun/firstrun/steps/step"
)

// saved is what the checkpoint holds, or nothing when the run has none: an audit
// reads accounts firstrun never set up.
func saved(env *step.Env) checkpoint.Document {
	if env.Store == nil {
		return checkpoint.Document{}
	}
	return env.Store.Document()
}

// adminUserName is the administrator's user name: the one the admin-user step recorded,
// else the answers file's.
func adminUserName(env *step.Env) string {
	return recorded(env, stepAdminUser, "user_name", env.Answers.AdminUser.UserName)
}

// recorded returns a resource an earlier run of step id recorded, or fallback. The
// checkpoint holds choices already made in this account; an answer or a default only
// fills in what was not chosen yet.
func recorded(env *step.Env, id step.ID, key, fallback string) string {
	return firstOf(saved(env).Resource(string(id), key), fallback)
}

// firstOf returns the first of values that is not empty.
func firstOf(values ...string) string {
	for _, v := range values {
		if v != "" {
			return v
		}
	}
	return ""
}

// missingError says that something an earlier step makes is not in AWS, and what to do.
type missingError struct {
	what string // "there is no group Admins in identity store d-1234567890"
	fix  string // "finish the step Admins group first"
}

func (e *missingError) Error() string { return e.what + ": " + e.fix }

// Prerequisite says what the operator must do first: a run without a person waits for it.
func (e *missingError) Prerequisite() string { return e.fix + " (" + e.what + ")" }

// Finding says what is missing, as the audit reports it.
func (e *missingError) Finding() string { return capitalize(e.what) + "." }

// isMissing reports whether err says an earlier step's result is not in AWS.
func isMissing(err error) bool {
	var missing *missingError
	return errors.As(err, &missing)
}

// adminPermissionSetName is the permission set the admin-permission-set step made.
func adminPermissionSetName(env *step.Env) string {
	return recorded(env, stepAdminPermissionSet, "permission_set_name", AdminPermissionSetName)
}
