package iamuser

import (
	"context"
	"errors"
	"time"

	step "github.com/firstrun/firstrun/steps/core"
)

// codesRefused is what the operator is told when AWS refuses two codes that passed the
// local check.
const codesRefused = "AWS did not accept these codes; they may have expired while you typed. Type the two newest codes."

// enrol gives user a new virtual MFA device and enables it with the first two codes of the
// operator's authenticator app, checked here before AWS sees them; it returns the device's
// serial number. created, when set, hears of the device before its QR code is shown, so a
// run killed then knows a device exists (its seed is never saved: resuming deletes and
// recreates it). An operator who gives up gets step.ErrCanceled, and the unused device is
// deleted, so nothing is left half made.
func enrol(ctx context.Context, a *step.Act, env step.Env, user string, created func(serial string) error) (string, error) {
	api := env.AWS.IAM
	d, err := PrepareDevice(ctx, api, env.Identity, user)
	if err != nil {
		return "", err
	}
	if created != nil {
		if err := created(d.Serial); err != nil {
			return "", err
		}
	}
	var skew time.Duration // how far AWS's clock is from this machine's
	if d.SkewKnown {
		skew = d.Skew
	}
	var note string // what the check says of this machine's clock, for the codes sent
	c := step.Codes{User: user, Title: "MFA for " + user, URI: d.URI(), ShortURI: d.ShortURI(), Secret: d.Seed,
		Check: func(first, second string, now time.Time) *step.CodeProblem {
			p, n := JudgeCodes(d.Seed, first, second, now, skew)
			note = n
			return p
		}}
	for {
		first, second, err := a.Codes(ctx, c)
		if errors.Is(err, step.ErrCanceled) {
			if err := DiscardDevice(ctx, api, d.Serial); err != nil {
				return "", err
			}
			return "", step.ErrCanceled
		}
		if err != nil {
			return "", err
		}
		if note != "" {
			a.Status(note)
		}
		err = EnableDevice(ctx, api, d, normalizeCode(first), normalizeCode(second))
		if errors.Is(err, ErrCodesRefused) {
			c.Message = codesRefused
			if note != "" {
				c.Message += " " + note
			}
			continue
		}
		if err != nil {
			return "", err
		}
		return d.Serial, nil
	}
}
