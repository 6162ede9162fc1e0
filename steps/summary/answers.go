package summary

import "github.com/firstrun/firstrun/answers"

// ValidateAnswers checks the answers this package's steps use, with the same checks as
// their form fields, so a bad value is refused before anything runs.
func ValidateAnswers(a *answers.Answers) []answers.Problem {
	if a.Report.Path == "" {
		return nil
	}
	if err := ValidateReportPath(a.Report.Path); err != nil {
		return []answers.Problem{{Key: "report.path", Err: err}}
	}
	return nil
}
