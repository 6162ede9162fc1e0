package review

import (
	"time"

	step "github.com/firstrun/firstrun/steps/core"
)

// CredentialReportFlowWithTimes is the credential report step with its polling interval
// and deadline shortened for tests.
func CredentialReportFlowWithTimes(env step.Env, every, deadline time.Duration) *step.Flow {
	return newCredentialReportFlow(env, every, deadline)
}

// FindingsTable is the credential report's table of findings.
var FindingsTable = findingsTable
