package bench

import "github.com/firstrun/firstrun/steps/step"

// allowance is a step's AWS calls in one run: what it makes, the fewest it could make
// (every fact read once per run, a change confirmed by one read), and what the
// difference is.
type allowance struct {
	calls, least int
	why          string
}

// Reasons for calls above the least.
const (
	summaryKnown  = "reads the IAM account summary that Connect read at the start of the run"
	orgKnown      = "reads the organization, known from an earlier step of the run"
	instanceKnown = "looks for the Identity Center instance, known from Connect"
)

// budget holds the calls of each step in the two unattended runs of callsPerStep: the
// first on a new account, the second after the owner's console work.
var budget = [2]map[step.ID]allowance{
	{
		"connect":              {3, 3, ""},
		"contacts":             {11, 10, "reads the primary contact again after changing only the alternate contacts"},
		"root-mfa":             {1, 0, summaryKnown},
		"root-password":        {0, 0, ""},
		"root-access-keys":     {1, 0, summaryKnown},
		"billing-access":       {0, 0, ""},
		"billing-role":         {6, 5, "looks the role up twice before creating it"},
		"budget":               {3, 3, ""},
		"organization":         {3, 2, orgKnown},
		"identity-center":      {1, 0, instanceKnown},
		"identity-source":      {0, 0, ""},
		"ic-mfa":               {0, 0, ""},
		"admin-user":           {1, 0, instanceKnown},
		"admin-group":          {1, 0, instanceKnown},
		"admin-permission-set": {1, 0, instanceKnown},
		"admin-assignment":     {1, 0, instanceKnown},
		"portal-sign-in":       {1, 0, instanceKnown},
		"least-privilege":      {1, 0, instanceKnown},
		"emergency-admin":      {0, 0, ""},
		"iam-users-mfa":        {1, 1, ""},
		"password-policy":      {3, 3, ""},
		"credential-report":    {4, 3, summaryKnown},
		"access-analyzer":      {7, 6, orgKnown},
		"remove-root-keys":     {1, 0, summaryKnown},
		"summary":              {0, 0, ""},
	},
	{
		"connect":              {3, 3, ""},
		"contacts":             {4, 4, ""},
		"root-mfa":             {1, 0, summaryKnown},
		"root-password":        {0, 0, ""},
		"root-access-keys":     {1, 0, summaryKnown},
		"billing-access":       {0, 0, ""},
		"billing-role":         {2, 2, ""},
		"budget":               {4, 4, ""},
		"organization":         {1, 0, orgKnown},
		"identity-center":      {1, 0, instanceKnown},
		"identity-source":      {1, 0, instanceKnown},
		"ic-mfa":               {0, 0, ""},
		"admin-user":           {2, 2, ""},
		"admin-group":          {8, 6, "finds the admin user by name though its ID is saved, and confirms the group by name"},
		"admin-permission-set": {6, 5, "lists the permission sets again to confirm the one it has the ARN of"},
		"admin-assignment":     {8, 4, "finds the group and permission set though their IDs are saved, and lists the assignment after AWS said SUCCEEDED"},
		"portal-sign-in":       {0, 0, ""},
		"least-privilege":      {19, 15, "confirms what it made by listing and describing again"},
		"emergency-admin":      {1, 1, ""},
		"iam-users-mfa":        {1, 0, "lists the IAM users that emergency-admin listed just before"},
		"password-policy":      {1, 1, ""},
		"credential-report":    {2, 1, summaryKnown},
		"access-analyzer":      {3, 2, orgKnown},
		"remove-root-keys":     {1, 0, summaryKnown},
		"summary":              {0, 0, ""},
	},
}
