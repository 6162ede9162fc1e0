package simulator

import (
	"context"
	"fmt"
	"path"
	"strconv"
	"strings"
	"sync"
	"time"
)

// FaultsEnv is the environment variable from which `firstrun --demo` and
// `firstrun demo serve` read faults, in ParseFaults syntax, so that a test can
// switch them on in a separate process.
const FaultsEnv = "FIRSTRUN_SIM_FAULTS"

// FaultKind is what a fault does to a matching call.
type FaultKind string

const (
	// FaultThrottle fails with the service's throttling error (Throttling,
	// TooManyRequestsException, ThrottlingException), which the SDK retries.
	FaultThrottle FaultKind = "throttle"
	// FaultInternal fails with the service's HTTP 500 error (InternalFailure,
	// ServiceException, InternalServerException), which the SDK retries.
	FaultInternal FaultKind = "internal"
	// FaultUnavailable fails with HTTP 503 ServiceUnavailable.
	FaultUnavailable FaultKind = "unavailable"
	// FaultDenied fails with the service's AccessDenied error, naming the
	// caller and the IAM action as AWS does.
	FaultDenied FaultKind = "denied"
	// FaultLatency delays the call by Fault.Latency, then lets it run.
	FaultLatency FaultKind = "latency"
	// FaultFail lets the call succeed but makes the asynchronous work it
	// starts (an account assignment, a new account) end FAILED with
	// Fault.Reason as its failure reason.
	FaultFail FaultKind = "fail"
	// FaultReset closes the connection before the call runs: the SDK sees a connection
	// reset and retries.
	FaultReset FaultKind = "reset"
	// FaultLost runs the call, then closes the connection before answering: the change
	// is made but the caller never hears of it, as when a network drops a response.
	FaultLost FaultKind = "lost"
	// FaultConflict fails with the service's error for a concurrent write that has not
	// propagated yet (IAM ConcurrentModification, Organizations
	// ConcurrentModificationException, SSO Admin ConflictException, Identity Store
	// ConflictException with Reason CONCURRENT_MODIFICATION): AWS asks for a retry.
	// Services that have no such error answer with their throttling error.
	FaultConflict FaultKind = "conflict"
	// FaultGateway answers HTTP 502 with an HTML page, as a proxy or load balancer in
	// front of the endpoint does: a body in no AWS protocol's format.
	FaultGateway FaultKind = "gateway"
	// FaultNotYet fails with the service's not-found error, as an eventually consistent
	// read does right after a create (the request ID or resource has not propagated):
	// with *N, "not found N times, then there". Services without a not-found error
	// answer with their throttling error.
	FaultNotYet FaultKind = "notyet"
)

// Fault makes matching calls misbehave.
type Fault struct {
	// Target is "service:operation", as in the call log ("iam:CreateUser");
	// either part may be a path.Match pattern such as "*" or "Create*".
	Target  string
	Kind    FaultKind
	Latency time.Duration // for FaultLatency
	Reason  string        // for FaultFail
	// Times limits the fault to the next Times matching calls, after which
	// calls succeed ("fail N times then succeed"); 0 means every call.
	Times int
}

// String renders f in ParseFaults syntax.
func (f Fault) String() string {
	s := f.Target + "=" + string(f.Kind)
	switch f.Kind {
	case FaultLatency:
		s += ":" + f.Latency.String()
	case FaultFail:
		s += ":" + f.Reason
	}
	if f.Times > 0 {
		s += "*" + strconv.Itoa(f.Times)
	}
	return s
}

func (f Fault) validate() error {
	svc, op, ok := strings.Cut(f.Target, ":")
	if !ok || svc == "" || op == "" {
		return fmt.Errorf("simulator: fault target %q: want service:operation", f.Target)
	}
	for _, pattern := range []string{svc, op} {
		if _, err := path.Match(pattern, ""); err != nil {
			return fmt.Errorf("simulator: fault target %q: %w", f.Target, err)
		}
	}
	switch f.Kind {
	case FaultFail:
		if f.Reason == "" || f.Latency != 0 {
			return fmt.Errorf("simulator: fault %q: a failure takes a reason and no duration", f.Target)
		}
	case FaultThrottle, FaultInternal, FaultUnavailable, FaultDenied, FaultReset, FaultLost, FaultConflict, FaultGateway, FaultNotYet:
		if f.Latency != 0 {
			return fmt.Errorf("simulator: fault %q: only latency faults take a duration", f.Target)
		}
	case FaultLatency:
		if f.Latency <= 0 {
			return fmt.Errorf("simulator: fault %q: latency needs a positive duration", f.Target)
		}
	default:
		return fmt.Errorf("simulator: fault %q: unknown kind %q", f.Target, f.Kind)
	}
	if f.Times < 0 {
		return fmt.Errorf("simulator: fault %q: negative count", f.Target)
	}
	return nil
}

