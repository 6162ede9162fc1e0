package awsclient

import (
	"context"

	"github.com/aws/aws-sdk-go-v2/service/ssooidc"
)

// SSOOIDCAPI is the OIDC device flow through which a person signs in to the AWS access
// portal from a command-line program. Its calls are unsigned: they prove nothing about the
// caller's own credentials.
type SSOOIDCAPI interface {
	RegisterClient(context.Context, *ssooidc.RegisterClientInput, ...func(*ssooidc.Options)) (*ssooidc.RegisterClientOutput, error)
	StartDeviceAuthorization(context.Context, *ssooidc.StartDeviceAuthorizationInput, ...func(*ssooidc.Options)) (*ssooidc.StartDeviceAuthorizationOutput, error)
	CreateToken(context.Context, *ssooidc.CreateTokenInput, ...func(*ssooidc.Options)) (*ssooidc.CreateTokenOutput, error)
}

var _ SSOOIDCAPI = (*ssooidc.Client)(nil)
