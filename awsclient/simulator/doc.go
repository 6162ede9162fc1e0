// Package simulator is a simulated AWS world behind a real HTTP server on
// the loopback interface. It speaks the services' real wire protocols, so
// unmodified aws-sdk-go-v2 clients and the AWS CLI talk to it through one
// base endpoint (config.WithBaseEndpoint or AWS_ENDPOINT_URL). It is the
// engine of `firstrun --demo`, and every test in the project uses it.
//
// # Dispatch
//
// All services share the endpoint. A request's service and Region come from
// its SigV4 credential scope (Credential=AKID/date/REGION/SERVICE/aws4_request);
// signatures are never checked. The caller comes from the access key ID.
// Unsigned requests (SSO OIDC, the SSO portal) are found by path. Paths under
// /_simulator/ are the control API (see Simulator.Handler).
//
// # Services
//
// STS and IAM (query protocol, XML), Organizations and SSO Admin (JSON 1.1)
// and Account and Access Analyzer (REST-JSON) are served; Identity Store,
// Budgets, SSO OIDC and the SSO portal have their place in the design but
// no operations yet. A call to an operation the simulator lacks fails with
// the protocol's unknown-operation error, naming it.
//
// # Adding an operation
//
// Each service has a file (iam.go, organizations.go, ...) whose constructor
// lists its operations with read or write; a big service splits its list
// across files (iam_users.go). A handler reads its input from the request,
// changes the world under the lock the dispatcher holds, and returns the
// output shape or an *apiError with the code and HTTP status of the
// service's model. The dispatcher does authentication, faults, the call log
// and saving; codecs (codec_*.go) do the wire format. Use paginate for List
// operations and async for statuses that change over time. A new service
// adds one line to services in registry.go.
//
// The world (world.go) is what the state file stores, so it never holds
// secrets: those live in the vault, in memory only.
package simulator
