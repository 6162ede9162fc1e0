package simulator

import (
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"time"
)

// maxBody bounds request bodies; AWS's largest inputs here are policy
// documents of a few kilobytes.
const maxBody = 1 << 20

// request is what a handler sees of one call.
type request struct {
	input
	svc    *service
	op     string
	region string
	caller principal
	now    time.Time
	world  *world
	vault  *vault
	// asyncDelay is Options.AsyncDelay, for startAsync.
	asyncDelay time.Duration
	// faults can fail the asynchronous work the call starts.
	faults *Faults
}

// account is the caller's account.
func (r *request) account() *account { return r.world.Accounts[r.caller.Account] }

// decodeJSON reads a JSON request body into v; an empty body is an empty
// input.
func (r *request) decodeJSON(v any) *apiError {
	if len(r.body) == 0 {
		return nil
	}
	if err := json.Unmarshal(r.body, v); err != nil {
		return r.svc.errs.validation.with("Invalid request body: %v", err)
	}
	return nil
}

// serveAWS answers one AWS API request: find the service and operation,
// authenticate the caller, apply faults, run the handler, record the call.
func (s *Simulator) serveAWS(w http.ResponseWriter, r *http.Request) {
	requestID := newRequestID()
	// AWS's clock, which clients read to tell how far off their own is.
	w.Header().Set("Date", s.now().UTC().Format(http.TimeFormat))
	call := Call{Time: s.now()}
	body, readErr := io.ReadAll(http.MaxBytesReader(w, r.Body, maxBody))

	sc, signed := signingScope(r)
	call.Region = sc.region
	var svc *service
	if signed {
		svc = s.catalog.bySigningName[sc.service]
	} else {
		svc = s.catalog.unsignedService(r)
	}
	if svc == nil {
		call.Service, call.ErrorCode = sc.service, unknownService(w, requestID, sc.service, signed)
		s.calls.add(call)
		return
	}
	call.Service = svc.id

	out, op, aerr := s.serve(r, svc, sc, signed, body, readErr, &call)
	if aerr != nil {
		call.ErrorCode = aerr.Code
	}
	// Record before answering, so a client that has its answer always finds
	// its call in the log.
	s.calls.add(call)
	switch aerr {
	case errDropConnection:
		dropConnection(w)
		return
	case errBadGateway:
		badGateway(w)
		return
	}
	if aerr != nil {
		svc.protocol.writeError(w, requestID, aerr)
		return
	}
	svc.protocol.writeResult(w, op, requestID, out)
}

// serve runs the steps that can fail with an AWS error, filling in call.
func (s *Simulator) serve(r *http.Request, svc *service, sc sigScope, signed bool, body []byte, readErr error, call *Call) (any, string, *apiError) {
	if readErr != nil {
		return nil, "", svc.errs.validation.with("Unreadable request body: %v", readErr)
	}
	name, in, aerr := svc.protocol.parse(svc, r, body)
	call.Operation = name
	if aerr != nil {
		return nil, name, aerr
	}
	op := svc.ops[name]
	if op == nil {
		return nil, name, svc.errs.unknownOp.with("The simulator does not implement %s:%s yet.", svc.id, name)
	}
	call.Mutating = op.mutating

	var caller principal
	if signed {
		s.mu.Lock()
		p, failure := s.authenticate(sc, s.now())
		s.mu.Unlock()
		switch failure {
		case authInvalid:
			return nil, name, svc.errs.invalidToken.err()
		case authExpired:
			return nil, name, svc.errs.expiredToken.err()
		case authOK:
		}
		caller, call.Account = p, p.Account
		if !caller.taskAllows(svc.action(name)) {
			return nil, name, svc.errs.accessDenied.with("User: %s is not authorized to perform: %s because no session policy allows the %s action",
				caller.arn(), svc.action(name), svc.action(name))
		}
	}

	fault, aerr := s.faults.apply(r.Context(), svc, name, caller)
	switch {
	case aerr != nil:
		return nil, name, aerr
	case fault == FaultReset:
		return nil, name, errDropConnection
	case fault == FaultGateway:
		return nil, name, errBadGateway
	}
	s.intercepted(*call, BeforeRun)
	out, aerr := s.run(svc, op, sc.region, caller, in)
	after := *call
	if aerr != nil {
		after.ErrorCode = aerr.Code
	}
	s.intercepted(after, AfterRun)
	if fault == FaultLost && aerr == nil {
		return nil, name, errDropConnection
	}
	return out, name, aerr
}

// errDropConnection stands for a connection fault: no answer, only a closed connection.
// Its code is what the call log records.
var errDropConnection = &apiError{Code: "ConnectionDropped"}

// errBadGateway stands for a proxy's answer in front of the service.
var errBadGateway = &apiError{Code: "BadGateway"}

// badGateway answers as a proxy does when the service behind it fails: HTTP 502 and
// an HTML page, in no AWS protocol's format.
func badGateway(w http.ResponseWriter) {
	w.Header().Set("Content-Type", "text/html")
	w.WriteHeader(http.StatusBadGateway)
	_, _ = io.WriteString(w, "<html><head><title>502 Bad Gateway</title></head><body><h1>502 Bad Gateway</h1></body></html>\n")
}

// dropConnection closes the client's connection without an answer.
func dropConnection(w http.ResponseWriter) {
	if hj, ok := w.(http.Hijacker); ok {
		if conn, _, err := hj.Hijack(); err == nil {
			_ = conn.Close()
			return
		}
	}
	panic(http.ErrAbortHandler) // net/http closes the connection without answering
}

// run calls the handler under the world lock and saves after a successful
// mutating call.
func (s *Simulator) run(svc *service, op *operation, region string, caller principal, in input) (any, *apiError) {
	s.mu.Lock()
	defer s.mu.Unlock()
	req := &request{
		input: in, svc: svc, op: op.name, region: region, caller: caller, now: s.now(),
		world: s.world, vault: s.vault, asyncDelay: s.opts.AsyncDelay, faults: s.faults,
	}
	out, err := op.handle(req)
	if err != nil {
		if aerr, ok := errors.AsType[*apiError](err); ok {
			return nil, aerr
		}
		return nil, svc.errs.internal.with("simulator: %s: %v", op.name, err)
	}
	if op.mutating {
		if err := s.save(); err != nil {
			return nil, svc.errs.internal.with("simulator: saving state: %v", err)
		}
	}
	return out, nil
}

// unknownService answers a request for a service the simulator lacks. The
// protocol is unknown too, so the code goes both in the header REST-JSON
// clients read and in a JSON body.
func unknownService(w http.ResponseWriter, requestID, signingName string, signed bool) string {
	e := &apiError{Code: "UnknownServiceException", Status: http.StatusBadRequest,
		Message: "The simulator does not implement the service " + signingName + "."}
	if !signed {
		e = &apiError{Code: "MissingAuthenticationTokenException", Status: http.StatusForbidden, Message: "Missing Authentication Token"}
	}
	restJSONProtocol{messageKey: "message"}.writeError(w, requestID, e)
	return e.Code
}
