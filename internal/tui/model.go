package tui

import (
	"os"
	"time"

	"charm.land/bubbles/v2/help"
	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"
	"github.com/charmbracelet/x/term"

	"github.com/backtriage/backtriage/internal/answers"
	"github.com/backtriage/backtriage/internal/questionnaire"
	"github.com/backtriage/backtriage/internal/rules"
	"github.com/backtriage/backtriage/internal/session"
	"github.com/backtriage/backtriage/internal/textwrap"
	"github.com/backtriage/backtriage/internal/triage"
)

// screenID names a screen, for routing and tests.
type screenID int

const (
	scrWelcome screenID = iota
	scrPage
	scrReview
	scrStop // the emergency screen, or an urgent sign mid-questionnaire
	scrResults
	scrHistory
	scrGuide
)

// screen is one screen of the flow, in its own file: it handles its keys
// (named by keyName), draws itself at the terminal's size, and says which
// keys it takes. Screens keep their own state; what they share is on the
// Model they were made with.
type screen interface {
	id() screenID
	update(k string, msg tea.KeyPressMsg) tea.Cmd
	view() string
	helpKeys() keyMap
	// invalidate drops what was drawn for the old size or styles.
	invalidate()
}

// dialog is a box drawn over the screen (export, save answers, quit,
// diary consent, all keys). It gets every message while it is open: its
// text input's cursor blinks.
type dialog interface {
	update(msg tea.Msg) tea.Cmd
	view() string
	helpKeys() keyMap
}

// Model is the whole flow: it routes messages to the screen shown (and a
// dialog over it) and owns only what the screens share: the session, the
// rule table, the terminal's size and the styles. It is a pointer model:
// Update changes it in place and returns it.
type Model struct {
	o    Options
	sess *session.Session
	qn   *questionnaire.Questionnaire
	env  []string

	theme    string
	dark     bool
	darkSure bool // the terminal told us
	st       *styles
	help     help.Model
	width    int
	height   int

	eng         *triage.Engine
	engErr      error
	wantResults bool // results were asked for before the rule table loaded
	wantCheck   bool // the emergency check was due before the table loaded

	// The screens, made once and kept: going back to one finds it as it
	// was left.
	welcome *welcomeScreen
	page    *pageScreen
	review  *reviewScreen
	stop    *stopScreen
	results *resultsScreen
	history *historyScreen
	guide   *guideScreen

	cur screen        // the screen shown
	dlg dialog        // the dialog over it, or nil
	exp *exportDialog // kept between openings

	diary diaryState
	// pendingCmd is a command a screen change deep in a key's handling
	// started (the diary's first look after the results); the key's
	// handler returns it.
	pendingCmd tea.Cmd

	canvas *lipgloss.Canvas // for dialogs over the screen, reused
	notes  []string         // printed after the terminal is restored
	err    error
}

// Minimum terminal size for the layout; smaller ones get a "please
// enlarge" screen until resized.
const (
	MinWidth  = 60
	MinHeight = 16
	maxWidth  = 100
)

// New builds the model. The rule table starts loading soon after the first
// frame.
func New(o Options) *Model {
	if o.Theme == "" {
		o.Theme = "charm"
	}
	env := o.Env
	if env == nil {
		env = os.Environ()
	}
	sess := session.New(o.Options)
	m := &Model{
		o:      o,
		sess:   sess,
		qn:     sess.Questionnaire,
		env:    env,
		theme:  o.Theme,
		width:  80,
		height: 24,
		help:   help.New(),
	}
	if noColor(env) {
		m.theme = "plain"
	}
	m.dark = darkFromEnv(env)
	m.darkSure = lookup(env, "COLORFGBG") != "" || m.theme == "plain"
	m.welcome = &welcomeScreen{m: m}
	m.page = newPageScreen(m)
	m.review = &reviewScreen{m: m}
	m.stop = newStopScreen(m)
	m.results = newResultsScreen(m)
	m.history = newHistoryScreen(m)
	m.guide = &guideScreen{m: m}
	m.cur = m.welcome
	return m
}

