// Package tui is backtriage's interactive terminal flow: a welcome screen,
// the warning signs first, the questionnaire in short pages with a review,
// the results with a picture of where it hurts and where the cause may sit,
// and export. It runs on Bubble Tea v2 with Lip Gloss styles taken from
// huh's themes; the option lists are light components of its own, with
// styles built once, so every key redraws in well under a millisecond.
package tui

import (
	"context"
	"errors"
	"fmt"
	"github.com/charmbracelet/x/ansi"
	"io"
	"os"
	"os/signal"
	"path/filepath"
	"runtime/debug"
	"strings"
	"sync"
	"syscall"
	"time"

	"charm.land/bubbles/v2/viewport"
	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"
	"github.com/charmbracelet/colorprofile"

	"github.com/backtriage/backtriage/internal/answers"
	"github.com/backtriage/backtriage/internal/export"
	"github.com/backtriage/backtriage/internal/questionnaire"
	"github.com/backtriage/backtriage/internal/report"
	"github.com/backtriage/backtriage/internal/rules"
	"github.com/backtriage/backtriage/internal/triage"
	"github.com/backtriage/backtriage/internal/tui/flow"
)

// Options configure a run: the session, and how the terminal looks.
type Options struct {
	flow.Session
	Theme string // one of Themes; "charm" when empty
	// Report receives, after the terminal is restored, what was saved and
	// where (stdout when nil).
	Report io.Writer
	Env    []string // the environment; os.Environ() when nil
}

type screen int

const (
	scrWelcome screen = iota
	scrPage
	scrReview
	scrEmergency
	scrResults
)

type dialog int

const (
	dlgNone dialog = iota
	dlgExport
	dlgQuit
)

// Minimum terminal size for the layout; smaller ones get a "please
// enlarge" screen until resized.
const (
	MinWidth  = 60
	MinHeight = 16
	maxWidth  = 100
)

type engineMsg struct {
	eng *triage.Engine
	err error
}

// Model is the whole flow. It is a pointer model: Update changes it in
// place and returns it.
type Model struct {
	o   Options
	qn  *questionnaire.Questionnaire
	env []string

	theme    string
	dark     bool
	darkSure bool // the terminal told us
	st       *styles
	width    int
	height   int

	screen screen
	dialog dialog
	a      answers.Answers
	drafts map[string]string // number answers being typed
	errs   map[string]string // per-question messages
	whyOn  map[string]bool
	// skipped are optional questions passed with enter and no answer.
	skipped map[string]bool

	// The current page.
	page       int
	visible    []*questionnaire.Question
	focus      int // index in visible
	cursor     int // option index in the focused question
	scroll     int // first body line shown
	pageErr    string
	fromReview bool
	warnDirty  bool // warning answers changed since the last emergency check
	// stopAck is the highest stop level shown and acknowledged: after an
	// urgent stop the person may finish the questions, and the same level
	// does not stop them again. stopPage and stopFocus are where they were.
	stopAck             rules.Level
	stopPage, stopFocus int
	dirtyQ              string // the warning question that changed

	// Review.
	review       []*questionnaire.Question
	reviewCursor int // len(review) is the "see results" row
	reviewScroll int

	// Results and emergency.
	eng         *triage.Engine
	engErr      error
	load        *loader
	wantResults bool // results were asked for before the rule table loaded
	wantCheck   bool // the emergency check was due before the table loaded
	jobControl  bool // Run handles SIGTSTP, so ctrl+z may suspend
	as          *triage.Assessment
	vp          viewport.Model // scroll state and keys
	resLines    []string       // the content's lines, drawn from vp's offset
	showSources bool
	explain     bool // rule ids, scores and weights, for rule authors (d)
	figCause    int  // index into figCauses
	figCauses   []int
	status      string
	statusErr   bool
	outputDone  bool

	exp  exportDialog
	quit quitDialog

	cache  map[cacheKey][]string
	canvas *lipgloss.Canvas // for dialogs over the screen, reused
	lines  []string         // body lines of the current frame, reused
	frame  strings.Builder
	header string // cached header of the current page
	footer string
	// footerHelp is the help the page footer was drawn from.
	footerHelp string

	notes []string // printed after the terminal is restored
	err   error
}

