// Package qr draws QR codes in the terminal with half-block characters: the MFA set-up
// code and the access-portal address.
package qr

import (
	"errors"
	"strings"

	"github.com/mdp/qrterminal/v3"
	"rsc.io/qr"
)

// MaxContent bounds what Render accepts. qrterminal drops the encoder's error, so content
// too long for a QR code would otherwise panic; firstrun's otpauth URIs and URLs are far
// shorter.
const MaxContent = 1000

// Code is a QR code drawn as text, two modules per character cell vertically.
type Code struct {
	lines []string
}

// New encodes content at error-correction level L with a one-module quiet zone: the
// smallest drawing phones still scan, so a TOTP code fits beside its instructions at 80x24.
func New(content string) (Code, error) {
	if content == "" || len(content) > MaxContent {
		return Code{}, errors.New("qr: content must be 1 to 1000 bytes")
	}
	var b strings.Builder
	qrterminal.GenerateWithConfig(content, qrterminal.Config{
		Level:          qr.L,
		Writer:         &b,
		HalfBlocks:     true,
		BlackChar:      qrterminal.BLACK_BLACK,
		WhiteBlackChar: qrterminal.WHITE_BLACK,
		WhiteChar:      qrterminal.WHITE_WHITE,
		BlackWhiteChar: qrterminal.BLACK_WHITE,
		QuietZone:      1,
	})
	return Code{lines: strings.Split(strings.TrimRight(b.String(), "\n"), "\n")}, nil
}

// Size is the drawing's width in columns and height in rows.
func (c Code) Size() (width, height int) {
	if len(c.lines) == 0 {
		return 0, 0
	}
	return len([]rune(c.lines[0])), len(c.lines)
}

// String draws the code. With colour it pins light modules to white and dark ones to
// black, so it scans the same on light and dark terminal themes; without colour (NO_COLOR)
// it relies on the terminal's own foreground being the lighter one.
func (c Code) String(colour bool) string {
	if !colour {
		return strings.Join(c.lines, "\n")
	}
	var b strings.Builder
	for i, l := range c.lines {
		if i > 0 {
			b.WriteByte('\n')
		}
		b.WriteString("\x1b[97;40m" + l + "\x1b[0m")
	}
	return b.String()
}
