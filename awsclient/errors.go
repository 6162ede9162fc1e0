package awsclient

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/http"
	"regexp"
	"strings"

	"github.com/aws/aws-sdk-go-v2/aws/retry"
	awshttp "github.com/aws/aws-sdk-go-v2/aws/transport/http"
	"github.com/aws/smithy-go"
)

// Errors are classified by their API error code rather than by the SDK's typed
// exceptions: the code also matches generic errors, and one code set covers every service.
var (
	notFoundCodes = codes("NoSuchEntity", "ResourceNotFoundException", "NotFoundException",
		"AWSOrganizationsNotInUseException")
	alreadyExistsCodes = codes("EntityAlreadyExists", "ConflictException", "DuplicateRecordException",
		"AlreadyInOrganizationException")
	accessDeniedCodes = codes("AccessDenied", "AccessDeniedException", "UnauthorizedOperation",
		"AccessDeniedForDependencyException")
	throttleCodes = codes("Throttling", "ThrottlingException", "ThrottledException",
		"TooManyRequestsException", "RequestLimitExceeded")
	expiredCodes = codes("ExpiredToken", "ExpiredTokenException", "RequestExpired")
	// UnauthorizedException is the access portal's (sso:GetRoleCredentials) answer to a
	// token it does not accept.
	badCredentialCodes = codes("InvalidClientTokenId", "UnrecognizedClientException",
		"SignatureDoesNotMatch", "InvalidAccessKeyId", "IncompleteSignature", "InvalidSignatureException",
		"UnauthorizedException")
)

func codes(cs ...string) map[string]bool {
	m := make(map[string]bool, len(cs))
	for _, c := range cs {
		m[c] = true
	}
	return m
}

// ErrorCode returns the AWS API error code carried by err, or "".
func ErrorCode(err error) string {
	var apiErr smithy.APIError
	if errors.As(err, &apiErr) {
		return apiErr.ErrorCode()
	}
	return ""
}

// IsNotFound reports whether AWS said the resource does not exist.
func IsNotFound(err error) bool { return notFoundCodes[ErrorCode(err)] }

// IsAlreadyExists reports whether AWS said the resource already exists; a
// ConflictException about a concurrent write is not that (see conflictIsDuplicate).
func IsAlreadyExists(err error) bool {
	code := ErrorCode(err)
	return alreadyExistsCodes[code] && (code != "ConflictException" || conflictIsDuplicate(err))
}

// IsAccessDenied reports whether the caller lacks a permission.
func IsAccessDenied(err error) bool { return accessDeniedCodes[ErrorCode(err)] }

// IsThrottled reports whether AWS limited the request rate.
func IsThrottled(err error) bool { return throttleCodes[ErrorCode(err)] }

// IsExpiredCredentials reports whether the session behind the credentials has expired.
func IsExpiredCredentials(err error) bool { return expiredCodes[ErrorCode(err)] }

// Kind sorts errors by what the operator can do about them.
type Kind int

const (
	KindUnknown            Kind = iota
	KindNoCredentials           // nothing in the credential chain
	KindNoProfile               // the named profile does not exist
	KindBadCredentials          // AWS rejected the credentials
	KindExpiredCredentials      // the session is over
	KindAccessDenied            // the caller lacks a permission
	KindThrottled               // rate-limited even after retries
	KindServerError             // AWS failed (5xx) even after retries
	KindNetwork                 // AWS could not be reached
	KindCanceled                // the operator abandoned the call
	KindInvalidInput            // AWS refused a value
	KindNotFound
	KindAlreadyExists
	KindConcurrentWrite // another change to the resource had not propagated, even after retries
	KindBadEndpoint     // an answer in no AWS format, from a proxy or a wrong endpoint
)

// Problem is an AWS error explained for the operator: which operation failed, AWS's code
// and message, and what to do about it.
type Problem struct {
	Kind      Kind
	Operation string // "iam:GetAccountSummary"
	Code      string
	Message   string
	// Action is the IAM action the caller lacks, for access-denied errors.
	Action string
	// Caller is the ARN AWS refused, for access-denied errors: from AWS's message, else
	// as WithCaller was told.
	Caller string
	Fix    string
	Err    error
}

func (p Problem) Error() string { return p.Err.Error() }
func (p Problem) Unwrap() error { return p.Err }

