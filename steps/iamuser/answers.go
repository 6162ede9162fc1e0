package iamuser

import "github.com/firstrun/firstrun/answers"

// ValidateAnswers checks the answers this package's steps use, with the same checks as
// their form fields, so a bad value is refused before anything runs.
func ValidateAnswers(a *answers.Answers) []answers.Problem {
	if name := a.EmergencyAdmin.UserName; name != "" {
		if err := ValidateUserName(name); err != nil {
			return []answers.Problem{{Key: "emergency_admin.user_name", Err: err}}
		}
	}
	return nil
}

// AdminFromAnswers is the wizard's proposal with the answers' values over it.
func AdminFromAnswers(a answers.EmergencyAdmin) AdminInput {
	in := DefaultAdminInput()
	in.Create = answers.True(a.Enabled)
	if a.UserName != "" {
		in.UserName = a.UserName
	}
	return in
}
