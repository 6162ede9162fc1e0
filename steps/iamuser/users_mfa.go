package iamuser

import (
	"context"
	"strings"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/iam"

	"github.com/firstrun/firstrun/awsclient"
)

// ConsoleUser is an IAM user who can sign in to the console: one with a password.
type ConsoleUser struct {
	Name string
	// PasswordLastUsed is nil when the password was never used.
	PasswordLastUsed *time.Time
	MFA              bool
}

// ReadConsoleUsers lists the IAM users with a console password, and whether each has an
// MFA device. It changes nothing.
func ReadConsoleUsers(ctx context.Context, api awsclient.IAMAPI) ([]ConsoleUser, error) {
	var out []ConsoleUser
	pages := iam.NewListUsersPaginator(api, &iam.ListUsersInput{})
	for pages.HasMorePages() {
		page, err := pages.NextPage(ctx)
		if err != nil {
			return nil, err
		}
		for _, u := range page.Users {
			name := aws.ToString(u.UserName)
			_, err := api.GetLoginProfile(ctx, &iam.GetLoginProfileInput{UserName: aws.String(name)})
			if awsclient.IsNotFound(err) {
				continue // no console password: MFA would guard nothing here
			}
			if err != nil {
				return nil, err
			}
			devices, err := EnabledMFADevices(ctx, api, name)
			if err != nil {
				return nil, err
			}
			out = append(out, ConsoleUser{Name: name, PasswordLastUsed: u.PasswordLastUsed, MFA: len(devices) > 0})
		}
	}
	return out, nil
}

// WithoutMFA picks the users who sign in with a password alone.
func WithoutMFA(users []ConsoleUser) []ConsoleUser {
	var out []ConsoleUser
	for _, u := range users {
		if !u.MFA {
			out = append(out, u)
		}
	}
	return out
}

// Names lists the users' names, comma-separated, for reasons and records.
func Names(users []ConsoleUser) string {
	names := make([]string, len(users))
	for i, u := range users {
		names[i] = u.Name
	}
	return strings.Join(names, ", ")
}
