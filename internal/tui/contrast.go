package tui

import (
	"image/color"
	"math"

	"charm.land/lipgloss/v2"
	"github.com/charmbracelet/x/ansi"
)

// minContrast is WCAG AA for text.
const minContrast = 4.5

// assumedBG is the terminal background the contrast is reckoned against:
// black for dark terminals, white for light ones (the extremes; real
// backgrounds near them give about the same ratios).
func assumedBG(dark bool) color.Color {
	if dark {
		return color.Black
	}
	return color.White
}

// legible returns c, or c moved towards white (on dark) or black (on
// light) just enough to reach 4.5:1 on the background. The 16 ANSI colours
// are the terminal's own and are left alone, as is no colour.
func legible(c color.Color, dark bool) color.Color {
	if c == nil || isNoColor(c) {
		return c
	}
	if terminalColor(c) {
		return c
	}
	bg := assumedBG(dark)
	if contrastRatio(c, bg) >= minContrast {
		return c
	}
	to := color.Color(color.White)
	if !dark {
		to = color.Black
	}
	for t := 0.05; t <= 1; t += 0.05 {
		m := mix(c, to, t)
		if contrastRatio(m, bg) >= minContrast {
			return m
		}
	}
	return to
}

// onFill picks black or white text, whichever reads better on a fill, and
// darkens (or lightens) the fill until the pair reaches 4.5:1.
func onFill(fill color.Color) (fg, bg color.Color) {
	if fill == nil || isNoColor(fill) || terminalColor(fill) {
		return nil, fill
	}
	for t := 0.0; t <= 1; t += 0.05 {
		bg = mix(fill, color.Black, t)
		if contrastRatio(color.White, bg) >= minContrast {
			return color.White, bg
		}
		if l := mix(fill, color.White, t); contrastRatio(color.Black, l) >= minContrast {
			return color.Black, l
		}
	}
	return color.White, color.Black
}

func mix(a, b color.Color, t float64) color.Color {
	ar, ag, ab := rgb8(a)
	br, bg, bb := rgb8(b)
	f := func(x, y uint8) uint8 { return uint8(float64(x)*(1-t) + float64(y)*t + 0.5) }
	return color.RGBA{f(ar, br), f(ag, bg), f(ab, bb), 255}
}

// rgb8 is a colour's 8-bit channels. Some theme colours (catppuccin-go's)
// return 8-bit values from RGBA, with an alpha below 256, instead of the
// 16-bit ones image/color specifies; both are read right.
func rgb8(c color.Color) (r, g, b uint8) {
	cr, cg, cb, ca := c.RGBA()
	if ca < 0x100 && cr < 0x100 && cg < 0x100 && cb < 0x100 && ca != 0 && (cr|cg|cb) > ca {
		return uint8(cr), uint8(cg), uint8(cb)
	}
	return uint8(cr >> 8), uint8(cg >> 8), uint8(cb >> 8)
}

func luminance(c color.Color) float64 {
	r, g, b := rgb8(c)
	ch := func(v uint8) float64 {
		s := float64(v) / 0xff
		if s <= 0.03928 {
			return s / 12.92
		}
		return math.Pow((s+0.055)/1.055, 2.4)
	}
	return 0.2126*ch(r) + 0.7152*ch(g) + 0.0722*ch(b)
}

// contrastRatio is the WCAG contrast ratio of two colours.
func contrastRatio(a, b color.Color) float64 {
	la, lb := luminance(a), luminance(b)
	if la < lb {
		la, lb = lb, la
	}
	return (la + 0.05) / (lb + 0.05)
}

// terminalColor reports one of the 16 colours each terminal defines itself,
// whose brightness is not known here.
func terminalColor(c color.Color) bool {
	switch i := c.(type) {
	case ansi.BasicColor:
		return true
	case lipgloss.ANSIColor:
		return i < 16
	}
	return false
}
