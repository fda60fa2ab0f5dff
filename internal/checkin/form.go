package checkin

import (
	"context"
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"

	"charm.land/bubbles/v2/help"
	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"

	"github.com/backtriage/backtriage/internal/answers"
	"github.com/backtriage/backtriage/internal/field"
	"github.com/backtriage/backtriage/internal/questionnaire"
	"github.com/backtriage/backtriage/internal/rules"
	"github.com/backtriage/backtriage/internal/teaprog"
)

// RunForm is the check-in on a terminal, asked with the questionnaire's
// own fields (internal/field: the same look, the same keys, ? for all
// keys), one question a screen: the warning-sign questions first,
// stopping at the first answer that reaches urgent or emergency level; at
// an emergency it stops there, at urgent it says what to do today and asks
// whether to finish the check-in for the record; then the pain, the
// comparison, the plan's checklist and a note. Nothing is decided here:
// Evaluate does that for every front end. Esc or ctrl+c stops without
// recording (ErrStopped); a signal stops it with a *teaprog.Stopped error.
func RunForm(ctx context.Context, in io.Reader, out io.Writer, o Options) (*Input, error) {
	f := &form{ctx: ctx, in: in, out: out, o: o, dark: true}
	pre := Prefill(o)
	a := pre.Clone()
	qn := o.Questionnaire
	var warn, rest []*questionnaire.Question
	for _, q := range qn.Questions() {
		if q.Warning {
			warn = append(warn, q)
		} else {
			rest = append(rest, q)
		}
	}
	shown := rules.SelfCare
	// Asked until a warning answer reaches a level above the one already
	// said (urgent, then perhaps emergency); after urgent, the rest of
	// the warning questions are asked for the record.
	for todo := warn; len(todo) > 0; {
		at, err := f.ask(a, todo, nil, stopAbove(o, a, &shown))
		if err != nil {
			return nil, err
		}
		if at == nil {
			break // every warning question answered, nothing to stop for
		}
		res := warningLevel(o, a)
		shown = res.Assessment.Level
		goOn, err := f.stopped(res)
		if err != nil || !goOn {
			return &Input{Answers: a, Now: o.Now, Prefilled: pre}, err
		}
		todo = todo[slices.Index(todo, at)+1:]
	}
	note := newNote(2 * MaxNote)
	if _, err := f.ask(a, rest, note, nil); err != nil {
		return nil, err
	}
	text, err := note.Value()
	if err != nil {
		return nil, err
	}
	return &Input{Answers: a, Note: text, Now: o.Now, Prefilled: pre}, nil
}

// stopAbove is the form's stop after a warning answer: the answers so far
// reach urgent or emergency level, above the level *shown already.
func stopAbove(o Options, a answers.Answers, shown *rules.Level) func() bool {
	return func() bool {
		res := warningLevel(o, a)
		return res.Stopped && res.Assessment.Level > *shown
	}
}

// newNote is the note's field, kept as every front end keeps it
// (CleanNote); at most limit characters can be typed (0: no bound but
// the line reader's).
func newNote(limit int) *field.Note {
	q, ok := questionnaire.Followup().Question(NoteKey)
	if !ok {
		panic("checkin: the follow-up facts have no " + NoteKey) // the built-in questionnaire has it
	}
	return field.NewNote(NoteKey, q.Prompt, q.Why, CleanNote, limit)
}

// form runs the check-in's screens on its terminal.
type form struct {
	ctx  context.Context
	in   io.Reader
	out  io.Writer
	o    Options
	dark bool // the terminal's background, as last heard
}

// ask asks the questions qs that apply (and then note, when given), one a
// screen, into a. stop, when given, is asked after each answer and ends
// the asking there when true; stoppedAt is then the question answered
// last, else nil.
func (f *form) ask(a answers.Answers, qs []*questionnaire.Question, note *field.Note, stop func() bool) (stoppedAt *questionnaire.Question, err error) {
	return f.run(newFormModel(f, a, qs, note, stop))
}

// askWith asks qs below lead, lines of text kept in view above them.
func (f *form) askWith(a answers.Answers, qs []*questionnaire.Question, lead []string) (*questionnaire.Question, error) {
	m := newFormModel(f, a, qs, nil, nil)
	m.lead = lead
	return f.run(m)
}