func (f Fault) matches(service, op string) bool {
	svc, o, _ := strings.Cut(f.Target, ":")
	okSvc, _ := path.Match(svc, service)
	okOp, _ := path.Match(o, op)
	return okSvc && okOp
}

// ParseFaults reads a comma-separated list of TARGET=KIND[:ARG][*N], for
// example "iam:CreateUser=throttle*2,sts:*=latency:100ms,organizations:*=denied".
// KIND is throttle, internal, unavailable, denied, reset, lost, conflict, gateway, notyet, latency
// (whose ARG is a
// Go duration) or fail (whose ARG is the failure reason); *N limits the fault
// to the next N matching calls.
func ParseFaults(spec string) ([]Fault, error) {
	var faults []Fault
	for _, entry := range strings.Split(spec, ",") {
		entry = strings.TrimSpace(entry)
		if entry == "" {
			continue
		}
		target, action, ok := strings.Cut(entry, "=")
		if !ok {
			return nil, fmt.Errorf("simulator: fault %q: want TARGET=KIND", entry)
		}
		f := Fault{Target: strings.TrimSpace(target)}
		if i := strings.LastIndex(action, "*"); i >= 0 {
			n, err := strconv.Atoi(action[i+1:])
			if err != nil || n < 1 {
				return nil, fmt.Errorf("simulator: fault %q: count must be a positive integer", entry)
			}
			f.Times, action = n, action[:i]
		}
		kind, arg, hasArg := strings.Cut(strings.TrimSpace(action), ":")
		f.Kind = FaultKind(kind)
		if f.Kind == FaultFail {
			f.Reason, hasArg = arg, false
		}
		if hasArg {
			d, err := time.ParseDuration(arg)
			if err != nil {
				return nil, fmt.Errorf("simulator: fault %q: %w", entry, err)
			}
			f.Latency = d
		}
		if err := f.validate(); err != nil {
			return nil, err
		}
		faults = append(faults, f)
	}
	return faults, nil
}

// Faults is the switchboard of faults, applied in the order added: every
// matching latency adds up, and the first matching error fault wins.
type Faults struct {
	mu     sync.Mutex
	faults []Fault
}

// Add switches faults on, after checking all of them.
func (fs *Faults) Add(faults ...Fault) error {
	for _, f := range faults {
		if err := f.validate(); err != nil {
			return err
		}
	}
	fs.mu.Lock()
	defer fs.mu.Unlock()
	fs.faults = append(fs.faults, faults...)
	return nil
}

// Clear switches every fault off.
func (fs *Faults) Clear() {
	fs.mu.Lock()
	defer fs.mu.Unlock()
	fs.faults = nil
}

// List returns the faults still on; Times counts the calls left.
func (fs *Faults) List() []Fault {
	fs.mu.Lock()
	defer fs.mu.Unlock()
	return append([]Fault(nil), fs.faults...)
}

// take consumes the faults that match a call: the total latency, and the
// kind of the first matching error fault (empty if none).
func (fs *Faults) take(service, op string) (time.Duration, FaultKind) {
	fs.mu.Lock()
	defer fs.mu.Unlock()
	var delay time.Duration
	var kind FaultKind
	kept := fs.faults[:0]
	for _, f := range fs.faults {
		used := false
		if f.matches(service, op) {
			switch {
			case f.Kind == FaultFail: // taken by asyncFailure, when the work starts
			case f.Kind == FaultLatency:
				delay += f.Latency
				used = true
			case kind == "":
				kind = f.Kind
				used = true
			}
		}
		if used && f.Times > 0 {
			f.Times--
			if f.Times == 0 {
				continue // spent
			}
		}
		kept = append(kept, f)
	}
	fs.faults = kept
	return delay, kind
}

// apply makes one call suffer its faults: it waits out the latency (or the
// client giving up) and returns the injected error, if any, or the connection
// fault (FaultReset, FaultLost) for the caller to act out.
func (fs *Faults) apply(ctx context.Context, svc *service, op string, caller principal) (FaultKind, *apiError) {
	delay, kind := fs.take(svc.id, op)
	if delay > 0 {
		t := time.NewTimer(delay)
		defer t.Stop()
		select {
		case <-t.C:
		case <-ctx.Done():
		}
	}
	switch kind {
	case FaultThrottle:
		return kind, svc.errs.throttling.err()
	case FaultInternal:
		return kind, svc.errs.internal.err()
	case FaultUnavailable:
		return kind, svc.errs.unavailable.err()
	case FaultConflict:
		if svc.errs.concurrent.Code == "" {
			return kind, svc.errs.throttling.err()
		}
		return kind, svc.errs.concurrent.err()
	case FaultNotYet:
		if svc.errs.notFound.Code == "" {
			return kind, svc.errs.throttling.err()
		}
		return kind, svc.errs.notFound.err()
	case FaultDenied:
		return kind, svc.errs.accessDenied.with("User: %s is not authorized to perform: %s on resource: * because no identity-based policy allows the %s action",
			caller.arn(), svc.action(op), svc.action(op))
	default:
		return kind, nil
	}
}
