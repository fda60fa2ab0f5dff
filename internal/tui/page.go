package tui

import (
	"github.com/backtriage/backtriage/internal/rules"
	"strconv"
	"strings"

	tea "charm.land/bubbletea/v2"

	"github.com/backtriage/backtriage/internal/answers"
	"github.com/backtriage/backtriage/internal/questionnaire"
	"github.com/backtriage/backtriage/internal/tui/flow"
)

// gotoPage shows page i with question focus focused, keeping every answer
// and every number being typed, valid or not.
func (m *Model) gotoPage(i, focus int) {
	m.screen = scrPage
	m.page = i
	m.pageErr = ""
	m.header, m.footer = "", ""
	m.scroll = 0
	m.refreshVisible()
	m.setFocus(min(max(focus, 0), len(m.visible)-1), false)
}

// refreshVisible recomputes the questions shown: follow-ups come and go as
// their parent's answer changes. Focus stays on the same question.
func (m *Model) refreshVisible() {
	var cur *questionnaire.Question
	if m.focus >= 0 && m.focus < len(m.visible) {
		cur = m.visible[m.focus]
	}
	m.visible = flow.AppendVisible(m.visible[:0], m.qn, m.a, m.qn.Pages[m.page])
	if cur != nil {
		for i, q := range m.visible {
			if q == cur {
				m.focus = i
				return
			}
		}
	}
	m.focus = min(m.focus, len(m.visible)-1)
}

func (m *Model) focused() *questionnaire.Question {
	if m.focus < 0 || m.focus >= len(m.visible) {
		return nil
	}
	return m.visible[m.focus]
}

func (m *Model) focusedKind() questionnaire.Kind {
	if q := m.focused(); q != nil {
		return q.Kind
	}
	return ""
}

// setFocus focuses question i, with the cursor on its chosen option (or the
// first), or on its last option when arriving from below.
func (m *Model) setFocus(i int, fromBelow bool) {
	m.focus = i
	q := m.focused()
	m.cursor = 0
	if q == nil {
		return
	}
	opts := flow.Choices(q)
	if fromBelow && q.Kind == questionnaire.Many {
		m.cursor = len(opts) - 1
	}
	if q.Kind == questionnaire.One || q.Kind == questionnaire.YesNo {
		for j, o := range opts {
			if m.a.Has(q.ID, o.ID) {
				m.cursor = j
			}
		}
	}
	if q.Kind == questionnaire.Number {
		if _, ok := m.drafts[q.ID]; !ok {
			if v, ok := m.a[q.ID]; ok && v.Number != nil {
				m.drafts[q.ID] = strconv.Itoa(*v.Number)
			}
		}
	}
}

func (m *Model) focusFirstUnanswered() {
	for i, q := range m.visible {
		if !m.a.Answered(q.ID) {
			m.setFocus(i, false)
			return
		}
	}
}

// checkEmergency shows the emergency screen at once when a warning answer
// calls for it. It reports whether it did.
func (m *Model) checkEmergency() bool {
	if !m.warnDirty {
		return false
	}
	if m.loading() {
		m.wantCheck = true // done when the table arrives
		return false
	}
	m.warnDirty = false
	eng := m.engine()
	if eng == nil {
		return false
	}
	switch flow.Stop(eng, m.a, m.stopAck) {
	case rules.Emergency:
		m.fromReview = false
		m.showResults()
		return true
	case rules.Urgent:
		// Shown at once like an emergency, with what to do today; Enter
		// then goes back to finish the questions for the summary.
		// Not showResults: --output is written at the end, not here.
		m.stopPage, m.stopFocus = m.page, m.focus
		m.as = eng.Assess(m.a)
		m.screen = scrEmergency
		m.dialog = dlgNone
		m.status, m.statusErr = "", false
		m.showSources = false
		m.buildResults()
		m.vp.GotoTop()
		return true
	}
	return false
}

// continueAfterStop acknowledges an urgent stop and goes back to the
// questions where the person was.
func (m *Model) continueAfterStop() {
	m.stopAck = rules.Urgent
	m.status = ""
	m.gotoPage(m.stopPage, m.stopFocus)
}

