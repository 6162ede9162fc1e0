package iamuser

import (
	"context"
	"errors"
	"slices"
	"strconv"
	"strings"

	step "github.com/firstrun/firstrun/steps/core"
)

// UsersMFAOutputs are what the iam-users-mfa step records.
type UsersMFAOutputs struct {
	// EnrolledUsers lists the users this step gave an MFA device: "alice,carol".
	EnrolledUsers string `json:"enrolled_users,omitempty"`
}

// everyoneHasMFA is the iam-users-mfa step's goal, as AWS shows it.
const everyoneHasMFA = "every IAM user with a console password has MFA"

const usersIntro = "MFA (multi-factor authentication) asks for a second proof at sign-in: a code from an " +
	"app on the person's phone, on top of the password. A stolen or guessed password is then not enough " +
	"to get in. AWS recommends it for every IAM user who signs in to the console."

// UsersMFAFlow is the iam-users-mfa step: every IAM user who signs in to the console with a
// password gets an MFA device, one QR code at a time, for the users the operator picks
// (each scans it with their own phone). A run without a person waits before making
// anything; users not picked, or who gave up, leave the step waiting for them.
func UsersMFAFlow(env step.Env) *step.Flow {
	s := &usersMFA{env: env}
	return &step.Flow{
		Intro:        usersIntro,
		Inspect:      s.inspect,
		Questions:    s.questions,
		Decline:      s.decline,
		Revise:       s.judge,
		Apply:        s.apply,
		ConfirmLabel: "set up MFA for the picked users",
	}
}

// usersMFA is the step's state between the Flow's calls.
type usersMFA struct {
	env      step.Env
	users    []ConsoleUser // with a console password
	missing  []ConsoleUser // of those, without MFA
	picked   []string      // the users to enrol, bound to the form
	asked    bool          // picked holds the operator's choice
	enrolled []string
}

func (s *usersMFA) inspect(ctx context.Context) (step.Inspection, error) {
	users, err := ReadConsoleUsers(ctx, s.env.AWS.IAM)
	if err != nil {
		return step.Inspection{}, err
	}
	s.users, s.missing = users, WithoutMFA(users)
	if !s.asked {
		s.picked = userNames(s.missing)
	}
	return s.judge(step.Inspection{}), nil
}

// judge says where the goal stands for the users read and the users picked.
func (s *usersMFA) judge(step.Inspection) step.Inspection {
	in := step.Inspection{
		Holds: len(s.missing) == 0,
		Facts: []step.Fact{
			{Label: "Users with a console password", Value: count(len(s.users))},
			{Label: "Of those, without MFA", Value: count(len(s.missing)), Good: step.GoodIf(len(s.missing) == 0)},
		},
		Outputs: UsersMFAOutputs{EnrolledUsers: strings.Join(s.enrolled, ",")},
	}
	switch n := len(s.users); {
	case len(s.missing) > 0:
		in.Detail = "console password and no MFA: " + Names(s.missing)
	case n == 0:
		in.Detail = "no IAM user has a console password"
	case n == 1:
		in.Detail = everyoneHasMFA + " (1 user)"
	default:
		in.Detail = everyoneHasMFA + " (" + strconv.Itoa(n) + " users)"
	}
	var now, later []ConsoleUser
	for _, u := range s.missing {
		if slices.Contains(s.picked, u.Name) {
			now = append(now, u)
		} else {
			later = append(later, u)
		}
	}
	for _, u := range now {
		in.Changes = append(in.Changes,
			step.Change{Service: "iam", Operation: "CreateVirtualMFADevice", Resource: "mfa " + u.Name,
				Params: []step.Param{{Name: "VirtualMFADeviceName", Value: u.Name}},
				Say:    "Create a virtual MFA device for " + u.Name + " and show its QR code"},
			step.Change{Service: "iam", Operation: "EnableMFADevice", Resource: "user " + u.Name,
				Say: "Enable it with two codes from " + u.Name + "'s phone, once they pass a check here"})
	}
	if len(now) > 0 {
		in.Decision = "set up MFA for " + Names(now) + " in the wizard: each scans a QR code with their own phone and types two codes"
	}
	if len(later) > 0 {
		in.Pending = "still without MFA: " + Names(later) + "; set it up in the wizard when they are with you"
	}
	return in
}

func (s *usersMFA) questions(step.Inspection) *step.Form {
	if len(s.missing) == 0 {
		return nil
	}
	options := make([]step.Option, len(s.missing))
	for i, u := range s.missing {
		options[i] = step.Option{Label: u.Name + lastUsed(u), Value: u.Name}
	}
	return step.NewForm(step.Group{Fields: []step.Field{&step.MultiSelect{
		Common: step.Common{Title: "Set up MFA for",
			Description: "Each scans a code with their own phone: keep those who are with you."},
		Options: options, Value: &s.picked,
	}}})
}

func (s *usersMFA) decline() string {
	s.asked = true
	if len(s.picked) == 0 {
		return "no one picked; still without MFA: " + Names(s.missing)
	}
	return ""
}

// apply enrols each picked user in turn; one who gives up is left for a later run. It
// reads each user's devices first, so a retry enrols only those still without one.
func (s *usersMFA) apply(ctx context.Context, a *step.Act) (step.Outputs, error) {
	out := func() UsersMFAOutputs { return UsersMFAOutputs{EnrolledUsers: strings.Join(s.enrolled, ",")} }
	for _, user := range s.picked {
		devices, err := EnabledMFADevices(ctx, s.env.AWS.IAM, user)
		if err != nil {
			return out(), err
		}
		if len(devices) > 0 {
			continue
		}
		_, err = enrol(ctx, a, s.env, user, nil)
		switch {
		case errors.Is(err, step.ErrCanceled):
			continue // the unused device is deleted; the user waits for a later run
		case err != nil:
			return out(), err
		}
		s.enrolled = append(s.enrolled, user)
		if err := a.Progress(out()); err != nil {
			return out(), err
		}
	}
	// Whoever is still without MFA now waits for a later run.
	s.picked = nil
	return out(), nil
}

func lastUsed(u ConsoleUser) string {
	if u.PasswordLastUsed == nil {
		return " (password never used)"
	}
	return " (last signed in " + u.PasswordLastUsed.Local().Format("2 Jan 2006") + ")"
}

func count(n int) string {
	if n == 0 {
		return "none"
	}
	return strconv.Itoa(n)
}

func userNames(users []ConsoleUser) []string {
	names := make([]string, len(users))
	for i, u := range users {
		names[i] = u.Name
	}
	return names
}
