package iamuser

import (
	"context"
	"errors"
	"strings"

	"github.com/firstrun/firstrun/awsclient"
	"github.com/firstrun/firstrun/steps/checkpoint"
	step "github.com/firstrun/firstrun/steps/core"
)

// adminStep is the emergency-admin step's ID in the sequence.
const adminStep step.ID = "emergency-admin"

// AdminOutputs are what the emergency-admin step records of the user: never the password
// or the seed.
type AdminOutputs struct {
	UserName    string `json:"user_name,omitempty"`
	UserARN     string `json:"user_arn,omitempty"`
	GuardPolicy string `json:"guard_policy,omitempty"`
	MFADevice   string `json:"mfa_device,omitempty"`
	// ConsoleSignIn says where the console password stands: "unconfirmed" once AWS has
	// it, "ready" once the operator said they stored it. A password left unconfirmed by
	// an interrupted run is replaced, since nobody can see it again; one this step never
	// set (no record) is the owner's and left alone.
	ConsoleSignIn string `json:"console_sign_in,omitempty"`
}

// Where the console password stands, as ConsoleSignIn records it.
const (
	passwordUnconfirmed = "unconfirmed"
	passwordReady       = "ready"
)

// adminNotWanted is the reason the step is skipped when the operator wants no emergency
// administrator.
const adminNotWanted = "not wanted: AWS recommends Identity Center for every sign-in, and this user only for when it can't be reached"

const adminIntro = "An emergency administrator is an IAM user kept for the day IAM Identity Center " +
	"can't be reached, for example when its Region has an outage. AWS recommends that people sign in " +
	"through Identity Center, so this user is optional, and firstrun creates it only if you ask.\n\n" +
	"If you do, it gets full administrator rights, an MFA device on your phone and a console password " +
	"you see once. Until it signs in with MFA it can do nothing but set up MFA and change its password."

// AdminFlow is the emergency-admin step: an IAM administrator for the day Identity Center
// can't be reached, held back by a guard policy until it signs in with MFA, with a virtual
// MFA device enrolled here and a console password shown once. It is off unless the
// operator asks for it, so it always asks. Its MFA device and its password need a person,
// so a run without one waits before making anything.
//
// The audit can't know from AWS whether anyone wants an emergency administrator: it passes
// when an IAM user with AdministratorAccess and an MFA device exists, reports the optional
// step as not run when the answers decline it, and fails when they ask for one that is not
// ready.
func AdminFlow(env step.Env) *step.Flow {
	s := &admin{env: env, input: AdminFromAnswers(env.Answers.EmergencyAdmin)}
	rec, _ := env.Record(adminStep)
	s.signIn = rec.Resources["console_sign_in"]
	if name := rec.Resources["user_name"]; rec.Outcome == checkpoint.InProgress && name != "" {
		// An interrupted run already chose to create this user: carry on with it.
		s.input, s.resumed = AdminInput{Create: true, UserName: name}, true
	}
	return &step.Flow{
		Intro:        adminIntro,
		Inspect:      s.inspect,
		Questions:    s.questions,
		AskAlways:    true,
		Decline:      s.decline,
		Apply:        s.apply,
		ConfirmLabel: "set up the user",
	}
}

// admin is the step's state between the Flow's calls.
type admin struct {
	env     step.Env
	input   AdminInput
	resumed bool // an interrupted run chose the user: nothing to ask
	// signIn is where the console password stands, as saved and as this run moved it.
	signIn string
}

func (s *admin) inspect(ctx context.Context) (step.Inspection, error) {
	if !s.input.Create {
		admins, err := AdminsWithMFA(ctx, s.env.AWS.IAM)
		if err != nil {
			return step.Inspection{}, err
		}
		if len(admins) > 0 {
			names := strings.Join(admins, ", ")
			return step.Inspection{Holds: true, Detail: "IAM users with AdministratorAccess and MFA: " + names,
				Facts: []step.Fact{{Label: "Emergency administrators", Value: names, Good: step.Yes()}}}, nil
		}
		return step.Inspection{Detail: "no IAM user has AdministratorAccess and an MFA device",
			Facts: []step.Fact{{Label: "Emergency administrators", Value: "none"}}}, nil
	}
	st, err := s.read(ctx)
	if err != nil {
		return step.Inspection{}, err
	}
	in := step.Inspection{Facts: adminFacts(st), Holds: st.Complete(), Detail: adminDetail(st),
		Changes: st.Changes(s.env.Identity.Partition()), Outputs: adminOutputs(st)}
	var person []string
	if len(st.MFADevices) == 0 {
		person = append(person, "scan its MFA device's QR code with a phone and type two codes")
	}
	if !st.ConsolePassword || st.PasswordUnconfirmed {
		person = append(person, "note its console password, shown once")
	}
	if len(person) > 0 {
		in.Decision = "set up " + st.UserName + " in the wizard: a person must " + strings.Join(person, ", and ")
	}
	return in, nil
}

