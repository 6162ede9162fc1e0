package simulator

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"net"
	"net/http"
	"sync"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
)

// Options configure a Simulator. The zero value is a valid in-memory
// NewAccount world.
type Options struct {
	// Scenario seeds the world when there is no state file; NewAccount if empty.
	// A state file, once written, wins over the scenario.
	Scenario Scenario
	// StateFile keeps the world across restarts: loaded by New when present,
	// saved after every mutating call. Empty keeps the world in memory only.
	StateFile string
	// Clock tells the time of every call, timestamp and asynchronous status;
	// time.Now if nil.
	Clock func() time.Time
	// AsyncDelay is how long asynchronous work (CreateAccount, later account
	// assignments and credential reports) stays IN_PROGRESS, measured on
	// Clock. Zero finishes it by the first status check; the demo uses
	// DemoAsyncDelay.
	AsyncDelay time.Duration
	// HomeRegion is where scenarios that have Identity Center enabled it;
	// us-east-1 if empty.
	HomeRegion string
	// Faults are switched on from the start, for example from ParseFaults of
	// the FaultsEnv environment variable.
	Faults []Fault
	// Partition is the AWS partition the scenario's accounts live in, as every
	// ARN shows it: "aws" if empty, "aws-us-gov" or "aws-cn".
	Partition string
	// UUIDIdentityStores gives Identity Center instances enabled from then on an identity
	// store ID in the UUID form AWS also uses, rather than d- and ten hex digits. Their
	// access portal has no d- address: it is reached at its ssoins- address.
	UUIDIdentityStores bool
}

// DemoAsyncDelay is a realistic AsyncDelay for `firstrun --demo`.
const DemoAsyncDelay = 3 * time.Second

// Simulator is a simulated AWS world behind one HTTP endpoint that speaks the
// real wire protocols, so unmodified SDK clients and the AWS CLI work against
// it. All methods are safe for concurrent use.
type Simulator struct {
	opts    Options
	catalog *catalog
	faults  *Faults
	calls   callLog

	interceptMu sync.RWMutex
	intercept   func(Call, Stage)

	mu     sync.Mutex // guards world, vault and caller
	world  *world
	vault  *vault
	caller aws.Credentials

	srvMu sync.Mutex
	srv   *http.Server
	url   string
	stop  context.CancelFunc // cancels requests in flight, such as injected latency
}

// New builds a simulator, loading Options.StateFile if it exists.
func New(opts Options) (*Simulator, error) {
	if opts.Scenario == "" {
		opts.Scenario = NewAccount
	}
	if opts.Clock == nil {
		opts.Clock = time.Now
	}
	if opts.HomeRegion == "" {
		opts.HomeRegion = "us-east-1"
	}
	s := &Simulator{opts: opts, catalog: newCatalog(services()), faults: &Faults{}, vault: newVault()}
	if err := s.faults.Add(opts.Faults...); err != nil {
		return nil, err
	}

	fresh := true
	if opts.StateFile != "" {
		w, err := loadWorld(opts.StateFile)
		switch {
		case err == nil:
			s.world, fresh = w, false
		case !errors.Is(err, fs.ErrNotExist):
			return nil, err
		}
	}
	if fresh {
		w, err := newWorld(opts.Scenario, s.now(), opts.HomeRegion, opts)
		if err != nil {
			return nil, err
		}
		s.world = w
	}

	if id := s.world.Caller.AccessKeyID; id != "" {
		s.caller = s.longTermCredentials(id)
	} else {
		s.caller = s.vault.mint(s.world, s.world.Caller.Principal, s.now(), time.Time{})
	}
	if fresh && opts.StateFile != "" {
		if err := s.save(); err != nil {
			return nil, err
		}
	}
	return s, nil
}

func (s *Simulator) now() time.Time { return s.opts.Clock().UTC() }

// Credentials are the credentials of the scenario's caller, for
// credentials.StaticCredentialsProvider or the AWS_* environment variables.
func (s *Simulator) Credentials() aws.Credentials {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.caller
}

// AccountID is the caller's account.
func (s *Simulator) AccountID() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.world.Caller.Principal.Account
}

// ExpireCredentials makes every later request signed with the access key ID
// fail with the service's expired-token error (ExpiredToken,
// ExpiredTokenException), as when a CloudShell session runs out.
func (s *Simulator) ExpireCredentials(accessKeyID string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.vault.expired[accessKeyID] = true
}

// Faults is the fault switchboard.
func (s *Simulator) Faults() *Faults { return s.faults }

// Console does what a person would do in the AWS console, where no API exists.
func (s *Simulator) Console() *Console { return &Console{s: s} }

// Calls returns every AWS request served since the start or the last
// ResetCalls, oldest first, including console actions.
func (s *Simulator) Calls() []Call { return s.calls.list() }