func (f *form) run(m *formModel) (stoppedAt *questionnaire.Question, err error) {
	if m.i >= len(m.fields) {
		return nil, nil // nothing left to ask
	}
	final, err := teaprog.Run(f.ctx, m, teaprog.Options{In: f.in, Out: f.out})
	if _, sig := teaprog.As(f.ctx, err); sig {
		return nil, teaprog.Say(f.ctx, err, "the check-in was not saved")
	}
	if err != nil {
		return nil, fmt.Errorf("check-in form: %w", err)
	}
	fm, _ := final.(*formModel)
	if fm == nil || fm.quit {
		return nil, ErrStopped
	}
	f.dark = fm.dark
	return fm.stoppedAt, nil
}

// stopped shows what a warning sign means; at urgent level it asks
// whether to finish the check-in for the record (goOn), at emergency it
// stops.
func (f *form) stopped(res *Result) (goOn bool, err error) {
	fmt.Fprintln(f.out, "\n"+Stop(res, f.o.Emergency))
	if res.Assessment.Level == rules.Emergency {
		fmt.Fprintln(f.out, StopsHere)
		return false, nil
	}
	q, ok := questionnaire.Followup().Question(questionnaire.Finish)
	if !ok {
		panic("checkin: rules/questions.yaml has no " + questionnaire.Finish) // the built-in table has it; a test reads it
	}
	finish := new(*q) // a copy: the built-in questionnaire is shared
	a := answers.Answers{}
	// The advice stays in view above the question: the answer is asked
	// with it, not instead of it.
	lead := strings.Split(strings.TrimRight(Stop(res, f.o.Emergency), "\n"), "\n")
	if _, err := f.askWith(a, []*questionnaire.Question{finish}, lead); err != nil {
		return false, err
	}
	v := a[finish.ID]
	return v.Yes != nil && *v.Yes, nil
}

// formModel is one run of the check-in's screens: a field a screen, the
// questionnaire's fields drawn with its styles, and keys as data.
type formModel struct {
	f      *form
	a      answers.Answers
	qs     []*questionnaire.Question // in fields' order; nil for the note
	fields []field.Field
	i      int // the field shown
	stop   func() bool
	lead   []string // text above the field (the advice an urgent stop gives)

	stoppedAt *questionnaire.Question
	quit      bool // stopped by the person: nothing is recorded
	done      bool

	// skipAsked: enter was pressed once on an empty score; a second
	// enter skips it (a reflex enter never does).
	skipAsked bool
	status    string
	fullHelp  bool
	scroll    int

	width, height int
	dark          bool
	st            *field.Styles
	help          help.Model
	keys          formKeys
}

// formKeys are the form's own keys: the fields own the ones that answer.
// They are those of the questionnaire's pages.
type formKeys struct {
	Next, NextQ, PrevQ, Why, Help, Quit, Move key.Binding
}

func newFormKeys() formKeys {
	b := func(h, d string, keys ...string) key.Binding {
		return key.NewBinding(key.WithKeys(keys...), key.WithHelp(h, d))
	}
	return formKeys{
		Next:  b("enter", "next", "enter"),
		NextQ: b("tab", "next question", "tab"),
		PrevQ: b("shift+tab", "previous question", "shift+tab"),
		Why:   b("w", "why we ask", "w"),
		Help:  b("?", "all keys", "?"),
		Quit:  b("esc/ctrl+c", "stop, nothing recorded", "esc", "ctrl+c"),
		Move:  b("↑/↓", "move", "up", "down"),
	}
}

func newFormModel(f *form, a answers.Answers, qs []*questionnaire.Question, note *field.Note, stop func() bool) *formModel {
	m := &formModel{f: f, a: a, stop: stop, width: 80, height: 24, dark: f.dark, keys: newFormKeys()}
	for _, q := range qs {
		m.qs = append(m.qs, q)
		m.fields = append(m.fields, field.New(q))
	}
	if note != nil {
		m.qs = append(m.qs, nil)
		m.fields = append(m.fields, note)
	}
	m.help = help.New()
	m.help.ShortSeparator = " · "
	m.setStyles()
	m.i = -1
	m.advance()
	return m
}

func (m *formModel) setStyles() {
	if m.f.o.Styles != nil {
		m.st = m.f.o.Styles(m.dark)
	} else {
		m.st = field.PlainStyles()
	}
	m.help.Styles = help.Styles{
		ShortKey: m.st.Key, ShortDesc: m.st.Muted, ShortSeparator: m.st.Muted, Ellipsis: m.st.Muted,
		FullKey: m.st.Key, FullDesc: m.st.Text, FullSeparator: m.st.Muted,
	}
}

