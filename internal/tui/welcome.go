package tui

import (
	"fmt"
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"github.com/backtriage/backtriage/internal/field"
	"github.com/backtriage/backtriage/internal/triage"
)

// welcomeScreen says what the tool does and does not do, and starts.
type welcomeScreen struct {
	m      *Model
	footer string
}

var welcomeKeys = struct{ Start, Diary, Help, Quit key.Binding }{
	Start: bind("enter", "start", "enter", "space", "right", "l"),
	Diary: bind("v", "your diary", "v"), // h is back (left) on every other screen
	Help:  keyHelp,
	Quit:  bind("ctrl+c", "quit", "ctrl+c", "q", "esc"),
}

func (w *welcomeScreen) id() screenID { return scrWelcome }

func (w *welcomeScreen) invalidate() { w.footer = "" }

// helpKeys: the diary's key only once a diary is found.
func (w *welcomeScreen) helpKeys() keyMap {
	k := welcomeKeys
	keys := []key.Binding{k.Start}
	if w.m.diary.kept {
		keys = append(keys, k.Diary)
	}
	keys = append(keys, k.Help, k.Quit)
	return keyMap{short: keys, full: [][]key.Binding{keys}}
}

func (w *welcomeScreen) update(k string, _ tea.KeyPressMsg) tea.Cmd {
	switch {
	case on(k, welcomeKeys.Start):
		w.m.start()
	case on(k, welcomeKeys.Diary) && w.m.diary.kept:
		return w.m.openHistory()
	case on(k, welcomeKeys.Quit):
		return w.m.requestQuit()
	}
	return nil
}

// view draws the welcome with its Start button always on screen: the key
// list under it (from the question page's bindings) is what gives way on
// a short terminal.
func (w *welcomeScreen) view() string {
	m := w.m
	st := m.st
	if w.footer == "" {
		w.footer = m.footer(w.helpKeys().short)
	}
	width := min(m.contentWidth(), 76)
	avail := m.height - lipglossHeight(w.footer)
	top := w.blocks(width, avail-2)
	top = append(top, "", " "+st.button.Render("Start  ⏎"))

	// The keys of the questions, from their bindings, as far as they fit.
	avail -= len(top)
	k := m.page.keys
	keys := []keyLine{
		{k.Move, field.Keys.Choose, k.Next}, {k.Page}, {k.Why}, {k.Help}, {k.Quit},
	}
	var kb strings.Builder
	if avail >= 4 {
		kb.WriteString("\n")
		para(&kb, st.text.Bold(true), "Keys on the questions", 1, width)
		for _, l := range keys {
			if strings.Count(kb.String(), "\n") >= avail {
				break
			}
			hanging(&kb, st.key.Render(fmt.Sprintf("%-22s", l.keys())), 22, st.text, l.desc(), 3, width)
		}
	}
	lines := top
	if kb.Len() > 0 {
		kl := strings.Split(strings.TrimRight(kb.String(), "\n"), "\n")
		lines = append(lines, kl[:min(len(kl), max(avail, 0))]...)
	}
	for len(lines) < m.height-lipglossHeight(w.footer) {
		lines = append(lines, "")
	}
	return strings.Join(lines, "\n") + "\n" + w.footer
}

// blocks are the welcome's paragraphs that fit in height lines, whole and
// in their order: on a short terminal the ones that matter least give way
// first (the privacy note, the introduction), never the emergency advice
// or the disclaimer.
func (w *welcomeScreen) blocks(width, height int) []string {
	m := w.m
	st := m.st
	bullet := st.key.Render("• ")
	para1 := func(f func(*strings.Builder)) []string {
		var b strings.Builder
		f(&b)
		return strings.Split(strings.TrimRight(b.String(), "\n"), "\n")
	}
	type block struct {
		lines []string
		rank  int // lower stays longer
	}
	bs := []block{
		{[]string{"", " " + st.app.Render("backtriage") + st.muted.Render("  ·  woke up with upper back pain?")}, 0},
		{para1(func(b *strings.Builder) {
			b.WriteString("\n")
			para(b, st.text, "First a few warning signs, then short pages about where it hurts, how you sleep and your day. You get the likely muscle causes (and why), a picture of where it hurts and where the cause may sit, a self-care plan, and when to get help.", 1, width)
		}), 4},
		{para1(func(b *strings.Builder) {
			b.WriteString("\n")
			hanging(b, bullet, 2, st.text, triage.Disclaimer, 1, width)
		}), 1},
		{para1(func(b *strings.Builder) {
			hanging(b, bullet, 2, st.text, m.o.Emergency.Annotate("If something feels seriously wrong, call your local emergency number now; don't wait for a questionnaire."), 1, width)
		}), 0},
		{para1(func(b *strings.Builder) {
			hanging(b, bullet, 2, st.text, "Nothing leaves this machine: no network, no tracking. You choose whether to save anything.", 1, width)
		}), 3},
	}
	if m.o.Answers != nil {
		from := m.o.AnswersFrom
		if from == "" {
			from = "your file"
		}
		bs = append(bs, block{para1(func(b *strings.Builder) {
			b.WriteString("\n")
			hanging(b, st.ok.Render("✓ "), 2, st.text, fmt.Sprintf("Loaded %d answers from %s: you can go on or change any of them.", len(m.o.Answers), from), 1, width)
		}), 2})
	}
	if w.m.diary.kept {
		bs = append(bs, block{para1(func(b *strings.Builder) {
			b.WriteString("\n")
			hanging(b, st.ok.Render("✓ "), 2, st.text, "You keep a diary: press v to see how it is going. Check in each day with: backtriage checkin", 1, width)
		}), 2})
	}
	keep := make([]bool, len(bs))
	used := 0
	for rank := 0; rank <= 4; rank++ {
		for i, b := range bs {
			if b.rank == rank && used+len(b.lines) <= height {
				keep[i] = true
				used += len(b.lines)
			}
		}
	}
	var out []string
	for i, b := range bs {
		if keep[i] {
			out = append(out, b.lines...)
		}
	}
	return out
}

// keyLine is one line of the welcome's key list: bindings shown together.
type keyLine []key.Binding

func (l keyLine) keys() string {
	var ks []string
	for _, b := range l {
		ks = append(ks, b.Help().Key)
	}
	return strings.Join(ks, " ")
}

func (l keyLine) desc() string {
	var ds []string
	for _, b := range l {
		ds = append(ds, b.Help().Desc)
	}
	return strings.Join(ds, ", ")
}

func lipglossHeight(s string) int { return strings.Count(s, "\n") + 1 }
