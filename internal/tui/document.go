package tui

import (
	"fmt"
	"strings"

	"charm.land/lipgloss/v2"

	"github.com/backtriage/backtriage/internal/report"
	"github.com/backtriage/backtriage/internal/triage"
)

// The results screen draws the sections of report's document (warning
// signs, causes, the plan, when to get help, the sources) in its own
// styles: the words are the exports' words, decided in one place. Only the
// layout is the screen's: the level pinned above, the answer and the
// picture first.

// document is the assessment's document as the screen shows it: rule ids
// and scores when d has turned them on.
func (m *Model) document(as *triage.Assessment, explain bool) report.Document {
	meta := m.sess.Meta()
	meta.Explain = explain
	return report.Content(as, meta)
}

// docSection finds a section of d by id.
func docSection(d report.Document, id string) (report.Section, bool) {
	for _, s := range d.Sections {
		if s.ID == id {
			return s, true
		}
	}
	return report.Section{}, false
}

// drawSection writes a document's section under heading (its own when
// heading is ""), lists with a marker: the warning signs' ⚠, else a
// number or a bullet.
func (m *Model) drawSection(b *strings.Builder, s report.Section, heading string, w int) {
	st := m.st
	if heading == "" {
		heading = s.Heading
	}
	if heading != "" { // a section without one (the history's first) is its paragraphs alone
		m.section(b, heading)
	}
	for i, bl := range s.Blocks {
		switch bl.Kind {
		case report.Para:
			if i > 0 && s.Blocks[i-1].Kind != report.Para {
				b.WriteString("\n")
			}
			para(b, st.text, bl.Text, 1, w)
		case report.QuoteBlock:
			para(b, st.why, "“"+bl.Text+"”", 1, w)
		case report.LabelBlock:
			b.WriteString("\n")
			para(b, st.title, bl.Text, 1, w)
		case report.Preformatted:
			b.WriteString("\n")
			for _, l := range strings.Split(strings.TrimRight(bl.Text, "\n"), "\n") {
				b.WriteString(" " + st.text.Render(l) + "\n")
			}
		case report.Numbered, report.Bullets:
			if i > 0 && s.Blocks[i-1].Kind != report.LabelBlock && s.Blocks[i-1].Kind != report.Para {
				b.WriteString("\n") // a list after a list: the steps left out after the plan
			}
			for j, it := range bl.Items {
				marker, mark := "• ", st.text
				switch {
				case s.ID == report.SecWarnings:
					marker, mark = "⚠ ", st.err
				case bl.Kind == report.Numbered:
					marker, mark = fmt.Sprintf("%d. ", j+1), st.title
				}
				width := lipgloss.Width(marker)
				hanging(b, mark.Render(marker), width, st.text.Bold(len(it.Detail) > 0), it.Text, 1, w)
				for _, d := range it.Detail {
					detailLine(b, m.toneStyle(d.Tone), d.Text, 1+width, w)
				}
			}
		}
	}
}

// toneStyle is how a line of detail reads on the screen.
func (m *Model) toneStyle(t report.Tone) lipgloss.Style {
	switch t {
	case report.Aside:
		return m.st.muted
	case report.Caution:
		return m.st.err
	}
	return m.st.text
}

// detailLine writes a line of detail; a numbered instruction ("2. Put a
// pillow...") wraps under its text, not under its number.
func detailLine(b *strings.Builder, st lipgloss.Style, text string, indent, w int) {
	if n := numberPrefix(text); n > 0 {
		hanging(b, st.Render(text[:n]), n, st, text[n:], indent, w)
		return
	}
	para(b, st, text, indent, w)
}

// numberPrefix is the length of "12. " at the start of s, or 0.
func numberPrefix(s string) int {
	i := 0
	for i < len(s) && s[i] >= '0' && s[i] <= '9' {
		i++
	}
	if i > 0 && i+1 < len(s) && s[i] == '.' && s[i+1] == ' ' {
		return i + 2
	}
	return 0
}
