package tui

import (
	"fmt"
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/backtriage/backtriage/internal/answers"
	"github.com/backtriage/backtriage/internal/questionnaire"
)

// reviewScreen lists every question that applies with its answer: enter on
// one opens it to change, and the last row goes on to the results.
type reviewScreen struct {
	m      *Model
	list   []*questionnaire.Question
	cursor int // len(list) is the "see results" row
	scroll int
	lines  []string
	header string
	footer string
	frame  frame
}

var reviewKeys = struct {
	Up, Down, First, Last, PageUp, PageDown, Open, Results, Back, Help, Quit key.Binding
}{
	Up:       bind("↑/k/shift+tab", "move up", "up", "k", "shift+tab"),
	Down:     bind("↓/j/tab", "move down", "down", "j", "tab"),
	First:    bind("g/home", "first answer", "home", "g"),
	Last:     bind("G/end", "see my results (last row)", "end", "G"),
	PageUp:   bind("pgup", "page up", "pgup"),
	PageDown: bind("pgdn", "page down", "pgdown"),
	Open:     bind("enter/space", "change this answer / see results", "enter", "space"),
	Results:  bind("→/l", "see my results", "right", "l"),
	Back:     bind("←/h/esc", "back to the last page", "left", "h", "esc"),
	Help:     keyHelp,
	Quit:     keyQuit,
}

func (r *reviewScreen) id() screenID { return scrReview }

func (r *reviewScreen) invalidate() { r.header, r.footer = "", "" }

func (r *reviewScreen) helpKeys() keyMap {
	k := reviewKeys
	return keyMap{
		short: []key.Binding{bind("↑/↓", "move", "up", "down"), k.Open, k.Back, k.Help, k.Quit},
		full: [][]key.Binding{
			{k.Up, k.Down, k.First, k.Last, k.PageUp, k.PageDown},
			{k.Open, k.Results, k.Back, k.Help, k.Quit},
		},
	}
}

// open lists the questions that apply, with the cursor on "see my results".
func (r *reviewScreen) open() {
	m := r.m
	r.list = r.list[:0]
	for _, p := range m.qn.Pages {
		r.list = answers.AppendVisible(r.list, m.qn, m.sess.Given, p)
	}
	r.cursor = len(r.list)
}

// backToReview returns from a jump, with the cursor on the question that
// was changed.
func (m *Model) backToReview(q *questionnaire.Question) {
	m.openReview()
	for i, r := range m.review.list {
		if r == q {
			m.review.cursor = i
		}
	}
}

func (r *reviewScreen) update(k string, _ tea.KeyPressMsg) tea.Cmd {
	m := r.m
	ks := reviewKeys
	switch {
	case on(k, ks.Quit):
		return m.requestQuit()
	case on(k, ks.Up):
		r.cursor = max(0, r.cursor-1)
	case on(k, ks.Down):
		r.cursor = min(len(r.list), r.cursor+1)
	case on(k, ks.First):
		r.cursor = 0
	case on(k, ks.Last):
		r.cursor = len(r.list)
	case on(k, ks.PageUp):
		r.cursor = max(0, r.cursor-r.bodyHeight())
	case on(k, ks.PageDown):
		r.cursor = min(len(r.list), r.cursor+r.bodyHeight())
	case on(k, ks.Back):
		m.gotoPage(len(m.qn.Pages) - 1)
	case on(k, ks.Results):
		return r.finish()
	case on(k, ks.Open):
		if r.cursor == len(r.list) {
			return r.finish()
		}
		r.jumpTo(r.list[r.cursor])
	}
	return nil
}

// jumpTo opens the page of q with q focused; going on returns here.
func (r *reviewScreen) jumpTo(q *questionnaire.Question) {
	m := r.m
	m.gotoPage(m.qn.PageIndex(q.Page))
	m.page.focusQuestion(q)
	m.page.fromReview = true
}

// finish shows the results once the warning signs are answered.
func (r *reviewScreen) finish() tea.Cmd {
	m := r.m
	for i, p := range m.qn.Pages {
		if missing := answers.Missing(m.qn, m.sess.Given, p); len(missing) > 0 {
			m.gotoPage(i)
			for _, q := range missing {
				m.page.setErr(q, answers.MissingMessage(q))
			}
			m.page.focusQuestion(missing[0])
			m.page.pageErr = "The warning signs need an answer before the results."
			return nil
		}
	}
	return m.showResults()
}

// answer is the answer in words, or why there is none.
func (r *reviewScreen) answer(q *questionnaire.Question) (string, bool) {
	a := r.m.sess.Given
	if d := r.m.page.fieldOf(q).Typed(); d != "" && !a.Answered(q.ID) {
		return "“" + d + "” is not valid yet", false
	}
	v, ok := a[q.ID]
	if !ok || !a.Answered(q.ID) {
		if answers.Required(q) {
			return "not answered yet (needed)", false
		}
		return "not answered", true
	}
	return answers.Text(q, v), true
}

func (r *reviewScreen) bodyHeight() int {
	r.ensureChrome()
	return r.m.bodyHeight(r.header, r.footer, 0)
}

func (r *reviewScreen) ensureChrome() {
	if r.header == "" {
		r.header = r.m.titleHeader(" · ", "Review your answers", 1, 1, "Check every answer; choose one to change it, or go on to your results.")
	}
	if r.footer == "" {
		r.footer = r.m.footer(r.helpKeys().short)
	}
}

func (r *reviewScreen) view() string {
	m := r.m
	st := m.st
	r.ensureChrome()
	w := m.contentWidth()
	r.lines = r.lines[:0]
	page := ""
	cursorLine := 0
	labelW := min(34, w/2)
	for i, q := range r.list {
		if q.Page != page {
			page = q.Page
			if len(r.lines) > 0 {
				r.lines = append(r.lines, "")
			}
			pi := m.qn.PageIndex(page)
			r.lines = append(r.lines, " "+st.heading.Render(fmt.Sprintf("%d. %s", pi+1, m.qn.Pages[pi].Title)))
		}
		ans, ok := r.answer(q)
		cur := st.noCursor
		if i == r.cursor {
			cur = st.cursor
			cursorLine = len(r.lines)
		}
		as := st.text
		if !ok {
			as = st.err
		} else if !m.sess.Given.Answered(q.ID) {
			as = st.muted
		}
		short := ansi.Truncate(q.Short, labelW-1, "…")
		pad := strings.Repeat(" ", max(1, labelW-ansi.StringWidth(short)))
		lab := st.text
		if i == r.cursor {
			lab = lab.Bold(true)
		}
		for j, l := range wrap(ans, max(10, w-labelW-4)) {
			if j == 0 {
				r.lines = append(r.lines, " "+cur+lab.Render(short)+pad+as.Render(l))
			} else {
				r.lines = append(r.lines, "   "+strings.Repeat(" ", labelW)+as.Render(l))
			}
		}
	}
	r.lines = append(r.lines, "")
	cur, btn := st.noCursor, st.buttonOff
	if r.cursor == len(r.list) {
		cur, btn = st.cursor, st.button
		cursorLine = len(r.lines)
	}
	r.lines = append(r.lines, " "+cur+btn.Render("See my results  →"))
	bodyH := m.bodyHeight(r.header, r.footer, 0)
	if cursorLine < r.scroll {
		r.scroll = cursorLine
	}
	if cursorLine >= r.scroll+bodyH {
		r.scroll = cursorLine - bodyH + 1
	}
	r.scroll = max(0, min(r.scroll, len(r.lines)-bodyH))
	return r.frame.build(r.header, r.lines, r.scroll, bodyH, "", nil, r.footer)
}