// applies reports whether field i is asked with the answers so far (a
// follow-up only once its parent is answered to match).
func (m *formModel) applies(i int) bool {
	q := m.qs[i]
	return q == nil || answers.Applies(m.f.o.Questionnaire, m.a, q)
}

// advance shows the next field that applies; done after the last.
func (m *formModel) advance() {
	for m.i++; m.i < len(m.fields); m.i++ {
		if m.applies(m.i) {
			m.show()
			return
		}
	}
	m.done = true
}

// back shows the previous field that applies, if any.
func (m *formModel) back() {
	for j := m.i - 1; j >= 0; j-- {
		if m.applies(j) {
			m.i = j
			m.show()
			return
		}
	}
}

func (m *formModel) show() {
	m.fields[m.i].Focus(m.a, false)
	m.status, m.skipAsked, m.scroll = "", false, 0
}

func (m *formModel) Init() tea.Cmd { return tea.RequestBackgroundColor }

func (m *formModel) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	switch msg := msg.(type) {
	case tea.WindowSizeMsg:
		m.width, m.height = msg.Width, msg.Height
	case tea.BackgroundColorMsg:
		if d := msg.IsDark(); d != m.dark {
			m.dark = d
			m.setStyles()
		}
	case tea.PasteMsg:
		if m.fields[m.i].Paste(msg.Content, m.a) {
			m.status = ""
		}
	case tea.KeyPressMsg:
		return m, m.key(msg)
	}
	return m, nil
}

// key handles a key press: the field's keys first (a note takes every
// printable key), then the form's.
func (m *formModel) key(msg tea.KeyPressMsg) tea.Cmd {
	k := msg.String()
	if k == "ctrl+c" {
		m.quit = true
		return tea.Quit
	}
	f := m.fields[m.i]
	switch f.Update(k, msg, m.a) {
	case field.Changed:
		m.status, m.skipAsked = "", false
		return nil
	case field.Ignored:
	default:
		return nil
	}
	switch {
	case on(k, m.keys.Quit):
		m.quit = true
		return tea.Quit
	case on(k, m.keys.Next), on(k, m.keys.NextQ):
		return m.enter()
	case on(k, m.keys.PrevQ):
		m.back()
	case on(k, m.keys.Why):
		field.Of(f).ToggleWhy()
	case on(k, m.keys.Help):
		m.fullHelp = !m.fullHelp
	}
	return nil
}

// enter goes on once the question is answered as it must be: a warning
// question needs an answer; an empty score is skipped only on a second
// enter. After a warning answer, stop says whether the asking ends here.
func (m *formModel) enter() tea.Cmd {
	f := m.fields[m.i]
	q := m.qs[m.i]
	if !f.Valid() {
		return nil
	}
	if q != nil && !m.a.Answered(q.ID) {
		switch {
		case answers.Required(q) || q.ID == questionnaire.Finish:
			field.Of(f).SetErr(missing(q))
			return nil
		case q.Kind == questionnaire.Number && !m.skipAsked:
			m.skipAsked = true
			m.status = fmt.Sprintf("Type a number from %d to %d, or press enter again to skip it.", q.Min, q.Max)
			return nil
		}
		field.Of(f).SetSkipped(true)
	}
	if q != nil && q.Warning && m.stop != nil && m.stop() {
		m.stoppedAt = q
		return tea.Quit
	}
	m.advance()
	if m.done {
		return tea.Quit
	}
	return nil
}

// missing says what a question left empty needs.
func missing(q *questionnaire.Question) string {
	if q.Kind == questionnaire.YesNo {
		return "Please choose yes or no."
	}
	return answers.MissingMessage(q)
}

// View draws the header (where we are), the question's field scrolled so
// its cursor shows, a status line and the keys. Once done it draws
// nothing, so no question is left on the screen.
func (m *formModel) View() tea.View {
	var v tea.View
	v.AltScreen = true
	v.WindowTitle = "backtriage check-in"
	if m.done || m.quit || m.stoppedAt != nil {
		return v
	}
	v.SetContent(m.render())
	return v
}

