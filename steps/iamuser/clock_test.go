package iamuser

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/iam"
	"github.com/pquerna/otp/totp"

	"github.com/firstrun/firstrun/awsclient/simulator"
	"github.com/firstrun/firstrun/awsclient/simulator/simtest"
)

// AWS checks MFA codes by its clock. When the machine's clock is off AWS's, the codes are
// checked by AWS's (from the Date header); when firstrun can't tell AWS's clock, a code
// that fails only on its time goes to AWS to judge; a code of the wrong shape never does.
func TestDeviceCheckJudgesCodesByAWSsClock(t *testing.T) {
	machine := time.Date(2025, 6, 2, 9, 30, 10, 0, time.UTC)
	awsNow := machine.Add(3 * time.Minute) // the machine's clock is three minutes behind
	step := 30 * time.Second
	atAWS := func(n int) string { return codeAt(t, awsNow.Add(time.Duration(n)*step)) }
	device := func(c AWSClock) Device { return Device{Seed: testSeed, Clock: c} }
	for _, tc := range []struct {
		name          string
		clock         AWSClock
		first, second string
		refused       string // part of the message; "" when the codes go to AWS
		note          string // part of the note
	}{
		{"AWS's clock known", AWSClock{Skew: 3 * time.Minute, Known: true}, atAWS(-1), atAWS(0), "", "3m0s behind AWS's"},
		{"AWS's clock known, codes expired by it", AWSClock{Skew: 3 * time.Minute, Known: true}, atAWS(-6), atAWS(-5), "expired", ""},
		{"AWS's clock unknown", AWSClock{}, atAWS(-1), atAWS(0), "", "AWS judges them"},
		{"AWS's clock unknown, a code of the wrong shape", AWSClock{}, "12345", atAWS(0), "6 digits", ""},
		{"the clocks agree, a late code", AWSClock{Skew: time.Second, Known: true}, atAWS(-1), atAWS(0), "from the future", ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			p, note := device(tc.clock).Check(tc.first, tc.second, machine)
			switch {
			case tc.refused == "" && p != nil:
				t.Errorf("refused: %v", p)
			case tc.refused != "" && (p == nil || !strings.Contains(p.Message, tc.refused)):
				t.Errorf("problem %v, want one saying %q", p, tc.refused)
			case !strings.Contains(note, tc.note):
				t.Errorf("note %q, want %q", note, tc.note)
			}
		})
	}
	// Checked by the machine's clock alone, the first row's codes are refused.
	if p := CheckCodes(testSeed, atAWS(-1), atAWS(0), machine); p == nil {
		t.Error("the machine's clock took codes three minutes ahead of it")
	}
}

// The device remembers AWS's clock from the answer that created it, and AWS takes codes
// by that clock although the machine's is three minutes behind.
func TestPrepareDeviceReadsAWSsClock(t *testing.T) {
	_, b := simtest.Start(t, simulator.Options{Clock: func() time.Time { return time.Now().Add(3 * time.Minute) }})
	api := iam.NewFromConfig(simtest.Config(t, b, "us-east-1"))
	ctx := context.Background()
	if _, err := api.CreateUser(ctx, &iam.CreateUserInput{UserName: aws.String("alice")}); err != nil {
		t.Fatal(err)
	}
	d, err := PrepareDevice(ctx, api, "412318265094", "alice")
	if err != nil {
		t.Fatal(err)
	}
	if !d.Clock.Known || d.Clock.Skew < 2*time.Minute+50*time.Second || d.Clock.Skew > 3*time.Minute+10*time.Second {
		t.Fatalf("clock %+v, want about 3m ahead", d.Clock)
	}
	now := time.Now()
	code := func(at time.Time) string {
		c, err := totp.GenerateCode(d.Seed, at)
		if err != nil {
			t.Fatal(err)
		}
		return c
	}
	first, second := code(now.Add(d.Clock.Skew-30*time.Second)), code(now.Add(d.Clock.Skew))
	if p, _ := d.Check(first, second, now); p != nil {
		t.Fatalf("refused codes AWS takes: %v", p)
	}
	if err := EnableDevice(ctx, api, d, first, second); err != nil {
		t.Errorf("AWS refused them: %v", err)
	}
}