// Summary is one line naming the operation, the code and AWS's message.
func (p Problem) Summary() string {
	op := p.Operation
	if op == "" {
		op = "AWS call"
	}
	if status, endpoint, ok := badEndpoint(p.Err); ok {
		return fmt.Sprintf("%s failed: HTTP %d %s from %s, in no AWS format", op, status, http.StatusText(status), endpoint)
	}
	switch {
	case p.Code != "" && p.Message != "":
		return fmt.Sprintf("%s failed: %s: %s", op, p.Code, p.Message)
	case p.Code != "":
		return fmt.Sprintf("%s failed: %s", op, p.Code)
	default:
		return fmt.Sprintf("%s failed: %s", op, rootCause(p.Err))
	}
}

// actionPrefix maps the SDK's service IDs to IAM action prefixes.
var actionPrefix = map[string]string{
	"IAM": "iam", "STS": "sts", "Organizations": "organizations", "SSO Admin": "sso",
	"identitystore": "identitystore", "Budgets": "budgets", "Account": "account",
	"AccessAnalyzer": "access-analyzer", "SSO OIDC": "sso-oauth", "SSO": "sso",
}

// deniedAction finds the action named in AWS's access-denied message
// ("... is not authorized to perform: iam:CreateRole on resource: ...").
var deniedAction = regexp.MustCompile(`perform: ([a-z0-9-]+:[A-Za-z0-9]+)`)

// deniedCaller finds the principal named in AWS's access-denied message ("User:
// arn:aws:sts::123456789012:assumed-role/Admin/jane is not authorized ...").
var deniedCaller = regexp.MustCompile(`(?:User|Principal): (arn:\S+) is not authorized`)

// Explain turns any error from an AWS call into a Problem.
func Explain(err error) Problem {
	p := Problem{Err: err, Code: ErrorCode(err)}
	var opErr *smithy.OperationError
	if errors.As(err, &opErr) {
		prefix, ok := actionPrefix[opErr.ServiceID]
		if !ok {
			prefix = strings.ToLower(strings.ReplaceAll(opErr.ServiceID, " ", ""))
		}
		p.Operation = prefix + ":" + opErr.OperationName
	}
	var apiErr smithy.APIError
	if errors.As(err, &apiErr) {
		p.Message = apiErr.ErrorMessage()
	}
	p.Kind = kindOf(err, p.Code)
	if m := deniedCaller.FindStringSubmatch(p.Message); m != nil && p.Kind == KindAccessDenied {
		p.Caller = m[1]
	}
	p.Fix = fix(&p)
	return p
}

// WithCaller names arn as the caller of an access-denied error whose message does not
// (Organizations' "You don't have permissions to access this resource." names nobody).
func (p Problem) WithCaller(arn string) Problem {
	if p.Kind == KindAccessDenied && p.Caller == "" && arn != "" {
		p.Caller = arn
		p.Fix = fix(&p)
	}
	return p
}

func kindOf(err error, code string) Kind {
	var apiErr smithy.APIError
	var netErr net.Error
	var maxAttempts *retry.MaxAttemptsError
	if _, _, ok := badEndpoint(err); ok {
		return KindBadEndpoint
	}
	switch {
	case errors.Is(err, context.Canceled):
		return KindCanceled
	case accessDeniedCodes[code]:
		return KindAccessDenied
	case expiredCodes[code], isExpiredSession(err):
		return KindExpiredCredentials
	case badCredentialCodes[code]:
		return KindBadCredentials
	case throttleCodes[code]:
		return KindThrottled
	case notFoundCodes[code]:
		return KindNotFound
	case IsConcurrentWrite(err):
		return KindConcurrentWrite
	case IsAlreadyExists(err):
		return KindAlreadyExists
	case strings.Contains(err.Error(), "failed to get shared config profile"):
		return KindNoProfile
	case isNoCredentials(err):
		return KindNoCredentials
	case errors.As(err, &apiErr) && apiErr.ErrorFault() == smithy.FaultServer:
		return KindServerError
	case errors.As(err, &apiErr):
		return KindInvalidInput
	case errors.As(err, &netErr), errors.Is(err, context.DeadlineExceeded), errors.As(err, &maxAttempts):
		return KindNetwork
	default:
		return KindUnknown
	}
}

