package identitycenter

import (
	"context"
	"errors"
	"slices"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/sso"
	"github.com/aws/aws-sdk-go-v2/service/ssooidc"

	"github.com/firstrun/firstrun/awsclient"
)

// deviceGrantType is the OAuth 2.0 device authorization grant (RFC 8628).
const deviceGrantType = "urn:ietf:params:oauth:grant-type:device_code"

// slowDownStep is what RFC 8628 adds to the polling interval after a slow_down answer.
const slowDownStep = 5 * time.Second

// The device flow's answers that are not a token.
var (
	// ErrAuthorizationPending: nobody has approved the sign-in yet; ask again after the
	// interval.
	ErrAuthorizationPending = errors.New("the sign-in has not been approved yet")
	// ErrSlowDown: the last poll came too soon; wait five seconds longer from now on.
	ErrSlowDown = errors.New("AWS asked to poll more slowly")
	// ErrSignInExpired: the code ran out before anyone approved it; start again.
	ErrSignInExpired = errors.New("the sign-in code expired before it was approved")
	// ErrSignInDenied: the person on the verification page refused the request.
	ErrSignInDenied = errors.New("the sign-in was denied on the verification page")
)

// DeviceSignIn is a sign-in to the access portal through the OIDC device flow, as the AWS
// CLI does it: a person approves it in a browser, and the program then gets an access
// token. It holds the client secret and device code in memory only; nothing of it is
// saved.
type DeviceSignIn struct {
	UserCode string
	// VerificationURI is the page where the person enters UserCode;
	// VerificationURIComplete has the code in it already (for a QR code).
	VerificationURI         string
	VerificationURIComplete string
	// Interval is how long AWS asks to wait between polls, at first.
	Interval time.Duration
	Expires  time.Time

	clientID, clientSecret, deviceCode string
}

// StartSignIn registers firstrun as a public OIDC client and starts a device
// authorization for the access portal at startURL.
func StartSignIn(ctx context.Context, api awsclient.SSOOIDCAPI, startURL string, now time.Time) (*DeviceSignIn, error) {
	client, err := api.RegisterClient(ctx, &ssooidc.RegisterClientInput{ClientName: aws.String("firstrun"), ClientType: aws.String("public")})
	if err != nil {
		return nil, err
	}
	dev, err := api.StartDeviceAuthorization(ctx, &ssooidc.StartDeviceAuthorizationInput{
		ClientId: client.ClientId, ClientSecret: client.ClientSecret, StartUrl: aws.String(startURL)})
	if err != nil {
		return nil, err
	}
	interval := time.Duration(dev.Interval) * time.Second
	if interval <= 0 {
		interval = 5 * time.Second // RFC 8628's default
	}
	return &DeviceSignIn{
		UserCode: aws.ToString(dev.UserCode), VerificationURI: aws.ToString(dev.VerificationUri),
		VerificationURIComplete: aws.ToString(dev.VerificationUriComplete),
		Interval:                interval, Expires: now.Add(time.Duration(dev.ExpiresIn) * time.Second),
		clientID: aws.ToString(client.ClientId), clientSecret: aws.ToString(client.ClientSecret), deviceCode: aws.ToString(dev.DeviceCode),
	}, nil
}

// Token asks once for the access token. Until someone approves the sign-in it returns
// ErrAuthorizationPending, ErrSlowDown, ErrSignInExpired or ErrSignInDenied.
func (s *DeviceSignIn) Token(ctx context.Context, api awsclient.SSOOIDCAPI) (string, error) {
	out, err := api.CreateToken(ctx, &ssooidc.CreateTokenInput{
		ClientId: aws.String(s.clientID), ClientSecret: aws.String(s.clientSecret),
		GrantType: aws.String(deviceGrantType), DeviceCode: aws.String(s.deviceCode)})
	switch awsclient.ErrorCode(err) {
	case "":
		if err != nil {
			return "", err
		}
		return aws.ToString(out.AccessToken), nil
	case "AuthorizationPendingException":
		return "", ErrAuthorizationPending
	case "SlowDownException":
		return "", ErrSlowDown
	case "ExpiredTokenException":
		return "", ErrSignInExpired
	case "AccessDeniedException":
		return "", ErrSignInDenied
	}
	return "", err
}

// NextPoll is the pause before the next poll after an answer: the interval, grown by
// five seconds after a slow-down.
func NextPoll(interval time.Duration, answer error) time.Duration {
	if errors.Is(answer, ErrSlowDown) {
		return interval + slowDownStep
	}
	return interval
}

// Wait polls for the access token until someone approves the sign-in, it expires, or ctx
// ends, pausing with sleep between polls as AWS asks.
func (s *DeviceSignIn) Wait(ctx context.Context, api awsclient.SSOOIDCAPI, sleep func(context.Context, time.Duration) error) (string, error) {
	interval := s.Interval
	for {
		if err := sleep(ctx, interval); err != nil {
			return "", err
		}
		token, err := s.Token(ctx, api)
		switch {
		case err == nil:
			return token, nil
		case errors.Is(err, ErrAuthorizationPending), errors.Is(err, ErrSlowDown):
			interval = NextPoll(interval, err)
		default:
			return "", err
		}
	}
}

// PortalAccess is what a signed-in user reaches through the access portal in one account.
type PortalAccess struct {
	AccountListed bool
	Roles         []string
}

// Has reports whether the user can sign in to the account with role.
func (a PortalAccess) Has(role string) bool { return a.AccountListed && slices.Contains(a.Roles, role) }

// CheckPortalAccess asks the portal API, as the user behind token, whether account is
// listed and which roles (permission sets) the user has there.
func CheckPortalAccess(ctx context.Context, api awsclient.SSOPortalAPI, token, account string) (PortalAccess, error) {
	var access PortalAccess
	accounts := sso.NewListAccountsPaginator(api, &sso.ListAccountsInput{AccessToken: aws.String(token)})
	for accounts.HasMorePages() && !access.AccountListed {
		page, err := accounts.NextPage(ctx)
		if err != nil {
			return access, err
		}
		for _, a := range page.AccountList {
			access.AccountListed = access.AccountListed || aws.ToString(a.AccountId) == account
		}
	}
	if !access.AccountListed {
		return access, nil
	}
	roles := sso.NewListAccountRolesPaginator(api, &sso.ListAccountRolesInput{AccessToken: aws.String(token), AccountId: aws.String(account)})
	for roles.HasMorePages() {
		page, err := roles.NextPage(ctx)
		if err != nil {
			return access, err
		}
		for _, r := range page.RoleList {
			access.Roles = append(access.Roles, aws.ToString(r.RoleName))
		}
	}
	return access, nil
}
