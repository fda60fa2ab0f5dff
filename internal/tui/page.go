package tui

import (
	"fmt"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/backtriage/backtriage/internal/answers"
	"github.com/backtriage/backtriage/internal/field"
	"github.com/backtriage/backtriage/internal/questionnaire"
	"github.com/backtriage/backtriage/internal/rules"
)

// pageScreen is a page of questions, each asked by its field
// (internal/field, one type per kind, as the check-in and the line mode
// ask). The page is its own group rather than a huh group: follow-ups
// appear and go one question at a time as answers change (huh hides whole
// groups), and a key press redraws from cached lines at a small fraction
// of huh's cost per key.
type pageScreen struct {
	m    *Model
	keys pageKeys

	page    int
	visible []*questionnaire.Question
	focus   int // index in visible
	scroll  int // first body line shown
	pageErr string
	// fromReview: the page was opened from the review, and going on goes
	// back there.
	fromReview bool

	// fields ask the questions, by question index, made on first use;
	// each keeps its cursor, what is typed, its message and skipped.
	fields []field.Field

	// warnDirty: a warning answer (dirtyQ) changed since the last check
	// for signs that stop the questionnaire.
	warnDirty bool
	dirtyQ    string

	more      string   // the "more below" line
	lines     []string // body lines of the current frame, reused
	header    string   // of the current page
	keysFor   uint8    // the state the bindings are set for
	footerKey uint8    // the state footer was drawn for
	footer    string
	frame     frame
}

// pageKeys are the page's bindings: moving between questions and pages
// (the fields own the keys that answer). Enter's help changes with the
// focused question: it skips an optional question left empty.
type pageKeys struct {
	Next, NextQ, PrevQ         key.Binding
	NextPage, PrevPage, Review key.Binding
	Why, Help, Quit            key.Binding
	// Move and Page are the footer's short forms of Up/Down and the pages.
	Move, Page key.Binding
}

func newPageKeys() pageKeys {
	return pageKeys{
		Next:     bind("enter", "next", "enter"),
		NextQ:    bind("tab", "next question", "tab"),
		PrevQ:    bind("shift+tab", "previous question", "shift+tab"),
		NextPage: bind("→/l/pgdn", "next page", "right", "l", "pgdown"),
		PrevPage: bind("←/h/pgup", "previous page", "left", "h", "pgup"),
		Review:   bind("esc", "back to the review", "esc"),
		Why:      bind("w", "why we ask", "w"),
		Help:     keyHelp,
		Quit:     keyQuit,
		Move:     bind("↑/↓", "move", "up", "down"),
		Page:     bind("←/→", "page", "left", "right"),
	}
}

func newPageScreen(m *Model) *pageScreen {
	return &pageScreen{
		m:    m,
		keys: newPageKeys(),
	}
}

func (p *pageScreen) id() screenID { return scrPage }

func (p *pageScreen) invalidate() {
	for _, f := range p.fields {
		if f != nil {
			field.Of(f).Invalidate()
		}
	}
	p.header, p.footer, p.more = "", "", ""
}

// fieldOf is q's field, laid out for the screen as it is now.
func (p *pageScreen) fieldOf(q *questionnaire.Question) field.Field {
	i := p.m.qn.Index(q.ID)
	if i >= len(p.fields) {
		p.fields = append(p.fields, make([]field.Field, i+1-len(p.fields))...)
	}
	f := p.fields[i]
	if f == nil {
		f = field.New(q)
		p.fields[i] = f
	}
	field.Of(f).Layout(p.m.st.field, p.m.contentWidth())
	return f
}

// fieldByID is the field of question id (the review and tests name
// questions by id).
func (p *pageScreen) fieldByID(id string) field.Field {
	q, ok := p.m.qn.Question(id)
	if !ok {
		return nil
	}
	return p.fieldOf(q)
}

// setErr puts a message under question q.
func (p *pageScreen) setErr(q *questionnaire.Question, msg string) {
	field.Of(p.fieldOf(q)).SetErr(msg)
}

// Footer states: what enter does, and whether → goes back to the review.
const (
	footNumber uint8 = 1 << iota
	footSkip
	footFromReview
	footDrawn
)

