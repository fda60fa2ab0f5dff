package tui

import (
	"fmt"
	"strconv"
	"strings"

	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"

	"github.com/backtriage/backtriage/internal/questionnaire"
	"github.com/backtriage/backtriage/internal/triage"
	"github.com/backtriage/backtriage/internal/tui/flow"
)

// View draws the current screen. Option lines come from a cache keyed by
// question, option and state, so a key press costs a few lookups and one
// string build.
func (m *Model) View() tea.View {
	var v tea.View
	v.AltScreen = true
	v.WindowTitle = "backtriage"
	v.SetContent(m.render())
	return v
}

func (m *Model) render() string {
	m.ensureStyles()
	if m.tooSmall() {
		return m.enlargeView()
	}
	var base string
	switch m.screen {
	case scrWelcome:
		base = m.welcomeView()
	case scrPage:
		base = m.pageView()
	case scrReview:
		base = m.reviewView()
	case scrResults, scrEmergency:
		base = m.resultsView()
	}
	switch m.dialog {
	case dlgExport:
		return m.overlay(base, m.exportView())
	case dlgQuit:
		return m.overlay(base, m.quitView())
	}
	return base
}

// enlargeView asks for a bigger terminal; resizing redraws the flow.
func (m *Model) enlargeView() string {
	w := max(10, m.width-2)
	var b strings.Builder
	b.WriteString(m.st.title.Render("Please enlarge the terminal") + "\n\n")
	msg := fmt.Sprintf("backtriage needs at least %d×%d; this one is %d×%d. Make the window bigger and the questions come back as they were.",
		MinWidth, MinHeight, m.width, m.height)
	for _, l := range wrap(msg, w) {
		b.WriteString(l + "\n")
	}
	b.WriteString("\n")
	if m.dialog == dlgQuit {
		for _, l := range wrap("Press ctrl+c again to quit without saving, or enlarge the window to save your answers first.", w) {
			b.WriteString(m.st.err.Render(l) + "\n")
		}
	} else {
		for _, l := range wrap("Line-by-line prompts: backtriage --accessible. Quit: ctrl+c.", w) {
			b.WriteString(m.st.muted.Render(l) + "\n")
		}
	}
	return indentBlock(strings.TrimSuffix(b.String(), "\n"), 1)
}

// bodyHeight is what is left for the body between header and footer.
func (m *Model) bodyHeight() int {
	h := m.height - lipgloss.Height(m.currentHeader()) - 1 - lipgloss.Height(m.currentFooter())
	if m.status != "" && (m.screen == scrResults || m.screen == scrEmergency) {
		h -= len(wrap(m.status, m.contentWidth()))
	}
	return max(1, h)
}

func (m *Model) currentHeader() string {
	if m.header == "" {
		switch m.screen {
		case scrPage:
			m.header = m.pageHeader()
		case scrReview:
			m.header = m.simpleHeader("Review your answers", "Check every answer; choose one to change it, or go on to your results.")
		case scrWelcome:
			m.header = ""
		}
	}
	return m.header
}

func (m *Model) currentFooter() string {
	if m.screen == scrPage && m.footer != "" && m.footerHelp != m.pageHelp() {
		m.footer = "" // enter's meaning changed: skip, or go on with the answer
	}
	if m.footer == "" {
		switch m.screen {
		case scrPage:
			m.footerHelp = m.pageHelp()
			m.footer = m.renderFooter(m.footerHelp)
		case scrReview:
			m.footer = m.renderFooter(helpReview)
		case scrWelcome:
			m.footer = m.renderFooter(helpWelcome)
		case scrResults, scrEmergency:
			m.footer = m.renderFooter(m.resultsHelp())
		}
	}
	return m.footer
}