// Init starts the background work: wait for the rule table and, unless the
// environment already says, ask the terminal for its background colour
// (answered or not, nothing waits for it).
func (m *Model) Init() tea.Cmd {
	m.ensureStyles()
	cmds := []tea.Cmd{tea.Tick(loadDelay, func(time.Time) tea.Msg { return startLoadMsg{} })}
	if !m.darkSure {
		cmds = append(cmds, tea.RequestBackgroundColor)
	}
	return tea.Batch(cmds...)
}

// gcPercent is GOGC while the flow runs.
const gcPercent = 50

// loadDelay lets the first frame go out before the rule table loads: the
// welcome screen does not need it, and people read it for longer than this.
const loadDelay = 12 * time.Millisecond

type (
	startLoadMsg struct{}
	engineMsg    struct {
		eng *triage.Engine
		err error
	}
)

func (m *Model) waitEngine() tea.Msg {
	eng, err := m.sess.Loader().Result()
	return engineMsg{eng, err}
}

// engine returns the rule table, or nil while it is still loading (it
// takes a few milliseconds; people take longer to read the welcome). It
// never waits: Update must not block, or ctrl+c would not be seen. Callers
// that get nil with no engErr try again when the engineMsg arrives.
func (m *Model) engine() *triage.Engine {
	if m.eng == nil && m.engErr == nil {
		eng, err, ok := m.sess.Loader().Ready()
		if !ok {
			return nil
		}
		m.eng, m.engErr = eng, err
	}
	return m.eng
}

// loading reports whether the rule table is still on its way.
func (m *Model) loading() bool { return m.engine() == nil && m.engErr == nil }

// Update routes one message: to the dialog when one is open, else to the
// screen shown.
func (m *Model) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	m.ensureStyles()
	switch msg := msg.(type) {
	case startLoadMsg:
		m.sess.Loader().Begin()
		// Also look at the size again: a resize while the program was
		// starting, before it listened for them, would otherwise be missed.
		return m, tea.Batch(m.waitEngine, m.sizeNow(), m.lookForDiary())
	case engineMsg:
		return m, m.engineArrived(msg)
	case tea.WindowSizeMsg:
		m.resize(msg.Width, msg.Height)
		return m, nil
	case tea.BackgroundColorMsg:
		if d := msg.IsDark(); d != m.dark || !m.darkSure {
			m.dark, m.darkSure = d, true
			m.restyle()
		}
		return m, nil
	case tea.KeyPressMsg:
		return m, m.key(msg)
	case tea.PasteMsg:
		if m.tooSmall() {
			return m, nil // nothing on screen to paste into
		}
		if m.dlg != nil {
			return m, m.dlg.update(msg)
		}
		if m.cur == m.page {
			m.page.paste(msg.Content)
		}
		return m, nil
	case diaryMsg:
		return m, m.diaryAnswered(msg)
	case historyMsg:
		m.history.show(msg)
		return m, nil
	}
	if m.cur == m.guide {
		// The routine's timer ticks, and its end.
		return m, m.guide.message(msg)
	}
	if m.dlg != nil {
		return m, m.dlg.update(msg)
	}
	return m, nil
}

// engineArrived does what waited for the rule table.
func (m *Model) engineArrived(msg engineMsg) tea.Cmd {
	if m.eng == nil && m.engErr == nil {
		m.eng, m.engErr = msg.eng, msg.err
	}
	if m.engErr != nil && m.o.Load != nil {
		m.err = m.engErr
		return tea.Quit
	}
	switch {
	case m.wantResults:
		m.wantResults = false
		return m.showResults()
	case m.wantCheck:
		m.wantCheck = false
		m.page.checkEmergency()
		return m.takePending()
	}
	return nil
}