func (m *Model) pageKey(k string) tea.Cmd {
	q := m.focused()
	if q == nil {
		return nil
	}
	if q.Kind == questionnaire.Number {
		if len(k) == 1 && k[0] >= '0' && k[0] <= '9' {
			m.typeDigit(k[0])
			return nil
		}
		if k == "backspace" {
			m.backspace()
			return nil
		}
	}
	switch k {
	case "ctrl+c":
		return m.requestQuit()
	case "up", "k":
		m.move(-1)
	case "down", "j":
		m.move(1)
	case "home", "g":
		m.cursor = 0
	case "end", "G":
		if q.Kind != questionnaire.Number {
			m.cursor = len(flow.Choices(q)) - 1
		}
	case "space", "x":
		m.choose(q, m.cursor, false)
	case "enter":
		m.enter(q)
	case "tab":
		m.nextQuestion()
	case "shift+tab":
		m.prevQuestion()
	case "right", "l", "pgdown":
		m.nextPage()
	case "left", "h", "pgup":
		m.prevPage()
	case "esc":
		if m.fromReview {
			m.backToReview()
		}
	case "?":
		m.whyOn[q.ID] = !m.whyOn[q.ID]
	default:
		// 1-9 choose the option with that number.
		if len(k) == 1 && k[0] >= '1' && k[0] <= '9' && q.Kind != questionnaire.Number {
			if i := int(k[0] - '1'); i < len(flow.Choices(q)) {
				m.cursor = i
				m.choose(q, i, false)
			}
		}
	}
	if m.screen == scrPage {
		m.checkEmergencyOnPage()
	}
	return nil
}

// checkEmergencyOnPage runs the emergency check when focus has left the
// warning question that changed, or the page did.
func (m *Model) checkEmergencyOnPage() {
	if m.warnDirty && (m.focused() == nil || m.focused().ID != m.dirtyQ || m.screen != scrPage) {
		m.checkEmergency()
	}
}

// move moves the cursor through the options, and on to the next or
// previous question at either end.
func (m *Model) move(d int) {
	q := m.focused()
	n := 1
	if q.Kind != questionnaire.Number {
		n = len(flow.Choices(q))
	}
	c := m.cursor + d
	switch {
	case c < 0:
		if m.focus > 0 {
			m.setFocus(m.focus-1, true)
			if p := m.focused(); p.Kind != questionnaire.Number {
				m.cursor = len(flow.Choices(p)) - 1
			}
		}
	case c >= n:
		if m.focus < len(m.visible)-1 && m.numberOK(q) {
			m.setFocus(m.focus+1, false)
			m.cursor = 0
		}
	default:
		m.cursor = c
	}
}

// choose picks option i: toggles it in a many question, sets it in a one or
// yes/no question (choosing it again clears it, unless advancing).
func (m *Model) choose(q *questionnaire.Question, i int, advancing bool) {
	opts := flow.Choices(q)
	if i < 0 || i >= len(opts) {
		return
	}
	id := opts[i].ID
	switch q.Kind {
	case questionnaire.Many:
		v := flow.Toggle(q, m.a[q.ID], id)
		if len(v.Options) == 0 {
			delete(m.a, q.ID)
		} else {
			m.a[q.ID] = v
		}
	case questionnaire.One, questionnaire.YesNo:
		if m.a.Has(q.ID, id) && !advancing {
			delete(m.a, q.ID)
		} else {
			m.a[q.ID] = flow.Choose(q, id)
		}
	default:
		return
	}
	delete(m.errs, q.ID)
	m.pageErr = ""
	m.changed(q)
}

// changed follows an answer change: follow-ups may appear or go, and a
// warning answer is checked for emergency signs when focus leaves it.
func (m *Model) changed(q *questionnaire.Question) {
	if m.a.Answered(q.ID) {
		delete(m.skipped, q.ID)
	}
	m.refreshVisible()
	if q.Warning {
		m.warnDirty = true
		m.dirtyQ = q.ID
	}
}

// enter goes on: to the next question, or the next page after the last.
// It never chooses: the highlighted option is only where the cursor is, not
// an answer (space, x or the option's number choose). An optional question
// left empty is marked skipped, so the person sees it was passed over.
func (m *Model) enter(q *questionnaire.Question) {
	if q.Kind == questionnaire.Number && !m.numberOK(q) {
		return
	}
	if q.Warning && m.warnDirty {
		if m.checkEmergency() {
			return
		}
	}
	if flow.Required(q) && !m.a.Answered(q.ID) {
		m.errs[q.ID] = flow.MissingMessage(q)
		return
	}
	if !m.a.Answered(q.ID) {
		m.skipped[q.ID] = true
	}
	m.nextQuestion()
}

