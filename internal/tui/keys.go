package tui

import tea "charm.land/bubbletea/v2"

// keyName names a key press without allocating for the keys the hot path
// handles (arrows, space, enter, tab); others fall back to msg.String().
func keyName(msg tea.KeyPressMsg) string {
	k := msg.Key()
	switch k.Mod {
	case 0:
		switch k.Code {
		case tea.KeyUp:
			return "up"
		case tea.KeyDown:
			return "down"
		case tea.KeyLeft:
			return "left"
		case tea.KeyRight:
			return "right"
		case tea.KeyEnter:
			return "enter"
		case tea.KeyTab:
			return "tab"
		case tea.KeySpace:
			return "space"
		case tea.KeyEscape:
			return "esc"
		case tea.KeyBackspace:
			return "backspace"
		case tea.KeyPgUp:
			return "pgup"
		case tea.KeyPgDown:
			return "pgdown"
		case tea.KeyHome:
			return "home"
		case tea.KeyEnd:
			return "end"
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

// singles are the one-character key names, interned.
var singles = func() (t [128]string) {
	for i := 32; i < 127; i++ {
		t[i] = string(rune(i))
	}
	t[' '] = "space"
	return t
}()

// Help lines for each screen.
const (
	helpPage       = "↑/↓ move · space or 1-9 choose · enter next · ←/→ page · ? why we ask · ctrl+c quit"
	helpPageSkip   = "↑/↓ move · space or 1-9 choose · enter next (skip) · ←/→ page · ? why we ask · ctrl+c quit"
	helpNumber     = "type a number · enter next · ↑/↓ other questions · ←/→ page · ? why we ask · ctrl+c quit"
	helpNumberSkip = "type a number · enter next (skip) · ↑/↓ other questions · ←/→ page · ? why we ask · ctrl+c quit"
	helpReview     = "↑/↓ move · enter change this answer / see results · ← back · ctrl+c quit"
	helpResults    = "↑/↓ scroll · c cause on the picture · s sources · e export · a save answers · d rule details · ← change answers · q quit"
	helpEmerg      = "e export the summary · ← change answers · ↑/↓ scroll · q quit"
	// helpUrgentStop is for an urgent sign shown mid-questionnaire.
	helpUrgentStop = "enter finish the questions · e export · ← change answers · ↑/↓ scroll · q quit"
	helpWelcome    = "enter start · ctrl+c quit"
	helpFromRev    = " · → back to review"
	helpSizeNote   = "ctrl+c quit"
)
