package field

import (
	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"github.com/backtriage/backtriage/internal/answers"
	"github.com/backtriage/backtriage/internal/questionnaire"
)

// choice is an option list: one, many and yes/no differ in their marks and
// in what choosing does.
type choice struct {
	Base
	cursor int
}

// One is a question with one answer among options (choosing the chosen
// option again clears it).
type One struct{ choice }

// Many is a question with any number of answers ("None of these" stands
// alone).
type Many struct{ choice }

// YesNo is a yes or no question, drawn as two options.
type YesNo struct{ choice }

// Cursor is the option the cursor is on.
func (c *choice) Cursor() int { return c.cursor }

// Focus puts the cursor on the last option when arriving from below, else
// on the chosen option of a one or yes/no question, or the first.
func (c *choice) Focus(a answers.Answers, fromBelow bool) {
	opts := c.q.Choices()
	c.cursor = 0
	if fromBelow {
		c.cursor = len(opts) - 1
		return
	}
	if c.q.Kind == questionnaire.Many {
		return
	}
	for j, o := range opts {
		if a.Has(c.q.ID, o.ID) {
			c.cursor = j
		}
	}
}

// Update moves through the options and chooses them; past either end it
// leaves the question.
func (c *choice) Update(k string, _ tea.KeyPressMsg, a answers.Answers) Outcome {
	n := len(c.q.Choices())
	ks := &Keys
	switch {
	case on(k, ks.Up):
		if c.cursor == 0 {
			return LeaveUp
		}
		c.cursor--
	case on(k, ks.Down):
		if c.cursor >= n-1 {
			return LeaveDown
		}
		c.cursor++
	case on(k, ks.First):
		c.cursor = 0
	case on(k, ks.Last):
		c.cursor = n - 1
	case on(k, ks.Choose):
		return c.Choose(a, c.cursor)
	case on(k, ks.Pick):
		i := int(k[0] - '1')
		if i >= n {
			return Moved
		}
		c.cursor = i
		return c.Choose(a, i)
	default:
		return Ignored
	}
	return Moved
}

// Choose picks option i: toggles it in a many question, sets it in a one
// or yes/no question (choosing it again clears it).
func (c *choice) Choose(a answers.Answers, i int) Outcome {
	q := c.q
	opts := q.Choices()
	if i < 0 || i >= len(opts) {
		return Moved
	}
	id := opts[i].ID
	if q.Kind == questionnaire.Many {
		v := answers.Toggle(q, a[q.ID], id)
		if len(v.Options) == 0 {
			delete(a, q.ID)
		} else {
			a[q.ID] = v
		}
	} else if a.Has(q.ID, id) {
		delete(a, q.ID)
	} else {
		a[q.ID] = answers.Choose(q, id)
	}
	c.err = ""
	if a.Answered(q.ID) {
		c.skipped = false
	}
	return Changed
}

// View draws the title and the options, each with its mark, the cursor's
// in bold.
func (c *choice) View(dst []string, a answers.Answers, focused bool) ([]string, int) {
	dst = c.head(dst, a, focused)
	cursor := len(dst) - 1
	var fs uint8
	if focused {
		fs = stFocus
	}
	for j, o := range c.q.Choices() {
		s := fs
		if focused && j == c.cursor {
			s |= stCursor
			cursor = len(dst)
		}
		if a.Has(c.q.ID, o.ID) {
			s |= stOn
		}
		dst = append(dst, c.cached(cacheKey{int16(j), s}, func() []string { return c.option(j, s) })...)
	}
	return c.tail(dst, focused, cursor)
}

func (c *choice) option(i int, state uint8) []string {
	st := c.st
	opts := c.q.Choices()
	focused := state&stFocus != 0
	cur := st.NoCursor
	if state&stCursor != 0 {
		cur = st.Cursor
	}
	mark := st.RadioOff
	if c.q.Kind == questionnaire.Many {
		mark = st.CheckOff
		if state&stOn != 0 {
			mark = st.CheckOn
		}
	} else if state&stOn != 0 {
		mark = st.RadioOn
	}
	label := st.Text
	if state&stOn != 0 {
		label = st.Selected
	}
	if state&stCursor != 0 {
		label = label.Bold(true)
	}
	prefix := c.gutter(focused) + cur + mark
	lines := Wrap(opts[i].Label, c.width-3-2-4-2)
	out := make([]string, 0, len(lines))
	for j, l := range lines {
		if j == 0 {
			out = append(out, prefix+label.Render(l))
		} else {
			out = append(out, c.gutter(focused)+"      "+label.Render(l))
		}
	}
	return out
}

// ShortHelp: choose, by the cursor or by number.
func (c *choice) ShortHelp() []key.Binding { return []key.Binding{Keys.Choose, Keys.Pick} }

// FullHelp: the moves and the choices.
func (c *choice) FullHelp() []key.Binding {
	return []key.Binding{Keys.Up, Keys.Down, Keys.First, Keys.Last, Keys.Choose, Keys.Pick}
}
