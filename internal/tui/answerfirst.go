package tui

import (
	"fmt"
	"strings"
)

// answerFirst opens the results with the answer, so that it is on the first
// screen at 80x24 (the level and what to do are in the header above): the
// top cause in one line with what in the answers points to it, and "Start
// here", the first three steps of the plan. Everything else follows.
func (m *Model) answerFirst(b *strings.Builder, w int) {
	st := m.st
	as := m.as
	if len(as.Causes) > 0 {
		c := as.Causes[0]
		m.section(b, "Most likely")
		hanging(b, st.title.Render("1. "), 3, st.text.Bold(true), c.Cause.Title, 1, w)
		var facts []string
		for _, r := range c.Reasons {
			for _, f := range r.Because {
				facts = append(facts, f.Question.Short+": "+f.Text)
			}
		}
		if len(facts) > 0 {
			para(b, st.muted, "Because you said: "+strings.Join(dedupe(facts), "; "), 4, w)
		}
	}
	if len(as.Plan) > 0 {
		m.section(b, "Start here")
		for i, p := range as.Plan {
			if i == 3 {
				break
			}
			hanging(b, "[ ] ", 4, st.text, p.Step.Title, 1, w)
		}
	}
	if len(as.Causes) > 1 || len(as.Plan) > 3 {
		b.WriteString("\n")
		pic := " a picture of where it hurts,"
		if m.resultsWidth() >= wideResults-2 {
			pic = "" // it is beside this
		}
		para(b, st.muted, fmt.Sprintf("Below: all %d likely causes, the full plan of %d steps,%s when to get help and the sources.", len(as.Causes), len(as.Plan), pic), 1, w)
	}
}

// resultsMoreLine marks the last line of the results when more follows.
func (m *Model) resultsMoreLine() string {
	k := cacheKey{-1, -3, 0}
	if l, ok := m.cache[k]; ok {
		return l[0]
	}
	l := "   " + m.st.muted.Render("▼ more below (↓, space or pgdn)")
	m.cache[k] = []string{l}
	return l
}
