package cli

import (
	"github.com/firstrun/firstrun/answers"
	"github.com/firstrun/firstrun/steps"
)

// loadAnswers reads the answers file and checks every value as the steps' questions
// would, so that a bad file is refused, each problem with its line, before anything runs.
func loadAnswers(path string) (*answers.File, error) {
	f, err := answers.Load(path)
	if err != nil {
		return nil, err
	}
	if err := steps.CheckAnswers(f); err != nil {
		return nil, err
	}
	return f, nil
}
