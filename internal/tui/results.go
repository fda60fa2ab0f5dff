package tui

import (
	"fmt"
	"slices"
	"strings"

	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"

	"github.com/backtriage/backtriage/internal/figure"
	"github.com/backtriage/backtriage/internal/questionnaire"
	"github.com/backtriage/backtriage/internal/rules"
	"github.com/backtriage/backtriage/internal/triage"
)

func (m *Model) resultsKey(msg tea.KeyPressMsg, k string) tea.Cmd {
	switch k {
	case "ctrl+c", "q":
		return tea.Quit
	case "e":
		return m.openExport()
	case "a":
		// Save the answers, to reopen with --answers; the results stay.
		m.openQuit()
		m.quit.stay = true
		return m.quit.input.Focus()
	case "enter":
		if m.urgentStop() {
			m.continueAfterStop()
		}
		return nil
	case "left", "h", "esc":
		m.status = ""
		if m.screen == scrEmergency {
			// Back to the warning signs, to undo a mistaken tick.
			m.gotoPage(0, 0)
			for i, q := range m.visible {
				if len(m.as.Warnings) > 0 && len(m.as.Warnings[0].Because) > 0 && m.as.Warnings[0].Because[0].Question == q {
					m.setFocus(i, false)
				}
			}
			return nil
		}
		m.openReview()
		return nil
	case "s":
		if m.screen == scrResults {
			m.showSources = !m.showSources
			off := m.vp.YOffset()
			m.buildResults()
			if m.showSources {
				m.vp.GotoBottom()
			} else {
				m.vp.SetYOffset(off)
			}
		}
		return nil
	case "d":
		// Rule details for rule authors: ids, scores and weights.
		m.explain = !m.explain
		off := m.vp.YOffset()
		m.buildResults()
		m.vp.SetYOffset(off)
		return nil
	case "c", "tab":
		if len(m.figCauses) > 1 {
			m.figCause = (m.figCause + 1) % len(m.figCauses)
			off := m.vp.YOffset()
			m.buildResults()
			m.vp.SetYOffset(off)
		}
		return nil
	case "home", "g":
		m.vp.GotoTop()
		return nil
	case "end", "G":
		m.vp.GotoBottom()
		return nil
	}
	var cmd tea.Cmd
	m.vp, cmd = m.vp.Update(msg)
	return cmd
}

// wideResults is the terminal width from which the results use more of it
// (up to maxResultsWidth), with the picture beside the answer.
const (
	wideResults     = 120
	maxResultsWidth = 150
)

// resultsWidth is the width the results are laid out in.
func (m *Model) resultsWidth() int {
	if m.width >= wideResults {
		return min(m.width, maxResultsWidth) - 2
	}
	return m.contentWidth()
}

// contentWidth is the width text is laid out in.
// Below the minimum size (only the emergency and urgent results are drawn
// there) it is as narrow as the terminal.
func (m *Model) contentWidth() int {
	if m.width < MinWidth {
		return max(10, m.width-2)
	}
	return max(20, min(m.width, maxWidth)-2)
}

// buildResults lays out the results (or emergency) screen for the current
// size: a pinned header with the level, which no scrolling hides, and the
// rest in a viewport.
func (m *Model) buildResults() {
	if m.as == nil {
		return
	}
	w := m.resultsWidth()
	m.header = m.resultsHeader(w)
	m.footer = m.renderFooter(m.resultsHelp())
	var content string
	if m.screen == scrEmergency {
		content = m.emergencyBody(w)
	} else {
		content = m.resultsBody(w)
	}
	m.vp.SetWidth(w + 2)
	m.vp.SetHeight(max(1, m.bodyHeight()))
	m.vp.SetContent(content)
	m.resLines = strings.Split(content, "\n")
}

// urgentStop reports whether the stop screen is showing an urgent sign,
// which the person may continue past.
func (m *Model) urgentStop() bool {
	return m.screen == scrEmergency && m.as != nil && m.as.Level == rules.Urgent
}

