package tui

import (
	"image/color"
	"testing"

	"charm.land/lipgloss/v2"

	"github.com/backtriage/backtriage/internal/rules"
)

// trueColor is a colour whose value is known (not one of the 16 the
// terminal defines, nor none).
func trueColor(c color.Color) (color.Color, bool) {
	if c == nil || isNoColor(c) || terminalColor(c) {
		return nil, false
	}
	return c, true
}

// Every foreground drawn on the terminal's own background, and every
// foreground/background pair the styles set, meets WCAG AA for text
// (4.5:1), in every theme, on dark and light terminals.
func TestThemeContrast(t *testing.T) {
	bgs := map[bool]color.Color{true: color.Black, false: color.White}
	for _, theme := range ThemeNames() {
		for _, dark := range []bool{true, false} {
			st := newStyles(theme, dark)
			bg := bgs[dark]
			on := map[string]lipgloss.Style{
				"muted": st.muted, "why": st.why, "selected": st.selected, "err": st.err, "ok": st.ok,
				"key": st.key, "title": st.title, "heading": st.heading, "qFocused": st.qFocused,
				"fig.pain": st.fig.Pain, "fig.cause": st.fig.Cause, "fig.both": st.fig.Both,
			}
			for name, s := range on {
				fg, ok := trueColor(s.GetForeground())
				if !ok {
					continue
				}
				if r := contrastRatio(fg, bg); r < 4.5 {
					t.Errorf("%s dark=%v %s: %.2f:1 on the background", theme, dark, name, r)
				}
			}
			pairs := map[string]lipgloss.Style{"button": st.button}
			for l := rules.SelfCare; l <= rules.Emergency; l++ {
				pairs["banner "+l.String()] = st.banner[l]
			}
			for name, s := range pairs {
				fg, ok1 := trueColor(s.GetForeground())
				b, ok2 := trueColor(s.GetBackground())
				if !ok1 || !ok2 {
					continue
				}
				if r := contrastRatio(fg, b); r < 4.5 {
					t.Errorf("%s dark=%v %s: %.2f:1", theme, dark, name, r)
				}
			}
		}
	}
}
