package guide

import (
	"context"
	"fmt"
	"io"
	"strings"
	"time"

	"charm.land/bubbles/v2/progress"
	"charm.land/bubbles/v2/timer"
	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"

	"github.com/backtriage/backtriage/internal/rules"
	"github.com/backtriage/backtriage/internal/teaprog"
	"github.com/backtriage/backtriage/internal/textwrap"
)

// Model is the guided routine as a Bubble Tea model. The timer's ticks come
// from bubbles' timer; tests send timer.TickMsg and timer.TimeoutMsg
// themselves instead of waiting.
type Model struct {
	step     *rules.Step
	segs     []Segment
	i        int
	timer    timer.Model
	interval time.Duration
	bar      progress.Model
	quiet    bool
	total    time.Duration
	done     time.Duration // of the segments before i
	elapsed  time.Duration // time actually run
	skipped  int
	quit     bool
	help     bool // the keys listed in full (?)
	// final is the last running frame, kept on the terminal when the
	// routine ends outside the results: a frame that changes as the
	// program quits is drawn by the inline renderer below part of the old
	// one (the repeated "Finished. Done."), so Run says the end in a line
	// of its own instead.
	final  string
	bells  int // bells rung at phase changes, for tests
	width  int
	height int // 0 until the window's size is known
	// embedded: the routine runs inside another program, which DoneMsg
	// tells it ended; it does not quit the program.
	embedded bool
}

// DoneMsg says an embedded routine ended, and how it went.
type DoneMsg struct{ Result Result }

// Embed makes the routine a component of another Bubble Tea program (the
// questionnaire's results): where it would quit, it sends DoneMsg.
func (m Model) Embed() Model {
	m.embedded = true
	return m
}

// end quits, or tells the program the routine ended.
func (m Model) end() tea.Cmd {
	if !m.embedded {
		return tea.Quit
	}
	r := m.Result()
	return func() tea.Msg { return DoneMsg{r} }
}

// NewModel prepares a step's routine. interval is the timer's tick (a
// second outside tests); quiet leaves out the bell.
func NewModel(step *rules.Step, interval time.Duration, quiet bool) Model {
	m := Model{step: step, segs: Segments(step.Routine), interval: interval, quiet: quiet,
		bar: progress.New(progress.WithDefaultBlend(), progress.WithWidth(40)), width: 80}
	for _, s := range m.segs {
		m.total += s.Duration()
	}
	m.timer = timer.New(m.segs[0].Duration(), timer.WithInterval(interval))
	return m
}

// Init starts the first phase's countdown and rings the bell.
func (m Model) Init() tea.Cmd { return tea.Batch(m.timer.Init(), m.bell()) }

func (m Model) bell() tea.Cmd {
	if m.quiet {
		return nil
	}
	return tea.Raw(Bell)
}

// Update handles the timer, the keys and the window's width.
func (m Model) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	switch msg := msg.(type) {
	case tea.WindowSizeMsg:
		m.width, m.height = msg.Width, msg.Height
		m.bar.SetWidth(min(60, max(10, msg.Width-4)))
		return m, nil
	case tea.KeyPressMsg:
		return m.key(msg.String())
	case timer.TickMsg:
		if msg.ID == m.timer.ID() && m.timer.Running() && m.timer.Timeout > 0 {
			m.elapsed += m.interval
		}
		var cmd tea.Cmd
		m.timer, cmd = m.timer.Update(msg)
		return m, cmd
	case timer.StartStopMsg:
		var cmd tea.Cmd
		m.timer, cmd = m.timer.Update(msg)
		return m, cmd
	case timer.TimeoutMsg:
		if msg.ID == m.timer.ID() {
			return m.next()
		}
	}
	return m, nil
}

// key handles a key press: the keys the footer and the help (?) name.
func (m Model) key(k string) (tea.Model, tea.Cmd) {
	switch k {
	case "?":
		m.help = !m.help
	case "esc":
		if m.help { // esc closes the help first, as in every dialog
			m.help = false
			return m, nil
		}
		return m.stop()
	case "space", "p":
		return m, m.timer.Toggle()
	case "s", "right", "n":
		m.skipped++
		return m.next()
	case "q", "ctrl+c":
		return m.stop()
	}
	return m, nil
}