func (m *Model) resultsHelp() string {
	if m.urgentStop() {
		return helpUrgentStop
	}
	if m.screen == scrEmergency {
		return helpEmerg
	}
	return helpResults
}

// resultsHeader is the level banner, what to do, and every warning sign:
// an urgent or emergency sign is always on screen.
func (m *Model) resultsHeader(w int) string {
	st := m.st
	as := m.as
	info := triage.Info(as.Level)
	var b strings.Builder
	if w >= 26 {
		b.WriteString(" " + st.app.Render("backtriage") + st.muted.Render(" · your results") + "\n")
	} else {
		b.WriteString(" " + st.app.Render("backtriage") + "\n")
	}
	label := strings.ToUpper(as.Level.String())
	banner := levelMark(as.Level) + " " + label + "  " + info.Headline
	for _, l := range wrap(banner, w-2) {
		b.WriteString(" " + st.banner[as.Level].Width(w).Render(l) + "\n")
	}
	for _, l := range wrap(m.o.Emergency.Annotate(info.Do), w-2) {
		b.WriteString("  " + st.text.Bold(as.Level >= rules.Urgent).Render(l) + "\n")
	}
	for _, f := range as.Warnings {
		line := "⚠ " + strings.ToUpper(f.Level.String()) + ": " + f.Rule.Title
		for i, l := range wrap(line, w-2) {
			if i > 0 {
				l = "  " + l
			}
			b.WriteString("  " + st.err.Render(l) + "\n")
		}
	}
	return strings.TrimSuffix(b.String(), "\n")
}

func levelMark(l rules.Level) string {
	switch l {
	case rules.Emergency:
		return "‼"
	case rules.Urgent:
		return "!"
	case rules.Soon:
		return "›"
	}
	return "✓"
}

// section writes a heading.
func (m *Model) section(b *strings.Builder, title string) {
	b.WriteString("\n " + m.st.heading.Render(title) + "\n")
}

// para writes wrapped text with an indent.
func para(b *strings.Builder, st lipgloss.Style, text string, indent, w int) {
	pad := strings.Repeat(" ", indent)
	for _, l := range wrap(text, w-indent) {
		b.WriteString(pad + st.Render(l) + "\n")
	}
}

// hanging writes text after a prefix, continuation lines aligned under it.
func hanging(b *strings.Builder, prefix string, prefixWidth int, st lipgloss.Style, text string, indent, w int) {
	pad := strings.Repeat(" ", indent)
	cont := strings.Repeat(" ", indent+prefixWidth)
	for i, l := range wrap(text, w-indent-prefixWidth) {
		if i == 0 {
			b.WriteString(pad + prefix + st.Render(l) + "\n")
		} else {
			b.WriteString(cont + st.Render(l) + "\n")
		}
	}
}

