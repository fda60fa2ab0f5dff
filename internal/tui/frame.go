package tui

import (
	"fmt"
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/backtriage/backtriage/internal/textwrap"
)

// What every screen draws with: the frame (a header, the body, a status
// line and the footer), the footer from the screen's bindings, dialogs
// over the screen, and wrapped text.

// View draws the current screen, and any dialog over it.
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
	base := m.cur.view()
	if m.dlg != nil {
		return m.overlay(base, m.dlg.view())
	}
	return base
}

// enlargeView asks for a bigger terminal; resizing redraws the flow.
func (m *Model) enlargeView() string {
	w := max(10, m.width-2)
	var b strings.Builder
	b.WriteString(m.st.title.Render("Please enlarge the terminal") + "\n\n")
	para(&b, m.st.text, fmt.Sprintf("backtriage needs at least %d×%d; this one is %d×%d. Make the window bigger and the questions come back as they were.",
		MinWidth, MinHeight, m.width, m.height), 0, w)
	b.WriteString("\n")
	if _, ok := m.dlg.(*quitDialog); ok {
		para(&b, m.st.err, "Press ctrl+c again to quit without saving, or enlarge the window to save your answers first.", 0, w)
	} else {
		para(&b, m.st.muted, "Line-by-line prompts: backtriage --accessible. Quit: ctrl+c.", 0, w)
	}
	return indentBlock(strings.TrimSuffix(b.String(), "\n"))
}

// contentWidth is the width text is laid out in. Below the minimum size
// (only the emergency and urgent results are drawn there) it is as narrow
// as the terminal.
func (m *Model) contentWidth() int {
	if m.width < MinWidth {
		return max(10, m.width-2)
	}
	return max(20, min(m.width, maxWidth)-2)
}

// footer lays out a screen's short help with the help bubble, under the
// screen's text.
func (m *Model) footer(bindings []key.Binding) string {
	return indentBlock(m.footerIn(bindings, m.contentWidth()))
}

// footerIn lays out short help in width w: one line per run of bindings
// that fits (the bubble itself cuts a line short; this wraps instead, so no
// key drops out of it).
func (m *Model) footerIn(bindings []key.Binding, w int) string {
	var lines []string
	start := 0
	for start < len(bindings) {
		end := start + 1
		for end < len(bindings) && lipgloss.Width(m.help.ShortHelpView(bindings[start:end+1])) <= w {
			end++
		}
		line := m.help.ShortHelpView(bindings[start:end])
		if lipgloss.Width(line) > w {
			line = ansi.Truncate(line, w, "…")
		}
		if line != "" {
			lines = append(lines, line)
		}
		start = end
	}
	return strings.Join(lines, "\n")
}

// titleHeader is a screen's title line, a rule and a wrapped line under it.
func (m *Model) titleHeader(where, title string, done, of int, sub string) string {
	st := m.st
	w := m.contentWidth()
	var b strings.Builder
	b.WriteString(" " + st.app.Render("backtriage") + st.muted.Render(where) + st.title.Render(title) + "\n")
	d := w
	if of > 0 {
		d = w * done / of
	}
	b.WriteString(" " + st.progressDone.Render(strings.Repeat("━", d)) + st.progressTodo.Render(strings.Repeat("─", w-d)) + "\n")
	for _, l := range wrap(sub, w) {
		b.WriteString(" " + st.muted.Render(l) + "\n")
	}
	return strings.TrimSuffix(b.String(), "\n")
}

// frame assembles a screen: header, a blank line, the body lines from off
// (bodyH of them, the last saying "more below" when more follows), the
// status lines and the footer, into the terminal's height.
type frame struct {
	b strings.Builder
}

func (f *frame) build(header string, lines []string, off, bodyH int, more string, status []string, footer string) string {
	b := &f.b
	b.Reset()
	b.Grow(4096)
	b.WriteString(header)
	b.WriteString("\n\n")
	showMore := more != "" && off+bodyH < len(lines) && bodyH > 2
	for i := off; i < off+bodyH; i++ {
		switch {
		case showMore && i == off+bodyH-1:
			b.WriteString(more)
		case i < len(lines):
			b.WriteString(lines[i])
		}
		b.WriteByte('\n')
	}
	for _, s := range status {
		b.WriteString(s)
		b.WriteByte('\n')
	}
	b.WriteString(footer)
	return b.String()
}

// bodyHeight is what is left between a header, status lines and a footer.
func (m *Model) bodyHeight(header, footer string, status int) int {
	return max(1, m.height-lipgloss.Height(header)-1-status-lipgloss.Height(footer))
}

// overlay draws a dialog box over the screen, centred, below the header so
// the level (and any warning) stays in view.
func (m *Model) overlay(base, box string) string {
	bw, bh := lipgloss.Size(box)
	x := max(0, (min(m.width, maxWidth)-bw)/2)
	y := max(0, (m.height-bh)/2)
	if top := m.headerHeight() + 1; top > 1 && top+bh <= m.height {
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

// headerHeight is the height of the results' pinned header, which dialogs
// stay below; 0 on other screens.
func (m *Model) headerHeight() int {
	switch m.cur {
	case m.stop:
		return lipgloss.Height(m.stop.header)
	case m.results:
		return lipgloss.Height(m.results.header)
	}
	return 0
}

// dialogWidth is a dialog box's width.
func (m *Model) dialogWidth() int { return max(30, min(m.contentWidth()-4, 72)) }

// ---- Text ----

// wrap breaks text into lines of at most w cells (at least 8) at spaces
// (textwrap.Words): a web address or a flag is never split at a hyphen or
// a slash; only a word longer than the whole line is cut.
func wrap(s string, w int) []string {
	return textwrap.Words(s, max(w, 8))
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

// indentBlock indents every line of s by one column, the margin every
// screen keeps from the terminal's edge.
func indentBlock(s string) string {
	return " " + strings.ReplaceAll(s, "\n", "\n ")
}
