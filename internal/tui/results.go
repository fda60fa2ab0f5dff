package tui

import (
	"fmt"
	"slices"
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/backtriage/backtriage/internal/figure"
	"github.com/backtriage/backtriage/internal/report"
	"github.com/backtriage/backtriage/internal/rules"
	"github.com/backtriage/backtriage/internal/triage"
)

// resultsScreen is the answer: the level pinned at the top, then the top
// cause and "Start here", everything else below (all causes, the plan, the
// picture, when to get help, the sources).
type resultsScreen struct {
	levelPane
	keys        resultsKeys
	showSources bool
	explain     bool // rule ids, scores and weights, for rule authors (d)
	figCause    int  // index into figCauses
	figCauses   []int
}

type resultsKeys struct {
	Cause, Sources, Details, Export, Save, History, Guide, Diary, Back, Help, Quit key.Binding
}

func newResultsScreen(m *Model) *resultsScreen {
	return &resultsScreen{levelPane: newLevelPane(m), keys: resultsKeys{
		Cause:   bind("c/tab", "next cause", "c", "tab"),
		Sources: bind("s", "sources", "s"),
		Details: bind("d", "rule details", "d"),
		Export:  bind("e", "export", "e"),
		Save:    bind("a", "save answers", "a"),
		History: bind("v", "your diary", "v"),
		Guide:   bind("r", "routine", "r"),
		Diary:   bind("y", "keep a diary?", "y"),
		// h is back (left) on every screen: the pages, the review, here.
		Back: bind("←/h", "change answers", "left", "h", "esc"),
		Help: keyHelp,
		Quit: bind("q", "quit", "q", "ctrl+c"),
	}}
}

func (r *resultsScreen) id() screenID { return scrResults }

func (r *resultsScreen) helpKeys() keyMap {
	k := r.keys
	k.History.SetEnabled(r.m.sess.DiaryOn())
	k.Guide.SetEnabled(len(r.m.offeredRoutines(r.as)) > 0)
	k.Diary.SetEnabled(r.m.diary.offer != nil)
	// The footer keeps to what a person acts on first, on one line at 80
	// columns (two with the diary's offer): the rest are behind ?.
	return keyMap{
		short: []key.Binding{r.scroll.Scroll, k.Diary, k.Export, k.Guide, k.Back, k.Help, k.Quit},
		full: [][]key.Binding{
			{k.Diary, k.Export, k.Save, k.Sources, k.Cause, k.Details, k.History, k.Guide, k.Back, k.Help, k.Quit},
			r.scroll.bindings(),
		},
	}
}

func (r *resultsScreen) invalidate() {
	if r.as != nil {
		r.rebuild()
	}
}

// show lays out the results of an assessment, from the top.
func (r *resultsScreen) show(as *triage.Assessment) {
	r.as = as
	r.explain = r.m.o.Explain
	r.status, r.statusErr = "", false
	r.showSources = false
	r.figCause = 0
	r.layout(r.body(r.m.resultsWidth()), r.helpKeys())
	r.vp.GotoTop()
}

// rebuild lays the results out again where they were scrolled to.
func (r *resultsScreen) rebuild() {
	off := r.vp.YOffset()
	r.layout(r.body(r.m.resultsWidth()), r.helpKeys())
	r.vp.SetYOffset(off)
}

func (r *resultsScreen) update(k string, msg tea.KeyPressMsg) tea.Cmd {
	m := r.m
	ks := r.keys
	ks.History.SetEnabled(m.sess.DiaryOn())
	ks.Diary.SetEnabled(m.diary.offer != nil)
	switch {
	case on(k, ks.Diary):
		m.openConsent()
	case on(k, ks.Quit):
		return tea.Quit
	case on(k, ks.Export):
		return m.openExport(r.as)
	case on(k, ks.Save):
		return m.openSaveAnswers()
	case on(k, ks.Back):
		r.status = ""
		m.openReview()
	case on(k, ks.Sources):
		r.showSources = !r.showSources
		r.rebuild()
		if r.showSources {
			r.vp.GotoBottom()
		}
	case on(k, ks.Details):
		r.explain = !r.explain
		r.rebuild()
		r.bringIntoView(causesHeading) // the scores and rules are there
	case on(k, ks.Cause):
		if len(r.figCauses) > 1 {
			r.figCause = (r.figCause + 1) % len(r.figCauses)
			r.rebuild()
			r.bringIntoView(pictureHeading)
		}
	case on(k, ks.History):
		return m.openHistory()
	case on(k, ks.Guide):
		return m.openGuideChooser(r.as)
	default:
		r.scrollKey(k, msg)
	}
	return nil
}

