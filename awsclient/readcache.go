package awsclient

import (
	"context"
	"encoding/json"
	"reflect"
	"strings"
	"sync"

	"github.com/aws/aws-sdk-go-v2/aws"
	awsmiddleware "github.com/aws/aws-sdk-go-v2/aws/middleware"
	"github.com/aws/smithy-go/middleware"
)

// rememberedReads are the reads that several steps make of the same facts: whether the
// account has MFA and keys (the IAM account summary), its organization, its Identity
// Center instance, its IAM users.
var rememberedReads = map[string]bool{
	"IAM.GetAccountSummary":              true,
	"IAM.ListUsers":                      true,
	"Organizations.DescribeOrganization": true,
	"SSO Admin.ListInstances":            true,
}

// readCache answers a remembered read from the last answer to the same request, for a run
// in which no person changes the account while it goes on (an unattended run, a plan, an
// audit), so that a fact is read once. Any call that is not a read (Get, List, Describe)
// may change the account, so it forgets every answer, and the next read goes to AWS.
type readCache struct {
	mu      sync.Mutex
	answers map[string]answer
}

type answer struct {
	result any
	err    error
}

func (*readCache) ID() string { return "firstrun/readCache" }

func (c *readCache) HandleInitialize(ctx context.Context, in middleware.InitializeInput, next middleware.InitializeHandler) (
	middleware.InitializeOutput, middleware.Metadata, error,
) {
	service, op := awsmiddleware.GetServiceID(ctx), awsmiddleware.GetOperationName(ctx)
	if !isRead(op) {
		c.forget()
		defer c.forget() // whatever the outcome: a failed change may still have been made
		return next.HandleInitialize(ctx, in)
	}
	if !rememberedReads[service+"."+op] {
		return next.HandleInitialize(ctx, in)
	}
	params, err := json.Marshal(in.Parameters)
	if err != nil {
		return next.HandleInitialize(ctx, in)
	}
	key := service + "." + op + "@" + awsmiddleware.GetRegion(ctx) + string(params)
	c.mu.Lock()
	a, ok := c.answers[key]
	c.mu.Unlock()
	if ok {
		return middleware.InitializeOutput{Result: shallowCopy(a.result)}, middleware.Metadata{}, a.err
	}
	out, md, err := next.HandleInitialize(ctx, in)
	if err == nil || IsNotFound(err) { // "none" is a fact too; a failure is not
		c.mu.Lock()
		c.answers[key] = answer{shallowCopy(out.Result), err}
		c.mu.Unlock()
	}
	return out, md, err
}

// shallowCopy copies the output struct v points to: the SDK sets each caller's
// ResultMetadata on it, so callers must not share one.
func shallowCopy(v any) any {
	rv := reflect.ValueOf(v)
	if rv.Kind() != reflect.Pointer || rv.IsNil() {
		return v
	}
	cp := reflect.New(rv.Elem().Type())
	cp.Elem().Set(rv.Elem())
	return cp.Interface()
}

func (c *readCache) forget() {
	c.mu.Lock()
	clear(c.answers)
	c.mu.Unlock()
}

// isRead tells a read-only operation by its name, as AWS names them.
func isRead(op string) bool {
	for _, verb := range []string{"Get", "List", "Describe"} {
		if strings.HasPrefix(op, verb) {
			return true
		}
	}
	return false
}

func newReadCache() *readCache { return &readCache{answers: map[string]answer{}} }

// add is the API option that puts c in every client made from a configuration.
func (c *readCache) add(s *middleware.Stack) error { return s.Initialize.Add(c, middleware.After) }

// ownReadCache gives the clients made from cfg a read cache of their own in place of the
// one they would share, if any: cfg acts in another account, whose answers differ.
func ownReadCache(cfg *aws.Config) {
	own := newReadCache()
	cfg.APIOptions = append(cfg.APIOptions, func(s *middleware.Stack) error {
		if _, err := s.Initialize.Remove(own.ID()); err != nil {
			return nil // no cache to replace: this run does not remember reads
		}
		return own.add(s)
	})
}