// pageHelp is the key help for the focused question. Enter on an optional
// question with no answer skips it, and the footer says so.
func (m *Model) pageHelp() string {
	q := m.focused()
	help := helpPage
	switch {
	case q != nil && q.Kind == questionnaire.Number:
		help = helpNumber
		if !flow.Required(q) && m.drafts[q.ID] == "" {
			help = helpNumberSkip
		}
	case q != nil && !flow.Required(q) && !m.a.Answered(q.ID):
		help = helpPageSkip
	}
	if m.fromReview {
		help += helpFromRev
	}
	return help
}

// renderFooter lays out key help, wrapped at the separators.
func (m *Model) renderFooter(help string) string {
	w := m.contentWidth()
	parts := strings.Split(help, " · ")
	var lines []string
	cur := ""
	for _, p := range parts {
		if lipgloss.Width(p) > w { // a tiny terminal: wrap the part itself
			if cur != "" {
				lines = append(lines, cur)
			}
			ws := wrap(p, w)
			lines = append(lines, ws[:len(ws)-1]...)
			cur = ws[len(ws)-1]
			continue
		}
		switch {
		case cur == "":
			cur = p
		case lipgloss.Width(cur)+3+lipgloss.Width(p) <= w:
			cur += " · " + p
		default:
			lines = append(lines, cur)
			cur = p
		}
	}
	lines = append(lines, cur)
	for i, l := range lines {
		lines[i] = " " + m.st.muted.Render(l)
	}
	return strings.Join(lines, "\n")
}

func (m *Model) simpleHeader(title, sub string) string {
	st := m.st
	var b strings.Builder
	b.WriteString(" " + st.app.Render("backtriage") + st.muted.Render(" · ") + st.title.Render(title) + "\n")
	b.WriteString(" " + st.progressDone.Render(strings.Repeat("━", m.contentWidth())) + "\n")
	for _, l := range wrap(sub, m.contentWidth()) {
		b.WriteString(" " + st.muted.Render(l) + "\n")
	}
	return strings.TrimSuffix(b.String(), "\n")
}

func (m *Model) pageHeader() string {
	st := m.st
	p := m.qn.Pages[m.page]
	n := len(m.qn.Pages)
	w := m.contentWidth()
	var b strings.Builder
	b.WriteString(" " + st.app.Render("backtriage") + st.muted.Render(fmt.Sprintf(" · page %d of %d · ", m.page+1, n)) + st.title.Render(p.Title) + "\n")
	done := w * (m.page + 1) / (n + 1) // the review is the last step
	b.WriteString(" " + st.progressDone.Render(strings.Repeat("━", done)) + st.progressTodo.Render(strings.Repeat("─", w-done)) + "\n")
	for _, l := range wrap(p.Intro, w) {
		b.WriteString(" " + st.muted.Render(l) + "\n")
	}
	return strings.TrimSuffix(b.String(), "\n")
}

// frameOf assembles header, body lines from m.lines[off:], status and
// footer into one string of the terminal's height.
func (m *Model) frameOf(header string, off, bodyH int, status string) string {
	f := &m.frame
	f.Reset()
	f.Grow(4096)
	f.WriteString(header)
	f.WriteString("\n\n")
	end := min(len(m.lines), off+bodyH)
	n := 0
	for i := off; i < end; i++ {
		f.WriteString(m.lines[i])
		f.WriteByte('\n')
		n++
	}
	for ; n < bodyH; n++ {
		f.WriteByte('\n')
	}
	if status != "" {
		f.WriteString(status)
		f.WriteByte('\n')
	}
	f.WriteString(m.currentFooter())
	return f.String()
}

// ---- Welcome ----

