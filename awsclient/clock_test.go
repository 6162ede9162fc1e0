package awsclient_test

import (
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/service/iam"

	"github.com/firstrun/firstrun/awsclient"
	"github.com/firstrun/firstrun/awsclient/simulator"
	"github.com/firstrun/firstrun/awsclient/simulator/simtest"
)

// The skew between the machine's clock and AWS's comes from the Date header of an answer.
func TestClockSkewFromAnAnswer(t *testing.T) {
	// The machine's clock runs three minutes ahead of AWS's.
	_, b := simtest.Start(t, simulator.Options{Clock: func() time.Time { return time.Now().Add(-3 * time.Minute) }})
	out, err := iam.NewFromConfig(simtest.Config(t, b, "us-east-1")).GetAccountSummary(t.Context(), &iam.GetAccountSummaryInput{})
	if err != nil {
		t.Fatal(err)
	}
	skew, ok := awsclient.ClockSkew(out.ResultMetadata, time.Now())
	if !ok || skew > -2*time.Minute-50*time.Second || skew < -3*time.Minute-10*time.Second {
		t.Errorf("skew %v (%v), want about -3m", skew, ok)
	}
}
