package simulator

import (
	"fmt"
	"net/http"
)

// apiError is an AWS error response before a protocol codec renders it.
type apiError struct {
	Code    string
	Message string
	Status  int
	// Fields are extra members of the error shape, such as Organizations'
	// InvalidInputException Reason. JSON protocols render them; the query
	// protocol has no place for them.
	Fields map[string]string
}

func (e *apiError) Error() string { return e.Code + ": " + e.Message }

// err returns the template e as an error with its default message.
func (e apiError) err() *apiError { return &e }

// with returns a copy of the template e carrying a formatted message.
func (e apiError) with(format string, args ...any) *apiError {
	e.Message = fmt.Sprintf(format, args...)
	return &e
}

// field returns a copy of e with one more error-shape member.
func (e *apiError) field(name, value string) *apiError {
	c := *e
	c.Fields = make(map[string]string, len(e.Fields)+1)
	for k, v := range e.Fields {
		c.Fields[k] = v
	}
	c.Fields[name] = value
	return &c
}

// serviceErrors holds the error shapes a service uses for failures that every
// operation can hit. Codes and statuses differ per service and protocol, so
// each service spells its own out; see queryErrors, jsonErrors and restErrors.
type serviceErrors struct {
	invalidToken apiError // unknown access key or session token
	expiredToken apiError
	unknownOp    apiError
	throttling   apiError
	internal     apiError
	unavailable  apiError
	accessDenied apiError
	validation   apiError // malformed input, out-of-range MaxResults
	badNextToken apiError // pagination token the service never issued
	// concurrent is the service's answer to a write that races an earlier one not yet
	// propagated, which AWS asks clients to retry; empty where the service has none.
	concurrent apiError
	// notFound is what an eventually consistent read answers before the thing it reads
	// has propagated; empty where the service has none.
	notFound apiError
}

// queryErrors are the common errors of the AWS query protocol (STS, IAM). The
// codes are AWS's common errors; see
// https://docs.aws.amazon.com/IAM/latest/APIReference/CommonErrors.html.
func queryErrors() serviceErrors {
	return serviceErrors{
		invalidToken: apiError{Code: "InvalidClientTokenId", Status: http.StatusForbidden, Message: "The security token included in the request is invalid."},
		expiredToken: apiError{Code: "ExpiredToken", Status: http.StatusForbidden, Message: "The security token included in the request is expired"},
		unknownOp:    apiError{Code: "InvalidAction", Status: http.StatusBadRequest},
		throttling:   apiError{Code: "Throttling", Status: http.StatusBadRequest, Message: "Rate exceeded"},
		internal:     apiError{Code: "InternalFailure", Status: http.StatusInternalServerError, Message: "The request processing has failed because of an unknown error, exception or failure."},
		unavailable:  apiError{Code: "ServiceUnavailable", Status: http.StatusServiceUnavailable, Message: "The request has failed due to a temporary failure of the server."},
		accessDenied: apiError{Code: "AccessDenied", Status: http.StatusForbidden},
		validation:   apiError{Code: "ValidationError", Status: http.StatusBadRequest},
		badNextToken: apiError{Code: "InvalidInput", Status: http.StatusBadRequest, Message: "Invalid Marker."},
	}
}

// jsonErrors are the common errors of the AWS JSON 1.1 services. Real AWS
// answers every client error of these services with HTTP 400 (for example
// "AWSOrganizationsNotInUseException ... status code: 400"), although the
// newer Smithy models carry httpError traits such as 404; clients only read
// the __type, so the simulator follows the wire.
func jsonErrors(throttlingCode, internalCode string) serviceErrors {
	return serviceErrors{
		invalidToken: apiError{Code: "UnrecognizedClientException", Status: http.StatusBadRequest, Message: "The security token included in the request is invalid."},
		expiredToken: apiError{Code: "ExpiredTokenException", Status: http.StatusBadRequest, Message: "The security token included in the request is expired"},
		unknownOp:    apiError{Code: "UnknownOperationException", Status: http.StatusBadRequest},
		throttling:   apiError{Code: throttlingCode, Status: http.StatusBadRequest, Message: "Rate exceeded"},
		internal:     apiError{Code: internalCode, Status: http.StatusInternalServerError, Message: "An internal error occurred."},
		unavailable:  apiError{Code: "ServiceUnavailableException", Status: http.StatusServiceUnavailable, Message: "Service is unavailable."},
		accessDenied: apiError{Code: "AccessDeniedException", Status: http.StatusBadRequest},
		validation:   apiError{Code: "ValidationException", Status: http.StatusBadRequest},
		badNextToken: apiError{Code: "ValidationException", Status: http.StatusBadRequest, Message: "The NextToken is invalid."},
	}
}

// restErrors are the common errors of the REST-JSON services, which use the
// statuses in their models.
func restErrors(throttlingCode string) serviceErrors {
	return serviceErrors{
		invalidToken: apiError{Code: "UnrecognizedClientException", Status: http.StatusForbidden, Message: "The security token included in the request is invalid."},
		expiredToken: apiError{Code: "ExpiredTokenException", Status: http.StatusForbidden, Message: "The security token included in the request is expired"},
		unknownOp:    apiError{Code: "UnknownOperationException", Status: http.StatusNotFound},
		throttling:   apiError{Code: throttlingCode, Status: http.StatusTooManyRequests, Message: "Rate exceeded"},
		internal:     apiError{Code: "InternalServerException", Status: http.StatusInternalServerError, Message: "An internal error occurred."},
		unavailable:  apiError{Code: "ServiceUnavailableException", Status: http.StatusServiceUnavailable, Message: "Service is unavailable."},
		accessDenied: apiError{Code: "AccessDeniedException", Status: http.StatusForbidden},
		validation:   apiError{Code: "ValidationException", Status: http.StatusBadRequest},
		badNextToken: apiError{Code: "ValidationException", Status: http.StatusBadRequest, Message: "The NextToken is invalid."},
	}
}
