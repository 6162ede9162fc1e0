package step

import "github.com/firstrun/firstrun/awsclient"

// Explain explains an AWS error for the operator; an access-denied error names the
// caller, from the Env when AWS's message does not.
func Explain(env *Env, err error) awsclient.Problem {
	return awsclient.Explain(err).WithCaller(env.Identity.ARN)
}