func (m *Model) welcomeView() string {
	st := m.st
	w := min(m.contentWidth(), 76)
	var b strings.Builder
	b.WriteString("\n " + st.app.Render("backtriage") + st.muted.Render("  ·  woke up with upper back pain?") + "\n\n")
	intro := []string{
		"First a few warning signs, then short pages about where it hurts, how you sleep and your day. You get the likely muscle causes (and why), a picture of where it hurts and where the cause may sit, a self-care plan, and when to get help.",
	}
	for _, p := range intro {
		para(&b, st.text, p, 1, w)
	}
	b.WriteString("\n")
	hanging(&b, st.key.Render("• "), 2, st.text, triage.Disclaimer, 1, w)
	hanging(&b, st.key.Render("• "), 2, st.text, m.o.Emergency.Annotate("If something feels seriously wrong, call your local emergency number now; don't wait for a questionnaire."), 1, w)
	hanging(&b, st.key.Render("• "), 2, st.text, "Nothing leaves this machine: no network, no tracking. You choose whether to save anything.", 1, w)
	if m.o.Answers != nil {
		from := m.o.AnswersFrom
		if from == "" {
			from = "your file"
		}
		b.WriteString("\n")
		hanging(&b, st.ok.Render("✓ "), 2, st.text, fmt.Sprintf("Loaded %d answers from %s: you can go on or change any of them.", len(m.o.Answers), from), 1, w)
	}
	b.WriteString("\n")
	para(&b, st.text.Bold(true), "Keys", 1, w)
	keys := [][2]string{
		{"↑/↓ space enter", "move, choose, go on"},
		{"←/→", "previous / next page (answers are kept)"},
		{"?", "why we ask a question"},
		{"ctrl+c", "quit (you can save your answers to go on later)"},
	}
	for _, k := range keys {
		hanging(&b, st.key.Render(fmt.Sprintf("%-16s", k[0])), 16, st.text, k[1], 3, w)
	}
	b.WriteString("\n")
	b.WriteString(" " + st.button.Render("Start  ⏎") + "\n")
	body := strings.TrimRight(b.String(), "\n")
	lines := strings.Split(body, "\n")
	avail := m.height - lipgloss.Height(m.currentFooter())
	if len(lines) > avail {
		lines = lines[:avail]
	}
	for len(lines) < avail {
		lines = append(lines, "")
	}
	return strings.Join(lines, "\n") + "\n" + m.currentFooter()
}

// ---- Pages ----

type cacheKey struct {
	q     int32 // question index
	part  int16 // option index, or one of the parts below
	state uint8
}

const (
	partTitle int16 = -1
	partWhy   int16 = -2
)

const (
	stFocusQ  uint8 = 1 << iota // the question has focus
	stCursor                    // the cursor is on this option
	stOn                        // the option is chosen
	stSkipped                   // the question was passed with no answer
)

// pageView lays out the page's questions and scrolls so the focused one,
// and the cursor, are in view.
func (m *Model) pageView() string {
	header := m.currentHeader()
	m.lines = m.lines[:0]
	focusTop, focusBottom, cursorLine := 0, 0, 0
	for i, q := range m.visible {
		if i > 0 {
			m.lines = append(m.lines, "")
		}
		focused := i == m.focus
		if focused {
			focusTop = len(m.lines)
			cursorLine = focusTop
		}
		var qs uint8
		if focused {
			qs = stFocusQ
		}
		qi := int32(m.qn.Index(q.ID))
		ts := qs
		if m.skipped[q.ID] && !m.a.Answered(q.ID) {
			ts |= stSkipped
		}
		m.lines = append(m.lines, m.cached(cacheKey{qi, partTitle, ts}, q)...)
		if m.whyOn[q.ID] {
			m.lines = append(m.lines, m.cached(cacheKey{qi, partWhy, qs}, q)...)
		}
		if q.Kind == questionnaire.Number {
			if focused {
				cursorLine = len(m.lines)
			}
			m.lines = append(m.lines, m.numberLine(q, focused))
		} else {
			for j, o := range flow.Choices(q) {
				s := qs
				if focused && j == m.cursor {
					s |= stCursor
					cursorLine = len(m.lines)
				}
				if m.a.Has(q.ID, o.ID) {
					s |= stOn
				}
				m.lines = append(m.lines, m.cached(cacheKey{qi, int16(j), s}, q)...)
			}
		}
		if e := m.errs[q.ID]; e != "" {
			gut := m.st.noBar
			if focused {
				gut = m.st.bar
			}
			for _, l := range wrap(e, m.contentWidth()-6) {
				m.lines = append(m.lines, " "+gut+m.st.errMark+m.st.err.Render(l))
			}
			if focused {
				cursorLine = len(m.lines) - 1
			}
		}
		if focused {
			focusBottom = len(m.lines) - 1
		}
	}
	status := ""
	if m.pageErr != "" {
		status = " " + m.st.err.Render(truncate(m.pageErr, m.contentWidth()))
	}
	bodyH := m.height - lipgloss.Height(header) - 1 - lipgloss.Height(m.currentFooter())
	if status != "" {
		bodyH--
	}
	bodyH = max(1, bodyH)
	m.scrollTo(focusTop, focusBottom, cursorLine, bodyH)
	more := m.scroll+bodyH < len(m.lines)
	if more && bodyH > 2 {
		return m.frameWithMore(header, bodyH, status)
	}
	return m.frameOf(header, m.scroll, bodyH, status)
}

