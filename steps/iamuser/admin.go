package iamuser

import (
	"bytes"
	"context"
	"crypto/rand"
	"encoding/json"
	"errors"
	"fmt"
	"math/big"
	"net/url"
	"regexp"
	"strings"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/iam"

	"github.com/firstrun/firstrun/awsclient"
)

// AdministratorAccess is the AWS managed policy that allows everything, by its path.
const AdministratorAccess = "AdministratorAccess"

// isAdministratorAccess reports whether arn is AdministratorAccess, in any partition.
func isAdministratorAccess(arn string) bool {
	return strings.HasSuffix(arn, ":iam::aws:policy/"+AdministratorAccess) && strings.HasPrefix(arn, "arn:")
}

// GuardPolicyName is the inline policy that holds the emergency administrator back until
// it signs in with MFA, named as in AWS's example policy it follows.
const GuardPolicyName = "BlockMostAccessUnlessSignedInWithMFA"

// guardPolicy denies everything but setting up MFA and changing the password unless the
// request was signed in with MFA: AWS's "BlockMostAccessUnlessSignedInWithMFA" pattern
// (IAM User Guide, "Allows MFA-authenticated IAM users to manage their own MFA device").
// Only its deny statement is needed: the user's allows come from AdministratorAccess.
const guardPolicy = `{
  "Version": "2012-10-17",
  "Statement": [
    {
      "Sid": "DenyAllExceptListedIfNoMFA",
      "Effect": "Deny",
      "NotAction": [
        "iam:ChangePassword",
        "iam:GetAccountPasswordPolicy",
        "iam:GetUser",
        "iam:CreateVirtualMFADevice",
        "iam:EnableMFADevice",
        "iam:GetMFADevice",
        "iam:ListMFADevices",
        "iam:ListVirtualMFADevices",
        "iam:ResyncMFADevice",
        "sts:GetSessionToken"
      ],
      "Resource": "*",
      "Condition": {"BoolIfExists": {"aws:MultiFactorAuthPresent": "false"}}
    }
  ]
}`

// GuardPolicy is the policy document of GuardPolicyName.
func GuardPolicy() string { return guardPolicy }

// AdminInput is what the operator decides about the emergency administrator.
type AdminInput struct {
	// Create is false by default: AWS recommends Identity Center for every sign-in, and
	// this user is only for when Identity Center can't be reached.
	Create   bool
	UserName string
}

// DefaultAdminInput is what the wizard proposes.
func DefaultAdminInput() AdminInput { return AdminInput{UserName: "emergency-admin"} }

var userNameRE = regexp.MustCompile(`^[\w+=,.@-]+$`)

// ValidateUserName applies IAM's rules for user names.
func ValidateUserName(name string) error {
	switch {
	case name == "":
		return errors.New("enter a user name")
	case len(name) > 64:
		return errors.New("an IAM user name has at most 64 characters")
	case !userNameRE.MatchString(name):
		return errors.New("use letters, digits and + = , . @ _ - only (no spaces)")
	}
	return nil
}

// Validate checks the input as a whole.
func (in AdminInput) Validate() error {
	if !in.Create {
		return nil
	}
	return ValidateUserName(in.UserName)
}

// AdminState is what AWS has of the emergency administrator.
type AdminState struct {
	UserName            string
	Exists              bool
	ARN                 string
	Created             time.Time
	AdministratorAccess bool
	Guarded             bool // the guard policy is in place, as firstrun writes it
	MFADevices          []string
	ConsolePassword     bool
	// PasswordUnconfirmed is what the checkpoint knows and AWS can't: a run set the
	// console password and stopped before the operator said they had stored it. Nobody
	// can see that password again, so it must be replaced.
	PasswordUnconfirmed bool
}

// Complete reports whether the user is ready for an emergency.
func (s AdminState) Complete() bool {
	return s.Exists && s.AdministratorAccess && s.Guarded && len(s.MFADevices) > 0 && s.ConsolePassword && !s.PasswordUnconfirmed
}