// setKeys enables the bindings that apply to the focused question and says
// what enter and → do; it returns the footer's state.
func (p *pageScreen) setKeys() uint8 {
	k := &p.keys
	q := p.focused()
	number := q != nil && q.Kind == questionnaire.Number
	var state uint8 = footDrawn
	if number {
		state |= footNumber
	}
	if q != nil && !answers.Required(q) && (number && p.fieldOf(q).Typed() == "" || !number && !p.m.sess.Given.Answered(q.ID)) {
		state |= footSkip
	}
	if p.fromReview {
		state |= footFromReview
	}
	if state == p.keysFor {
		return state
	}
	p.keysFor = state
	k.Review.SetEnabled(p.fromReview)
	switch {
	case state&footSkip != 0:
		k.Next.SetHelp("enter", "next (skip)")
	default:
		k.Next.SetHelp("enter", "next")
	}
	if p.fromReview {
		k.NextPage.SetHelp("→/l/pgdn", "back to the review")
		k.Page.SetHelp("←/→", "page (→ back to the review)")
	} else {
		k.NextPage.SetHelp("→/l/pgdn", "next page")
		k.Page.SetHelp("←/→", "page")
	}
	return state
}

// helpKeys are the focused field's keys with the page's.
func (p *pageScreen) helpKeys() keyMap {
	p.setKeys()
	k := p.keys
	var short, answer []key.Binding
	if q := p.focused(); q != nil {
		f := p.fieldOf(q)
		short, answer = f.ShortHelp(), f.FullHelp()
	}
	if p.focusedKind() == questionnaire.Number {
		short = append(short, k.Next, k.Move)
	} else {
		short = append(append([]key.Binding{k.Move}, short...), k.Next)
	}
	return keyMap{
		short: append(short, k.Page, k.Why, k.Help, k.Quit),
		full: [][]key.Binding{
			append(answer, k.Next, k.NextQ, k.PrevQ),
			{k.NextPage, k.PrevPage, k.Review, k.Why, k.Help, k.Quit},
		},
	}
}

// goTo shows page i with its first question focused, keeping every answer and
// every number being typed, valid or not.
func (p *pageScreen) goTo(i int) {
	p.page = i
	p.pageErr = ""
	p.header = ""
	p.scroll = 0
	p.refreshVisible()
	p.setFocus(min(0, len(p.visible)-1), false) // the first question, if any
}

// resume shows the page again as it was left (after an urgent stop).
func (p *pageScreen) resume() {
	p.pageErr = ""
	p.header = ""
	p.refreshVisible()
}

// refreshVisible recomputes the questions shown: follow-ups come and go as
// their parent's answer changes. Focus stays on the same question.
func (p *pageScreen) refreshVisible() {
	var cur *questionnaire.Question
	if p.focus >= 0 && p.focus < len(p.visible) {
		cur = p.visible[p.focus]
	}
	p.visible = answers.AppendVisible(p.visible[:0], p.m.qn, p.m.sess.Given, p.m.qn.Pages[p.page])
	if cur != nil {
		for i, q := range p.visible {
			if q == cur {
				p.focus = i
				return
			}
		}
	}
	p.focus = min(p.focus, len(p.visible)-1)
}

func (p *pageScreen) focused() *questionnaire.Question {
	if p.focus < 0 || p.focus >= len(p.visible) {
		return nil
	}
	return p.visible[p.focus]
}

func (p *pageScreen) focusedKind() questionnaire.Kind {
	if q := p.focused(); q != nil {
		return q.Kind
	}
	return ""
}

// setFocus focuses question i, with the cursor on its chosen option (or the
// first), or on its last option when arriving from below.
func (p *pageScreen) setFocus(i int, fromBelow bool) {
	p.focus = i
	if q := p.focused(); q != nil {
		p.fieldOf(q).Focus(p.m.sess.Given, fromBelow)
	}
}

func (p *pageScreen) focusFirstUnanswered() {
	for i, q := range p.visible {
		if !p.m.sess.Given.Answered(q.ID) {
			p.setFocus(i, false)
			return
		}
	}
}

func (p *pageScreen) focusQuestion(q *questionnaire.Question) {
	for i, v := range p.visible {
		if v == q {
			p.setFocus(i, false)
			return
		}
	}
}

func (p *pageScreen) update(k string, msg tea.KeyPressMsg) tea.Cmd {
	q := p.focused()
	if q == nil {
		return nil
	}
	p.setKeys()
	if on(k, p.keys.Quit) {
		return p.m.requestQuit()
	}
	var cmd tea.Cmd
	if !p.answerKey(k, msg, q) {
		var ok bool
		if cmd, ok = p.navigateKey(k, q); !ok {
			return nil
		}
	}
	if p.m.cur == p && cmd == nil {
		cmd = p.checkEmergencyOnPage()
	}
	return cmd
}

