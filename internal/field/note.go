package field

import (
	"strings"
	"unicode/utf8"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"github.com/backtriage/backtriage/internal/answers"
	"github.com/backtriage/backtriage/internal/questionnaire"
	"github.com/backtriage/backtriage/internal/textwrap"
	"github.com/backtriage/backtriage/internal/words"
)

// Note is free text (the check-in's note): typed in, wrapped to the
// screen, checked by Check as it is kept. It is not an answer in Answers:
// Value has it.
type Note struct {
	Base
	text string
	// Check is the note's rule (the check-in's: CleanNote); its error is
	// shown and the note kept as typed.
	Check func(string) (string, error)
	// Limit is the most characters that can be typed: beyond it keys do
	// nothing (Check says the rule; this only bounds memory).
	Limit int
}

// NewNote is a note field asking prompt, kept by check.
func NewNote(id, prompt, why string, check func(string) (string, error), limit int) *Note {
	q := &questionnaire.Question{ID: id, Kind: Text, Prompt: prompt, Short: "Note", Why: why}
	n := New(q).(*Note)
	n.Check, n.Limit = check, limit
	return n
}

// Value is the note as kept (Check's), or the error saying why it cannot be.
func (n *Note) Value() (string, error) {
	if n.Check == nil {
		return n.text, nil
	}
	return n.Check(n.text)
}

// Focus does nothing: the cursor is always at the end.
func (n *Note) Focus(answers.Answers, bool) {}

// Typed is the text typed.
func (n *Note) Typed() string { return n.text }

// Valid reports whether the note can be kept, saying why not.
func (n *Note) Valid() bool {
	if _, err := n.Value(); err != nil {
		n.err = err.Error()
		return false
	}
	return true
}

// Update types printable keys and erases with backspace.
func (n *Note) Update(k string, msg tea.KeyPressMsg, _ answers.Answers) Outcome {
	if on(k, Keys.Erase) {
		if n.text == "" {
			return Moved
		}
		_, size := utf8.DecodeLastRuneInString(n.text)
		n.text = n.text[:len(n.text)-size]
		n.err = ""
		return Changed
	}
	t := msg.Key().Text
	if t == "" || msg.Key().Mod&^tea.ModShift != 0 {
		return Ignored
	}
	if n.Paste(t, nil) {
		return Changed
	}
	return Moved
}

// Paste types text as it comes, up to Limit characters: Check cleans it
// as it is kept, and the screen shows it cleaned.
func (n *Note) Paste(text string, _ answers.Answers) bool {
	if n.Limit > 0 {
		room := n.Limit - utf8.RuneCountInString(n.text)
		if room <= 0 {
			return false
		}
		if utf8.RuneCountInString(text) > room {
			text = string([]rune(text)[:room])
		}
	}
	if text == "" {
		return false
	}
	n.text += text
	n.err = ""
	return true
}

// View draws the title and the text, wrapped, with a cursor at its end.
func (n *Note) View(dst []string, a answers.Answers, focused bool) ([]string, int) {
	dst = n.head(dst, a, focused)
	st := n.st
	cur := st.NoCursor
	if focused {
		cur = st.Cursor
	}
	// What is kept, on one line: no escape sequence or control reaches
	// the terminal.
	text := textwrap.Safe(textwrap.CleanInput(n.text))
	if text != "" && strings.HasSuffix(n.text, " ") {
		text += " " // the space just typed shows before the cursor
	}
	if focused {
		text += "█"
	} else if text == "" {
		text = st.Muted.Render("—")
	}
	for i, l := range Wrap(text, n.width-3-2-2) {
		if i == 0 {
			dst = append(dst, n.gutter(focused)+cur+st.Selected.Render(l))
		} else {
			dst = append(dst, n.gutter(focused)+"  "+st.Selected.Render(l))
		}
	}
	return n.tail(dst, focused, len(dst)-1)
}

// Parse keeps a typed line as the note, when Check takes it.
func (n *Note) Parse(line string) (answers.Value, error) {
	old := n.text
	n.text = line
	if _, err := n.Value(); err != nil {
		n.text = old
		return answers.Value{}, Retry(words.Capitalize(err.Error()) + ". Type a shorter one, or press Enter for nothing.")
	}
	return answers.Value{}, nil
}

// Describe says how to answer in the line-by-line mode.
func (n *Note) Describe(p Printer) { p.Println("Type it, or press Enter for nothing.") }

// Set keeps nothing in the answers: the note is Value.
func (n *Note) Set(answers.Answers, answers.Value) {}

// ShortHelp: backspace (typing needs no saying).
func (n *Note) ShortHelp() []key.Binding { return []key.Binding{Keys.Erase} }

// FullHelp: backspace.
func (n *Note) FullHelp() []key.Binding { return []key.Binding{Keys.Erase} }