// ReadAdmin reads what AWS has of user name, changing nothing.
func ReadAdmin(ctx context.Context, api awsclient.IAMAPI, name string) (AdminState, error) {
	s := AdminState{UserName: name}
	u, err := api.GetUser(ctx, &iam.GetUserInput{UserName: aws.String(name)})
	if awsclient.IsNotFound(err) {
		return s, nil
	}
	if err != nil {
		return s, err
	}
	s.Exists, s.ARN, s.Created = true, aws.ToString(u.User.Arn), aws.ToTime(u.User.CreateDate)

	if s.AdministratorAccess, err = hasAdministratorAccess(ctx, api, name); err != nil {
		return s, err
	}

	pol, err := api.GetUserPolicy(ctx, &iam.GetUserPolicyInput{UserName: aws.String(name), PolicyName: aws.String(GuardPolicyName)})
	switch {
	case awsclient.IsNotFound(err):
	case err != nil:
		return s, err
	default:
		s.Guarded = samePolicy(aws.ToString(pol.PolicyDocument), guardPolicy)
	}

	if s.MFADevices, err = EnabledMFADevices(ctx, api, name); err != nil {
		return s, err
	}

	_, err = api.GetLoginProfile(ctx, &iam.GetLoginProfileInput{UserName: aws.String(name)})
	switch {
	case awsclient.IsNotFound(err):
	case err != nil:
		return s, err
	default:
		s.ConsolePassword = true
	}
	return s, nil
}

// hasAdministratorAccess reports whether AdministratorAccess is attached to user name
// itself (not through a group).
func hasAdministratorAccess(ctx context.Context, api awsclient.IAMAPI, name string) (bool, error) {
	pages := iam.NewListAttachedUserPoliciesPaginator(api, &iam.ListAttachedUserPoliciesInput{UserName: aws.String(name)})
	for pages.HasMorePages() {
		page, err := pages.NextPage(ctx)
		if err != nil {
			return false, err
		}
		for _, p := range page.AttachedPolicies {
			if isAdministratorAccess(aws.ToString(p.PolicyArn)) {
				return true, nil
			}
		}
	}
	return false, nil
}

// AdminsWithMFA lists the IAM users with AdministratorAccess attached and an MFA device:
// emergency administrators, whoever made them. It changes nothing. A user who gets the
// policy through a group is not counted; firstrun attaches it to the user.
func AdminsWithMFA(ctx context.Context, api awsclient.IAMAPI) ([]string, error) {
	var admins []string
	pages := iam.NewListUsersPaginator(api, &iam.ListUsersInput{})
	for pages.HasMorePages() {
		page, err := pages.NextPage(ctx)
		if err != nil {
			return nil, err
		}
		for _, u := range page.Users {
			name := aws.ToString(u.UserName)
			admin, err := hasAdministratorAccess(ctx, api, name)
			if err != nil {
				return nil, err
			}
			if !admin {
				continue
			}
			devices, err := EnabledMFADevices(ctx, api, name)
			if err != nil {
				return nil, err
			}
			if len(devices) > 0 {
				admins = append(admins, name)
			}
		}
	}
	return admins, nil
}

// samePolicy compares a policy document as IAM returns it (URL-encoded) with ours.
func samePolicy(fromIAM, want string) bool {
	doc, err := url.PathUnescape(fromIAM)
	if err != nil {
		return false
	}
	var a, b bytes.Buffer
	return json.Compact(&a, []byte(doc)) == nil && json.Compact(&b, []byte(want)) == nil && a.String() == b.String()
}

