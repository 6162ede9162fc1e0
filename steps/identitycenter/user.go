package identitycenter

import (
	"context"
	"errors"
	"fmt"
	"regexp"
	"strings"
	"unicode/utf8"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/identitystore"
	"github.com/aws/aws-sdk-go-v2/service/identitystore/document"
	"github.com/aws/aws-sdk-go-v2/service/identitystore/types"

	"github.com/firstrun/firstrun/awsclient"
	"github.com/firstrun/firstrun/steps/validate"
)

// AdminUser is what the operator gives for the administrator's Identity Center user.
type AdminUser struct {
	UserName string
	Email    string
	// EmailAgain is the address typed a second time: a typo would send the invitation
	// and every verification code to someone else.
	EmailAgain  string
	GivenName   string
	FamilyName  string
	DisplayName string // "" means "GivenName FamilyName"
}

// Limits and patterns of the Identity Store model (UserName, SensitiveStringType).
const (
	maxUserName  = 128
	maxAttribute = 1024
)

var (
	userNamePattern  = regexp.MustCompile(`^[\p{L}\p{M}\p{S}\p{N}\p{P}]+$`)
	attributePattern = regexp.MustCompile(`^[\p{L}\p{M}\p{S}\p{N}\p{P}\t\n\r \x{a0}\x{3000}]+$`)
	// reservedNames can name neither a user nor a group of the directory.
	reservedNames = []string{"Administrator", "AWSAdministrators"}
)

func isReserved(name string) bool {
	for _, r := range reservedNames {
		if strings.EqualFold(r, name) {
			return true
		}
	}
	return false
}

// ValidateUserName checks a user name as Identity Center does: 1 to 128 letters, digits,
// symbols and punctuation, no spaces, and not a name AWS reserves.
func ValidateUserName(s string) error {
	switch n := utf8.RuneCountInString(s); {
	case n == 0:
		return errors.New("enter a user name; the administrator signs in with it")
	case n > maxUserName:
		return fmt.Errorf("a user name has at most %d characters; this one has %d", maxUserName, n)
	case !userNamePattern.MatchString(s):
		return errors.New("use letters, digits, symbols and punctuation only: no spaces")
	case isReserved(s):
		return fmt.Errorf("%s is reserved by AWS; choose another name", s)
	}
	return nil
}

// ValidateEmail checks that s is a plain email address that mail can reach.
func ValidateEmail(s string) error {
	if s == "" {
		return errors.New("enter the administrator's email address: the invitation and sign-in codes go there")
	}
	return validate.Email(s)
}

// SameEmail returns the validator of the second email field: it must repeat *first.
func SameEmail(first *string) func(string) error {
	return func(s string) error {
		if !strings.EqualFold(strings.TrimSpace(s), strings.TrimSpace(*first)) {
			return errors.New("the two email addresses differ; type the same address twice")
		}
		return nil
	}
}

// ValidateName returns the validator of a name attribute (first, last or display name):
// 1 to 1024 characters of letters, digits, spaces, symbols and punctuation. An optional
// one may be left empty.
func ValidateName(what string, optional bool) func(string) error {
	return func(s string) error {
		switch n := utf8.RuneCountInString(s); {
		case strings.TrimSpace(s) == "" && optional:
			return nil
		case strings.TrimSpace(s) == "":
			return fmt.Errorf("enter the %s", what)
		case n > maxAttribute:
			return fmt.Errorf("the %s has at most %d characters; this one has %d", what, maxAttribute, n)
		case !attributePattern.MatchString(s):
			return fmt.Errorf("the %s may hold letters, digits, spaces, symbols and punctuation only", what)
		}
		return nil
	}
}

// Validate checks every field as the form does.
func (u AdminUser) Validate() error {
	return errors.Join(
		ValidateUserName(u.UserName),
		ValidateEmail(u.Email),
		SameEmail(&u.Email)(u.EmailAgain),
		ValidateName("first name", false)(u.GivenName),
		ValidateName("last name", false)(u.FamilyName),
		ValidateName("display name", true)(u.DisplayName),
	)
}

// Display is the name the access portal shows.
func (u AdminUser) Display() string {
	if d := strings.TrimSpace(u.DisplayName); d != "" {
		return d
	}
	return strings.TrimSpace(u.GivenName) + " " + strings.TrimSpace(u.FamilyName)
}

// User is a user of the Identity Center directory.
type User struct {
	ID          string
	UserName    string
	DisplayName string
	Email       string
}

// uniqueAttribute is GetUserId's and GetGroupId's look-up by a unique attribute, with the
// attribute paths as AWS documents them.
func uniqueAttribute(path, value string) types.AlternateIdentifier {
	return &types.AlternateIdentifierMemberUniqueAttribute{Value: types.UniqueAttribute{
		AttributePath: aws.String(path), AttributeValue: document.NewLazyDocument(value)}}
}

// FindUser looks a user up by user name; found is false when there is none.
func FindUser(ctx context.Context, api awsclient.IdentityStoreAPI, storeID, userName string) (u User, found bool, err error) {
	id, err := api.GetUserId(ctx, &identitystore.GetUserIdInput{
		IdentityStoreId: aws.String(storeID), AlternateIdentifier: uniqueAttribute("userName", userName)})
	if awsclient.IsNotFound(err) {
		return User{}, false, nil
	}
	if err != nil {
		return User{}, false, err
	}
	u, err = describeUser(ctx, api, storeID, aws.ToString(id.UserId))
	return u, err == nil, err
}

func describeUser(ctx context.Context, api awsclient.IdentityStoreAPI, storeID, userID string) (User, error) {
	out, err := api.DescribeUser(ctx, &identitystore.DescribeUserInput{IdentityStoreId: aws.String(storeID), UserId: aws.String(userID)})
	if err != nil {
		return User{}, err
	}
	u := User{ID: aws.ToString(out.UserId), UserName: aws.ToString(out.UserName), DisplayName: aws.ToString(out.DisplayName)}
	if len(out.Emails) > 0 {
		u.Email = aws.ToString(out.Emails[0].Value)
	}
	return u, nil
}

// EnsureUser creates the user unless one with its user name exists, in which case it
// returns that one: a resumed run never makes a second administrator.
func EnsureUser(ctx context.Context, api awsclient.IdentityStoreAPI, storeID string, in AdminUser) (u User, created bool, err error) {
	if err := in.Validate(); err != nil {
		return User{}, false, err
	}
	if u, found, err := FindUser(ctx, api, storeID, in.UserName); err != nil || found {
		return u, false, err
	}
	email := strings.TrimSpace(in.Email)
	out, err := api.CreateUser(ctx, &identitystore.CreateUserInput{
		IdentityStoreId: aws.String(storeID),
		UserName:        aws.String(in.UserName),
		DisplayName:     aws.String(in.Display()),
		Name:            &types.Name{GivenName: aws.String(strings.TrimSpace(in.GivenName)), FamilyName: aws.String(strings.TrimSpace(in.FamilyName))},
		Emails:          []types.Email{{Value: aws.String(email), Type: aws.String("work"), Primary: true}},
	})
	if awsclient.IsAlreadyExists(err) { // made by a run whose answer was lost
		u, _, err := FindUser(ctx, api, storeID, in.UserName)
		return u, false, err
	}
	if err != nil {
		return User{}, false, err
	}
	return User{ID: aws.ToString(out.UserId), UserName: in.UserName, DisplayName: in.Display(), Email: email}, true, nil
}