func (m *Model) nextQuestion() {
	q := m.focused()
	if !m.numberOK(q) {
		return
	}
	if m.focus < len(m.visible)-1 {
		m.setFocus(m.focus+1, false)
		return
	}
	m.nextPage()
}

func (m *Model) prevQuestion() {
	if m.focus > 0 {
		m.setFocus(m.focus-1, false)
		return
	}
	m.prevPage()
}

// numberOK reports whether a number being typed is valid (or empty), and
// says why not when it is not.
func (m *Model) numberOK(q *questionnaire.Question) bool {
	if q == nil || q.Kind != questionnaire.Number {
		return true
	}
	d := m.drafts[q.ID]
	if d == "" {
		return true
	}
	if _, err := flow.ParseNumber(q, d); err != nil {
		m.errs[q.ID] = capitalize(err.Error()) + "."
		return false
	}
	return true
}

func (m *Model) typeDigit(c byte) {
	q := m.focused()
	d := m.drafts[q.ID]
	if len(d) >= len(strconv.Itoa(q.Max))+1 {
		return
	}
	m.setDraft(q, d+string(c))
}

func (m *Model) backspace() {
	q := m.focused()
	if d := m.drafts[q.ID]; d != "" {
		m.setDraft(q, d[:len(d)-1])
	}
}

// setDraft keeps what is typed and answers with it when it is valid. An
// invalid number is kept as typed (going back never loses it) and marked.
func (m *Model) setDraft(q *questionnaire.Question, d string) {
	m.drafts[q.ID] = d
	m.pageErr = ""
	delete(m.errs, q.ID)
	if d == "" {
		delete(m.a, q.ID)
	} else if n, err := flow.ParseNumber(q, d); err == nil {
		m.a[q.ID] = answers.Num(n)
	} else {
		delete(m.a, q.ID)
		if len(d) > len(strconv.Itoa(q.Max)) || mustBeOver(q, d) {
			m.errs[q.ID] = capitalize(err.Error()) + "."
		}
	}
	m.changed(q)
}

// mustBeOver reports a number already beyond the maximum.
func mustBeOver(q *questionnaire.Question, d string) bool {
	n, err := strconv.Atoi(d)
	return err == nil && n > q.Max
}

// nextPage goes on once the page is complete: required questions answered
// and numbers valid. From a jump out of the review, it goes back there.
func (m *Model) nextPage() {
	for _, q := range m.visible {
		if !m.numberOK(q) {
			m.focusQuestion(q)
			m.pageErr = "Please fix the answer marked below before going on (← goes back without losing anything)."
			return
		}
	}
	if missing := flow.Missing(m.qn, m.a, m.qn.Pages[m.page]); len(missing) > 0 {
		for _, q := range missing {
			m.errs[q.ID] = flow.MissingMessage(q)
		}
		m.focusQuestion(missing[0])
		m.pageErr = "The warning signs need an answer before we go on."
		return
	}
	if m.qn.Pages[m.page].Questions[0].Warning {
		m.warnDirty = true // leaving the warning signs: always check
	}
	if m.warnDirty && m.checkEmergency() {
		return
	}
	if m.fromReview {
		m.backToReview()
		return
	}
	if m.page+1 < len(m.qn.Pages) {
		m.gotoPage(m.page+1, 0)
		return
	}
	m.openReview()
}

func (m *Model) prevPage() {
	if m.warnDirty && m.checkEmergency() {
		return
	}
	if m.page > 0 {
		m.fromReview = false
		m.gotoPage(m.page-1, 0)
	} else {
		m.pageErr = "This is the first page."
	}
}

func (m *Model) focusQuestion(q *questionnaire.Question) {
	for i, v := range m.visible {
		if v == q {
			m.setFocus(i, false)
			return
		}
	}
}

func capitalize(s string) string {
	if s == "" {
		return s
	}
	return strings.ToUpper(s[:1]) + s[1:]
}