// frameWithMore draws the body with its last line saying there is more.
func (m *Model) frameWithMore(header string, bodyH int, status string) string {
	f := &m.frame
	f.Reset()
	f.WriteString(header)
	f.WriteString("\n\n")
	for i := m.scroll; i < m.scroll+bodyH-1; i++ {
		f.WriteString(m.lines[i])
		f.WriteByte('\n')
	}
	f.WriteString(m.moreLine())
	f.WriteByte('\n')
	if status != "" {
		f.WriteString(status)
		f.WriteByte('\n')
	}
	f.WriteString(m.currentFooter())
	return f.String()
}

func (m *Model) moreLine() string {
	k := cacheKey{-1, -1, 0}
	if l, ok := m.cache[k]; ok {
		return l[0]
	}
	l := "   " + m.st.muted.Render("▼ more below")
	m.cache[k] = []string{l}
	return l
}

// scrollTo keeps the whole focused question in view when it fits, and
// otherwise its title and the cursor.
func (m *Model) scrollTo(top, bottom, cursor, h int) {
	view := h - 1 // leave room for "more below"
	if bottom-top < view {
		if bottom >= m.scroll+view {
			m.scroll = bottom - view + 1
		}
		if top < m.scroll {
			m.scroll = top
		}
	} else if cursor >= m.scroll+view {
		m.scroll = cursor - view + 1
	}
	if top < m.scroll || cursor < m.scroll {
		m.scroll = top
		if cursor >= m.scroll+view {
			m.scroll = cursor - view + 1
		}
	}
	if cursor-top < view && top < m.scroll {
		m.scroll = top
	}
	// Don't leave empty space at the bottom when there is more above.
	if maxScroll := max(0, len(m.lines)-h); m.scroll > maxScroll {
		m.scroll = maxScroll
	}
	m.scroll = max(0, m.scroll)
}

// cached renders a part of a question once per state.
func (m *Model) cached(k cacheKey, q *questionnaire.Question) []string {
	if l, ok := m.cache[k]; ok {
		return l
	}
	var l []string
	switch k.part {
	case partTitle:
		l = m.renderTitle(q, k.state&stFocusQ != 0, k.state&stSkipped != 0)
	case partWhy:
		l = m.renderWhy(q, k.state&stFocusQ != 0)
	default:
		l = m.renderOption(q, int(k.part), k.state)
	}
	m.cache[k] = l
	return l
}

func (m *Model) gutter(focused bool) string {
	if focused {
		return " " + m.st.bar
	}
	return " " + m.st.noBar
}

