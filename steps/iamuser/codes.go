package iamuser

import (
	"crypto/subtle"
	"fmt"
	"time"

	"github.com/pquerna/otp"
	"github.com/pquerna/otp/hotp"
)

// The TOTP parameters of AWS virtual MFA devices (RFC 6238's defaults).
const (
	totpPeriod = 30 // seconds per code
	codeDigits = 6
)

// How far from now the codes are looked for. AWS takes the second code from about the
// current step; the local check takes two steps either side of it, so that it never
// refuses a code AWS would take (AWS judges the rest), and the wider search only tells a
// typo from a late or early code, so the message can say which.
const (
	acceptSteps = 2
	searchSteps = 20
)

// CodeProblem says what is wrong with the two codes the operator typed, and at which of
// the two fields, so the screen can say it there.
type CodeProblem struct {
	Field   int // 0 for the first code, 1 for the second
	Message string
	// Shape is true when the codes are wrong whatever the time: not six digits, or the
	// same code twice.
	Shape bool
}

func (p *CodeProblem) Error() string { return p.Message }

// AWSClock is how far AWS's clock is from the machine's, as the Date header of an AWS
// answer said.
type AWSClock struct {
	Skew  time.Duration // AWS's clock minus the machine's
	Known bool          // false when no answer said it (a proxy dropped the header)
}

// skewed is how far off AWS's the machine's clock may be before the codes are checked by
// AWS's clock instead; the Date header counts whole seconds.
const skewed = 5 * time.Second

// Check checks two codes before they are sent to AWS, as AWS will judge them, with now
// the machine's clock. When the machine's clock is off AWS's, the codes are checked by
// AWS's. When firstrun could not read AWS's clock, codes that fail only on their time go
// to AWS to judge rather than being refused; a code of the wrong shape, or the first code
// again, is refused always. note says how the codes were judged when the machine's clock
// played a part.
func (d Device) Check(first, second string, now time.Time) (p *CodeProblem, note string) {
	if d.Clock.Known && d.Clock.Skew.Abs() >= skewed {
		behind := "behind"
		if d.Clock.Skew < 0 {
			behind = "ahead of"
		}
		return CheckCodes(d.Seed, first, second, now.Add(d.Clock.Skew)), fmt.Sprintf(
			"This computer's clock is %s %s AWS's, so firstrun checked the codes by AWS's clock.",
			d.Clock.Skew.Abs().Round(time.Second), behind)
	}
	p = CheckCodes(d.Seed, first, second, now)
	if p != nil && !p.Shape && !d.Clock.Known {
		return nil, "firstrun could not read AWS's clock, so it could not check these codes' time; AWS judges them."
	}
	return p, ""
}

// CheckCodes checks two codes typed from an authenticator app against the device's seed,
// as AWS will (RFC 6238, two consecutive time steps), so that a typo costs no AWS call.
func CheckCodes(seed, first, second string, now time.Time) *CodeProblem {
	codes := [2]string{normalizeCode(first), normalizeCode(second)}
	for i, c := range codes {
		if !sixDigits(c) {
			return &CodeProblem{Field: i, Message: "A code is 6 digits, as the app shows it.", Shape: true}
		}
	}
	if codes[0] == codes[1] {
		return &CodeProblem{Field: 1, Message: "That is the first code again. Wait for the app to show a new code, then type it.", Shape: true}
	}
	current := now.Unix() / totpPeriod
	firstAt, firstOK := findStep(seed, codes[0], current)
	secondAt, secondOK := findStep(seed, codes[1], current)
	switch {
	case !firstOK:
		return &CodeProblem{Field: 0, Message: "This code doesn't match the new device. Check that you are reading the entry you just added to the app, and that the phone sets its clock automatically."}
	case !secondOK:
		return &CodeProblem{Field: 1, Message: "This code doesn't match the new device. Check that you are reading the entry you just added to the app."}
	case secondAt != firstAt+1:
		return &CodeProblem{Field: 1, Message: "The two codes must follow each other: type the code the app shows right after the first one."}
	case secondAt < current-acceptSteps:
		return &CodeProblem{Field: 0, Message: "These codes have expired. Type the code the app shows now, then the next one."}
	case secondAt > current+acceptSteps:
		return &CodeProblem{Field: 0, Message: "These codes are from the future: the phone's clock is ahead. Set it to update automatically, then try again."}
	}
	return nil
}

// findStep finds the time step near current at which seed produces code.
func findStep(seed, code string, current int64) (int64, bool) {
	for d := int64(0); d <= searchSteps; d++ {
		for _, step := range []int64{current - d, current + d} {
			want, err := hotp.GenerateCodeCustom(seed, uint64(step), hotp.ValidateOpts{Digits: otp.DigitsSix, Algorithm: otp.AlgorithmSHA1})
			if err == nil && subtle.ConstantTimeCompare([]byte(want), []byte(code)) == 1 {
				return step, true
			}
		}
	}
	return 0, false
}

func sixDigits(s string) bool {
	if len(s) != codeDigits {
		return false
	}
	for _, c := range s {
		if c < '0' || c > '9' {
			return false
		}
	}
	return true
}
