package tui

import (
	tea "charm.land/bubbletea/v2"

	"github.com/backtriage/backtriage/internal/answers"
	"github.com/backtriage/backtriage/internal/questionnaire"
	"github.com/backtriage/backtriage/internal/tui/flow"
)

// openReview lists every question that applies with its answer.
func (m *Model) openReview() {
	m.screen = scrReview
	m.fromReview = false
	m.pageErr = ""
	m.header, m.footer = "", ""
	m.review = m.review[:0]
	for _, p := range m.qn.Pages {
		m.review = flow.AppendVisible(m.review, m.qn, m.a, p)
	}
	m.reviewCursor = len(m.review) // on "see my results"
}

// backToReview returns from a jump, with the cursor on the question that
// was changed.
func (m *Model) backToReview() {
	q := m.focused()
	m.openReview()
	for i, r := range m.review {
		if r == q {
			m.reviewCursor = i
		}
	}
}

func (m *Model) reviewKey(k string) tea.Cmd {
	switch k {
	case "ctrl+c":
		return m.requestQuit()
	case "up", "k", "shift+tab":
		if m.reviewCursor > 0 {
			m.reviewCursor--
		}
	case "down", "j", "tab":
		if m.reviewCursor < len(m.review) {
			m.reviewCursor++
		}
	case "home", "g":
		m.reviewCursor = 0
	case "end", "G":
		m.reviewCursor = len(m.review)
	case "pgup":
		m.reviewCursor = max(0, m.reviewCursor-m.bodyHeight())
	case "pgdown":
		m.reviewCursor = min(len(m.review), m.reviewCursor+m.bodyHeight())
	case "left", "h", "esc":
		m.gotoPage(len(m.qn.Pages)-1, 0)
	case "enter", "space", "right", "l":
		if m.reviewCursor == len(m.review) || k == "right" || k == "l" {
			m.finish()
			return nil
		}
		m.jumpTo(m.review[m.reviewCursor])
	}
	return nil
}

// jumpTo opens the page of q with q focused; going on returns to the review.
func (m *Model) jumpTo(q *questionnaire.Question) {
	m.gotoPage(flow.PageIndex(m.qn, q.Page), 0)
	m.focusQuestion(q)
	m.fromReview = true
}

// finish shows the results once the warning signs are answered.
func (m *Model) finish() {
	for i, p := range m.qn.Pages {
		if missing := flow.Missing(m.qn, m.a, p); len(missing) > 0 {
			m.gotoPage(i, 0)
			for _, q := range missing {
				m.errs[q.ID] = flow.MissingMessage(q)
			}
			m.focusQuestion(missing[0])
			m.pageErr = "The warning signs need an answer before the results."
			return
		}
	}
	m.showResults()
}

// reviewAnswer is the answer in words, or why there is none.
func (m *Model) reviewAnswer(q *questionnaire.Question) (string, bool) {
	if d := m.drafts[q.ID]; d != "" && !m.a.Answered(q.ID) {
		return "“" + d + "” is not valid yet", false
	}
	v, ok := m.a[q.ID]
	if !ok || !m.a.Answered(q.ID) {
		if flow.Required(q) {
			return "not answered yet (needed)", false
		}
		return "not answered", true
	}
	return answers.Text(q, v), true
}
