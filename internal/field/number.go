package field

import (
	"strconv"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"github.com/backtriage/backtriage/internal/answers"
)

// Number is a whole number typed in digits. What is typed is kept as typed,
// valid or not (going back never loses it), and answers the question once
// it is valid.
type Number struct {
	Base
	draft    string
	hasDraft bool
}

// Focus starts from the number already given (a reopened answers file),
// unless something was typed before.
func (n *Number) Focus(a answers.Answers, _ bool) {
	if n.hasDraft {
		return
	}
	if v, ok := a[n.q.ID]; ok && v.Number != nil {
		n.draft, n.hasDraft = strconv.Itoa(*v.Number), true
	}
}

// Typed is what is typed while it is not the answer.
func (n *Number) Typed() string { return n.draft }

// Update types digits and deletes them; up and down leave the question.
func (n *Number) Update(k string, _ tea.KeyPressMsg, a answers.Answers) Outcome {
	switch {
	case on(k, Keys.Type):
		return n.typeDigit(k[0], a)
	case on(k, Keys.Backspace):
		if n.draft == "" {
			return Moved
		}
		n.set(n.draft[:len(n.draft)-1], a)
		return Changed
	case on(k, Keys.NumUp):
		return LeaveUp
	case on(k, Keys.NumDown):
		if !n.Valid() {
			return Moved
		}
		return LeaveDown
	}
	return Ignored
}

func (n *Number) typeDigit(c byte, a answers.Answers) Outcome {
	if len(n.draft) >= len(strconv.Itoa(n.q.Max))+1 {
		return Moved
	}
	n.set(n.draft+string(c), a)
	return Changed
}

// Paste types the digits of text.
func (n *Number) Paste(text string, a answers.Answers) bool {
	took := false
	for _, r := range text {
		if r >= '0' && r <= '9' {
			n.typeDigit(byte(r), a)
			took = true
		}
	}
	return took
}

// set keeps what is typed and answers with it when it is valid. A number
// already beyond the range is marked at once.
func (n *Number) set(d string, a answers.Answers) {
	q := n.q
	n.draft, n.hasDraft = d, true
	n.err = ""
	switch v, err := answers.ParseNumber(q, d); {
	case d == "":
		delete(a, q.ID)
	case err == nil:
		a[q.ID] = answers.Num(v)
		n.skipped = false
	default:
		delete(a, q.ID)
		if len(d) > len(strconv.Itoa(q.Max)) || over(q.Max, d) {
			n.err = err.Error()
		}
	}
}

// over reports a number already beyond the maximum.
func over(maxN int, d string) bool {
	v, err := strconv.Atoi(d)
	return err == nil && v > maxN
}

// Valid reports whether what is typed is valid (or empty), and says why
// not when it is not.
func (n *Number) Valid() bool {
	if n.draft == "" {
		return true
	}
	if _, err := answers.ParseNumber(n.q, n.draft); err != nil {
		n.err = err.Error()
		return false
	}
	return true
}

// View draws the title and the field: what is typed, a cursor, the unit.
func (n *Number) View(dst []string, a answers.Answers, focused bool) ([]string, int) {
	dst = n.head(dst, a, focused)
	cursor := len(dst)
	dst = append(dst, n.line(a, focused))
	return n.tail(dst, focused, cursor)
}

func (n *Number) line(a answers.Answers, focused bool) string {
	st := n.st
	d := n.draft
	cur := st.NoCursor
	if focused {
		cur = st.Cursor
	}
	if d == "" {
		// A number given earlier (a reopened answers file) shows before
		// its field is first focused, so it never looks unanswered.
		if v, ok := a[n.q.ID]; ok && v.Number != nil {
			d = strconv.Itoa(*v.Number)
		}
	}
	f := d
	if focused {
		f += "█"
	} else if d == "" {
		f = st.Muted.Render("—")
	}
	unit := ""
	if n.q.Unit != "" {
		unit = " " + st.Muted.Render(n.q.Unit)
	}
	return n.gutter(focused) + cur + st.Selected.Render(f) + unit
}

// ShortHelp: type the number.
func (n *Number) ShortHelp() []key.Binding { return []key.Binding{Keys.Type} }

// FullHelp: type, delete, and move on either way.
func (n *Number) FullHelp() []key.Binding {
	return []key.Binding{Keys.Type, Keys.Backspace, Keys.NumUp, Keys.NumDown}
}
