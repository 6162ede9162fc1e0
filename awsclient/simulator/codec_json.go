package simulator

import (
	"encoding/json"
	"net/http"
	"strconv"
	"strings"
	"time"
)

// jsonProtocol is AWS JSON 1.1 (Organizations, SSO Admin, Identity Store,
// Budgets): POST / with the operation in X-Amz-Target and JSON both ways.
type jsonProtocol struct {
	targetPrefix string // e.g. AWSOrganizationsV20161128
}

func (p jsonProtocol) parse(svc *service, r *http.Request, body []byte) (string, input, *apiError) {
	prefix, op, ok := strings.Cut(r.Header.Get("X-Amz-Target"), ".")
	if !ok || prefix != p.targetPrefix || op == "" {
		return "", input{}, svc.errs.unknownOp.with("Unknown X-Amz-Target %q", r.Header.Get("X-Amz-Target"))
	}
	return op, input{body: body}, nil
}

func (p jsonProtocol) writeResult(w http.ResponseWriter, _ string, requestID string, out any) {
	writeJSON(w, "application/x-amz-json-1.1", requestID, http.StatusOK, out, p.writeError)
}

func (p jsonProtocol) writeError(w http.ResponseWriter, requestID string, e *apiError) {
	doc := map[string]string{"__type": e.Code, "Message": e.Message}
	for k, v := range e.Fields {
		doc[k] = v
	}
	writeJSON(w, "application/x-amz-json-1.1", requestID, e.Status, doc, nil)
}

// writeJSON renders out (nil renders {}). onError renders a failure to encode,
// which only a handler bug can cause.
func writeJSON(w http.ResponseWriter, contentType, requestID string, status int, out any, onError func(http.ResponseWriter, string, *apiError)) {
	body := []byte("{}")
	if out != nil {
		b, err := json.Marshal(out)
		if err != nil && onError != nil {
			onError(w, requestID, &apiError{Code: "InternalFailure", Status: http.StatusInternalServerError, Message: "simulator: encoding response: " + err.Error()})
			return
		}
		body = b
	}
	writeBody(w, contentType, requestID, status, body)
}

// epochSeconds is a timestamp as the JSON protocols send it by default:
// seconds since the Unix epoch, with milliseconds as a fraction.
type epochSeconds time.Time

func (t epochSeconds) MarshalJSON() ([]byte, error) {
	ms := time.Time(t).UnixMilli()
	return strconv.AppendFloat(nil, float64(ms)/1000, 'f', -1, 64), nil
}

func epoch(t time.Time) *epochSeconds {
	e := epochSeconds(t)
	return &e
}
