package iamuser_test

import (
	"errors"
	"image"
	"image/color"
	"strings"

	"github.com/makiuchi-d/gozxing"
	"github.com/makiuchi-d/gozxing/qrcode"
)

// decodeScreenQR does what a phone camera does with the terminal: it finds the QR code
// drawn in half blocks on a plain-text screen, turns each character cell back into two
// pixels (a drawn half is light, an empty one dark, as in a terminal whose text is
// lighter than its background) and decodes the picture.
func decodeScreenQR(screen string) (string, error) {
	lines := strings.Split(screen, "\n")
	top, left, width := -1, 0, 0
	for i, l := range lines {
		r := []rune(l)
		if at := strings.Index(l, "▄▄▄▄▄▄▄▄▄▄"); at >= 0 {
			left = len([]rune(l[:at]))
			for width = 0; left+width < len(r) && r[left+width] == '▄'; width++ {
			}
			top = i
			break
		}
	}
	if top < 0 {
		return "", errors.New("no QR code on the screen")
	}
	var rows [][]rune
	for _, l := range lines[top:] {
		r := []rune(l)
		if len(r) < left+width || !halfBlocks(r[left:left+width]) {
			break
		}
		rows = append(rows, r[left:left+width])
	}
	// The screen around the code is the dark terminal background, as a camera sees it.
	const scale, margin = 4, 4
	img := image.NewGray(image.Rect(0, 0, (width+2*margin)*scale, (2*len(rows)+2*margin)*scale))
	for y, row := range rows {
		for x, c := range row {
			top, bottom := c == '█' || c == '▀', c == '█' || c == '▄'
			paint(img, x+margin, 2*y+margin, top, scale)
			paint(img, x+margin, 2*y+1+margin, bottom, scale)
		}
	}
	bmp, err := gozxing.NewBinaryBitmapFromImage(img)
	if err != nil {
		return "", err
	}
	res, err := qrcode.NewQRCodeReader().Decode(bmp, nil)
	if err != nil {
		return "", err
	}
	return res.GetText(), nil
}

func halfBlocks(r []rune) bool {
	drawn := false
	for _, c := range r {
		switch c {
		case '█', '▀', '▄':
			drawn = true
		case ' ':
		default:
			return false
		}
	}
	return drawn
}

func paint(img *image.Gray, x, y int, light bool, scale int) {
	v := color.Gray{Y: 0}
	if light {
		v = color.Gray{Y: 255}
	}
	for dy := range scale {
		for dx := range scale {
			img.SetGray(x*scale+dx, y*scale+dy, v)
		}
	}
}