func (m *formModel) render() string {
	w := max(20, min(m.width, 100)-2)
	f := m.fields[m.i]
	field.Of(f).Layout(m.st, w)

	header := m.header(w)
	var body []string
	for _, l := range m.lead {
		for _, w := range field.Wrap(l, w) { // Stop wraps at 78: kept as it is
			body = append(body, " "+m.st.Text.Render(w))
		}
	}
	if len(body) > 0 {
		body = append(body, "")
	}
	body, cursor := f.View(body, m.a, true)
	var status []string
	if m.status != "" {
		for _, l := range field.Wrap(m.status, w-1) {
			status = append(status, " "+m.st.Err.Render(l))
		}
	}
	footer := m.footer(w)
	bodyH := max(3, m.height-len(header)-len(status)-len(footer)-2)

	// Scroll so the cursor (and the title, when it fits) shows, leaving a
	// line for "more below" when there is more.
	view := bodyH
	if len(body) > bodyH {
		view = bodyH - 1
	}
	if cursor >= m.scroll+view {
		m.scroll = cursor - view + 1
	}
	if cursor < m.scroll {
		m.scroll = cursor
	}
	if cursor < view {
		m.scroll = 0
	}
	m.scroll = max(0, min(m.scroll, len(body)-view))
	end := min(len(body), m.scroll+view)

	var b strings.Builder
	for _, l := range header {
		b.WriteString(l + "\n")
	}
	b.WriteString("\n")
	for _, l := range body[m.scroll:end] {
		b.WriteString(l + "\n")
	}
	if end < len(body) {
		b.WriteString("   " + m.st.Muted.Render("▼ more below") + "\n")
	}
	for range bodyH - (end - m.scroll) - boolInt(end < len(body)) {
		b.WriteString("\n")
	}
	for _, l := range status {
		b.WriteString(l + "\n")
	}
	b.WriteString("\n")
	b.WriteString(strings.Join(footer, "\n"))
	return b.String()
}

// header says where the person is: the check-in, the part, the question
// number among those asked, and the part's introduction.
func (m *formModel) header(w int) []string {
	qn := m.f.o.Questionnaire
	title, intro := "Your note", "For the record, if you like."
	if q := m.qs[m.i]; q != nil {
		title, intro = "Your record", ""
		if pi := qn.PageIndex(q.Page); pi >= 0 {
			title, intro = qn.Pages[pi].Title, qn.Pages[pi].Intro
		}
	}
	n, pos := 0, 0
	for j := range m.fields {
		if m.applies(j) {
			n++
			if j <= m.i {
				pos++
			}
		}
	}
	out := []string{" " + m.st.Title.Render("backtriage check-in") + m.st.Muted.Render(" · "+title+" · "+strconv.Itoa(pos)+" of "+strconv.Itoa(n))}
	if intro != "" {
		for _, l := range field.Wrap(intro, w-1) {
			out = append(out, " "+m.st.Muted.Render(l))
		}
	}
	return out
}

// footer is the keys: the field's, then the form's; ? shows them all.
func (m *formModel) footer(w int) []string {
	f := m.fields[m.i]
	k := m.keys
	var text string
	if m.fullHelp {
		m.help.SetWidth(w)
		text = m.help.FullHelpView([][]key.Binding{
			append(f.FullHelp(), k.Next, k.NextQ, k.PrevQ),
			{k.Why, k.Help, k.Quit},
		})
	} else {
		short := f.ShortHelp()
		if q := m.qs[m.i]; q != nil && q.Kind != questionnaire.Number {
			short = append([]key.Binding{k.Move}, short...) // through the options
		}
		if m.qs[m.i] == nil {
			short = append(short, k.Next, k.Quit) // w and ? type into the note
		} else {
			short = append(short, k.Next, k.Why, k.Help, k.Quit)
		}
		m.help.SetWidth(0) // shortHelp wraps: no key is cut off
		text = m.shortHelp(short, w)
	}
	lines := strings.Split(text, "\n")
	for i, l := range lines {
		lines[i] = " " + l
	}
	return lines
}

// shortHelp lays the bindings out on as many lines as they need: a key
// never drops out of the footer.
func (m *formModel) shortHelp(bs []key.Binding, w int) string {
	var lines []string
	start := 0
	for start < len(bs) {
		end := start + 1
		for end < len(bs) && lipgloss.Width(m.help.ShortHelpView(bs[start:end+1])) <= w-1 {
			end++
		}
		lines = append(lines, m.help.ShortHelpView(bs[start:end]))
		start = end
	}
	return strings.Join(lines, "\n")
}

func boolInt(b bool) int {
	if b {
		return 1
	}
	return 0
}

// on reports whether the key named k is one of b's.
func on(k string, b key.Binding) bool {
	for _, bk := range b.Keys() {
		if bk == k {
			return b.Enabled()
		}
	}
	return false
}