// read reads what AWS has of the chosen user, with what only the checkpoint knows: whether
// a console password was set and never confirmed as stored.
func (s *admin) read(ctx context.Context) (AdminState, error) {
	st, err := ReadAdmin(ctx, s.env.AWS.IAM, s.input.UserName)
	st.PasswordUnconfirmed = st.ConsolePassword && s.signIn == passwordUnconfirmed
	return st, err
}

func (s *admin) questions(step.Inspection) *step.Form {
	if s.resumed {
		return nil
	}
	return step.NewForm(
		step.Group{Fields: []step.Field{&step.Confirm{
			Common: step.Common{Title: "Create an emergency administrator?",
				Description: "Only if you want a way in that doesn't depend on Identity Center."},
			Value: &s.input.Create, Affirmative: "Yes, create one", Negative: "No",
		}}},
		step.Group{Fields: []step.Field{&step.Input{
			Common: step.Common{Title: "User name",
				Description: "The name it signs in with. Pick one that says what it is for."},
			Value: &s.input.UserName, Validate: ValidateUserName,
		}}, Hide: func() bool { return !s.input.Create }},
	)
}

func (s *admin) decline() string {
	if !s.input.Create {
		return adminNotWanted
	}
	return ""
}

// apply makes the user an administrator held back until it signs in with MFA, enrols its
// MFA device and gives it a console password, saving each as it exists. It reads AWS
// again first, so a retry or a resumed run does only what is left.
func (s *admin) apply(ctx context.Context, a *step.Act) (step.Outputs, error) {
	api, name := s.env.AWS.IAM, s.input.UserName
	st, err := s.read(ctx)
	if err != nil {
		return nil, err
	}
	res, err := EnsureAdmin(ctx, api, s.env.Identity.Partition(), name)
	out := AdminOutputs{UserName: res["user_name"], UserARN: res["user_arn"], GuardPolicy: res["guard_policy"], ConsoleSignIn: s.signIn}
	if len(res) > 0 {
		// Saved at once, whatever failed after, so a resumed run knows the user.
		if perr := a.Progress(out); perr != nil {
			return nil, perr
		}
	}
	if err != nil {
		return nil, err
	}

	if len(st.MFADevices) > 0 {
		out.MFADevice = st.MFADevices[0]
	} else {
		serial, err := enrol(ctx, a, s.env, name, func(serial string) error {
			out.MFADevice = serial
			return a.Progress(out)
		})
		if errors.Is(err, step.ErrCanceled) {
			// The unused device is deleted; without MFA the user can do nothing.
			return nil, step.ErrSkipped
		}
		if err != nil {
			return nil, err
		}
		out.MFADevice = serial
	}

	if st.ConsolePassword && !st.PasswordUnconfirmed {
		out.ConsoleSignIn = passwordReady
		return out, nil
	}
	password, err := SetConsolePassword(ctx, api, name)
	if err != nil {
		return nil, err
	}
	s.signIn, out.ConsoleSignIn = passwordUnconfirmed, passwordUnconfirmed
	if err := a.Progress(out); err != nil {
		return nil, err
	}
	note := "Store the password in a password manager now. firstrun never saves it and can't show it again. " +
		"At the first sign-in AWS asks for a new password, and for a code from the app you just set up."
	if st.ConsolePassword {
		note += "\n\nAn interrupted run had set a password that may never have been seen, so firstrun replaced it with this one."
	}
	if err := a.Reveal(ctx, step.Secret{
		Title: "Console password for " + name,
		Facts: []step.Fact{{Label: "Sign-in page", Value: SignInURL(s.env.Identity.Account)}, {Label: "User name", Value: name}},
		Label: "Password", Value: password, Note: note,
	}); err != nil {
		return nil, err
	}
	s.signIn, out.ConsoleSignIn = passwordReady, passwordReady
	return out, nil
}

// adminOutputs are the identifiers the checkpoint keeps of the user as AWS has it.
func adminOutputs(st AdminState) step.Outputs {
	if !st.Exists {
		return nil
	}
	out := AdminOutputs{UserName: st.UserName, UserARN: st.ARN}
	if st.Guarded {
		out.GuardPolicy = GuardPolicyName
	}
	if len(st.MFADevices) > 0 {
		out.MFADevice = st.MFADevices[0]
	}
	switch {
	case st.PasswordUnconfirmed:
		out.ConsoleSignIn = passwordUnconfirmed
	case st.ConsolePassword:
		out.ConsoleSignIn = passwordReady
	}
	return out
}

