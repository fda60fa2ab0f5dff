package field

import "charm.land/bubbles/v2/key"

// KeyMap is every field's keys as data (as huh's keymap.go): each kind
// answers to its own and names them in its help, so the help cannot drift
// from what the keys do. Moving between questions, pages and screens is the
// caller's.
type KeyMap struct {
	// Option lists (one, many, yes/no).
	Up, Down, First, Last, Choose, Pick key.Binding
	// Numbers.
	Type, Backspace, NumUp, NumDown key.Binding
	// Text (the note): printable keys type, backspace erases.
	Erase key.Binding
}

// Keys are the bindings every field uses.
var Keys = KeyMap{
	Up:        bind("↑/k", "move up", "up", "k"),
	Down:      bind("↓/j", "move down", "down", "j"),
	First:     bind("g/home", "first option", "home", "g"),
	Last:      bind("G/end", "last option", "end", "G"),
	Choose:    bind("space/x", "choose", "space", "x"),
	Pick:      bind("1-9", "choose by number", digits[1:]...),
	Type:      bind("0-9", "type the number", digits...),
	Backspace: bind("backspace", "delete a digit", "backspace"),
	NumUp:     bind("↑/k", "move up", "up", "k"),
	NumDown:   bind("↓/j", "move down", "down", "j"),
	Erase:     bind("backspace", "delete a character", "backspace"),
}

// digits are the keys 0-9; 1-9 pick an option by its number.
var digits = []string{"0", "1", "2", "3", "4", "5", "6", "7", "8", "9"}

func bind(helpKey, desc string, keys ...string) key.Binding {
	return key.NewBinding(key.WithKeys(keys...), key.WithHelp(helpKey, desc))
}
