package tui

import (
	"strings"

	"charm.land/bubbles/v2/key"
	"charm.land/bubbles/v2/viewport"
	tea "charm.land/bubbletea/v2"

	"github.com/backtriage/backtriage/internal/rules"
	"github.com/backtriage/backtriage/internal/triage"
)

// levelPane is what the results and the stop screen share: the level
// pinned at the top with what to do and every warning sign, which no
// scrolling hides; the rest in a viewport; a status line; the footer.
type levelPane struct {
	m         *Model
	as        *triage.Assessment
	header    string
	footer    string
	vp        viewport.Model // scroll state
	lines     []string       // the content's lines, drawn from vp's offset
	status    string
	statusErr bool
	frame     frame
	more      string
	scroll    scrollKeys
}

// scrollKeys are the viewport's own bindings (bubbles' pager keys) and the
// ends; d and u are taken by the screens, so half pages are ctrl+d/ctrl+u.
type scrollKeys struct {
	vp          viewport.KeyMap
	Top, Bottom key.Binding
	Scroll      key.Binding // the footer's short form
}

func newScrollKeys() scrollKeys {
	k := viewport.DefaultKeyMap()
	k.HalfPageDown = bind("ctrl+d", "½ page down", "ctrl+d")
	k.HalfPageUp = bind("ctrl+u", "½ page up", "ctrl+u")
	k.Left.Unbind()
	k.Right.Unbind()
	k.Down.SetHelp("↓/j", "scroll down")
	k.Up.SetHelp("↑/k", "scroll up")
	k.PageDown.SetHelp("space/f/pgdn", "page down")
	return scrollKeys{
		vp:     k,
		Top:    bind("g/home", "top", "home", "g"),
		Bottom: bind("G/end", "bottom", "end", "G"),
		Scroll: bind("↑/↓", "scroll", "up", "down"),
	}
}

func (s scrollKeys) bindings() []key.Binding {
	return []key.Binding{s.vp.Up, s.vp.Down, s.vp.PageUp, s.vp.PageDown, s.vp.HalfPageUp, s.vp.HalfPageDown, s.Top, s.Bottom}
}

func newLevelPane(m *Model) levelPane {
	p := levelPane{m: m, vp: viewport.New(), scroll: newScrollKeys()}
	p.vp.KeyMap = p.scroll.vp
	return p
}

// scrollKey scrolls for k when k is a scroll key; any other key does nothing.
func (p *levelPane) scrollKey(k string, msg tea.KeyPressMsg) { p.scroll.apply(&p.vp, k, msg) }

// apply scrolls vp for k when k is a scroll key; any other key does nothing.
func (s scrollKeys) apply(vp *viewport.Model, k string, msg tea.KeyPressMsg) {
	switch {
	case on(k, s.Top):
		vp.GotoTop()
	case on(k, s.Bottom):
		vp.GotoBottom()
	default:
		for _, b := range s.bindings() {
			if on(k, b) {
				*vp, _ = vp.Update(msg)
				return
			}
		}
	}
}

// layout lays the pane out for the current size: the header, the footer
// from keys, and the body content in the viewport.
func (p *levelPane) layout(body string, keys keyMap) {
	m := p.m
	w := m.resultsWidth()
	// The frame puts one blank line under the header; the body's first
	// section would add another.
	body = strings.TrimLeft(body, "\n")
	p.header = p.levelHeader(w)
	p.footer = m.footer(keys.short)
	p.vp.SetWidth(w + 2)
	p.vp.SetHeight(m.bodyHeight(p.header, p.footer, len(p.statusLines())))
	p.vp.SetContent(body)
	p.lines = strings.Split(body, "\n")
	p.more = "   " + m.st.muted.Render("▼ more below (↓, space or pgdn)")
}

func (p *levelPane) statusLines() []string {
	if p.status == "" {
		return nil
	}
	st := p.m.st.ok
	if p.statusErr {
		st = p.m.st.err
	}
	var out []string
	for _, l := range wrap(p.status, p.m.contentWidth()) {
		out = append(out, " "+st.Render(l))
	}
	return out
}

// draw is the frame: the lines are drawn here from the viewport's offset,
// without re-rendering them (viewport.View restyles every line on every
// key).
func (p *levelPane) draw() string {
	return p.frame.build(p.header, p.lines, p.vp.YOffset(), p.vp.Height(), p.more, p.statusLines(), p.footer)
}

// levelHeader is the level banner, what to do, and every warning sign: an
// urgent or emergency sign is always on screen.
func (p *levelPane) levelHeader(w int) string {
	m := p.m
	st := m.st
	as := p.as
	info := triage.Info(as.Level)
	var b strings.Builder
	if w >= 26 {
		b.WriteString(" " + st.app.Render("backtriage") + st.muted.Render(" · your results") + "\n")
	} else {
		b.WriteString(" " + st.app.Render("backtriage") + "\n")
	}
	banner := levelMark(as.Level) + " " + strings.ToUpper(as.Level.String()) + "  " + info.Headline
	for _, l := range wrap(banner, w-2) {
		b.WriteString(" " + st.banner[as.Level].Width(w).Render(l) + "\n")
	}
	for _, l := range wrap(m.o.Emergency.Annotate(info.Do), w-2) {
		b.WriteString("  " + st.text.Bold(as.Level >= rules.Urgent).Render(l) + "\n")
	}
	for _, f := range as.Warnings {
		for i, l := range wrap("⚠ "+strings.ToUpper(f.Level.String())+": "+f.Rule.Title, w-2) {
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

// section writes a heading.
func (m *Model) section(b *strings.Builder, title string) {
	b.WriteString("\n " + m.st.heading.Render(title) + "\n")
}
