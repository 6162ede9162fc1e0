package simulator

import (
	"fmt"
	"net/http"
	"net/url"
	"strings"
)

// services lists every simulated service; a new service file adds one line.
func services() []*service {
	return []*service{
		stsService(),
		iamService(),
		organizationsService(),
		ssoAdminService(),
		accountService(),
		identityStoreService(),
		ssoOIDCService(),
		ssoPortalService(),
		budgetsService(),
		accessAnalyzerService(),
	}
}

// A handler runs one operation. The dispatcher holds the world lock while it
// runs. It returns the output shape for the codec to render, or an error: an
// *apiError for an AWS error, anything else for a simulator bug (rendered as
// the service's internal error).
type handler func(r *request) (any, error)

type operation struct {
	name string
	// mutating is static per operation so that tests can prove a read-only
	// flow made no change, whatever the outcome of each call.
	mutating bool
	// route is "METHOD /path/{label}" for REST-JSON operations.
	route  string
	handle handler
}

// read declares an operation that never changes the world.
func read(name string, h handler) operation { return operation{name: name, handle: h} }

// write declares an operation that may change the world; a successful call
// saves the state file.
func write(name string, h handler) operation {
	return operation{name: name, mutating: true, handle: h}
}

// at sets the HTTP route of a REST-JSON operation.
func (o operation) at(route string) operation {
	o.route = route
	return o
}

type service struct {
	// id names the service in the call log and in fault targets. It is the
	// AWS CLI's name for it ("sso-admin"), which is not always the signing
	// name ("sso").
	id          string
	signingName string
	// actionPrefix is the IAM action namespace, used in AccessDenied messages.
	actionPrefix string
	// unsigned services (SSO OIDC, the SSO portal) take requests without a
	// SigV4 signature and are found by path instead.
	unsigned bool
	protocol protocol
	errs     serviceErrors
	ops      map[string]*operation
}

// newService completes s with its operations. Duplicate names are a
// programming error, caught by any test that builds a Simulator.
func newService(s service, lists ...[]operation) *service {
	s.ops = make(map[string]*operation)
	for _, list := range lists {
		for _, op := range list {
			if _, dup := s.ops[op.name]; dup {
				panic(fmt.Sprintf("simulator: %s:%s registered twice", s.id, op.name))
			}
			s.ops[op.name] = &op
		}
	}
	return &s
}

// catalog finds the service a request is for.
type catalog struct {
	bySigningName map[string]*service
	unsigned      []*service
}

func newCatalog(list []*service) *catalog {
	c := &catalog{bySigningName: make(map[string]*service)}
	for _, s := range list {
		if s.unsigned {
			c.unsigned = append(c.unsigned, s)
			continue
		}
		if _, dup := c.bySigningName[s.signingName]; dup {
			panic(fmt.Sprintf("simulator: signing name %q registered twice", s.signingName))
		}
		c.bySigningName[s.signingName] = s
	}
	return c
}

// unsignedService finds the unsigned service whose routes include the
// request's path.
func (c *catalog) unsignedService(r *http.Request) *service {
	for _, s := range c.unsigned {
		for _, op := range s.ops {
			if _, ok := matchRoute(op.route, r.Method, r.URL.EscapedPath()); ok {
				return s
			}
		}
	}
	return nil
}

// action is the IAM action an operation needs, as AccessDenied messages name it.
func (s *service) action(op string) string { return s.actionPrefix + ":" + op }

// matchRoute matches "METHOD /a/{label}/b" against a request's escaped path,
// returning the unescaped label values (labels may hold escaped slashes, as
// ARNs do). A trailing "{label+}" takes the rest of the path.
func matchRoute(route, method, escapedPath string) (map[string]string, bool) {
	m, pattern, ok := strings.Cut(route, " ")
	if !ok || m != method {
		return nil, false
	}
	want := strings.Split(strings.Trim(pattern, "/"), "/")
	got := strings.Split(strings.Trim(escapedPath, "/"), "/")
	labels := map[string]string{}
	for i, seg := range want {
		if strings.HasPrefix(seg, "{") && strings.HasSuffix(seg, "+}") {
			if i >= len(got) {
				return nil, false
			}
			v, err := url.PathUnescape(strings.Join(got[i:], "/"))
			if err != nil {
				return nil, false
			}
			labels[seg[1:len(seg)-2]] = v
			return labels, true
		}
		if i >= len(got) {
			return nil, false
		}
		if strings.HasPrefix(seg, "{") && strings.HasSuffix(seg, "}") {
			v, err := url.PathUnescape(got[i])
			if err != nil {
				return nil, false
			}
			labels[seg[1:len(seg)-1]] = v
			continue
		}
		if seg != got[i] {
			return nil, false
		}
	}
	if len(want) != len(got) {
		return nil, false
	}
	return labels, true
}
