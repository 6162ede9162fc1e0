package iamuser

import "github.com/firstrun/firstrun/steps/step"

// consoleSignIn records where the console password stands: "unconfirmed" once AWS has
// it, "ready" once the operator said they stored it. A password left unconfirmed by an
// interrupted run is replaced, since nobody can see it again; one this step never set
// (no record) is the owner's and left alone.
const (
	consoleSignIn       = "console_sign_in"
	passwordUnconfirmed = "unconfirmed"
	passwordReady       = "ready"
)

// Reasons the emergency-admin step records.
const (
	adminReady     = "AWS shows the user with AdministratorAccess, the MFA guard policy, an MFA device and a console password"
	adminNotWanted = "not wanted: AWS recommends Identity Center for every sign-in, and this user only for when it can't be reached"
)

// withCheckpoint adds to what AWS has of the user what only the checkpoint of step id
// knows: whether a console password was set and never confirmed as stored.
func withCheckpoint(env *step.Env, id step.ID, st AdminState) AdminState {
	st.PasswordUnconfirmed = st.ConsolePassword && env.Store != nil &&
		env.Store.Document().Resource(string(id), consoleSignIn) == passwordUnconfirmed
	return st
}

// adminResources are the identifiers the checkpoint keeps of the user: never the password
// or the seed.
func adminResources(st AdminState) map[string]string {
	if !st.Exists {
		return nil
	}
	res := map[string]string{"user_name": st.UserName, "user_arn": st.ARN}
	if st.Guarded {
		res["guard_policy"] = GuardPolicyName
	}
	if len(st.MFADevices) > 0 {
		res["mfa_device"] = st.MFADevices[0]
	}
	switch {
	case st.PasswordUnconfirmed:
		res[consoleSignIn] = passwordUnconfirmed
	case st.ConsolePassword:
		res[consoleSignIn] = passwordReady
	}
	return res
}