// takePending returns the pending command, once.
func (m *Model) takePending() tea.Cmd {
	cmd := m.pendingCmd
	m.pendingCmd = nil
	return cmd
}

func (m *Model) key(msg tea.KeyPressMsg) tea.Cmd {
	k := keyName(msg)
	if m.tooSmall() {
		// Nothing is drawn but "Please enlarge the terminal": a key would
		// act unseen (type in a hidden dialog's file name, save and quit).
		// Only ctrl+c acts, as that screen says; an open dialog takes it.
		switch {
		case k != "ctrl+c":
			return nil
		case m.dlg != nil:
			return m.dlg.update(msg)
		}
		return m.requestQuit()
	}
	if m.dlg != nil {
		return m.dlg.update(msg)
	}
	if on(k, keyHelp) && m.cur != m.guide {
		m.openDialog(newKeysDialog(m, m.cur.helpKeys()))
		return nil
	}
	return m.cur.update(k, msg)
}

func (m *Model) resize(w, h int) {
	if w == m.width && h == m.height {
		return
	}
	m.width, m.height = w, h
	m.invalidate()
}

// ensureStyles builds the styles on first use: after the renderer has
// started its frame clock, so building them does not delay the first frame.
func (m *Model) ensureStyles() {
	if m.st == nil {
		m.setStyles()
	}
}

func (m *Model) setStyles() {
	m.st = newStyles(m.theme, m.dark)
	m.help.Styles = help.Styles{
		ShortKey: m.st.key, ShortDesc: m.st.muted, ShortSeparator: m.st.muted, Ellipsis: m.st.muted,
		FullKey: m.st.key, FullDesc: m.st.text, FullSeparator: m.st.muted,
	}
	m.help.ShortSeparator = " · "
}

func (m *Model) restyle() {
	m.setStyles()
	m.invalidate()
}

// invalidate drops everything drawn for the old size or style.
func (m *Model) invalidate() {
	for _, s := range []screen{m.welcome, m.page, m.review, m.stop, m.results, m.history, m.guide} {
		s.invalidate()
	}
	if r, ok := m.dlg.(interface{ resize() }); ok {
		r.resize()
	}
}

// tooSmall reports a terminal below the minimum size. Advice to get help
// now is never hidden behind "please enlarge": the emergency and urgent
// results are drawn at any size, wrapped to fit.
func (m *Model) tooSmall() bool {
	if m.advising() {
		return false
	}
	return m.width < MinWidth || m.height < MinHeight
}

// advising reports the results or stop screen at emergency or urgent level.
func (m *Model) advising() bool {
	switch m.cur {
	case m.stop:
		return m.stop.as != nil
	case m.results:
		return m.results.as != nil && triage.PolicyFor(m.results.as).KeepAdviceOnExit
	}
	return false
}

// openDialog puts a dialog over the screen; closeDialog takes it away.
func (m *Model) openDialog(d dialog) { m.dlg = d }
func (m *Model) closeDialog()        { m.dlg = nil }

// requestQuit quits, first offering to save the answers when the person is
// part-way through the questionnaire.
func (m *Model) requestQuit() tea.Cmd {
	switch m.cur {
	case m.welcome, m.page, m.review:
		if m.sess.HasAnswers() {
			d := newQuitDialog(m, false)
			m.openDialog(d)
			return d.focus()
		}
	}
	return tea.Quit
}

func (m *Model) note(s string) { m.notes = append(m.notes, textwrap.SafeLines(s)) }

// ---- Moving between screens ----

// start leaves the welcome screen: at the first page, or, with answers
// loaded, where they stop (the review when they are complete).
func (m *Model) start() {
	if m.o.Answers != nil {
		if i := answers.FirstUnfinished(m.qn, m.sess.Given); i >= 0 {
			m.gotoPage(i)
			m.page.focusFirstUnanswered()
		} else {
			m.openReview()
		}
		return
	}
	m.gotoPage(0)
}