func (r *resultsScreen) view() string { return r.draw() }

// The headings c and d bring into view.
const (
	pictureHeading = "Where it hurts, and where the cause may sit"
	causesHeading  = "Likely causes"
)

// bringIntoView scrolls so that the section headed heading starts at the
// top of the body, when it is not on the screen already: what a key
// changed is then seen.
func (r *resultsScreen) bringIntoView(heading string) {
	top, h := r.vp.YOffset(), r.vp.Height()
	for i, l := range r.lines {
		if strings.Contains(ansi.Strip(l), heading) {
			if i < top || i >= top+h-1 {
				r.vp.SetYOffset(i)
			}
			return
		}
	}
}

// body is everything under the pinned header.
func (r *resultsScreen) body(w int) string {
	m := r.m
	st := m.st
	as := r.as
	doc := m.document(as, r.explain)
	var b strings.Builder
	draw := func(id, heading string) {
		if s, ok := docSection(doc, id); ok {
			m.drawSection(&b, s, heading, w)
		}
	}

	warnings := func() {
		if len(as.Warnings) > 0 {
			draw(report.SecWarnings, "Warning signs in your answers")
			para(&b, st.text, m.o.Emergency.Line(), 1, w)
		}
	}
	// At urgent and emergency level the warning signs' advice comes first
	// in the body as well. Below, each sign is pinned in the header with
	// what to do, so the answer (the top cause and the first steps) comes
	// next, on the first screen at 80×24, and the signs' details after it.
	if as.Level >= rules.Urgent {
		warnings()
	}

	if w >= wideResults-2 {
		// Wide: the picture beside the answer.
		var left, right strings.Builder
		lw := w * 11 / 20
		r.answerFirst(&left, lw)
		r.pictureSection(&right, w-lw-2)
		b.WriteString(lipgloss.JoinHorizontal(lipgloss.Top, strings.TrimRight(left.String(), "\n"), "  ", strings.TrimRight(right.String(), "\n")) + "\n")
	} else {
		r.answerFirst(&b, w)
	}
	if as.Level < rules.Urgent {
		warnings()
	}
	if w < wideResults-2 {
		r.pictureSection(&b, w)
	}

	// Held (causes and self-care held back until a doctor has ruled out
	// what the warning signs suspect), or the causes and the plan: as
	// the document decides for every export.
	draw(report.SecHeld, "")
	draw(report.SecCauses, "")
	draw(report.SecPlan, "")
	draw(report.SecHelp, "")

	if len(as.Unanswered) > 0 {
		var t []string
		for _, q := range as.Unanswered {
			t = append(t, q.Short)
		}
		b.WriteString("\n")
		para(&b, st.muted, "Not answered (answering them may change the results): "+strings.Join(t, ", ")+".", 1, w)
	}

	if r.showSources {
		draw(report.SecSources, "Sources (s to hide)")
	} else {
		b.WriteString("\n")
		para(&b, st.muted, fmt.Sprintf("Sources: %d behind these suggestions; press s to show them.", len(as.Sources)), 1, w)
	}
	b.WriteString("\n")
	para(&b, st.muted, triage.Disclaimer, 1, w)
	return strings.TrimRight(b.String(), "\n")
}

// answerFirst opens the results with the answer, so that it is on the first
// screen at 80x24 (the level and what to do are in the header above): the
// top cause in one line with what in the answers points to it, and "Start
// here", the first three steps of the plan. Everything else follows.
func (r *resultsScreen) answerFirst(b *strings.Builder, w int) {
	st := r.m.st
	as := r.as
	if len(as.Causes) > 0 {
		c := as.Causes[0]
		r.m.section(b, "Most likely")
		hanging(b, st.title.Render("1. "), 3, st.text.Bold(true), c.Cause.Title, 1, w)
		if fs := c.Facts(); len(fs) > 0 {
			para(b, st.muted, triage.Because(fs), 4, w)
		}
	}
	if len(as.Plan) > 0 {
		r.m.section(b, "Start here")
		for _, p := range startHere(as) {
			hanging(b, "• ", 2, st.text, p.Step.Title, 1, w) // a list, not boxes that cannot be ticked
		}
	}
	if len(as.Causes) > 1 || len(as.Plan) > 3 {
		b.WriteString("\n")
		pic := " a picture of where it hurts,"
		if r.m.resultsWidth() >= wideResults-2 {
			pic = "" // it is beside this
		}
		causes := ""
		if len(as.Causes) > 1 {
			causes = fmt.Sprintf(" all %d likely causes,", len(as.Causes))
		}
		para(b, st.muted, fmt.Sprintf("Below:%s the full plan of %d steps,%s when to get help and the sources.", causes, len(as.Plan), pic), 1, w)
	}
}