// EnsureAdmin makes user name an administrator held back until it signs in with MFA. It
// is idempotent: an existing user is kept, an attached policy attached again changes
// nothing, and the guard policy is written whole. It returns what the checkpoint keeps.
func EnsureAdmin(ctx context.Context, api awsclient.IAMAPI, partition, name string) (map[string]string, error) {
	var arn string
	created, err := api.CreateUser(ctx, &iam.CreateUserInput{UserName: aws.String(name)})
	switch {
	case awsclient.IsAlreadyExists(err):
		u, err := api.GetUser(ctx, &iam.GetUserInput{UserName: aws.String(name)})
		if err != nil {
			return nil, err
		}
		arn = aws.ToString(u.User.Arn)
	case err != nil:
		return nil, err
	default:
		arn = aws.ToString(created.User.Arn)
	}
	res := map[string]string{"user_name": name, "user_arn": arn}
	if _, err := api.AttachUserPolicy(ctx, &iam.AttachUserPolicyInput{UserName: aws.String(name), PolicyArn: aws.String(awsclient.ManagedPolicyARN(partition, AdministratorAccess))}); err != nil {
		return res, err
	}
	if _, err := api.PutUserPolicy(ctx, &iam.PutUserPolicyInput{
		UserName: aws.String(name), PolicyName: aws.String(GuardPolicyName), PolicyDocument: aws.String(guardPolicy),
	}); err != nil {
		return res, err
	}
	res["guard_policy"] = GuardPolicyName
	return res, nil
}

// SetConsolePassword gives user name a new generated console password that must be
// changed at the first sign-in, replacing any earlier one (whose text nobody can see
// again), and returns it. The caller shows it once and keeps it nowhere.
func SetConsolePassword(ctx context.Context, api awsclient.IAMAPI, name string) (string, error) {
	password, err := GeneratePassword()
	if err != nil {
		return "", err
	}
	_, err = api.CreateLoginProfile(ctx, &iam.CreateLoginProfileInput{
		UserName: aws.String(name), Password: aws.String(password), PasswordResetRequired: true,
	})
	if awsclient.IsAlreadyExists(err) {
		_, err = api.UpdateLoginProfile(ctx, &iam.UpdateLoginProfileInput{
			UserName: aws.String(name), Password: aws.String(password), PasswordResetRequired: aws.Bool(true),
		})
	}
	if err != nil {
		return "", err
	}
	return password, nil
}

// Password alphabets, without the characters people misread (0/O, 1/l/I) and with only
// the symbols IAM's password policy counts.
const (
	upperChars  = "ABCDEFGHJKLMNPQRSTUVWXYZ"
	lowerChars  = "abcdefghijkmnopqrstuvwxyz"
	digitChars  = "23456789"
	symbolChars = "!@#$%^&*-_=+"
	// passwordLength is well above any password policy's usual minimum (CIS asks 14).
	passwordLength = 24
)

// GeneratePassword returns a random password with every character class IAM counts.
func GeneratePassword() (string, error) {
	classes := []string{upperChars, lowerChars, digitChars, symbolChars}
	all := upperChars + lowerChars + digitChars + symbolChars
	pw := make([]byte, 0, passwordLength)
	for len(pw) < passwordLength {
		from := all
		if len(pw) < len(classes) {
			from = classes[len(pw)]
		}
		c, err := pick(from)
		if err != nil {
			return "", err
		}
		pw = append(pw, c)
	}
	// Shuffle, so the guaranteed classes are not always first.
	for i := len(pw) - 1; i > 0; i-- {
		j, err := rand.Int(rand.Reader, big.NewInt(int64(i+1)))
		if err != nil {
			return "", err
		}
		pw[i], pw[j.Int64()] = pw[j.Int64()], pw[i]
	}
	return string(pw), nil
}

func pick(from string) (byte, error) {
	n, err := rand.Int(rand.Reader, big.NewInt(int64(len(from))))
	if err != nil {
		return 0, fmt.Errorf("generate a password: %w", err)
	}
	return from[n.Int64()], nil
}

// SignInURL is the console sign-in page for IAM users of account.
func SignInURL(account string) string { return "https://" + account + ".signin.aws.amazon.com/console" }
