package simulator

import (
	"net/http"
	"net/url"
)

// protocol is one AWS wire protocol: how a request names its operation and
// carries its input, and how results and errors look on the wire.
type protocol interface {
	// parse names the operation a request asks for and captures its input. A
	// nil error with an empty name cannot happen.
	parse(svc *service, r *http.Request, body []byte) (string, input, *apiError)
	writeResult(w http.ResponseWriter, op, requestID string, out any)
	writeError(w http.ResponseWriter, requestID string, e *apiError)
}

// input is a request's parameters as its protocol carries them. Handlers know
// their service's protocol and read the matching field.
type input struct {
	form   url.Values        // query protocol parameters
	body   []byte            // JSON document (JSON 1.1, REST-JSON)
	labels map[string]string // REST-JSON path labels
	query  url.Values        // REST-JSON query string
	header http.Header       // REST-JSON headers, such as the SSO portal's bearer token
}
