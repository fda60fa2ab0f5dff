package tui

import (
	"strings"
	"time"

	"charm.land/bubbles/v2/key"
	"charm.land/bubbles/v2/viewport"
	tea "charm.land/bubbletea/v2"

	"github.com/backtriage/backtriage/internal/diary"
	"github.com/backtriage/backtriage/internal/history"
	"github.com/backtriage/backtriage/internal/textwrap"
	"github.com/backtriage/backtriage/internal/triage"
)

// historyScreen shows the diary as `backtriage history` does (the current
// advice first, the pain by day, the steps done, the records), read in the
// background when opened from the results.
type historyScreen struct {
	m      *Model
	back   screen        // where it was opened from: the welcome or the results
	diary  *history.View // the diary read, drawn at the screen's width
	text   string        // or why there is none
	lines  []string
	vp     viewport.Model
	scroll scrollKeys
	header string
	footer string
	frame  frame
}

var historyKeys = struct{ Back, Help, Quit key.Binding }{
	Back: bind("←/esc/h", "back", "left", "esc", "h"),
	Help: keyHelp,
	Quit: bind("q", "quit", "q", "ctrl+c"),
}

// historyMsg carries the diary read for the history screen, and the rule
// table that reads it.
type historyMsg struct {
	rec    *diary.Record
	err    error
	eng    *triage.Engine
	engErr error
	now    time.Time // the session's date: how old the last advice is
}

func newHistoryScreen(m *Model) *historyScreen {
	h := &historyScreen{m: m, vp: viewport.New(), scroll: newScrollKeys()}
	h.vp.KeyMap = h.scroll.vp
	return h
}

func (h *historyScreen) id() screenID { return scrHistory }

func (h *historyScreen) helpKeys() keyMap {
	k := historyKeys
	return keyMap{
		short: []key.Binding{h.scroll.Scroll, k.Back, k.Help, k.Quit},
		full:  [][]key.Binding{{k.Back, k.Help, k.Quit}, h.scroll.bindings()},
	}
}

// openHistory shows the history screen and reads the diary for it, in the
// background; from the welcome screen the rule table may still be loading,
// so the read waits for it there.
func (m *Model) openHistory() tea.Cmd {
	m.history.back = m.cur
	m.history.set("Reading your diary…")
	m.cur = m.history
	sess := m.sess
	return func() tea.Msg {
		rec, err := sess.DiaryRecord()
		sess.Loader().Begin()
		eng, engErr := sess.Loader().Result()
		return historyMsg{rec: rec, err: err, eng: eng, engErr: engErr, now: sess.Now}
	}
}

// show puts what was read on the screen.
func (h *historyScreen) show(msg historyMsg) {
	switch {
	case msg.err != nil:
		h.set("Your diary could not be read: " + msg.err.Error())
	case msg.rec == nil:
		h.set("You do not keep a diary yet, so there is nothing to show. After your results, backtriage offers to keep one (it says what is kept and where); or start one with: backtriage diary start")
	case msg.engErr != nil || msg.eng == nil:
		h.set("Your diary cannot be shown without the rule table: " + errText(msg.engErr))
	default:
		h.diary = history.Build(msg.rec, msg.eng.Table(), msg.now)
		h.invalidate()
		h.vp.GotoTop()
	}
}

func errText(err error) string {
	if err == nil {
		return "it did not load"
	}
	return err.Error()
}

// set shows a message instead of the diary.
func (h *historyScreen) set(text string) {
	h.diary, h.text = nil, text
	h.invalidate()
	h.vp.GotoTop()
}

func (h *historyScreen) invalidate() {
	m := h.m
	h.header = m.titleHeader(" · ", "Your diary", 1, 1, "")
	h.footer = m.footer(h.helpKeys().short)
	w := m.contentWidth()
	var b strings.Builder
	if h.diary != nil {
		// history's document, the words of `backtriage history`, drawn in
		// the results' styles; the chart fitted to the screen.
		for _, s := range history.Document(h.diary, w-1).Sections {
			m.drawSection(&b, s, "", w)
		}
	} else {
		// The output boundary: a message naming a file never reaches the
		// terminal with a control character in it.
		para(&b, m.st.text, textwrap.Safe(h.text), 1, w)
	}
	h.lines = strings.Split(strings.Trim(b.String(), "\n"), "\n")
	h.vp.SetWidth(w + 2)
	h.vp.SetHeight(m.bodyHeight(h.header, h.footer, 0))
	h.vp.SetContentLines(h.lines)
}

func (h *historyScreen) update(k string, msg tea.KeyPressMsg) tea.Cmd {
	switch {
	case on(k, historyKeys.Quit):
		return tea.Quit
	case on(k, historyKeys.Back):
		h.m.cur = h.back
	default:
		h.scroll.apply(&h.vp, k, msg)
	}
	return nil
}

func (h *historyScreen) view() string {
	if h.header == "" {
		h.invalidate()
	}
	more := "   " + h.m.st.muted.Render("▼ more below")
	return h.frame.build(h.header, h.lines, h.vp.YOffset(), h.vp.Height(), more, nil, h.footer)
}
