package iamuser

import (
	"crypto/subtle"
	"time"

	"github.com/pquerna/otp"
	"github.com/pquerna/otp/hotp"

	step "github.com/firstrun/firstrun/steps/core"
)

// CodeProblem says what is wrong with the two codes the operator typed, and at which of
// the two fields, so the screen can say it there.
type CodeProblem = step.CodeProblem

// The TOTP parameters of AWS virtual MFA devices (RFC 6238's defaults).
const (
	totpPeriod = 30 // seconds per code
	codeDigits = 6
)

// How far from now the codes are looked for. AWS takes the second code from the current
// step or one either side of it; the check here allows two either side, so a few seconds
// between this machine's clock and AWS's never refuse codes AWS would take. Older codes
// expired, and the wider search only tells a typo from a late or early code, so the
// message can say which.
const (
	acceptSteps = 2
	searchSteps = 20
)

// CheckCodes checks two codes typed from an authenticator app against the device's seed,
// as AWS will (RFC 6238, two consecutive time steps), so that a typo costs no AWS call.
func CheckCodes(seed, first, second string, now time.Time) *CodeProblem {
	codes := [2]string{normalizeCode(first), normalizeCode(second)}
	if p := codeShape(codes); p != nil {
		return p
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

// codeShape checks what needs no clock: six digits each, and two different codes.
func codeShape(codes [2]string) *CodeProblem {
	for i, c := range codes {
		if !sixDigits(c) {
			return &CodeProblem{Field: i, Message: "A code is 6 digits, as the app shows it."}
		}
	}
	if codes[0] == codes[1] {
		return &CodeProblem{Field: 1, Message: "That is the first code again. Wait for the app to show a new code, then type it."}
	}
	return nil
}

// JudgeCodes checks two codes as CheckCodes does, at this machine's time now, for a device
// whose AWS clock was skew from this machine's (0 when unknown). When the clock is off by
// a time step or more, the check here can be wrong: codes that fail it at this machine's
// time are checked at AWS's, and codes that fail both are left for AWS to judge rather
// than refused. note then says so, for the operator. Codes of the wrong shape are always
// refused.
func JudgeCodes(seed, first, second string, now time.Time, skew time.Duration) (p *CodeProblem, note string) {
	p = CheckCodes(seed, first, second, now)
	if p == nil || !skewed(skew) || codeShape([2]string{normalizeCode(first), normalizeCode(second)}) != nil {
		return p, ""
	}
	clock := "This machine's clock is " + skewWords(skew) + " AWS's"
	if CheckCodes(seed, first, second, now.Add(skew)) == nil {
		return nil, clock + ": the codes match AWS's time."
	}
	return nil, clock + ", so firstrun can't check the codes itself: AWS judges them."
}

// skewed reports whether this machine's clock is off AWS's by a time step or more.
func skewed(skew time.Duration) bool { return skew.Abs() >= totpPeriod*time.Second }

// skewWords says how far this machine's clock is from AWS's: "3m0s behind".
func skewWords(skew time.Duration) string {
	if skew > 0 { // AWS's clock is ahead
		return skew.Round(time.Second).String() + " behind"
	}
	return (-skew).Round(time.Second).String() + " ahead of"
}

// findStep finds the time step near current at which seed produces code.
func findStep(seed, code string, current int64) (int64, bool) {
	for d := int64(0); d <= searchSteps; d++ {
		for _, at := range []int64{current - d, current + d} {
			want, err := hotp.GenerateCodeCustom(seed, uint64(at), hotp.ValidateOpts{Digits: otp.DigitsSix, Algorithm: otp.AlgorithmSHA1})
			if err == nil && subtle.ConstantTimeCompare([]byte(want), []byte(code)) == 1 {
				return at, true
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