// adminDetail says in a sentence what AWS shows of the user.
func adminDetail(st AdminState) string {
	if !st.Exists {
		return "the IAM user " + st.UserName + " does not exist"
	}
	if st.Complete() {
		return "AWS shows " + st.UserName + " with AdministratorAccess, the MFA guard policy, an MFA device and a console password"
	}
	var missing []string
	if !st.AdministratorAccess {
		missing = append(missing, "AdministratorAccess")
	}
	if !st.Guarded {
		missing = append(missing, "the guard policy "+GuardPolicyName)
	}
	if len(st.MFADevices) == 0 {
		missing = append(missing, "an MFA device")
	}
	switch {
	case st.PasswordUnconfirmed:
		missing = append(missing, "a console password someone stored")
	case !st.ConsolePassword:
		missing = append(missing, "a console password")
	}
	return "the IAM user " + st.UserName + " lacks " + strings.Join(missing, ", ")
}

// Changes are what setting the user up will do, one API call each, with AWS managed
// policies named in partition.
func (s AdminState) Changes(partition string) []step.Change {
	user := "user " + s.UserName
	var c []step.Change
	if !s.Exists {
		c = append(c, step.Change{Service: "iam", Operation: "CreateUser", Resource: user,
			Say: "Create the IAM user " + s.UserName})
	}
	if !s.AdministratorAccess {
		c = append(c, step.Change{Service: "iam", Operation: "AttachUserPolicy", Resource: user,
			Params: []step.Param{{Name: "PolicyArn", Value: awsclient.ManagedPolicyARN(partition, AdministratorAccess)}},
			Say:    "Attach AdministratorAccess (full rights) to it"})
	}
	if !s.Guarded {
		c = append(c, step.Change{Service: "iam", Operation: "PutUserPolicy", Resource: user,
			Params: []step.Param{{Name: "PolicyName", Value: GuardPolicyName}},
			Say:    "Add the inline policy " + GuardPolicyName + ": until the user signs in with MFA, it can only set up MFA and change its password"})
	}
	if len(s.MFADevices) == 0 {
		c = append(c,
			step.Change{Service: "iam", Operation: "CreateVirtualMFADevice", Resource: "mfa " + s.UserName,
				Params: []step.Param{{Name: "VirtualMFADeviceName", Value: s.UserName}},
				Say:    "Create a virtual MFA device and show its QR code; you scan it with your phone and type two codes"},
			step.Change{Service: "iam", Operation: "EnableMFADevice", Resource: user,
				Say: "Enable the device with the two codes, once they pass a check here"})
	}
	switch {
	case !s.ConsolePassword:
		c = append(c, step.Change{Service: "iam", Operation: "CreateLoginProfile", Resource: user,
			Params: []step.Param{{Name: "PasswordResetRequired", Value: "true"}},
			Say:    "Give it a console password, shown once on screen and never saved; AWS asks for a new one at the first sign-in"})
	case s.PasswordUnconfirmed:
		c = append(c, step.Change{Service: "iam", Operation: "UpdateLoginProfile", Resource: user,
			Params: []step.Param{{Name: "PasswordResetRequired", Value: "true"}},
			Say:    "Replace the console password an interrupted run set, which nobody can see again; the new one is shown once"})
	}
	return c
}

func adminFacts(st AdminState) []step.Fact {
	user := st.UserName + ": does not exist yet"
	if st.Exists {
		user = st.UserName + ": exists, created " + st.Created.Local().Format("2 Jan 2006")
	}
	mfa := "none"
	if len(st.MFADevices) > 0 {
		mfa = st.MFADevices[0]
	}
	password := step.Fact{Label: "Console password", Value: "none", Good: step.No()}
	switch {
	case st.PasswordUnconfirmed:
		password = step.Fact{Label: "Console password", Value: "set by an interrupted run, never confirmed as stored", Good: step.No()}
	case st.ConsolePassword:
		password = step.Fact{Label: "Console password", Value: "set", Good: step.Yes()}
	}
	return []step.Fact{
		{Label: "User", Value: user, Good: step.GoodIf(st.Exists)},
		{Label: "Administrator rights", Value: yesNo(st.AdministratorAccess, "AdministratorAccess attached", "not attached"), Good: step.GoodIf(st.AdministratorAccess)},
		{Label: "Guard policy", Value: yesNo(st.Guarded, GuardPolicyName, "missing"), Good: step.GoodIf(st.Guarded)},
		{Label: "MFA device", Value: mfa, Good: step.GoodIf(len(st.MFADevices) > 0)},
		password,
	}
}

func yesNo(ok bool, yes, no string) string {
	if ok {
		return yes
	}
	return no
}