// ResetCalls forgets the recorded calls.
func (s *Simulator) ResetCalls() { s.calls.reset() }

// A Stage is a point in serving an AWS call where an interceptor runs.
type Stage int

const (
	// BeforeRun is after authentication and faults, before the operation runs.
	BeforeRun Stage = iota
	// AfterRun is after the operation ran and the state was saved, before the client has
	// its answer.
	AfterRun
)

// Intercept calls f for every AWS call that reaches its operation, at both stages, in the
// goroutine serving the call, which f may block to hold the call: a test holds one there
// to kill the client at an exact point, before a change or between the change and its
// answer. At AfterRun the Call carries the operation's error code. nil stops it.
func (s *Simulator) Intercept(f func(Call, Stage)) {
	s.interceptMu.Lock()
	defer s.interceptMu.Unlock()
	s.intercept = f
}

// intercepted runs the interceptor, if any, without holding the world lock.
func (s *Simulator) intercepted(c Call, at Stage) {
	s.interceptMu.RLock()
	f := s.intercept
	s.interceptMu.RUnlock()
	if f != nil {
		f(c, at)
	}
}

// Handler serves the AWS endpoint and, under /_simulator/, a control API
// through which a test can inspect and steer a simulator running in another
// process (`firstrun demo serve`). Control requests are not AWS calls and
// are not logged.
//
//	GET    /_simulator/calls                 the call log as a JSON array of Call
//	DELETE /_simulator/calls                 forget the calls
//	GET    /_simulator/faults                the faults on, as ParseFaults strings
//	POST   /_simulator/faults                add faults; the body is a ParseFaults spec
//	DELETE /_simulator/faults                switch every fault off
//	POST   /_simulator/credentials/expire    expire the caller's credentials
//	POST   /_simulator/console/EnableRootMFA
//	POST   /_simulator/console/ChangeRootPassword
//	POST   /_simulator/console/DeleteRootAccessKeys
//	POST   /_simulator/console/EnableIdentityCenter?region=R  (answers an IdentityCenter)
func (s *Simulator) Handler() http.Handler {
	mux := http.NewServeMux()
	mux.Handle(controlPrefix, s.controlHandler())
	mux.HandleFunc("/", s.serveAWS)
	return mux
}

// Start serves on a free loopback port and returns the base endpoint URL,
// for config.WithBaseEndpoint or AWS_ENDPOINT_URL.
func (s *Simulator) Start() (string, error) {
	var lc net.ListenConfig
	l, err := lc.Listen(context.Background(), "tcp", "127.0.0.1:0")
	if err != nil {
		return "", fmt.Errorf("simulator: listen: %w", err)
	}
	srv, err := s.attach(l)
	if err != nil {
		_ = l.Close() // unused; the attach error is the one to report
		return "", err
	}
	go func() { _ = srv.Serve(l) }() // only ever ErrServerClosed, after Close
	return s.URL(), nil
}

// Serve serves on l until Close, for callers that choose the address.
func (s *Simulator) Serve(l net.Listener) error {
	srv, err := s.attach(l)
	if err != nil {
		return err
	}
	if err := srv.Serve(l); !errors.Is(err, http.ErrServerClosed) {
		return err
	}
	return nil
}

// attach records the one server a simulator may have.
func (s *Simulator) attach(l net.Listener) (*http.Server, error) {
	s.srvMu.Lock()
	defer s.srvMu.Unlock()
	if s.srv != nil {
		return nil, errors.New("simulator: already serving")
	}
	ctx, stop := context.WithCancel(context.Background())
	unused := &unusedConns{}
	s.srv = &http.Server{
		Handler:           s.Handler(),
		ReadHeaderTimeout: 10 * time.Second,
		BaseContext:       func(net.Listener) context.Context { return ctx },
		ConnState:         unused.track,
	}
	s.srv.RegisterOnShutdown(unused.closeAll)
	s.url, s.stop = "http://"+l.Addr().String(), stop
	return s.srv, nil
}

// URL is the base endpoint, empty until Start or Serve.
func (s *Simulator) URL() string {
	s.srvMu.Lock()
	defer s.srvMu.Unlock()
	return s.url
}

// Close stops the server. Requests in flight are cut short (an injected
// latency ends at once) and answered before it returns.
func (s *Simulator) Close() error {
	s.srvMu.Lock()
	srv, stop := s.srv, s.stop
	s.srvMu.Unlock()
	if srv == nil {
		return nil
	}
	stop()
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	return srv.Shutdown(ctx)
}

// save writes the state file; the caller holds s.mu (or has not shared s yet).
func (s *Simulator) save() error {
	if s.opts.StateFile == "" {
		return nil
	}
	return saveWorld(s.opts.StateFile, s.world)
}