func (m *Model) renderTitle(q *questionnaire.Question, focused, skipped bool) []string {
	st := m.st
	hint := kindHint(q)
	if skipped {
		hint += " · skipped"
	}
	w := m.contentWidth() - 3
	style := st.qBlurred
	if focused {
		style = st.qFocused
	}
	lines := wrap(q.Prompt, w)
	out := make([]string, 0, len(lines)+1)
	for i, l := range lines {
		s := m.gutter(focused) + style.Render(l)
		if i == len(lines)-1 {
			if lipgloss.Width(l)+2+len(hint) <= w {
				s += "  " + st.muted.Render(hint)
			} else {
				out = append(out, s)
				s = m.gutter(focused) + st.muted.Render(hint)
			}
		}
		out = append(out, s)
	}
	return out
}

func kindHint(q *questionnaire.Question) string {
	req := ""
	if flow.Required(q) {
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

func (m *Model) renderWhy(q *questionnaire.Question, focused bool) []string {
	var out []string
	for _, l := range wrap("Why we ask: "+q.Why, m.contentWidth()-5) {
		out = append(out, m.gutter(focused)+"  "+m.st.why.Render(l))
	}
	return out
}

func (m *Model) renderOption(q *questionnaire.Question, i int, state uint8) []string {
	st := m.st
	opts := flow.Choices(q)
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
	prefix := m.gutter(focused) + cur + mark
	lines := wrap(opts[i].Label, m.contentWidth()-3-2-4-2)
	out := make([]string, 0, len(lines))
	for j, l := range lines {
		if j == 0 {
			out = append(out, prefix+label.Render(l))
		} else {
			out = append(out, m.gutter(focused)+"      "+label.Render(l))
		}
	}
	return out
}

// numberLine is the number field: what is typed, a cursor and the unit.
func (m *Model) numberLine(q *questionnaire.Question, focused bool) string {
	st := m.st
	d := m.drafts[q.ID]
	cur := st.noCursor
	if focused {
		cur = st.cursor
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
	return m.gutter(focused) + cur + st.selected.Render(field) + unit
}

// ---- Review ----

func (m *Model) reviewView() string {
	header := m.currentHeader()
	st := m.st
	w := m.contentWidth()
	m.lines = m.lines[:0]
	page := ""
	cursorLine := 0
	labelW := min(34, w/2)
	for i, q := range m.review {
		if q.Page != page {
			page = q.Page
			if len(m.lines) > 0 {
				m.lines = append(m.lines, "")
			}
			pi := flow.PageIndex(m.qn, page)
			m.lines = append(m.lines, " "+st.heading.Render(fmt.Sprintf("%d. %s", pi+1, m.qn.Pages[pi].Title)))
		}
		ans, ok := m.reviewAnswer(q)
		cur := st.noCursor
		if i == m.reviewCursor {
			cur = st.cursor
			cursorLine = len(m.lines)
		}
		as := st.text
		if !ok {
			as = st.err
		} else if !m.a.Answered(q.ID) {
			as = st.muted
		}
		short := truncate(q.Short, labelW-1)
		pad := strings.Repeat(" ", max(1, labelW-lipgloss.Width(short)))
		lab := st.text
		if i == m.reviewCursor {
			lab = lab.Bold(true)
		}
		for j, l := range wrap(ans, max(10, w-labelW-4)) {
			if j == 0 {
				m.lines = append(m.lines, " "+cur+lab.Render(short)+pad+as.Render(l))
			} else {
				m.lines = append(m.lines, "   "+strings.Repeat(" ", labelW)+as.Render(l))
			}
		}
	}
	m.lines = append(m.lines, "")
	cur := st.noCursor
	btn := st.buttonOff
	if m.reviewCursor == len(m.review) {
		cur = st.cursor
		btn = st.button
		cursorLine = len(m.lines)
	}
	m.lines = append(m.lines, " "+cur+btn.Render("See my results  →"))
	bodyH := max(1, m.height-lipgloss.Height(header)-1-lipgloss.Height(m.currentFooter()))
	if cursorLine < m.reviewScroll {
		m.reviewScroll = cursorLine
	}
	if cursorLine >= m.reviewScroll+bodyH {
		m.reviewScroll = cursorLine - bodyH + 1
	}
	m.reviewScroll = max(0, min(m.reviewScroll, len(m.lines)-bodyH))
	return m.frameOf(header, m.reviewScroll, bodyH, "")
}

// ---- Results ----

func (m *Model) resultsView() string {
	if m.header == "" {
		m.buildResults()
	}
	f := &m.frame
	f.Reset()
	f.WriteString(m.header)
	f.WriteString("\n\n")
	// The viewport keeps the offset; the lines are drawn here, without
	// re-rendering them (viewport.View restyles every line on every key).
	off, h := m.vp.YOffset(), m.vp.Height()
	more := off+h < len(m.resLines) && h > 2
	for i := off; i < off+h; i++ {
		if more && i == off+h-1 {
			// The last line says there is more, and how to get to it.
			f.WriteString(m.resultsMoreLine())
		} else if i < len(m.resLines) {
			f.WriteString(m.resLines[i])
		}
		f.WriteByte('\n')
	}
	if m.status != "" {
		st := m.st.ok
		if m.statusErr {
			st = m.st.err
		}
		for _, l := range wrap(m.status, m.contentWidth()) {
			f.WriteString(" " + st.Render(l) + "\n")
		}
	}
	f.WriteString(m.currentFooter())
	return f.String()
}

// overlay draws a dialog box over the screen, centred.
func (m *Model) overlay(base, box string) string {
	bw, bh := lipgloss.Size(box)
	x := max(0, (min(m.width, maxWidth)-bw)/2)
	// Below the header, so the level (and any warning) stays in view.
	y := max(0, (m.height-bh)/2)
	if top := lipgloss.Height(m.header) + 1; m.header != "" && top+bh <= m.height {
		y = max(y, top)
	}
	c := m.canvas
	if c == nil {
		c = lipgloss.NewCanvas(m.width, m.height)
		m.canvas = c
	} else if c.Width() != m.width || c.Height() != m.height {
		c.Resize(m.width, m.height)
	}
	c.Clear()
	c.Compose(lipgloss.NewCompositor(
		lipgloss.NewLayer(base),
		lipgloss.NewLayer(box).X(x).Y(y).Z(1),
	))
	return c.Render()
}

// ---- Text helpers ----

// wrap breaks plain text into lines of at most w cells, at spaces.
func wrap(s string, w int) []string {
	if w < 8 {
		w = 8
	}
	var out []string
	for _, para := range strings.Split(s, "\n") {
		words := strings.Fields(para)
		if len(words) == 0 {
			out = append(out, "")
			continue
		}
		line := ""
		lw := 0
		for _, word := range words {
			ww := lipgloss.Width(word)
			for ww > w { // a word longer than the line: cut it
				if lw > 0 {
					out = append(out, line)
					line, lw = "", 0
				}
				cut := cutWidth(word, w)
				out = append(out, word[:cut])
				word = word[cut:]
				ww = lipgloss.Width(word)
			}
			switch {
			case lw == 0:
				line, lw = word, ww
			case lw+1+ww <= w:
				line += " " + word
				lw += 1 + ww
			default:
				out = append(out, line)
				line, lw = word, ww
			}
		}
		if lw > 0 || line != "" {
			out = append(out, line)
		}
	}
	return out
}

// cutWidth is the byte length of the longest prefix of s at most w cells.
func cutWidth(s string, w int) int {
	n := 0
	for i, r := range s {
		rw := lipgloss.Width(string(r))
		if n+rw > w {
			return i
		}
		n += rw
	}
	return len(s)
}

func truncate(s string, w int) string {
	if lipgloss.Width(s) <= w {
		return s
	}
	if w <= 1 {
		return "…"
	}
	return s[:cutWidth(s, w-1)] + "…"
}