func (m *Model) resultsBody(w int) string {
	st := m.st
	as := m.as
	var b strings.Builder

	if len(as.Warnings) > 0 {
		m.section(&b, "Warning signs in your answers")
		for _, f := range as.Warnings {
			hanging(&b, st.err.Render("⚠ "), 2, st.text.Bold(true), f.Rule.Title, 1, w)
			para(&b, st.text, m.o.Emergency.Annotate(f.Rule.Action), 3, w)
			para(&b, st.muted, "Because you said: "+because(f.Because), 3, w)
		}
		para(&b, st.text, m.o.Emergency.Line(), 1, w)
	}

	if w >= wideResults-2 {
		// Wide: the picture beside the answer.
		var left, right strings.Builder
		lw := w * 11 / 20
		m.answerFirst(&left, lw)
		m.pictureSection(&right, w-lw-2)
		b.WriteString(lipgloss.JoinHorizontal(lipgloss.Top, strings.TrimRight(left.String(), "\n"), "  ", strings.TrimRight(right.String(), "\n")) + "\n")
	} else {
		m.answerFirst(&b, w)
		m.pictureSection(&b, w)
	}

	// At urgent level causes and self-care are for the hours until the
	// person is seen, and say so.
	wait := func(h string) string {
		if as.Level == rules.Urgent {
			return "While you wait to be seen: " + strings.ToLower(h[:1]) + h[1:]
		}
		return h
	}
	m.section(&b, wait("Likely causes"))
	if len(as.Causes) == 0 {
		para(&b, st.muted, "Your answers do not point at a particular cause. The plan below still applies, and a physiotherapist can look for one.", 1, w)
	}
	var others []triage.RankedCause
	for i, c := range as.Causes {
		if !c.Top {
			others = append(others, c)
			continue
		}
		num := fmt.Sprintf("%d. ", i+1)
		title := c.Cause.Title
		if m.explain {
			title += fmt.Sprintf(" (score %d)", c.Score)
		}
		hanging(&b, st.title.Render(num), len(num), st.text.Bold(true), title, 1, w)
		in := 1 + len(num)
		para(&b, st.text, c.Cause.About, in, w)
		for _, mu := range c.Cause.Muscles {
			para(&b, st.text, "Muscle: "+mu.Name+": "+lowerFirst(mu.Where)+".", in, w)
		}
		if c.Cause.Kind == "professional" {
			para(&b, st.err, "This is one for a doctor or physiotherapist to assess; do not rely on self-care alone.", in, w)
		}
		// One line for all the rules behind the cause, each answer once.
		var facts []triage.Fact
		for _, r := range c.Reasons {
			facts = append(facts, r.Because...)
		}
		para(&b, st.muted, "Because you said: "+because(facts), in, w)
		if m.explain {
			for _, r := range c.Reasons {
				para(&b, st.why, fmt.Sprintf("rule %s, +%d", r.Rule.ID, r.Rule.Weight), in, w)
			}
		}
	}
	// The rest briefly: the plan is built for the top causes only.
	if len(others) > 0 {
		b.WriteString("\n")
		para(&b, st.text.Bold(true), "Other possibilities, less likely from your answers:", 1, w)
		for _, c := range others {
			var facts []triage.Fact
			for _, r := range c.Reasons {
				facts = append(facts, r.Because...)
			}
			hanging(&b, "– ", 2, st.text, c.Cause.Title+" ("+because(facts)+")", 1, w)
		}
	}

	m.section(&b, wait("Self-care plan"))
	if as.Level == rules.Urgent {
		para(&b, st.text, "For while you wait to be seen today, never instead of it.", 1, w)
	}
	if len(as.Plan) == 0 {
		para(&b, st.muted, "No self-care steps for these answers.", 1, w)
	}
	for _, p := range as.Plan {
		hanging(&b, "[ ] ", 4, st.text.Bold(true), p.Step.Title, 1, w)
		para(&b, st.text, p.Step.How, 5, w)
		if p.Step.Fits != "" {
			para(&b, st.muted, "Fits: "+p.Step.Fits, 5, w)
		}
		if p.Step.Caution != "" {
			para(&b, st.err, "Caution: "+p.Step.Caution, 5, w)
		}
		if len(p.For) > 0 {
			var t []string
			for _, c := range p.For {
				t = append(t, c.Title)
			}
			para(&b, st.muted, "For: "+strings.Join(t, "; "), 5, w)
		}
	}
	if len(as.Withheld) > 0 {
		b.WriteString("\n")
		para(&b, st.text.Bold(true), "Left out for now:", 1, w)
		for _, wh := range as.Withheld {
			hanging(&b, "– ", 2, st.text, wh.Step.Title+": "+wh.Why, 1, w)
		}
	}

	m.section(&b, "When to get help")
	para(&b, st.text, triage.Info(as.Level).Do, 1, w)
	for _, h := range as.SeekHelp {
		hanging(&b, "• ", 2, st.text, h.Text, 1, w)
	}
	hanging(&b, "• ", 2, st.text, "Any time you are worried, or something new appears (see the warning signs), see a doctor: this tool never replaces one.", 1, w)

	if len(as.Unanswered) > 0 {
		var t []string
		for _, q := range as.Unanswered {
			t = append(t, q.Short)
		}
		b.WriteString("\n")
		para(&b, st.muted, "Not answered (answering them may change the results): "+strings.Join(t, ", ")+".", 1, w)
	}

	m.sourcesSection(&b, w)
	b.WriteString("\n")
	para(&b, st.muted, triage.Disclaimer, 1, w)
	return strings.TrimRight(b.String(), "\n")
}

