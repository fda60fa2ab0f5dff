package tui

import (
	"io"
	"strings"

	"charm.land/lipgloss/v2"
	"github.com/charmbracelet/x/term"

	"github.com/backtriage/backtriage/internal/triage"
)

// leaveAdvice prints the "do this now" box on the normal screen when the
// program ends with answers at emergency or urgent level: the alternate
// screen goes away on exit, and advice to get help now must not go with it.
// It is plain text with a box of line characters, so it reads the same
// with or without colour and stays in the scrollback.
func (m *Model) leaveAdvice(w io.Writer) {
	if m.eng == nil || !m.sess.HasAnswers() {
		return
	}
	as := m.eng.Assess(m.sess.Given)
	if !triage.PolicyFor(as).KeepAdviceOnExit {
		return
	}
	// Like every write to the terminal (see fmt.Fprint in .golangci.yml),
	// a failed write has nowhere left to be reported.
	_, _ = io.WriteString(w, adviceBox(as, m.o.Emergency.Annotate, m.o.Emergency.Line(), min(max(exitWidth(w, m.width)-1, 24), 80)))
}

// exitWidth is the terminal's width when the program ends, asked of the
// terminal itself: the layout's width is the last size the program took in,
// and a resize it had not yet read (a window made wider just before
// quitting) would leave the box as narrow as the old window. layout is
// used when w is not a terminal, 80 when no size was ever known.
func exitWidth(w io.Writer, layout int) int {
	if f, ok := w.(interface{ Fd() uintptr }); ok {
		if width, _, err := term.GetSize(f.Fd()); err == nil && width > 0 {
			return width
		}
	}
	if layout > 0 {
		return layout
	}
	return 80
}

// adviceBox is the box: the level, what to do now, the number to call and
// the warning signs found, wrapped to width.
func adviceBox(as *triage.Assessment, annotate func(string) string, numbers string, width int) string {
	info := triage.Info(as.Level)
	w := width - 4 // border and padding
	var b strings.Builder
	add := func(s string, prefix string) {
		for i, l := range wrap(s, w-len(prefix)) {
			if i == 0 {
				b.WriteString(prefix + l + "\n")
			} else {
				b.WriteString(strings.Repeat(" ", len(prefix)) + l + "\n")
			}
		}
	}
	add("backtriage: "+strings.ToUpper(as.Level.String())+", "+info.Headline[strings.Index(info.Headline, ":")+2:], "")
	b.WriteString("\n")
	add("Do this now: "+annotate(info.Do), "")
	if triage.PolicyFor(as).Numbers {
		add(numbers, "")
	}
	if len(as.Warnings) > 0 {
		b.WriteString("\n")
		add("Because of:", "")
		for _, f := range as.Warnings {
			add(f.Rule.Title, "- ")
		}
	}
	box := lipgloss.NewStyle().Border(lipgloss.ThickBorder()).Padding(0, 1).Width(width)
	return box.Render(strings.TrimSuffix(b.String(), "\n")) + "\n"
}