// gotoPage shows page i with its first question focused.
func (m *Model) gotoPage(i int) {
	m.page.goTo(i)
	m.cur = m.page
}

// openReview lists every question that applies with its answer.
func (m *Model) openReview() {
	m.page.fromReview = false
	m.review.open()
	m.cur = m.review
}

// showResults assesses the answers and shows the results, or the emergency
// screen when a sign calls for emergency help.
func (m *Model) showResults() tea.Cmd {
	if m.loading() {
		m.wantResults = true
		m.page.pageErr = "Loading the rule table…"
		return nil
	}
	eng := m.engine()
	if eng == nil {
		m.err = m.engErr
		return tea.Quit
	}
	as := eng.Assess(m.sess.Given)
	m.sess.Told(as)
	m.closeDialog()
	if as.Level == rules.Emergency {
		m.stop.show(as, false)
		m.cur = m.stop
	} else {
		m.results.show(as)
		m.cur = m.results
	}
	m.autoExport(as)
	return m.afterResults(as)
}

// autoExport writes --output once, when the results are first reached.
func (m *Model) autoExport(as *triage.Assessment) {
	if m.diary.outputDone {
		return
	}
	path, ok, err := m.sess.SaveOutput(as)
	if !ok {
		return
	}
	m.diary.outputDone = true
	if err != nil {
		m.setStatus("Could not save the summary: "+err.Error()+". Press e to choose another file.", true)
		return
	}
	m.setStatus("Saved the summary to "+path, false)
	m.note("Saved the summary to " + path)
}

// setStatus says something under the results (or the stop screen).
func (m *Model) setStatus(s string, isErr bool) {
	var scr screen = m.results
	p := &m.results.levelPane
	if m.cur == m.stop {
		scr, p = m.stop, &m.stop.levelPane
	}
	// s may name a file: on one line, without a control character.
	p.status, p.statusErr = textwrap.Safe(s), isErr
	scr.invalidate() // the body's height, and the keys, follow it
}

// stopFor shows the stop screen mid-questionnaire: an emergency for good,
// an urgent sign once, with what to do today.
func (m *Model) stopFor(as *triage.Assessment) tea.Cmd {
	m.sess.Told(as)
	m.closeDialog()
	m.stop.show(as, as.Level == rules.Urgent)
	m.cur = m.stop
	if as.Level == rules.Emergency {
		return m.afterResults(as)
	}
	return nil
}

// continueAfterStop acknowledges an urgent stop and goes back to the
// questions where the person was.
func (m *Model) continueAfterStop() {
	m.sess.AckStop(rules.Urgent)
	m.page.resume()
	m.cur = m.page
}

// back leaves the results: to the review, or from the stop screen to the
// warning sign that caused it, to undo a mistaken tick.
func (m *Model) backToWarnings(as *triage.Assessment) {
	m.gotoPage(0)
	if len(as.Warnings) > 0 && len(as.Warnings[0].Because) > 0 {
		m.page.focusQuestion(as.Warnings[0].Because[0].Question)
	}
}

// sizeNow reads the terminal's size and delivers it as a message, without
// tea.RequestWindowSize: Bubble Tea's own check writes the program's size
// and terminal from a goroutine that can still be waiting to deliver when
// ctrl+z hands the terminal back, and races with Bubble Tea taking it
// again (v2.0.9 to v2.2.0; the -race binary reports it). This one touches
// nothing of the program's.
func (m *Model) sizeNow() tea.Cmd {
	out := m.o.Out
	if out == nil {
		out = os.Stdout
	}
	f, ok := out.(interface{ Fd() uintptr })
	if !ok {
		return nil
	}
	return func() tea.Msg {
		w, h, err := term.GetSize(f.Fd())
		if err != nil || w <= 0 || h <= 0 {
			return nil
		}
		return tea.WindowSizeMsg{Width: w, Height: h}
	}
}
