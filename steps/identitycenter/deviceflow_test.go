package identitycenter_test

import (
	"context"
	"errors"
	"sync"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/service/ssoadmin/types"

	"github.com/firstrun/firstrun/awsclient/simulator"
	"github.com/firstrun/firstrun/steps/identitycenter"
	"github.com/firstrun/firstrun/steps/steptest"
)

// clock is a simulated account's clock that the test moves.
type clock struct {
	mu  sync.Mutex
	now time.Time
}

func (c *clock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.now
}

func (c *clock) Advance(d time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.now = c.now.Add(d)
}

// administered is an account with Identity Center and jane.doe in Admins, which has
// AdministratorAccess in the account: what the chapter leaves behind.
func administered(t *testing.T, opts simulator.Options) (*steptest.Harness, identitycenter.Instance) {
	t.Helper()
	h, inst, a := almostAdministered(t, opts)
	if _, err := identitycenter.EnsureAssignment(context.Background(), h.Env.AWS.SSOAdmin(inst.Region), inst.ARN, a, identitycenter.Waiter{}); err != nil {
		t.Fatal(err)
	}
	return h, inst
}

// almostAdministered is administered without the assignment, which it returns.
func almostAdministered(t *testing.T, opts simulator.Options) (*steptest.Harness, identitycenter.Instance, identitycenter.Assignment) {
	t.Helper()
	opts.Scenario = simulator.HalfSetUp
	h := steptest.New(t, opts)
	ctx := context.Background()
	inst, err := identitycenter.LoadInstance(ctx, h.Env.Base())
	if err != nil {
		t.Fatal(err)
	}
	ids, admin := h.Env.AWS.IdentityStore(inst.Region), h.Env.AWS.SSOAdmin(inst.Region)
	user, _, err := identitycenter.EnsureUser(ctx, ids, inst.IdentityStoreID, identitycenter.AdminUser{
		UserName: "jane.doe", Email: "jane@example.com", EmailAgain: "jane@example.com", GivenName: "Jane", FamilyName: "Doe"})
	if err != nil {
		t.Fatal(err)
	}
	group, _, err := identitycenter.EnsureGroup(ctx, ids, inst.IdentityStoreID, "Admins", "")
	if err != nil {
		t.Fatal(err)
	}
	if _, _, err := identitycenter.EnsureMembership(ctx, ids, inst.IdentityStoreID, group, user.ID); err != nil {
		t.Fatal(err)
	}
	ps, err := identitycenter.EnsurePermissionSet(ctx, admin, inst.ARN, identitycenter.PermissionSetSpec{
		Name: "AdministratorAccess", SessionDuration: "PT1H", ManagedPolicies: []string{identitycenter.AdministratorAccessPolicy("aws")}}, identitycenter.Waiter{})
	if err != nil {
		t.Fatal(err)
	}
	return h, inst, identitycenter.Assignment{AccountID: h.Sim.AccountID(), PermissionSetARN: ps.ARN, PrincipalType: types.PrincipalTypeGroup, PrincipalID: group}
}

// tokenAnswers are the error codes of the CreateToken calls so far ("" for a token).
func tokenAnswers(h *steptest.Harness) []string {
	var codes []string
	for _, c := range h.Sim.Calls() {
		if c.Operation == "CreateToken" {
			codes = append(codes, c.ErrorCode)
		}
	}
	return codes
}

func TestDeviceFlowWaitsThroughPendingAndSlowDown(t *testing.T) {
	c := &clock{now: time.Date(2025, 6, 2, 9, 0, 0, 0, time.UTC)}
	h, inst := administered(t, simulator.Options{Clock: c.Now})
	ctx := context.Background()
	oidc := h.Env.AWS.SSOOIDC(inst.Region)

	s, err := identitycenter.StartSignIn(ctx, oidc, inst.PortalURL(), c.Now())
	if err != nil {
		t.Fatal(err)
	}
	if s.UserCode == "" || s.VerificationURIComplete != s.VerificationURI+"?user_code="+s.UserCode || s.Interval != time.Second ||
		!s.Expires.Equal(c.Now().Add(10*time.Minute)) {
		t.Fatalf("sign-in %+v", s)
	}

	// The operator's side, played by the sleep between polls: the second pause is cut
	// short (so AWS says slow down), and jane approves during the fourth.
	var asked []time.Duration
	sleep := func(_ context.Context, d time.Duration) error {
		asked = append(asked, d)
		switch len(asked) {
		case 2:
			c.Advance(d / 2)
			return nil
		case 4:
			if err := h.Sim.Console().ApproveDeviceSignIn(inst.Region, "jane.doe"); err != nil {
				return err
			}
		}
		c.Advance(d)
		return nil
	}
	token, err := s.Wait(ctx, oidc, sleep)
	if err != nil {
		t.Fatal(err)
	}
	if want := []time.Duration{time.Second, time.Second, 6 * time.Second, 6 * time.Second}; len(asked) != 4 ||
		asked[0] != want[0] || asked[1] != want[1] || asked[2] != want[2] || asked[3] != want[3] {
		t.Errorf("paused %v, want %v: five seconds more after a slow-down", asked, want)
	}
	answers := tokenAnswers(h)
	if len(answers) != 4 || answers[0] != "AuthorizationPendingException" || answers[1] != "SlowDownException" ||
		answers[2] != "AuthorizationPendingException" || answers[3] != "" {
		t.Errorf("CreateToken answered %v", answers)
	}

	access, err := identitycenter.CheckPortalAccess(ctx, h.Env.AWS.SSOPortal(inst.Region), token, h.Sim.AccountID())
	if err != nil {
		t.Fatal(err)
	}
	if !access.Has("AdministratorAccess") || access.Has("ReadOnlyAccess") {
		t.Errorf("access %+v", access)
	}
	if other, err := identitycenter.CheckPortalAccess(ctx, h.Env.AWS.SSOPortal(inst.Region), token, "111122223333"); err != nil || other.AccountListed {
		t.Errorf("another account: %+v, %v", other, err)
	}
}

func TestDeviceFlowGivesUpWhenTheCodeExpires(t *testing.T) {
	c := &clock{now: time.Date(2025, 6, 2, 9, 0, 0, 0, time.UTC)}
	h, inst := administered(t, simulator.Options{Clock: c.Now})
	oidc := h.Env.AWS.SSOOIDC(inst.Region)
	s, err := identitycenter.StartSignIn(context.Background(), oidc, inst.PortalURL(), c.Now())
	if err != nil {
		t.Fatal(err)
	}
	_, err = s.Wait(context.Background(), oidc, func(_ context.Context, d time.Duration) error {
		c.Advance(time.Minute + d)
		return nil
	})
	if !errors.Is(err, identitycenter.ErrSignInExpired) {
		t.Errorf("Wait = %v, want ErrSignInExpired", err)
	}
	if got := tokenAnswers(h); got[len(got)-1] != "ExpiredTokenException" || len(got) < 9 {
		t.Errorf("CreateToken answered %v", got)
	}
}

func TestNextPollAddsFiveSecondsOnlyAfterASlowDown(t *testing.T) {
	if got := identitycenter.NextPoll(time.Second, identitycenter.ErrSlowDown); got != 6*time.Second {
		t.Errorf("after slow down: %s", got)
	}
	if got := identitycenter.NextPoll(6*time.Second, identitycenter.ErrAuthorizationPending); got != 6*time.Second {
		t.Errorf("after pending: %s", got)
	}
}
