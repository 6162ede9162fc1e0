package identitycenter_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/firstrun/firstrun/awsclient"
	"github.com/firstrun/firstrun/awsclient/simulator"
	"github.com/firstrun/firstrun/steps/identitycenter"
)

// Right after CreateAccountAssignment, its status read may answer
// ResourceNotFoundException for a while, as an eventually consistent service does: the
// waiter keeps reading until the deadline, and only then gives the error.
func TestWaiterKeepsReadingAStatusNotFoundYet(t *testing.T) {
	for _, tc := range []struct {
		name     string
		notFound int // how many status reads answer not found
		wantErr  string
	}{
		{name: "found on the third read", notFound: 2},
		{name: "never found before the deadline", notFound: 100, wantErr: "ResourceNotFoundException"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			c := &clock{now: time.Date(2025, 6, 2, 9, 0, 0, 0, time.UTC)}
			h, inst, a := almostAdministered(t, simulator.Options{Clock: c.Now})
			if err := h.Sim.Faults().Add(simulator.Fault{Target: "sso-admin:DescribeAccountAssignmentCreationStatus",
				Kind: simulator.FaultNotYet, Times: tc.notFound}); err != nil {
				t.Fatal(err)
			}
			var lines []string
			w := identitycenter.Waiter{
				Every: 5 * time.Second, Timeout: time.Minute, Now: c.Now, Report: func(s string) { lines = append(lines, s) },
				Sleep: func(_ context.Context, d time.Duration) error { c.Advance(d); return nil },
			}
			_, err := identitycenter.EnsureAssignment(context.Background(), h.Env.AWS.SSOAdmin(inst.Region), inst.ARN, a, w)
			if tc.wantErr == "" {
				if err != nil {
					t.Fatalf("EnsureAssignment: %v", err)
				}
				if len(lines) != 3 || !strings.HasPrefix(lines[0], "Assignment not found yet") {
					t.Errorf("progress %q", lines)
				}
				return
			}
			if code := awsclient.ErrorCode(err); code != tc.wantErr {
				t.Fatalf("error %v (code %q), want %s", err, code, tc.wantErr)
			}
			if p := awsclient.Explain(err); p.Operation != "sso:DescribeAccountAssignmentCreationStatus" {
				t.Errorf("operation %q", p.Operation)
			}
			if last := lines[len(lines)-1]; !strings.Contains(last, "in 55s") {
				t.Errorf("the waiter gave up before its deadline: %q", last)
			}
		})
	}
}
