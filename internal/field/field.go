// Package field asks one question, in huh's style: one type per kind of
// question (one, many, yes/no, number, and the check-in's text note), each
// owning its keys, its Update, its View and its line-mode Ask over one
// shared parser. The questionnaire's pages, the line-by-line mode and the
// check-in (its terminal form and its line prompts) all ask through these
// fields, so a question looks, answers and reads back the same everywhere.
//
// A field keeps what asking needs (the cursor, a number being typed, its
// message, whether why-we-ask is open, whether it was skipped); the answer
// itself lives in the caller's answers.Answers, which every call is given.
// Drawn lines are cached per part and state, so a key press costs a few
// lookups: huh's fields rebuild their theme on every key.
package field

import (
	"slices"
	"strconv"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/backtriage/backtriage/internal/answers"
	"github.com/backtriage/backtriage/internal/questionnaire"
	"github.com/backtriage/backtriage/internal/textwrap"
)

// Field is one question being asked.
type Field interface {
	// Question is what is asked.
	Question() *questionnaire.Question
	// Focus puts the cursor where an arrival from above (or below) puts
	// it: on the chosen option, or the first (last) one.
	Focus(a answers.Answers, fromBelow bool)
	// Update handles key k (as tea names it; msg for the text it types).
	Update(k string, msg tea.KeyPressMsg, a answers.Answers) Outcome
	// Paste types text into the field; it reports whether it took any.
	Paste(text string, a answers.Answers) bool
	// View appends the field's lines to dst; cursor is the index in the
	// result of the line the cursor is on.
	View(dst []string, a answers.Answers, focused bool) (out []string, cursor int)
	// Valid reports whether what is typed is an answer (or nothing),
	// saying why not when it is not.
	Valid() bool
	// Typed is text typed that is not (yet) an answer, or "".
	Typed() string

	// ShortHelp and FullHelp are the keys that answer this kind.
	ShortHelp() []key.Binding
	FullHelp() []key.Binding

	// Parse reads a typed line as an answer, for the line-by-line mode.
	Parse(line string) (answers.Value, error)
	// Describe says, for the line-by-line mode, how to answer and lists
	// the numbered options.
	Describe(p Printer)
	// Set records a parsed answer.
	Set(a answers.Answers, v answers.Value)

	base() *Base
}

// Outcome is what a key did.
type Outcome uint8

const (
	// Ignored: not one of the field's keys.
	Ignored Outcome = iota
	// Moved: handled, the answer unchanged.
	Moved
	// Changed: the answer changed.
	Changed
	// LeaveUp and LeaveDown: the cursor went past the first or last
	// option; the caller focuses the previous or next question.
	LeaveUp
	LeaveDown
)

// New is the field for q's kind.
func New(q *questionnaire.Question) Field {
	b := Base{q: q, cache: map[cacheKey][]string{}}
	switch q.Kind {
	case questionnaire.Many:
		return &Many{choice{Base: b}}
	case questionnaire.YesNo:
		return &YesNo{choice{Base: b}}
	case questionnaire.Number:
		return &Number{Base: b}
	case Text:
		return &Note{Base: b}
	}
	return &One{choice{Base: b}}
}

// Text is the kind of a free-text question: the check-in's note.
const Text = questionnaire.Text

// Styles are what fields draw with: built once per theme and background
// (the terminal UI derives them from its theme), marks and gutters
// pre-rendered.
type Styles struct {
	Text, Muted, Why, Selected, Err lipgloss.Style
	QFocused, QBlurred              lipgloss.Style
	// Title and Key are for a form around the fields: its heading and
	// the keys in its help.
	Title, Key lipgloss.Style

	Bar, NoBar        string // gutter of the focused / other questions
	Cursor, NoCursor  string
	CheckOn, CheckOff string // many
	RadioOn, RadioOff string // one and yes/no
	ErrMark           string
}

// PlainStyles are Styles without colour: the same marks, bold for focus.
func PlainStyles() *Styles {
	n := lipgloss.NewStyle
	return &Styles{
		Text: n(), Muted: n(), Why: n().Italic(true), Selected: n(), Err: n().Bold(true),
		QFocused: n().Bold(true), QBlurred: n().Bold(true), Title: n().Bold(true), Key: n().Bold(true),
		Bar: "┃ ", NoBar: "  ", Cursor: "› ", NoCursor: "  ",
		CheckOn: "[x] ", CheckOff: "[ ] ", RadioOn: "(•) ", RadioOff: "( ) ",
		ErrMark: "! ",
	}
}

// Base is what every kind shares: the question, its message, why-we-ask,
// skipped, the layout and the cache of drawn lines.
type Base struct {
	q       *questionnaire.Question
	err     string
	why     bool
	skipped bool

	st    *Styles
	width int
	cache map[cacheKey][]string
}

// Of is a field's shared part: its message, why-we-ask, skipped, layout.
func Of(f Field) *Base { return f.base() }

func (b *Base) base() *Base { return b }

// Question is what is asked.
func (b *Base) Question() *questionnaire.Question { return b.q }

// Layout sets the styles and the width the field is drawn in; drawn lines
// are dropped when either changes.
func (b *Base) Layout(st *Styles, width int) {
	if st != b.st || width != b.width {
		b.st, b.width = st, width
		clear(b.cache)
	}
}