// stop ends the routine at the person's wish: not finished, not recorded.
func (m Model) stop() (tea.Model, tea.Cmd) {
	m.final = m.View().Content
	m.quit = true
	return m, m.end()
}

// next moves to the next phase with a bell, or finishes.
func (m Model) next() (tea.Model, tea.Cmd) {
	if m.i >= len(m.segs) {
		return m, nil
	}
	if !m.quiet {
		m.bells++
	}
	if m.i == len(m.segs)-1 {
		m.final = m.View().Content // as it was, before the phase counts as done
	}
	m.done += m.segs[m.i].Duration()
	m.i++
	if m.i >= len(m.segs) {
		return m, tea.Sequence(m.bell(), m.end())
	}
	m.timer = timer.New(m.segs[m.i].Duration(), timer.WithInterval(m.interval))
	return m, tea.Batch(m.timer.Init(), m.bell())
}

// Result is how the routine went.
func (m Model) Result() Result {
	return Result{Finished: m.i >= len(m.segs) && !m.quit && countsAsDone(m.elapsed, m.step.Routine), Elapsed: m.elapsed, Skipped: m.skipped}
}

// Segment is the phase running, for tests and the accessible view.
func (m Model) Segment() (Segment, bool) {
	if m.i >= len(m.segs) {
		return Segment{}, false
	}
	return m.segs[m.i], true
}

// Stopped reports whether the person stopped the routine (q, esc).
func (m Model) Stopped() bool { return m.quit }

// Running reports whether the countdown runs (not paused).
func (m Model) Running() bool { return m.timer.Running() }

var (
	titleStyle = lipgloss.NewStyle().Bold(true)
	dimStyle   = lipgloss.NewStyle().Faint(true)
	clockStyle = lipgloss.NewStyle().Bold(true).Padding(0, 1)
)

// View shows the phase, its whole instruction wrapped to the window, the
// countdown, the progress over the whole routine and the keys.
func (m Model) View() tea.View {
	var b strings.Builder
	w := m.textWidth()
	title := titleStyle.Render(wrapTo("Guided: "+m.step.Title, w))
	b.WriteString(title + "\n\n")
	seg, ok := m.Segment()
	switch {
	case !m.embedded && m.final != "" && (m.quit || !ok):
		return tea.NewView(m.final) // Run says how it ended (EndWords)
	case m.quit:
		b.WriteString(wrapTo(StoppedWords(m.elapsed), w) + "\n")
		return tea.NewView(b.String())
	case !ok:
		b.WriteString(wrapTo(endWords(m.elapsed, m.step.Routine), w) + "\n")
		return tea.NewView(b.String())
	}
	left := m.timer.Timeout.Round(time.Second)
	state := ""
	if !m.timer.Running() {
		state = "  (paused: space to resume)"
	}
	var pct float64
	if m.total > 0 {
		pct = float64(m.done+seg.Duration()-left) / float64(m.total)
	}
	blocks := []string{title, wrapTo(seg.Announce(), w), clockStyle.Render(clock(left)) + state, m.bar.ViewAs(min(max(pct, 0), 1))}
	if m.step.Caution != "" {
		blocks = append(blocks, dimStyle.Render(wrapTo("Caution: "+m.step.Caution, w)))
	}
	var keys []string
	if m.help {
		keys = strings.Split(m.keyHelp(), "\n")
	}
	return tea.NewView(m.fit(blocks, keys, dimStyle.Render(joinItems(m.footer(), w))))
}

