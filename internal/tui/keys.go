package tui

import (
	"slices"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
)

// Keys are data: every screen keeps its bindings in a keyMap, matches key
// presses against them, and draws its footer (short help) and its full key
// help (?) from the same bindings, so the help cannot drift from what the
// keys do. TestEveryHandledKeyHasHelp checks that no screen reacts to a key
// its bindings do not name.

// keyMap is a screen's bindings: the footer's and the full help's.
type keyMap struct {
	short []key.Binding
	full  [][]key.Binding
}

func (k keyMap) ShortHelp() []key.Binding  { return k.short }
func (k keyMap) FullHelp() [][]key.Binding { return k.full }

// bind makes a binding: the keys, then what the help shows for them.
func bind(helpKey, desc string, keys ...string) key.Binding {
	return key.NewBinding(key.WithKeys(keys...), key.WithHelp(helpKey, desc))
}

// on reports whether the key named k is one of b's and b is enabled. It
// compares names from keyName, so a key press allocates nothing here
// (key.Matches builds the key's name for every call).
func on(k string, b key.Binding) bool {
	return b.Enabled() && slices.Contains(b.Keys(), k)
}

// keys every screen shares.
var (
	keyHelp = bind("?", "all keys", "?")
	keyQuit = bind("ctrl+c", "quit", "ctrl+c")
)

// keyName names a key press without allocating for the keys the hot path
// handles (arrows, space, enter, tab); others fall back to msg.String().
func keyName(msg tea.KeyPressMsg) string {
	k := msg.Key()
	switch k.Mod {
	case 0:
		if name, ok := plainKeys[k.Code]; ok {
			return name
		}
		if k.Text != "" && len(k.Text) == 1 {
			return singles[k.Text[0]&0x7f]
		}
	case tea.ModShift:
		if k.Code == tea.KeyTab {
			return "shift+tab"
		}
		if len(k.Text) == 1 {
			return singles[k.Text[0]&0x7f]
		}
	case tea.ModCtrl:
		if k.Code == 'c' {
			return "ctrl+c"
		}
	}
	return msg.String()
}

// plainKeys names the special keys pressed without a modifier.
var plainKeys = map[rune]string{
	tea.KeyUp:        "up",
	tea.KeyDown:      "down",
	tea.KeyLeft:      "left",
	tea.KeyRight:     "right",
	tea.KeyEnter:     "enter",
	tea.KeyTab:       "tab",
	tea.KeySpace:     "space",
	tea.KeyEscape:    "esc",
	tea.KeyBackspace: "backspace",
	tea.KeyPgUp:      "pgup",
	tea.KeyPgDown:    "pgdown",
	tea.KeyHome:      "home",
	tea.KeyEnd:       "end",
}

// singles are the one-character key names, interned.
var singles = func() (t [128]string) {
	for i := 32; i < 127; i++ {
		t[i] = string(rune(i))
	}
	t[' '] = "space"
	return t
}()
