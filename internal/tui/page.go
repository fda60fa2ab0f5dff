package tui

import (
	"fmt"
	"strconv"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/backtriage/backtriage/internal/answers"
	"github.com/backtriage/backtriage/internal/questionnaire"
	"github.com/backtriage/backtriage/internal/rules"
)

// pageScreen is a page of questions. The option lists are its own light
// component rather than huh fields: follow-ups appear and go one question
// at a time as answers change (huh hides whole groups), and a key press
// redraws from cached lines at a small fraction of huh's cost per key.
type pageScreen struct {
	m    *Model
	keys pageKeys

	page    int
	visible []*questionnaire.Question
	focus   int // index in visible
	cursor  int // option index in the focused question
	scroll  int // first body line shown
	pageErr string
	// fromReview: the page was opened from the review, and going on goes
	// back there.
	fromReview bool

	drafts map[string]string // number answers being typed
	errs   map[string]string // per-question messages
	whyOn  map[string]bool
	// skipped are optional questions passed with enter and no answer.
	skipped map[string]bool

	// warnDirty: a warning answer (dirtyQ) changed since the last check
	// for signs that stop the questionnaire.
	warnDirty bool
	dirtyQ    string

	cache     map[cacheKey][]string
	lines     []string // body lines of the current frame, reused
	header    string   // of the current page
	keysFor   uint8    // the state the bindings are set for
	footerKey uint8    // the state footer was drawn for
	footer    string
	frame     frame
}

// pageKeys are the page's bindings. Enter's help changes with the focused
// question: it skips an optional question left empty.
type pageKeys struct {
	Up, Down, First, Last         key.Binding
	Choose, Pick, Type, Backspace key.Binding
	Next, NextQ, PrevQ            key.Binding
	NextPage, PrevPage, Review    key.Binding
	Why, Help, Quit               key.Binding
	// Move and Page are the footer's short forms of Up/Down and the pages.
	Move, Page key.Binding
}

func newPageKeys() pageKeys {
	return pageKeys{
		Up:        bind("↑/k", "move up", "up", "k"),
		Down:      bind("↓/j", "move down", "down", "j"),
		First:     bind("g/home", "first option", "home", "g"),
		Last:      bind("G/end", "last option", "end", "G"),
		Choose:    bind("space/x", "choose", "space", "x"),
		Pick:      bind("1-9", "choose by number", digits...),
		Type:      bind("0-9", "type the number", append([]string{"0"}, digits...)...),
		Backspace: bind("backspace", "delete a digit", "backspace"),
		Next:      bind("enter", "next", "enter"),
		NextQ:     bind("tab", "next question", "tab"),
		PrevQ:     bind("shift+tab", "previous question", "shift+tab"),
		NextPage:  bind("→/l/pgdn", "next page", "right", "l", "pgdown"),
		PrevPage:  bind("←/h/pgup", "previous page", "left", "h", "pgup"),
		Review:    bind("esc", "back to the review", "esc"),
		Why:       bind("w", "why we ask", "w"),
		Help:      keyHelp,
		Quit:      keyQuit,
		Move:      bind("↑/↓", "move", "up", "down"),
		Page:      bind("←/→", "page", "left", "right"),
	}
}

func newPageScreen(m *Model) *pageScreen {
	return &pageScreen{
		m:       m,
		keys:    newPageKeys(),
		drafts:  map[string]string{},
		errs:    map[string]string{},
		whyOn:   map[string]bool{},
		skipped: map[string]bool{},
		cache:   map[cacheKey][]string{},
	}
}

func (p *pageScreen) id() screenID { return scrPage }