// fit lays out the running routine's blocks (the title, the phase, the
// clock, the bar, the caution), the key list (?) and the footer in the
// window's height. On a short window what gives way is, in turn, the
// blank lines between blocks, the bar and the key list's tail; never the
// phase, the clock, the caution or the footer that says how to go on.
func (m Model) fit(blocks, keys []string, foot string) string {
	lines := func(blocks, keys []string, sep string) string {
		s := strings.Join(blocks, sep) + sep
		if len(keys) > 0 {
			s += strings.Join(keys, "\n") + "\n"
		}
		return s + foot + "\n"
	}
	fits := func(s string) bool { return m.height == 0 || strings.Count(s, "\n") <= m.height }
	if s := lines(blocks, keys, "\n\n"); fits(s) {
		return s
	}
	if s := lines(blocks, keys, "\n"); fits(s) {
		return s
	}
	noBar := append(blocks[:3:3], blocks[4:]...)
	for len(keys) > 1 { // the list's title and one key at least
		if s := lines(noBar, keys, "\n"); fits(s) {
			return s
		}
		keys = keys[:len(keys)-1]
	}
	return lines(noBar, nil, "\n")
}

// EndWords is how the routine ended, in words: stopped (not recorded),
// finished, or run to its end mostly skipped.
func (m Model) EndWords() string {
	if m.quit {
		return StoppedWords(m.elapsed)
	}
	return endWords(m.elapsed, m.step.Routine)
}

// stopWords is what q and esc do: end the routine, and in the results'
// routine go back to them.
func (m Model) stopWords() string {
	if m.embedded {
		return "stop, back to the results"
	}
	return "stop"
}

// footer is the short help: the keys that act, as they act.
func (m Model) footer() []string {
	if m.help {
		return []string{"? or esc hide the keys", "q " + m.stopWords()}
	}
	return []string{"space pause/resume", "s skip this phase", "q/esc " + m.stopWords(), "? all keys"}
}

// joinItems joins the footer's items with " · " in lines of at most width
// columns, breaking only between items: a key is never split from what it
// does.
func joinItems(items []string, width int) string {
	var lines []string
	cur := ""
	for _, it := range items {
		switch {
		case cur == "":
			cur = it
		case lipgloss.Width(cur+" · "+it) <= width:
			cur += " · " + it
		default:
			lines = append(lines, cur)
			cur = it
		}
	}
	return strings.Join(append(lines, cur), "\n")
}

// keyHelp lists every key of the routine (?).
func (m Model) keyHelp() string {
	rows := [][2]string{
		{"space, p", "pause, or go on after a pause"},
		{"s, →, n", "skip this phase (a routine mostly skipped is not counted as done)"},
		{"q, esc, ctrl+c", m.stopWords() + "; a stopped routine is not recorded"},
		{"?", "show or hide these keys"},
	}
	w := m.textWidth()
	var b strings.Builder
	b.WriteString(titleStyle.Render("Keys") + "\n")
	for _, r := range rows {
		b.WriteString(lipgloss.JoinHorizontal(lipgloss.Top, fmt.Sprintf("  %-16s", r[0]), wrapTo(r[1], w-18)) + "\n")
	}
	return strings.TrimSuffix(b.String(), "\n")
}

// textWidth is the width text is wrapped to: the window's, less a column
// for the results' indent, at most 78.
func (m Model) textWidth() int { return min(m.width-2, 78) }

func clock(d time.Duration) string {
	s := int(d / time.Second)
	return fmt.Sprintf("%02d:%02d", s/60, s%60)
}

// wrapTo wraps s at spaces to width columns (at least 20), as every
// screen does (textwrap.Words): a step's source address or a flag in its
// words is never split at a hyphen or a slash.
func wrapTo(s string, width int) string {
	return strings.Join(textwrap.Words(s, max(20, width)), "\n")
}

// Run runs the routine on the terminal until it finishes or the person
// quits. Signals and ctrl+z are handled as in every program of backtriage
// (internal/teaprog): a signal's stop is a *teaprog.Stopped error.
func Run(ctx context.Context, in io.Reader, out io.Writer, step *rules.Step, quiet bool) (Result, error) {
	final, err := teaprog.Run(ctx, NewModel(step, time.Second, quiet), teaprog.Options{In: in, Out: out})
	if err != nil {
		return Result{}, err
	}
	m := final.(Model)
	fmt.Fprintln(out, wrapTo(m.EndWords(), m.textWidth()))
	return m.Result(), nil
}