// New builds the model. The rule table starts loading at once.
func New(o Options) *Model {
	if o.Questionnaire == nil {
		o.Questionnaire = questionnaire.Default()
	}
	if o.Now.IsZero() {
		o.Now = time.Now()
	}
	if o.Theme == "" {
		o.Theme = "charm"
	}
	env := o.Env
	if env == nil {
		env = os.Environ()
	}
	m := &Model{
		o:       o,
		qn:      o.Questionnaire,
		env:     env,
		theme:   o.Theme,
		a:       answers.Answers{},
		drafts:  map[string]string{},
		errs:    map[string]string{},
		whyOn:   map[string]bool{},
		skipped: map[string]bool{},
		cache:   map[cacheKey][]string{},
		width:   80,
		height:  24,
		load:    &loader{done: make(chan struct{}), fn: o.Load},
	}
	if noColor(env) {
		m.theme = "plain"
	}
	m.dark = darkFromEnv(env)
	m.darkSure = lookup(env, "COLORFGBG") != "" || m.theme == "plain"
	if o.Answers != nil {
		m.a = o.Answers.Clone()
	}
	m.vp = viewport.New()
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

// loader holds the rule table loaded in the background; done is closed
// once eng and err are set.
type loader struct {
	start sync.Once
	fn    func() (*triage.Engine, error)
	done  chan struct{}
	eng   *triage.Engine
	err   error
}

// begin starts loading, once. Loading allocates a lot for a short while, so
// the collector runs more often meanwhile, keeping the peak memory low, and
// the memory is handed back when it is done.
func (l *loader) begin() {
	l.start.Do(func() {
		if l.fn == nil {
			close(l.done)
			return
		}
		go func() {
			old := debug.SetGCPercent(loadGCPercent)
			l.eng, l.err = l.fn()
			debug.SetGCPercent(old)
			close(l.done)
			debug.FreeOSMemory()
		}()
	})
}

// gcPercent is GOGC while the flow runs.
const gcPercent = 50

// loadGCPercent is GOGC while the rule table loads.
const loadGCPercent = 25

// loadDelay lets the first frame go out before the rule table loads: the
// welcome screen does not need it, and people read it for longer than this.
const loadDelay = 12 * time.Millisecond

type startLoadMsg struct{}

func (m *Model) waitEngine() tea.Msg {
	<-m.load.done
	return engineMsg{m.load.eng, m.load.err}
}

// engine returns the rule table, or nil while it is still loading (it
// takes a few milliseconds; people take longer to read the welcome). It
// never waits: Update must not block, or ctrl+c would not be seen. Callers
// that get nil with no engErr try again when the engineMsg arrives.
func (m *Model) engine() *triage.Engine {
	if m.eng == nil && m.engErr == nil {
		m.load.begin()
		select {
		case <-m.load.done:
		default:
			return nil
		}
		m.eng, m.engErr = m.load.eng, m.load.err
		if m.eng == nil && m.engErr == nil {
			m.engErr = errors.New("no rule table")
		}
	}
	return m.eng
}

// loading reports whether the rule table is still on its way.
func (m *Model) loading() bool { return m.engine() == nil && m.engErr == nil }

// Update handles one message.
func (m *Model) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	m.ensureStyles()
	switch msg := msg.(type) {
	case startLoadMsg:
		m.load.begin()
		// Also look at the size again: a resize while the program was
		// starting, before it listened for them, would otherwise be missed.
		return m, tea.Batch(m.waitEngine, tea.RequestWindowSize)
	case engineMsg:
		if m.eng == nil && m.engErr == nil {
			m.eng, m.engErr = msg.eng, msg.err
		}
		if m.engErr != nil && m.o.Load != nil {
			m.err = m.engErr
			return m, tea.Quit
		}
		// Do what waited for the table.
		if m.wantResults {
			m.wantResults = false
			m.showResults()
		} else if m.wantCheck {
			m.wantCheck = false
			m.checkEmergency()
		}
		return m, nil
	case suspendMsg:
		return m, suspend()
	case resumedMsg:
		// The shell drew on the screen meanwhile: paint all of it again,
		// at the size it may have changed to.
		return m, tea.Batch(tea.ClearScreen, tea.RequestWindowSize)
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
		return m.key(msg)
	case tea.PasteMsg:
		return m.paste(msg)
	}
	if m.dialog == dlgExport || m.dialog == dlgQuit {
		// The text input's cursor blinks.
		return m, m.updateInput(msg)
	}
	return m, nil
}

func (m *Model) resize(w, h int) {
	if w == m.width && h == m.height {
		return
	}
	m.width, m.height = w, h
	m.invalidate()
	m.exp.input.SetWidth(m.dialogInputWidth())
	m.quit.input.SetWidth(m.dialogInputWidth())
}

// ensureStyles builds the styles on first use: after the renderer has
// started its frame clock, so building them does not delay the first frame.
func (m *Model) ensureStyles() {
	if m.st == nil {
		m.st = newStyles(m.theme, m.dark)
	}
}

func (m *Model) restyle() {
	m.st = newStyles(m.theme, m.dark)
	m.exp.input.SetStyles(inputStyles(m.st))
	m.quit.input.SetStyles(inputStyles(m.st))
	m.invalidate()
}