// Err is the field's message, "" for none.
func (b *Base) Err() string { return b.err }

// SetErr sets (or with "" clears) the field's message.
func (b *Base) SetErr(s string) { b.err = s }

// ToggleWhy opens or closes why we ask.
func (b *Base) ToggleWhy() { b.why = !b.why }

// Skipped reports a question passed over with nothing chosen.
func (b *Base) Skipped() bool { return b.skipped }

// SetSkipped marks (or unmarks) the question as passed over.
func (b *Base) SetSkipped(on bool) { b.skipped = on }

// Typed is "" for the kinds nothing is typed in.
func (b *Base) Typed() string { return "" }

// Valid is true for the kinds nothing is typed in.
func (b *Base) Valid() bool { return true }

// Paste takes nothing in the kinds nothing is typed in.
func (b *Base) Paste(string, answers.Answers) bool { return false }

type cacheKey struct {
	part  int16 // option index, or one of the parts below
	state uint8
}

const (
	partTitle int16 = -1 - iota
	partWhy
)

const (
	stFocus   uint8 = 1 << iota // the question has focus
	stCursor                    // the cursor is on this option
	stOn                        // the option is chosen
	stSkipped                   // the question was passed with no answer
)

// cached draws a part once per state.
func (b *Base) cached(k cacheKey, draw func() []string) []string {
	if l, ok := b.cache[k]; ok {
		return l
	}
	l := draw()
	b.cache[k] = l
	return l
}

func (b *Base) gutter(focused bool) string {
	if focused {
		return " " + b.st.Bar
	}
	return " " + b.st.NoBar
}

// head appends the title (with the kind's hint, and "skipped") and, when
// open, why we ask.
func (b *Base) head(dst []string, a answers.Answers, focused bool) []string {
	var fs uint8
	if focused {
		fs = stFocus
	}
	ts := fs
	if b.skipped && !a.Answered(b.q.ID) {
		ts |= stSkipped
	}
	dst = append(dst, b.cached(cacheKey{partTitle, ts}, func() []string { return b.title(focused, ts&stSkipped != 0) })...)
	if b.why {
		dst = append(dst, b.cached(cacheKey{partWhy, fs}, func() []string { return b.whyLines(focused) })...)
	}
	return dst
}

// tail appends the message, if any; cursor moves onto its last line.
func (b *Base) tail(dst []string, focused bool, cursor int) ([]string, int) {
	if b.err == "" {
		return dst, cursor
	}
	gut := b.st.NoBar
	if focused {
		gut = b.st.Bar
	}
	for _, l := range Wrap(b.err, b.width-6) {
		dst = append(dst, " "+gut+b.st.ErrMark+b.st.Err.Render(l))
	}
	if focused {
		cursor = len(dst) - 1
	}
	return dst, cursor
}

func (b *Base) title(focused, skipped bool) []string {
	st := b.st
	hint := Hint(b.q)
	if skipped {
		hint += " · skipped"
	}
	w := b.width - 3
	style := st.QBlurred
	if focused {
		style = st.QFocused
	}
	lines := Wrap(b.q.Prompt, w)
	out := make([]string, 0, len(lines)+1)
	for i, l := range lines {
		s := b.gutter(focused) + style.Render(l)
		if i == len(lines)-1 && hint != "" {
			if ansi.StringWidth(l)+2+ansi.StringWidth(hint) <= w {
				s += "  " + st.Muted.Render(hint)
			} else {
				out = append(out, s)
				s = b.gutter(focused) + st.Muted.Render(hint)
			}
		}
		out = append(out, s)
	}
	return out
}

func (b *Base) whyLines(focused bool) []string {
	var out []string
	for _, l := range Wrap("Why we ask: "+b.q.Why, b.width-5) {
		out = append(out, b.gutter(focused)+"  "+b.st.Why.Render(l))
	}
	return out
}

// Hint says how a question is answered, after its prompt.
func Hint(q *questionnaire.Question) string {
	req := ""
	if answers.Required(q) {
		req = ", needed"
	}
	switch q.Kind {
	case questionnaire.Many:
		return "(choose any" + req + ")"
	case questionnaire.One:
		return "(choose one" + req + ")"
	case questionnaire.YesNo:
		return "(yes or no" + req + ")"
	case questionnaire.Number:
		u := ""
		if q.Unit != "" {
			u = " " + q.Unit
		}
		return "(" + strconv.Itoa(q.Min) + "–" + strconv.Itoa(q.Max) + u + req + ")"
	case Text:
		return "(optional)"
	}
	return ""
}

// Wrap breaks s into lines of at most w cells, at spaces only: never
// inside a word, nor at a hyphen ("long-term", a flag) or a slash (a web
// address). Only a word wider than the whole line is cut, to fit.
func Wrap(s string, w int) []string { return textwrap.Words(s, max(w, 8)) }

// on reports whether the key named k is one of b's and b is enabled,
// without allocating (key.Matches builds the key's name for every call).
func on(k string, b key.Binding) bool {
	return b.Enabled() && slices.Contains(b.Keys(), k)
}

// Invalidate drops the drawn lines (the theme or the width changed).
func (b *Base) Invalidate() { clear(b.cache) }