// answerKey hands k to the focused question's field: typing a number,
// moving between options and choosing them; past either end of the
// options focus moves to the question above or below. It reports whether
// k was one of the field's keys.
func (p *pageScreen) answerKey(k string, msg tea.KeyPressMsg, q *questionnaire.Question) bool {
	switch p.fieldOf(q).Update(k, msg, p.m.sess.Given) {
	case field.Ignored:
		return false
	case field.Changed:
		p.pageErr = ""
		p.changed(q)
	case field.LeaveUp:
		if p.focus > 0 {
			p.setFocus(p.focus-1, true)
		}
	case field.LeaveDown:
		if p.focus < len(p.visible)-1 {
			p.setFocus(p.focus+1, false)
		}
	}
	return true
}

// navigateKey handles the keys that move on from q: to the next or previous
// question or page, back to the review, or to why we ask. ok reports
// whether k was one of them.
func (p *pageScreen) navigateKey(k string, q *questionnaire.Question) (cmd tea.Cmd, ok bool) {
	ks := &p.keys
	switch {
	case on(k, ks.Next):
		cmd = p.enter(q)
	case on(k, ks.NextQ):
		cmd = p.nextQuestion()
	case on(k, ks.PrevQ):
		cmd = p.prevQuestion()
	case on(k, ks.NextPage):
		cmd = p.nextPage()
	case on(k, ks.PrevPage):
		cmd = p.prevPage()
	case on(k, ks.Review):
		p.m.backToReview(q)
	case on(k, ks.Why):
		field.Of(p.fieldOf(q)).ToggleWhy()
	default:
		return nil, false
	}
	return cmd, true
}

func (p *pageScreen) paste(text string) {
	if q := p.focused(); q != nil && p.fieldOf(q).Paste(text, p.m.sess.Given) {
		p.pageErr = ""
		p.changed(q)
	}
}

// checkEmergency stops the questionnaire at once when a warning answer
// calls for it (the stop screen says what to do now, or today). It reports
// whether it did.
func (p *pageScreen) checkEmergency() bool {
	if !p.warnDirty {
		return false
	}
	m := p.m
	if m.loading() {
		m.wantCheck = true // done when the table arrives
		return false
	}
	p.warnDirty = false
	eng := m.engine()
	if eng == nil {
		return false
	}
	switch m.sess.Stop(eng) {
	case rules.Emergency:
		p.fromReview = false
		m.pendingCmd = m.showResults()
		return true
	case rules.Urgent:
		// Shown at once like an emergency, with what to do today; Enter
		// then goes back to finish the questions for the summary. Not
		// showResults: --output is written at the end, not here.
		m.pendingCmd = m.stopFor(eng.Assess(m.sess.Given))
		return true
	}
	return false
}

// checkEmergencyOnPage runs the emergency check when focus has left the
// warning question that changed.
func (p *pageScreen) checkEmergencyOnPage() tea.Cmd {
	if p.warnDirty && (p.focused() == nil || p.focused().ID != p.dirtyQ) {
		p.checkEmergency()
	}
	return p.m.takePending()
}

// changed follows an answer change: follow-ups may appear or go, and a
// warning answer is checked for emergency signs when focus leaves it.
func (p *pageScreen) changed(q *questionnaire.Question) {
	p.refreshVisible()
	if q.Warning {
		p.warnDirty = true
		p.dirtyQ = q.ID
	}
}

// enter goes on: to the next question, or the next page after the last.
// It never chooses: the highlighted option is only where the cursor is, not
// an answer (space, x or the option's number choose). An optional question
// left empty is marked skipped, so the person sees it was passed over.
func (p *pageScreen) enter(q *questionnaire.Question) tea.Cmd {
	f := p.fieldOf(q)
	if !f.Valid() {
		return nil
	}
	if q.Warning && p.warnDirty && p.checkEmergency() {
		return p.m.takePending()
	}
	a := p.m.sess.Given
	if answers.Required(q) && !a.Answered(q.ID) {
		field.Of(f).SetErr(answers.MissingMessage(q))
		return nil
	}
	if !a.Answered(q.ID) {
		field.Of(f).SetSkipped(true)
	}
	return p.nextQuestion()
}

func (p *pageScreen) nextQuestion() tea.Cmd {
	if q := p.focused(); q != nil && !p.fieldOf(q).Valid() {
		return nil
	}
	if p.focus < len(p.visible)-1 {
		p.setFocus(p.focus+1, false)
		return nil
	}
	return p.nextPage()
}

func (p *pageScreen) prevQuestion() tea.Cmd {
	if p.focus > 0 {
		p.setFocus(p.focus-1, false)
		return nil
	}
	return p.prevPage()
}