// invalidate drops everything rendered for the old size or style.
func (m *Model) invalidate() {
	clear(m.cache)
	m.header, m.footer = "", ""
	if m.screen == scrResults || m.screen == scrEmergency {
		m.buildResults()
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

// advising reports the results screen at emergency or urgent level.
func (m *Model) advising() bool {
	return (m.screen == scrEmergency || m.screen == scrResults) && m.as != nil && m.as.Level >= rules.Urgent
}

func (m *Model) key(msg tea.KeyPressMsg) (tea.Model, tea.Cmd) {
	k := keyName(msg)
	if k == "ctrl+z" && m.jobControl {
		return m, suspend()
	}
	switch m.dialog {
	case dlgExport:
		return m, m.exportKey(msg, k)
	case dlgQuit:
		return m, m.quitKey(msg, k)
	}
	if m.tooSmall() {
		if k == "ctrl+c" {
			return m, m.requestQuit()
		}
		return m, nil
	}
	switch m.screen {
	case scrWelcome:
		return m, m.welcomeKey(k)
	case scrPage:
		return m, m.pageKey(k)
	case scrReview:
		return m, m.reviewKey(k)
	case scrResults, scrEmergency:
		return m, m.resultsKey(msg, k)
	}
	return m, nil
}

func (m *Model) paste(msg tea.PasteMsg) (tea.Model, tea.Cmd) {
	if m.dialog != dlgNone {
		return m, m.updateInput(msg)
	}
	if m.screen == scrPage && m.focusedKind() == questionnaire.Number {
		for _, r := range msg.Content {
			if r >= '0' && r <= '9' {
				m.typeDigit(byte(r))
			}
		}
	}
	return m, nil
}

// requestQuit quits, first offering to save the answers when the person is
// part-way through the questionnaire.
func (m *Model) requestQuit() tea.Cmd {
	if (m.screen == scrPage || m.screen == scrReview || m.screen == scrWelcome) && m.hasAnswers() {
		m.openQuit()
		return m.quit.input.Focus()
	}
	return tea.Quit
}

func (m *Model) hasAnswers() bool {
	for id := range m.a {
		if m.a.Answered(id) {
			return true
		}
	}
	return false
}

// ---- Welcome ----

func (m *Model) welcomeKey(k string) tea.Cmd {
	switch k {
	case "enter", "space", "right", "l":
		m.start()
	case "ctrl+c", "q", "esc":
		return m.requestQuit()
	}
	return nil
}

// start leaves the welcome screen: at the first page, or, with answers
// loaded, where they stop (the review when they are complete).
func (m *Model) start() {
	if m.o.Answers != nil {
		if i := flow.FirstUnfinished(m.qn, m.a); i >= 0 {
			m.gotoPage(i, 0)
			m.focusFirstUnanswered()
		} else {
			m.openReview()
		}
		return
	}
	m.gotoPage(0, 0)
}

// ---- Results ----

// showResults assesses the answers and shows the results, or the emergency
// screen when a sign calls for emergency help.
func (m *Model) showResults() {
	if m.loading() {
		m.wantResults = true
		m.status, m.statusErr = "Loading the rule table…", false
		return
	}
	eng := m.engine()
	if eng == nil {
		m.err = m.engErr
		return
	}
	m.as = eng.Assess(m.a)
	if m.o.Assessed != nil {
		m.o.Assessed(m.as)
	}
	m.explain = m.o.Explain
	m.screen = scrResults
	if m.as.Level == rules.Emergency {
		m.screen = scrEmergency
	}
	m.dialog = dlgNone
	m.status, m.statusErr = "", false
	m.showSources = false
	m.figCause = 0
	m.buildResults()
	m.vp.GotoTop()
	m.autoExport()
}

// autoExport writes --output once, when the results are first reached.
func (m *Model) autoExport() {
	if m.o.Output == "" || m.outputDone {
		return
	}
	m.outputDone = true
	f := m.o.OutputFormat
	if f == "" {
		f = flow.FormatFor(m.o.Output)
	}
	path, err := flow.SaveSummary(m.o.Output, f, m.as, m.meta(), m.o.Force)
	if err != nil {
		m.status, m.statusErr = "Could not save the summary: "+err.Error()+". Press e to choose another file.", true
		return
	}
	m.status, m.statusErr = "Saved the summary to "+path, false
	m.note("Saved the summary to " + path)
}

func (m *Model) meta() report.Meta {
	return report.Meta{Questionnaire: m.qn, Date: m.o.Now, Version: m.o.Version, Emergency: m.o.Emergency, Explain: m.o.Explain}
}

func (m *Model) note(s string) { m.notes = append(m.notes, s) }

// ---- Run ----

// wrapModel lets tests put a model around the flow's (to make it panic).
var wrapModel = func(m tea.Model) tea.Model { return m }

// ErrAborted is returned when the program was stopped from outside (a
// signal or a cancelled context); the terminal has been restored.
var ErrAborted = errors.New("stopped")

// Run runs the flow on a terminal until the person quits. The terminal is
// always restored, also on ctrl+c, a signal or a panic.
func Run(ctx context.Context, o Options) error {
	if _, set := os.LookupEnv("GOGC"); !set {
		// The live heap is a megabyte or two and frames make short-lived
		// garbage: collecting a little sooner keeps the peak memory down
		// for a negligible cost.
		debug.SetGCPercent(gcPercent)
	}
	m := New(o)
	// Signals end the program through the context. Bubble Tea's own handler
	// (v2.0.9) blocks forever sending its interrupt when the context was
	// cancelled by the same signal first, and the program never exits.
	// SIGHUP (the window closed, the SSH link dropped) is handled like
	// SIGTERM: the terminal is restored and the answers rescued.
	ctx, stop := signal.NotifyContext(ctx, os.Interrupt, syscall.SIGTERM, syscall.SIGHUP)
	defer stop()
	opts := []tea.ProgramOption{
		tea.WithContext(ctx),
		tea.WithoutSignalHandler(),
		tea.WithFPS(120),
		tea.WithEnvironment(m.env),
	}
	if o.In != nil {
		opts = append(opts, tea.WithInput(o.In))
	}
	if o.Out != nil {
		opts = append(opts, tea.WithOutput(o.Out))
	}
	// The colour profile from the environment alone: no terminfo lookup and
	// no `tmux info`, so nothing stands between start and the first frame.
	profile := colorprofile.Env(m.env)
	if noColor(m.env) {
		profile = min(profile, colorprofile.Ascii)
	}
	opts = append(opts, tea.WithColorProfile(profile))
	out := o.Out
	if out == nil {
		out = os.Stdout
	}
	painted := prepaint(m, out, profile)
	p := tea.NewProgram(wrapModel(m), opts...)
	jcCtx, jcStop := context.WithCancel(ctx)
	go jobControl(jcCtx, p)
	m.jobControl = true
	_, err := p.Run()
	jcStop()
	if err != nil && painted {
		// Bubble Tea restores what it changed; this undoes the early paint
		// if it stopped before taking over the screen.
		io.WriteString(out, ansi.ResetModeAltScreenSaveCursor+ansi.ShowCursor)
	}
	report := o.Report
	if report == nil {
		report = os.Stdout
	}
	m.leaveAdvice(out)
	for _, n := range m.notes {
		fmt.Fprintln(report, n)
	}
	if m.err != nil {
		return m.err
	}
	if err != nil {
		if errors.Is(err, tea.ErrProgramKilled) || errors.Is(err, tea.ErrInterrupted) {
			// Stopped from outside, or a panic Bubble Tea caught: the
			// terminal is back; keep what the person typed and say so.
			if errors.Is(err, tea.ErrProgramPanic) {
				fmt.Fprintln(report, "backtriage hit an internal error and stopped. The terminal has been restored.")
			} else {
				fmt.Fprintln(report, "backtriage was stopped.")
			}
			m.rescueAnswers(report)
			if ctx.Err() != nil {
				return fmt.Errorf("%w: %w", ErrAborted, context.Cause(ctx))
			}
			return ErrAborted
		}
		return err
	}
	return nil
}

// rescueAnswers saves the answers given so far when the flow ends without
// the person choosing to: in the current directory, or the temporary one if
// that cannot be written, never over an existing file.
func (m *Model) rescueAnswers(w io.Writer) {
	if !m.hasAnswers() {
		return
	}
	base := strings.TrimSuffix(flow.DefaultAnswersName(m.o.Now), ".yaml")
	var lastErr error
	for _, dir := range []string{".", os.TempDir()} {
		for i := 1; i <= 20; i++ {
			name := base + ".yaml"
			if i > 1 {
				name = fmt.Sprintf("%s-%d.yaml", base, i)
			}
			path, err := flow.SaveAnswers(filepath.Join(dir, name), m.qn, m.a, m.o.Now, false)
			if err == nil {
				fmt.Fprintf(w, "Your answers so far are saved in %s\nTo go on where you stopped: backtriage --answers %s\n", path, flow.QuoteArg(path))
				return
			}
			lastErr = err
			if !errors.Is(err, export.ErrExists) {
				break // this directory will not take it; try the next
			}
		}
	}
	fmt.Fprintf(w, "Your answers could not be saved: %v\n", lastErr)
}
