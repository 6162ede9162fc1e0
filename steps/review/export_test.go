package review

import (
	"time"

	"github.com/firstrun/firstrun/steps/step"
)

// CredentialReportScreenWithTimes is the credential report screen with its polling
// interval and deadline shortened for tests.
func CredentialReportScreenWithTimes(env *step.Env, def step.Definition, every, deadline time.Duration) step.Screen {
	return newCredentialReportScreen(env, def, every, deadline)
}

// FindingsTable is the credential report screen's table.
var FindingsTable = findingsTable