func (m *Model) sourcesSection(b *strings.Builder, w int) {
	st := m.st
	if !m.showSources {
		b.WriteString("\n")
		para(b, st.muted, fmt.Sprintf("Sources: %d behind these suggestions; press s to show them.", len(m.as.Sources)), 1, w)
		return
	}
	m.section(b, "Sources (s to hide)")
	for _, s := range m.as.Sources {
		title := s.Source.Title
		if s.Source.Publisher != "" {
			title += " (" + s.Source.Publisher + ")"
		}
		hanging(b, "• ", 2, st.text.Bold(true), title, 1, w)
		if s.Source.URL != "" {
			para(b, st.muted, s.Source.URL, 3, w)
		}
		for _, q := range s.Quotes {
			para(b, st.why, "“"+q.Text+"” ("+q.By()+")", 3, w)
		}
	}
}

// pictureSection draws where it hurts and where the likely cause sits, with
// a legend that says it in words too.
func (m *Model) pictureSection(b *strings.Builder, w int) {
	st := m.st
	as := m.as
	m.figCauses = m.figCauses[:0]
	for i, c := range as.Causes {
		if len(c.Cause.Muscles) > 0 {
			m.figCauses = append(m.figCauses, i)
		}
	}
	pain := as.Answers["pain_where"].Options
	var cause []string
	var rc *triage.RankedCause
	if len(m.figCauses) > 0 {
		m.figCause = min(m.figCause, len(m.figCauses)-1)
		rc = &as.Causes[m.figCauses[m.figCause]]
		for _, mu := range rc.Cause.Muscles {
			for _, r := range mu.Sits {
				if !slices.Contains(cause, r) {
					cause = append(cause, r)
				}
			}
		}
	}
	if len(pain) == 0 && len(cause) == 0 {
		return
	}
	m.section(b, "Where it hurts, and where the cause may sit")
	spec := figure.Spec{Pain: pain, Cause: cause}
	pic := figure.Render(spec, st.fig)

	var lg strings.Builder
	lw := w - figure.Width(spec) - 4
	side := lw >= 28
	if !side {
		lw = w - 2
	}
	if len(pain) > 0 {
		hanging(&lg, st.painMark+" ", 2, st.text, "where it hurts: "+regionNames(pain), 0, lw)
	}
	if rc != nil {
		var names []string
		for _, mu := range rc.Cause.Muscles {
			names = append(names, mu.Name)
		}
		hanging(&lg, st.causeMark+" ", 2, st.text, "where the likely cause sits: "+strings.Join(names, ", ")+" ("+regionNames(cause)+")", 0, lw)
	}
	hanging(&lg, st.bothMark+" ", 2, st.text, "both", 0, lw)
	hanging(&lg, st.emptyMark+" ", 2, st.muted, "other areas", 0, lw)
	if rc != nil {
		lg.WriteString("\n")
		pos := m.figCauses[m.figCause] + 1
		hanging(&lg, "", 0, st.text.Bold(true), fmt.Sprintf("Showing cause %d: %s", pos, rc.Cause.Title), 0, lw)
		if len(m.figCauses) > 1 {
			hanging(&lg, "", 0, st.muted, fmt.Sprintf("Press c for another cause (%d of %d).", m.figCause+1, len(m.figCauses)), 0, lw)
		}
		if len(pain) > 0 && !overlaps(pain, cause) {
			lg.WriteString("\n")
			hanging(&lg, "", 0, st.why, "The likely cause sits away from where it hurts: muscles often send pain elsewhere, so care goes where the cause is.", 0, lw)
		}
	}
	legend := strings.TrimRight(lg.String(), "\n")
	if side {
		b.WriteString(indentBlock(lipgloss.JoinHorizontal(lipgloss.Top, pic, "    ", legend), 1))
	} else {
		b.WriteString(indentBlock(pic, 1) + "\n")
		b.WriteString(indentBlock(legend, 1))
	}
	b.WriteString("\n")
}

