package simulator

import (
	"bytes"
	"encoding/xml"
	"net/http"
	"net/url"
	"strconv"
)

// queryProtocol is the AWS query protocol of STS and IAM: form-encoded
// parameters with an Action, XML responses wrapped in <ActionResponse>.
type queryProtocol struct {
	namespace string // xmlns of responses, e.g. https://iam.amazonaws.com/doc/2010-05-08/
}

func (p queryProtocol) parse(svc *service, r *http.Request, body []byte) (string, input, *apiError) {
	form, err := url.ParseQuery(string(body))
	if err != nil {
		return "", input{}, svc.errs.validation.with("Malformed form body: %v", err)
	}
	for k, v := range r.URL.Query() { // GET requests carry everything in the URL
		form[k] = append(form[k], v...)
	}
	action := form.Get("Action")
	if action == "" {
		return "", input{}, svc.errs.unknownOp.with("Missing Action")
	}
	return action, input{form: form}, nil
}

type responseMetadata struct {
	RequestID string `xml:"RequestId"`
}

func (p queryProtocol) writeResult(w http.ResponseWriter, op, requestID string, out any) {
	var buf bytes.Buffer
	enc := xml.NewEncoder(&buf)
	start := xml.StartElement{
		Name: xml.Name{Local: op + "Response"},
		Attr: []xml.Attr{{Name: xml.Name{Local: "xmlns"}, Value: p.namespace}},
	}
	err := enc.EncodeToken(start)
	if err == nil && out != nil { // operations without output have no Result element
		err = enc.EncodeElement(out, xml.StartElement{Name: xml.Name{Local: op + "Result"}})
	}
	if err == nil {
		err = enc.EncodeElement(responseMetadata{RequestID: requestID}, xml.StartElement{Name: xml.Name{Local: "ResponseMetadata"}})
	}
	if err == nil {
		err = enc.EncodeToken(start.End())
	}
	if err == nil {
		err = enc.Flush()
	}
	if err != nil {
		p.writeError(w, requestID, &apiError{Code: "InternalFailure", Status: http.StatusInternalServerError, Message: "simulator: encoding response: " + err.Error()})
		return
	}
	writeBody(w, "text/xml", requestID, http.StatusOK, buf.Bytes())
}

type queryErrorResponse struct {
	XMLName   xml.Name `xml:"ErrorResponse"`
	Namespace string   `xml:"xmlns,attr"`
	Error     struct {
		Type    string
		Code    string
		Message string
	}
	RequestID string `xml:"RequestId"`
}

func (p queryProtocol) writeError(w http.ResponseWriter, requestID string, e *apiError) {
	resp := queryErrorResponse{Namespace: p.namespace, RequestID: requestID}
	resp.Error.Type = "Sender"
	if e.Status >= 500 {
		resp.Error.Type = "Receiver"
	}
	resp.Error.Code = e.Code
	resp.Error.Message = e.Message
	body, err := xml.Marshal(resp)
	if err != nil { // cannot happen: the shape is fixed and all strings
		http.Error(w, err.Error(), http.StatusInternalServerError)
		return
	}
	writeBody(w, "text/xml", requestID, e.Status, body)
}

func writeBody(w http.ResponseWriter, contentType, requestID string, status int, body []byte) {
	h := w.Header()
	h.Set("Content-Type", contentType)
	h.Set("Content-Length", strconv.Itoa(len(body)))
	h.Set("X-Amzn-Requestid", requestID)
	w.WriteHeader(status)
	_, _ = w.Write(body) // the client went away; nothing left to tell it
}
