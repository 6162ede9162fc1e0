package review_test

import (
	"strings"
	"testing"

	"github.com/firstrun/firstrun/answers"
	"github.com/firstrun/firstrun/steps"
	"github.com/firstrun/firstrun/steps/review"
)

func TestValidateAnswers(t *testing.T) {
	for _, tc := range []struct {
		length  int
		wantErr string
	}{
		{0, ""}, // not answered: the wizard proposes 14
		{14, ""},
		{128, ""},
		{13, "the CIS benchmark asks for at least 14"},
		{-1, "the CIS benchmark asks for at least 14"},
		{129, "IAM allows at most 128 characters"},
	} {
		problems := review.ValidateAnswers(&answers.Answers{PasswordPolicy: answers.PasswordPolicy{MinimumLength: tc.length}})
		switch {
		case tc.wantErr == "" && len(problems) != 0:
			t.Errorf("minimum_length %d: %v", tc.length, problems)
		case tc.wantErr != "" && (len(problems) != 1 || problems[0].Key != "password_policy.minimum_length" ||
			problems[0].Err.Error() != tc.wantErr):
			t.Errorf("minimum_length %d: %+v, want %q", tc.length, problems, tc.wantErr)
		}
	}
}

func TestAnswersFileWithAShortPasswordIsRefusedAtItsLine(t *testing.T) {
	f, err := answers.Parse("client.yaml", []byte("version: 1\npassword_policy:\n  apply: true\n  minimum_length: 8\n"))
	if err != nil {
		t.Fatal(err)
	}
	err = steps.CheckAnswers(f)
	if want := "client.yaml:4: password_policy.minimum_length: the CIS benchmark asks for at least 14"; err == nil ||
		!strings.Contains(err.Error(), want) {
		t.Errorf("CheckAnswers = %v, want %q", err, want)
	}
}
