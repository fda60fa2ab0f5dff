package tui

import (
	"reflect"
	"testing"

	"charm.land/huh/v2"
)

// huhThemes are the huh themes the --theme names stand for.
var huhThemes = map[string]func(bool) *huh.Styles{
	"charm": huh.ThemeCharm, "dracula": huh.ThemeDracula, "catppuccin": huh.ThemeCatppuccin,
	"base16": huh.ThemeBase16, "base": huh.ThemeBase, "plain": huh.ThemeBase,
}

// The palette written out in themePalette is huh's own, for every theme on
// either background.
func TestThemePalette(t *testing.T) {
	for _, theme := range ThemeNames() {
		mk, ok := huhThemes[theme]
		if !ok {
			t.Fatalf("--theme %s has no huh theme", theme)
		}
		for _, dark := range []bool{true, false} {
			th := mk(dark).Focused
			want := palette{
				accent: th.Title.GetForeground(), pointer: th.SelectSelector.GetForeground(),
				chosen: th.SelectedPrefix.GetForeground(), err: th.ErrorMessage.GetForeground(),
				muted: th.Description.GetForeground(), button: th.FocusedButton.GetBackground(),
			}
			if got := themePalette(theme, dark); !reflect.DeepEqual(got, want) {
				t.Errorf("%s dark=%v: palette %#v, huh's %#v", theme, dark, got, want)
			}
		}
	}
}