// startHere are the first three steps of the plan, tonight's first.
func startHere(as *triage.Assessment) []triage.PlanStep {
	var out []triage.PlanStep
	for _, tm := range rules.StepTimes() {
		for _, p := range as.Plan {
			if p.Step.TimeOf().ID == tm.ID && len(out) < 3 {
				out = append(out, p)
			}
		}
	}
	return out
}

// pictureSection draws where it hurts and where the likely cause sits, with
// a legend that says it in words too.
func (r *resultsScreen) pictureSection(b *strings.Builder, w int) {
	st := r.m.st
	as := r.as
	r.figCauses = r.figCauses[:0]
	for i, c := range as.Causes {
		if len(c.Cause.Muscles) > 0 {
			r.figCauses = append(r.figCauses, i)
		}
	}
	pain := as.Answers["pain_where"].Options
	var cause []string
	var rc *triage.RankedCause
	if len(r.figCauses) > 0 {
		r.figCause = min(r.figCause, len(r.figCauses)-1)
		rc = &as.Causes[r.figCauses[r.figCause]]
		for _, mu := range rc.Cause.Muscles {
			for _, reg := range mu.Sits {
				if !slices.Contains(cause, reg) {
					cause = append(cause, reg)
				}
			}
		}
	}
	if len(pain) == 0 && len(cause) == 0 {
		return
	}
	r.m.section(b, pictureHeading)
	spec, where := figureSpec(as, pain, cause)
	pic := figure.Render(spec, st.fig)

	var lg strings.Builder
	lw := w - figure.Width(spec) - 4
	side := lw >= 28
	if !side {
		lw = w - 2
	}
	if len(pain) > 0 {
		hanging(&lg, st.painMark+" ", 2, st.text, "where it hurts: "+where, 0, lw)
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
		pos := r.figCauses[r.figCause] + 1
		hanging(&lg, "", 0, st.text.Bold(true), fmt.Sprintf("Showing cause %d: %s", pos, rc.Cause.Title), 0, lw)
		if len(r.figCauses) > 1 {
			hanging(&lg, "", 0, st.muted, fmt.Sprintf("Press c for another cause (%d of %d).", r.figCause+1, len(r.figCauses)), 0, lw)
		}
		if len(pain) > 0 && !overlaps(pain, cause) {
			lg.WriteString("\n")
			hanging(&lg, "", 0, st.why, "The likely cause sits away from where it hurts: muscles often send pain elsewhere, so care goes where the cause is.", 0, lw)
		}
	}
	legend := strings.TrimRight(lg.String(), "\n")
	if side {
		b.WriteString(indentBlock(lipgloss.JoinHorizontal(lipgloss.Top, pic, "    ", legend)))
	} else {
		b.WriteString(indentBlock(pic) + "\n")
		b.WriteString(indentBlock(legend))
	}
	b.WriteString("\n")
}

// figureSpec is what the picture marks, and where it hurts in words: the
// side chosen (pain_side left or right) is marked alone, and said.
func figureSpec(as *triage.Assessment, pain, cause []string) (figure.Spec, string) {
	spec := figure.Spec{Pain: pain, Cause: cause}
	where := regionNames(pain)
	if side := as.Answers["pain_side"].Options; len(side) == 1 && (side[0] == "left" || side[0] == "right") {
		spec.Side = side[0]
		where += ", on the " + side[0]
	}
	return spec, where
}

func overlaps(a, b []string) bool {
	for _, x := range a {
		if slices.Contains(b, x) {
			return true
		}
	}
	return false
}

// regionNames names regions in words, as the rule table names them.
func regionNames(ids []string) string {
	out := make([]string, 0, len(ids))
	for _, id := range ids {
		out = append(out, rules.RegionName(id))
	}
	return strings.Join(out, ", ")
}
