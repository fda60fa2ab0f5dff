package tui

import (
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"github.com/backtriage/backtriage/internal/report"
	"github.com/backtriage/backtriage/internal/rules"
	"github.com/backtriage/backtriage/internal/triage"
)

// stopScreen says what to do now, before anything else: the emergency
// screen (the questionnaire ends there), or an urgent sign found part-way
// through (what to do today; enter then finishes the questions for the
// summary). It is drawn at any terminal size.
type stopScreen struct {
	levelPane
	keys stopKeys
	// urgent: an urgent sign mid-questionnaire, which the person may go on
	// past.
	urgent bool
}

type stopKeys struct {
	Continue, Export, Save, Back, Help, Quit key.Binding
}

func newStopScreen(m *Model) *stopScreen {
	return &stopScreen{levelPane: newLevelPane(m), keys: stopKeys{
		Continue: bind("enter", "finish the questions", "enter"),
		Export:   bind("e", "export the summary", "e"),
		Save:     bind("a", "save answers", "a"),
		Back:     bind("←/h/esc", "change answers", "left", "h", "esc"),
		Help:     keyHelp,
		Quit:     bind("q", "quit", "q", "ctrl+c"),
	}}
}

func (s *stopScreen) id() screenID { return scrStop }

func (s *stopScreen) helpKeys() keyMap {
	k := s.keys
	k.Continue.SetEnabled(s.urgent)
	return keyMap{
		short: []key.Binding{k.Continue, k.Export, k.Back, s.scroll.Scroll, k.Help, k.Quit},
		full:  [][]key.Binding{{k.Continue, k.Export, k.Save, k.Back, k.Help, k.Quit}, s.scroll.bindings()},
	}
}

func (s *stopScreen) invalidate() {
	if s.as != nil {
		off := s.vp.YOffset()
		s.layout(s.body(s.m.resultsWidth()), s.helpKeys())
		s.vp.SetYOffset(off)
	}
}

// show lays out the stop screen for an assessment.
func (s *stopScreen) show(as *triage.Assessment, urgent bool) {
	s.as, s.urgent = as, urgent
	s.status, s.statusErr = "", false
	s.layout(s.body(s.m.resultsWidth()), s.helpKeys())
	s.vp.GotoTop()
}

func (s *stopScreen) update(k string, msg tea.KeyPressMsg) tea.Cmd {
	m := s.m
	ks := s.keys
	ks.Continue.SetEnabled(s.urgent)
	switch {
	case on(k, ks.Quit):
		return tea.Quit
	case on(k, ks.Continue):
		m.continueAfterStop()
	case on(k, ks.Export):
		return m.openExport(s.as)
	case on(k, ks.Save):
		return m.openSaveAnswers()
	case on(k, ks.Back):
		// Back to the warning signs, to undo a mistaken tick.
		s.status = ""
		m.backToWarnings(s.as)
	default:
		s.scrollKey(k, msg)
	}
	return nil
}

func (s *stopScreen) view() string { return s.draw() }

// body says what to do now, and why, before anything else.
func (s *stopScreen) body(w int) string {
	m := s.m
	st := m.st
	as := s.as
	var b strings.Builder
	b.WriteString("\n")
	var inner strings.Builder
	doNow := "Do this now:"
	if as.Level == rules.Urgent {
		doNow = "Do this today:"
	}
	inner.WriteString(st.err.Render(doNow) + "\n")
	for _, l := range wrap(m.o.Emergency.Annotate(triage.Info(as.Level).Do), w-8) {
		inner.WriteString(st.text.Bold(true).Render(l) + "\n")
	}
	if triage.PolicyFor(as).Numbers {
		for _, l := range wrap(m.o.Emergency.Line(), w-8) {
			inner.WriteString(st.text.Render(l) + "\n")
		}
	}
	b.WriteString(indentBlock(st.dangerBox.Width(w-2).Render(strings.TrimSuffix(inner.String(), "\n"))) + "\n")
	doc := m.document(as, false)
	if sec, ok := docSection(doc, report.SecWarnings); ok {
		m.drawSection(&b, sec, "Why", w) // the exports' words
	}
	if sec, ok := docSection(doc, report.SecHelp); ok && as.Level == rules.Emergency {
		// At emergency level only the line on getting worse while waiting:
		// what the person may need before anyone arrives.
		m.drawSection(&b, sec, "", w)
	}
	b.WriteString("\n")
	switch {
	case s.urgent && as.Held != "":
		// The rest of the questions are for the summary; a doctor must rule
		// this out before any muscle cause or self-care is given.
		para(&b, st.text, "Press Enter to finish the questions for your summary. "+as.Held, 1, w)
		para(&b, st.muted, "Press e to save a summary to show a doctor. If you chose a warning sign by mistake, press ← to change your answers.", 1, w)
	case s.urgent:
		para(&b, st.text, "Press Enter to finish the questions for your summary. Likely causes and self-care will be for while you wait to be seen today, never instead of it.", 1, w)
		para(&b, st.muted, "Press e to save a summary to show a doctor. If you chose a warning sign by mistake, press ← to change your answers.", 1, w)
	default:
		para(&b, st.text, "The questionnaire stops here. "+as.Held, 1, w)
		para(&b, st.muted, "Press e to save a summary to show the emergency services or a doctor. If you chose a warning sign by mistake, press ← to change your answers.", 1, w)
	}
	b.WriteString("\n")
	para(&b, st.muted, triage.Disclaimer, 1, w)
	return strings.TrimRight(b.String(), "\n")
}
