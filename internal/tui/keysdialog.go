package tui

import (
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"
)

// keysDialog is the full key help (?), drawn by the help bubble from the
// same bindings the screen handles its keys with: the groups side by side
// when they fit, else one under the other.
type keysDialog struct {
	m      *Model
	screen keyMap
	off    int // first line shown, on a terminal too short for all
}

var keysDialogKeys = struct{ Close, Up, Down, Quit key.Binding }{
	Close: bind("?/esc/q", "close", "?", "esc", "q", "enter"),
	Up:    bind("↑/k", "scroll up", "up", "k"),
	Down:  bind("↓/j", "scroll down", "down", "j"),
	Quit:  bind("ctrl+c", "quit", "ctrl+c"),
}

func newKeysDialog(m *Model, k keyMap) *keysDialog { return &keysDialog{m: m, screen: k} }

func (d *keysDialog) helpKeys() keyMap {
	k := keysDialogKeys
	return keyMap{short: []key.Binding{k.Close, bind("↑/↓", "scroll", "up", "down")}, full: [][]key.Binding{{k.Close, k.Up, k.Down, k.Quit}}}
}

func (d *keysDialog) update(msg tea.Msg) tea.Cmd {
	km, ok := msg.(tea.KeyPressMsg)
	if !ok {
		return nil
	}
	switch k := keyName(km); {
	case on(k, keysDialogKeys.Quit):
		return d.m.requestQuit()
	case on(k, keysDialogKeys.Close):
		d.m.closeDialog()
	case on(k, keysDialogKeys.Up):
		d.off = max(0, d.off-1)
	case on(k, keysDialogKeys.Down):
		d.off++
	}
	return nil
}

func (d *keysDialog) view() string {
	m := d.m
	st := m.st
	w := min(m.contentWidth()-4, 96)
	h := m.help
	h.SetWidth(0)
	body := h.FullHelpView(d.screen.full)
	if lipgloss.Width(body) > w-4 {
		var parts []string
		for _, g := range d.screen.full {
			parts = append(parts, h.FullHelpView([][]key.Binding{g}))
		}
		body = strings.Join(parts, "\n\n")
	}
	// Title, blank, blank, footer and the border take 6 lines.
	lines := strings.Split(body, "\n")
	if avail := max(1, m.height-6); len(lines) > avail {
		d.off = min(d.off, len(lines)-avail)
		lines = lines[d.off : d.off+avail]
	} else {
		d.off = 0
	}
	var b strings.Builder
	b.WriteString(st.title.Render("Keys") + "\n\n")
	b.WriteString(strings.Join(lines, "\n") + "\n\n")
	b.WriteString(m.footerIn(d.helpKeys().short, w-4))
	return st.box.Render(b.String())
}