// badEndpoint recognises a server error or a 404 whose body the SDK could not read as
// the service's error (a proxy's page, a wrong endpoint): it returns the HTTP status
// and the endpoint that answered.
func badEndpoint(err error) (status int, endpoint string, ok bool) {
	var resp *awshttp.ResponseError
	if !errors.As(err, &resp) || resp.Response == nil {
		return 0, "", false
	}
	status = resp.HTTPStatusCode()
	if code := ErrorCode(err); code != "" && code != "UnknownError" || status < 500 && status != http.StatusNotFound {
		return 0, "", false
	}
	endpoint = "the endpoint"
	if req := resp.Response.Request; req != nil && req.URL != nil {
		endpoint = req.URL.Scheme + "://" + req.URL.Host
	}
	return status, endpoint, true
}

// ErrNoCredentials wraps a failure to obtain credentials from the chain, before any call
// reached AWS.
var ErrNoCredentials = errors.New("no usable AWS credentials")

// isNoCredentials recognises the SDK's "nothing in the credential chain" failure, which
// carries no error code: only its text tells it apart.
func isNoCredentials(err error) bool {
	return errors.Is(err, ErrNoCredentials) || strings.Contains(err.Error(), "failed to refresh cached credentials")
}

// isExpiredSession recognises an expired IAM Identity Center (SSO) login behind a profile.
func isExpiredSession(err error) bool {
	msg := err.Error()
	return strings.Contains(msg, "token has expired") || strings.Contains(msg, "session has expired")
}

func fix(p *Problem) string {
	switch p.Kind {
	case KindNoCredentials:
		return "The safest way for a new account is AWS CloudShell: sign in to the " +
			"console as the root user, open CloudShell and run firstrun there. Otherwise configure a profile " +
			"(aws configure, or aws sso login) and pass --profile. To try firstrun without an AWS account, run it with --demo."
	case KindNoProfile:
		return "The AWS profile named by --profile or AWS_PROFILE is not in ~/.aws/config or ~/.aws/credentials. " +
			"List the profiles with aws configure list-profiles, then pass one with --profile."
	case KindBadCredentials:
		return "AWS does not recognise these credentials. Check AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY and " +
			"AWS_SESSION_TOKEN, or the profile you passed with --profile, then run firstrun again."
	case KindExpiredCredentials:
		return "The session behind these credentials has expired. Refresh them: aws sso login --profile NAME " +
			"for an IAM Identity Center profile, a new CloudShell tab (sign in to the console again if it asks), " +
			"or new temporary credentials in AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY and AWS_SESSION_TOKEN. " +
			"Then run firstrun again: it resumes where it stopped, and nothing done so far is done twice."
	case KindAccessDenied:
		p.Action = p.Operation
		if m := deniedAction.FindStringSubmatch(p.Message); m != nil {
			p.Action = m[1]
		}
		whom := ""
		if p.Caller != "" {
			whom = " to " + p.Caller
		}
		return fmt.Sprintf("The caller is not allowed to perform %s. Run firstrun as the root user or an "+
			"administrator, or ask an administrator to allow %s%s (check service control policies too).", p.Action, p.Action, whom)
	case KindThrottled:
		return "AWS is limiting the request rate and the retries ran out. Wait a minute, then retry."
	case KindServerError:
		return "AWS reported an internal error and the retries ran out. Retry in a moment; nothing was changed twice."
	case KindNetwork:
		return "AWS could not be reached. Check the network connection, any proxy, and AWS_ENDPOINT_URL, then retry."
	case KindCanceled:
		return "The call was abandoned before AWS answered."
	case KindInvalidInput:
		return "AWS refused the request as sent. Check the values entered on this screen and retry."
	case KindConcurrentWrite:
		return "Another change to the same resource was still being applied, and the retries ran out. " +
			"Wait a minute, then retry; nothing was changed twice."
	case KindBadEndpoint:
		return "Something other than AWS answered: check AWS_ENDPOINT_URL or --endpoint-url, and any proxy " +
			"between here and AWS, then retry."
	case KindNotFound, KindAlreadyExists, KindUnknown:
		return "Retry; if it fails again, report the message above."
	}
	return ""
}

// rootCause strips the SDK's wrapping ("operation error X: https response error ...") to
// the innermost message.
func rootCause(err error) string {
	for {
		next := errors.Unwrap(err)
		if next == nil {
			return err.Error()
		}
		err = next
	}
}
