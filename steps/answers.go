package steps

import (
	"github.com/firstrun/firstrun/answers"
	billingsteps "github.com/firstrun/firstrun/steps/billing"
	"github.com/firstrun/firstrun/steps/iamuser"
	"github.com/firstrun/firstrun/steps/identitycenter"
	reviewsteps "github.com/firstrun/firstrun/steps/review"
	"github.com/firstrun/firstrun/steps/rootuser"
	"github.com/firstrun/firstrun/steps/summary"
	"github.com/firstrun/firstrun/steps/validate"
)

// CheckAnswers refuses an answers file whose values a step would refuse at its field,
// naming the file, line and key of each problem, before anything runs.
func CheckAnswers(f *answers.File) error {
	a := &f.Answers
	var problems []answers.Problem
	if a.Region != "" {
		if err := validate.Region(a.Region); err != nil {
			problems = append(problems, answers.Problem{Key: "region", Err: err})
		}
	}
	for _, check := range []func(*answers.Answers) []answers.Problem{
		rootuser.ValidateAnswers, billingsteps.ValidateAnswers, identitycenter.ValidateAnswers,
		iamuser.ValidateAnswers, reviewsteps.ValidateAnswers, summary.ValidateAnswers,
	} {
		problems = append(problems, check(a)...)
	}
	return f.Check(problems)
}