func overlaps(a, b []string) bool {
	for _, x := range a {
		if slices.Contains(b, x) {
			return true
		}
	}
	return false
}

// regionNames names regions in words.
func regionNames(ids []string) string {
	out := make([]string, 0, len(ids))
	for _, id := range ids {
		out = append(out, regionName(id))
	}
	return strings.Join(out, ", ")
}

func regionName(id string) string {
	if q, ok := questionnaire.Default().Question("pain_where"); ok {
		if o, ok := q.Option(id); ok {
			return strings.ToLower(o.Label[:1]) + o.Label[1:]
		}
	}
	switch id {
	case "head":
		return "head"
	case "neck_front":
		return "front and side of the neck"
	case "shoulder_blades":
		return "shoulder blades"
	case "under_ribs":
		return "under the ribs"
	}
	return strings.ReplaceAll(id, "_", " ")
}

func because(fs []triage.Fact) string {
	parts := make([]string, 0, len(fs))
	for _, f := range fs {
		parts = append(parts, f.Question.Short+": "+f.Text)
	}
	return strings.Join(dedupe(parts), "; ")
}

func dedupe(ss []string) []string {
	var out []string
	for _, s := range ss {
		if s != "" && !slices.Contains(out, s) {
			out = append(out, s)
		}
	}
	return out
}

func lowerFirst(s string) string {
	if s == "" {
		return s
	}
	return strings.ToLower(s[:1]) + s[1:]
}

func indentBlock(s string, n int) string {
	pad := strings.Repeat(" ", n)
	return pad + strings.ReplaceAll(s, "\n", "\n"+pad)
}

// emergencyBody says what to do now, and why, before anything else.
func (m *Model) emergencyBody(w int) string {
	st := m.st
	as := m.as
	var b strings.Builder
	b.WriteString("\n")
	box := st.dangerBox.Width(w - 2)
	var inner strings.Builder
	doNow := "Do this now:"
	if as.Level == rules.Urgent {
		doNow = "Do this today:"
	}
	inner.WriteString(st.err.Render(doNow) + "\n")
	for _, l := range wrap(m.o.Emergency.Annotate(triage.Info(as.Level).Do), w-8) {
		inner.WriteString(st.text.Bold(true).Render(l) + "\n")
	}
	if as.Level == rules.Emergency {
		for _, l := range wrap(m.o.Emergency.Line(), w-8) {
			inner.WriteString(st.text.Render(l) + "\n")
		}
	}
	b.WriteString(indentBlock(box.Render(strings.TrimSuffix(inner.String(), "\n")), 1) + "\n")
	m.section(&b, "Why")
	for _, f := range as.Warnings {
		hanging(&b, st.err.Render("⚠ "), 2, st.text.Bold(true), f.Rule.Title, 1, w)
		if as.Level == rules.Emergency && f.Level < rules.Emergency {
			para(&b, st.text, "Tell the emergency team about this too.", 3, w)
		} else {
			para(&b, st.text, m.o.Emergency.Annotate(f.Rule.Action), 3, w)
		}
		para(&b, st.muted, "Because you said: "+because(f.Because), 3, w)
	}
	b.WriteString("\n")
	if as.Level == rules.Urgent {
		para(&b, st.text, "Press Enter to finish the questions for your summary. Likely causes and self-care will be for while you wait to be seen today, never instead of it.", 1, w)
		para(&b, st.muted, "Press e to save a summary to show a doctor. If you chose a warning sign by mistake, press ← to change your answers.", 1, w)
	} else {
		para(&b, st.text, "The questionnaire stops here: self-care can wait until you have been checked.", 1, w)
		para(&b, st.muted, "Press e to save a summary to show the emergency services or a doctor. If you chose a warning sign by mistake, press ← to change your answers.", 1, w)
	}
	b.WriteString("\n")
	para(&b, st.muted, triage.Disclaimer, 1, w)
	return strings.TrimRight(b.String(), "\n")
}