// nextPage goes on once the page is complete: required questions answered
// and numbers valid. From a jump out of the review, it goes back there.
func (p *pageScreen) nextPage() tea.Cmd {
	m := p.m
	for _, q := range p.visible {
		if !p.fieldOf(q).Valid() {
			p.focusQuestion(q)
			p.pageErr = "Please fix the answer marked below before going on (← goes back without losing anything)."
			return nil
		}
	}
	if missing := answers.Missing(m.qn, m.sess.Given, m.qn.Pages[p.page]); len(missing) > 0 {
		for _, q := range missing {
			p.setErr(q, answers.MissingMessage(q))
		}
		p.focusQuestion(missing[0])
		p.pageErr = "The warning signs need an answer before we go on."
		return nil
	}
	if m.qn.Pages[p.page].Questions[0].Warning {
		p.warnDirty = true // leaving the warning signs: always check
	}
	if p.warnDirty && p.checkEmergency() {
		return m.takePending()
	}
	if p.fromReview {
		m.backToReview(p.focused())
		return nil
	}
	if p.page+1 < len(m.qn.Pages) {
		m.gotoPage(p.page + 1)
		return nil
	}
	m.openReview()
	return nil
}

func (p *pageScreen) prevPage() tea.Cmd {
	if p.warnDirty && p.checkEmergency() {
		return p.m.takePending()
	}
	if p.page > 0 {
		p.fromReview = false
		p.m.gotoPage(p.page - 1)
	} else {
		p.pageErr = "This is the first page."
	}
	return nil
}

// ---- Drawing ----

func (p *pageScreen) pageHeader() string {
	m := p.m
	pg := m.qn.Pages[p.page]
	n := len(m.qn.Pages)
	// The review is the last step.
	return m.titleHeader(fmt.Sprintf(" · page %d of %d · ", p.page+1, n), pg.Title, p.page+1, n+1, pg.Intro)
}

func (p *pageScreen) currentFooter() string {
	if state := p.setKeys(); state != p.footerKey || p.footer == "" {
		p.footerKey = state
		p.footer = p.m.footer(p.helpKeys().short)
	}
	return p.footer
}

// view lays out the page's questions and scrolls so the focused one, and
// the cursor, are in view. Option lines come from a cache keyed by
// question, option and state, so a key press costs a few lookups and one
// string build.
func (p *pageScreen) view() string {
	m := p.m
	st := m.st
	if p.header == "" {
		p.header = p.pageHeader()
	}
	a := m.sess.Given
	p.lines = p.lines[:0]
	focusTop, focusBottom, cursorLine := 0, 0, 0
	for i, q := range p.visible {
		if i > 0 {
			p.lines = append(p.lines, "")
		}
		focused := i == p.focus
		top := len(p.lines)
		var cur int
		p.lines, cur = p.fieldOf(q).View(p.lines, a, focused)
		if focused {
			focusTop, focusBottom, cursorLine = top, len(p.lines)-1, cur
		}
	}
	var status []string
	if p.pageErr != "" {
		status = []string{" " + st.err.Render(ansi.Truncate(p.pageErr, m.contentWidth(), "…"))}
	}
	footer := p.currentFooter()
	bodyH := m.bodyHeight(p.header, footer, len(status))
	p.scrollTo(focusTop, focusBottom, cursorLine, bodyH)
	return p.frame.build(p.header, p.lines, p.scroll, bodyH, p.moreLine(), status, footer)
}

func (p *pageScreen) moreLine() string {
	if p.more == "" {
		p.more = "   " + p.m.st.muted.Render("▼ more below")
	}
	return p.more
}

// scrollTo keeps the whole focused question in view when it fits, and
// otherwise its title and the cursor.
func (p *pageScreen) scrollTo(top, bottom, cursor, h int) {
	view := h - 1 // leave room for "more below"
	if bottom-top < view {
		if bottom >= p.scroll+view {
			p.scroll = bottom - view + 1
		}
		if top < p.scroll {
			p.scroll = top
		}
	} else if cursor >= p.scroll+view {
		p.scroll = cursor - view + 1
	}
	if top < p.scroll || cursor < p.scroll {
		p.scroll = top
		if cursor >= p.scroll+view {
			p.scroll = cursor - view + 1
		}
	}
	if cursor-top < view && top < p.scroll {
		p.scroll = top
	}
	// Don't leave empty space at the bottom when there is more above.
	if maxScroll := max(0, len(p.lines)-h); p.scroll > maxScroll {
		p.scroll = maxScroll
	}
	p.scroll = max(0, p.scroll)
}
