package bench

import "github.com/firstrun/firstrun/steps/step"

// allowance is a step's AWS calls in one run: what it makes, the fewest it could make
// (every fact read once per run, a change confirmed by one read), and what the
// difference is.
type allowance struct {
	calls, least int
	why          string
}

// Reasons for calls above the least. An unattended run remembers what it read only until
// it changes something: it does not try to know which change touches which fact.
const (
	summaryAgain  = "reads the IAM account summary again, forgotten at an earlier step's change"
	orgAgain      = "reads the organization again, forgotten at an earlier step's change"
	instanceAgain = "looks for the Identity Center instance again, forgotten when the organization was made"
	byName        = "finds the group and permission set by name, not by IDs saved earlier, which a recreated one would make wrong"
	icOffer       = "looks for Identity Center before asking, to offer billing work to a group there"
	alertsBack    = "confirms the new budget by reading back its alerts and their subscribers, not only that it exists"
)

// budget holds the calls of each step in the two unattended runs of callsPerStep: the
// first on a new account, the second, a new process, after the owner's console work.
var budget = [2]map[step.ID]allowance{
	{
		// Identity Center is enabled in none of the account's 17 Regions yet: connect
		// lists them and looks in each.
		"connect":              {20, 20, ""},
		"contacts":             {10, 10, ""},
		"root-mfa":             {1, 0, summaryAgain},
		"root-password":        {0, 0, ""},
		"root-access-keys":     {0, 0, ""},
		"billing-access":       {0, 0, ""},
		"billing-role":         {6, 5, icOffer},
		"budget":               {7, 4, alertsBack},
		"organization":         {3, 2, orgAgain},
		"identity-center":      {1, 0, instanceAgain},
		"identity-source":      {0, 0, ""},
		"ic-mfa":               {0, 0, ""},
		"admin-user":           {0, 0, ""},
		"admin-group":          {0, 0, ""},
		"admin-permission-set": {0, 0, ""},
		"admin-assignment":     {0, 0, ""},
		"portal-sign-in":       {0, 0, ""},
		"least-privilege":      {0, 0, ""},
		"emergency-admin":      {1, 1, ""},
		"iam-users-mfa":        {0, 0, ""},
		"password-policy":      {3, 3, ""},
		"credential-report":    {4, 3, summaryAgain},
		"access-analyzer":      {7, 6, orgAgain},
		"remove-root-keys":     {1, 0, summaryAgain},
		"summary":              {0, 0, ""},
	},
	{
		"connect":              {3, 3, ""},
		"contacts":             {4, 4, ""},
		"root-mfa":             {0, 0, ""},
		"root-password":        {0, 0, ""},
		"root-access-keys":     {0, 0, ""},
		"billing-access":       {0, 0, ""},
		"billing-role":         {2, 2, ""},
		"budget":               {4, 4, ""},
		"organization":         {0, 0, ""},
		"identity-center":      {0, 0, ""},
		"identity-source":      {0, 0, ""},
		"ic-mfa":               {0, 0, ""},
		"admin-user":           {3, 2, "looks for the user before asking for it, as its screen did, and again when making it"},
		"admin-group":          {9, 6, "looks for the group before asking its name, finds the new admin user by name, and reads the group and membership back by name"},
		"admin-permission-set": {7, 5, "looks for the permission set before asking its session duration, and lists the permission sets again to read back the one it made"},
		"admin-assignment":     {8, 4, byName + "; lists the assignments to show them before assigning, and again when assigning"},
		"portal-sign-in":       {0, 0, ""},
		"least-privilege":      {23, 15, "reads what exists of the daily access before asking which, as its screen did, and reads back by name all it made: permission set, policy, group, membership and assignment"},
		"emergency-admin":      {1, 1, ""},
		"iam-users-mfa":        {0, 0, ""},
		"password-policy":      {1, 1, ""},
		"credential-report":    {2, 1, summaryAgain},
		"access-analyzer":      {3, 2, orgAgain},
		"remove-root-keys":     {0, 0, ""},
		"summary":              {0, 0, ""},
	},
}