func (p *pageScreen) invalidate() {
	clear(p.cache)
	p.header, p.footer = "", ""
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
	if q != nil && !answers.Required(q) && (number && p.drafts[q.ID] == "" || !number && !p.m.sess.Given.Answered(q.ID)) {
		state |= footSkip
	}
	if p.fromReview {
		state |= footFromReview
	}
	if state == p.keysFor {
		return state
	}
	p.keysFor = state
	for _, b := range []*key.Binding{&k.First, &k.Last, &k.Choose, &k.Pick} {
		b.SetEnabled(!number)
	}
	k.Type.SetEnabled(number)
	k.Backspace.SetEnabled(number)
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

func (p *pageScreen) helpKeys() keyMap {
	p.setKeys()
	k := p.keys
	if p.focusedKind() == questionnaire.Number {
		return keyMap{
			short: []key.Binding{k.Type, k.Next, k.Move, k.Page, k.Why, k.Help, k.Quit},
			full: [][]key.Binding{
				{k.Type, k.Backspace, k.Next, k.NextQ, k.PrevQ, k.Up, k.Down},
				{k.NextPage, k.PrevPage, k.Review, k.Why, k.Help, k.Quit},
			},
		}
	}
	return keyMap{
		short: []key.Binding{k.Move, k.Choose, k.Pick, k.Next, k.Page, k.Why, k.Help, k.Quit},
		full: [][]key.Binding{
			{k.Up, k.Down, k.First, k.Last, k.Choose, k.Pick, k.Next, k.NextQ, k.PrevQ},
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
	q := p.focused()
	p.cursor = 0
	if q == nil {
		return
	}
	a := p.m.sess.Given
	opts := q.Choices()
	if fromBelow && q.Kind == questionnaire.Many {
		p.cursor = len(opts) - 1
	}
	if q.Kind == questionnaire.One || q.Kind == questionnaire.YesNo {
		for j, o := range opts {
			if a.Has(q.ID, o.ID) {
				p.cursor = j
			}
		}
	}
	if q.Kind == questionnaire.Number {
		if _, ok := p.drafts[q.ID]; !ok {
			if v, ok := a[q.ID]; ok && v.Number != nil {
				p.drafts[q.ID] = strconv.Itoa(*v.Number)
			}
		}
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

func (p *pageScreen) update(k string, _ tea.KeyPressMsg) tea.Cmd {
	q := p.focused()
	if q == nil {
		return nil
	}
	p.setKeys()
	if on(k, p.keys.Quit) {
		return p.m.requestQuit()
	}
	var cmd tea.Cmd
	if !p.answerKey(k, q) {
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

// answerKey handles the keys that answer the focused question q: typing a
// number, moving between options and choosing them. It reports whether k
// was one of them.
func (p *pageScreen) answerKey(k string, q *questionnaire.Question) bool {
	ks := &p.keys
	switch {
	case on(k, ks.Type):
		p.typeDigit(k[0])
	case on(k, ks.Backspace):
		p.backspace()
	case on(k, ks.Up):
		p.move(-1)
	case on(k, ks.Down):
		p.move(1)
	case on(k, ks.First):
		p.cursor = 0
	case on(k, ks.Last):
		p.cursor = len(q.Choices()) - 1
	case on(k, ks.Choose):
		p.choose(q, p.cursor)
	case on(k, ks.Pick):
		if i := int(k[0] - '1'); i < len(q.Choices()) {
			p.cursor = i
			p.choose(q, i)
		}
	default:
		return false
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
		p.whyOn[q.ID] = !p.whyOn[q.ID]
	default:
		return nil, false
	}
	return cmd, true
}

func (p *pageScreen) paste(text string) {
	if p.focusedKind() != questionnaire.Number {
		return
	}
	for _, r := range text {
		if r >= '0' && r <= '9' {
			p.typeDigit(byte(r))
		}
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

// move moves the cursor through the options, and on to the next or
// previous question at either end.
func (p *pageScreen) move(d int) {
	q := p.focused()
	n := 1
	if q.Kind != questionnaire.Number {
		n = len(q.Choices())
	}
	c := p.cursor + d
	switch {
	case c < 0:
		if p.focus > 0 {
			p.setFocus(p.focus-1, true)
			if prev := p.focused(); prev.Kind != questionnaire.Number {
				p.cursor = len(prev.Choices()) - 1
			}
		}
	case c >= n:
		if p.focus < len(p.visible)-1 && p.numberOK(q) {
			p.setFocus(p.focus+1, false)
			p.cursor = 0
		}
	default:
		p.cursor = c
	}
}

// choose picks option i: toggles it in a many question, sets it in a one or
// yes/no question (choosing it again clears it).
func (p *pageScreen) choose(q *questionnaire.Question, i int) {
	opts := q.Choices()
	if i < 0 || i >= len(opts) {
		return
	}
	a := p.m.sess.Given
	id := opts[i].ID
	switch q.Kind {
	case questionnaire.Many:
		v := answers.Toggle(q, a[q.ID], id)
		if len(v.Options) == 0 {
			delete(a, q.ID)
		} else {
			a[q.ID] = v
		}
	case questionnaire.One, questionnaire.YesNo:
		if a.Has(q.ID, id) {
			delete(a, q.ID)
		} else {
			a[q.ID] = answers.Choose(q, id)
		}
	default:
		return
	}
	delete(p.errs, q.ID)
	p.pageErr = ""
	p.changed(q)
}

// changed follows an answer change: follow-ups may appear or go, and a
// warning answer is checked for emergency signs when focus leaves it.
func (p *pageScreen) changed(q *questionnaire.Question) {
	if p.m.sess.Given.Answered(q.ID) {
		delete(p.skipped, q.ID)
	}
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
	if q.Kind == questionnaire.Number && !p.numberOK(q) {
		return nil
	}
	if q.Warning && p.warnDirty && p.checkEmergency() {
		return p.m.takePending()
	}
	a := p.m.sess.Given
	if answers.Required(q) && !a.Answered(q.ID) {
		p.errs[q.ID] = answers.MissingMessage(q)
		return nil
	}
	if !a.Answered(q.ID) {
		p.skipped[q.ID] = true
	}
	return p.nextQuestion()
}

func (p *pageScreen) nextQuestion() tea.Cmd {
	if !p.numberOK(p.focused()) {
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

// numberOK reports whether a number being typed is valid (or empty), and
// says why not when it is not.
func (p *pageScreen) numberOK(q *questionnaire.Question) bool {
	if q == nil || q.Kind != questionnaire.Number {
		return true
	}
	d := p.drafts[q.ID]
	if d == "" {
		return true
	}
	if _, err := answers.ParseNumber(q, d); err != nil {
		p.errs[q.ID] = err.Error()
		return false
	}
	return true
}

func (p *pageScreen) typeDigit(c byte) {
	q := p.focused()
	d := p.drafts[q.ID]
	if len(d) >= len(strconv.Itoa(q.Max))+1 {
		return
	}
	p.setDraft(q, d+string(c))
}

func (p *pageScreen) backspace() {
	q := p.focused()
	if d := p.drafts[q.ID]; d != "" {
		p.setDraft(q, d[:len(d)-1])
	}
}

// setDraft keeps what is typed and answers with it when it is valid. An
// invalid number is kept as typed (going back never loses it) and marked.
func (p *pageScreen) setDraft(q *questionnaire.Question, d string) {
	a := p.m.sess.Given
	p.drafts[q.ID] = d
	p.pageErr = ""
	delete(p.errs, q.ID)
	if d == "" {
		delete(a, q.ID)
	} else if n, err := answers.ParseNumber(q, d); err == nil {
		a[q.ID] = answers.Num(n)
	} else {
		delete(a, q.ID)
		if len(d) > len(strconv.Itoa(q.Max)) || mustBeOver(q, d) {
			p.errs[q.ID] = err.Error()
		}
	}
	p.changed(q)
}

// mustBeOver reports a number already beyond the maximum.
func mustBeOver(q *questionnaire.Question, d string) bool {
	n, err := strconv.Atoi(d)
	return err == nil && n > q.Max
}

// nextPage goes on once the page is complete: required questions answered
// and numbers valid. From a jump out of the review, it goes back there.
func (p *pageScreen) nextPage() tea.Cmd {
	m := p.m
	for _, q := range p.visible {
		if !p.numberOK(q) {
			p.focusQuestion(q)
			p.pageErr = "Please fix the answer marked below before going on (← goes back without losing anything)."
			return nil
		}
	}
	if missing := answers.Missing(m.qn, m.sess.Given, m.qn.Pages[p.page]); len(missing) > 0 {
		for _, q := range missing {
			p.errs[q.ID] = answers.MissingMessage(q)
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

type cacheKey struct {
	q     int32 // question index
	part  int16 // option index, or one of the parts below
	state uint8
}

const (
	partTitle int16 = -1
	partWhy   int16 = -2
	partMore  int16 = -3
)

const (
	stFocusQ  uint8 = 1 << iota // the question has focus
	stCursor                    // the cursor is on this option
	stOn                        // the option is chosen
	stSkipped                   // the question was passed with no answer
)

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
		var qs uint8
		if focused {
			qs = stFocusQ
			focusTop = len(p.lines)
			cursorLine = focusTop
		}
		qi := int32(m.qn.Index(q.ID))
		ts := qs
		if p.skipped[q.ID] && !a.Answered(q.ID) {
			ts |= stSkipped
		}
		p.lines = append(p.lines, p.cached(cacheKey{qi, partTitle, ts}, q)...)
		if p.whyOn[q.ID] {
			p.lines = append(p.lines, p.cached(cacheKey{qi, partWhy, qs}, q)...)
		}
		if q.Kind == questionnaire.Number {
			if focused {
				cursorLine = len(p.lines)
			}
			p.lines = append(p.lines, p.numberLine(q, focused))
		} else {
			for j, o := range q.Choices() {
				s := qs
				if focused && j == p.cursor {
					s |= stCursor
					cursorLine = len(p.lines)
				}
				if a.Has(q.ID, o.ID) {
					s |= stOn
				}
				p.lines = append(p.lines, p.cached(cacheKey{qi, int16(j), s}, q)...)
			}
		}
		if e := p.errs[q.ID]; e != "" {
			gut := st.noBar
			if focused {
				gut = st.bar
			}
			for _, l := range wrap(e, m.contentWidth()-6) {
				p.lines = append(p.lines, " "+gut+st.errMark+st.err.Render(l))
			}
			if focused {
				cursorLine = len(p.lines) - 1
			}
		}
		if focused {
			focusBottom = len(p.lines) - 1
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
	k := cacheKey{-1, partMore, 0}
	if l, ok := p.cache[k]; ok {
		return l[0]
	}
	l := "   " + p.m.st.muted.Render("▼ more below")
	p.cache[k] = []string{l}
	return l
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

// cached renders a part of a question once per state.
func (p *pageScreen) cached(k cacheKey, q *questionnaire.Question) []string {
	if l, ok := p.cache[k]; ok {
		return l
	}
	var l []string
	switch k.part {
	case partTitle:
		l = p.renderTitle(q, k.state&stFocusQ != 0, k.state&stSkipped != 0)
	case partWhy:
		l = p.renderWhy(q, k.state&stFocusQ != 0)
	default:
		l = p.renderOption(q, int(k.part), k.state)
	}
	p.cache[k] = l
	return l
}

func (p *pageScreen) gutter(focused bool) string {
	if focused {
		return " " + p.m.st.bar
	}
	return " " + p.m.st.noBar
}

func (p *pageScreen) renderTitle(q *questionnaire.Question, focused, skipped bool) []string {
	st := p.m.st
	hint := kindHint(q)
	if skipped {
		hint += " · skipped"
	}
	w := p.m.contentWidth() - 3
	style := st.qBlurred
	if focused {
		style = st.qFocused
	}
	lines := wrap(q.Prompt, w)
	out := make([]string, 0, len(lines)+1)
	for i, l := range lines {
		s := p.gutter(focused) + style.Render(l)
		if i == len(lines)-1 {
			if ansi.StringWidth(l)+2+ansi.StringWidth(hint) <= w {
				s += "  " + st.muted.Render(hint)
			} else {
				out = append(out, s)
				s = p.gutter(focused) + st.muted.Render(hint)
			}
		}
		out = append(out, s)
	}
	return out
}

func kindHint(q *questionnaire.Question) string {
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
	}
	return ""
}

func (p *pageScreen) renderWhy(q *questionnaire.Question, focused bool) []string {
	var out []string
	for _, l := range wrap("Why we ask: "+q.Why, p.m.contentWidth()-5) {
		out = append(out, p.gutter(focused)+"  "+p.m.st.why.Render(l))
	}
	return out
}

func (p *pageScreen) renderOption(q *questionnaire.Question, i int, state uint8) []string {
	st := p.m.st
	opts := q.Choices()
	if i >= len(opts) {
		return nil
	}
	focused := state&stFocusQ != 0
	cur := st.noCursor
	if state&stCursor != 0 {
		cur = st.cursor
	}
	mark := st.radioOff
	if q.Kind == questionnaire.Many {
		mark = st.checkOff
		if state&stOn != 0 {
			mark = st.checkOn
		}
	} else if state&stOn != 0 {
		mark = st.radioOn
	}
	label := st.text
	if state&stOn != 0 {
		label = st.selected
	}
	if state&stCursor != 0 {
		label = label.Bold(true)
	}
	prefix := p.gutter(focused) + cur + mark
	lines := wrap(opts[i].Label, p.m.contentWidth()-3-2-4-2)
	out := make([]string, 0, len(lines))
	for j, l := range lines {
		if j == 0 {
			out = append(out, prefix+label.Render(l))
		} else {
			out = append(out, p.gutter(focused)+"      "+label.Render(l))
		}
	}
	return out
}

// numberLine is the number field: what is typed, a cursor and the unit.
func (p *pageScreen) numberLine(q *questionnaire.Question, focused bool) string {
	st := p.m.st
	d := p.drafts[q.ID]
	cur := st.noCursor
	if focused {
		cur = st.cursor
	}
	if d == "" {
		// A number given earlier (a reopened answers file) shows before
		// its field is first focused, so it never looks unanswered.
		if v, ok := p.m.sess.Given[q.ID]; ok && v.Number != nil {
			d = strconv.Itoa(*v.Number)
		}
	}
	field := d
	if focused {
		field += "█"
	} else if d == "" {
		field = st.muted.Render("—")
	}
	unit := ""
	if q.Unit != "" {
		unit = " " + st.muted.Render(q.Unit)
	}
	return p.gutter(focused) + cur + st.selected.Render(field) + unit
}
