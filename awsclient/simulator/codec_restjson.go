package simulator

import "net/http"

// restJSONProtocol is AWS REST-JSON (Account, Access Analyzer, SSO OIDC, the
// SSO portal): operations are found by method and path, and errors carry
// their code in the X-Amzn-Errortype header.
type restJSONProtocol struct {
	// messageKey is the error message member: "message" for most services.
	messageKey string
}

func (p restJSONProtocol) parse(svc *service, r *http.Request, body []byte) (string, input, *apiError) {
	var best *operation
	var bestLabels map[string]string
	for _, op := range svc.ops {
		labels, ok := matchRoute(op.route, r.Method, r.URL.EscapedPath())
		// A literal segment beats a label: "/analyzer/list" over "/analyzer/{name}".
		if ok && (best == nil || len(labels) < len(bestLabels)) {
			best, bestLabels = op, labels
		}
	}
	if best == nil {
		return "", input{}, svc.errs.unknownOp.with("No operation matches %s %s", r.Method, r.URL.Path)
	}
	return best.name, input{body: body, labels: bestLabels, query: r.URL.Query(), header: r.Header}, nil
}

func (p restJSONProtocol) writeResult(w http.ResponseWriter, _ string, requestID string, out any) {
	writeJSON(w, "application/json", requestID, http.StatusOK, out, p.writeError)
}

func (p restJSONProtocol) writeError(w http.ResponseWriter, requestID string, e *apiError) {
	doc := map[string]string{p.messageKey: e.Message}
	for k, v := range e.Fields {
		doc[k] = v
	}
	w.Header().Set("X-Amzn-Errortype", e.Code)
	writeJSON(w, "application/json", requestID, e.Status, doc, nil)
}
