package tui

import (
	"image/color"
	"strings"
	"testing"
	"time"

	"github.com/backtriage/backtriage/internal/questionnaire"
	"github.com/backtriage/backtriage/internal/testkit/keyscript"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/backtriage/backtriage/internal/session"
	"github.com/backtriage/backtriage/internal/testkit/testrules"
	"github.com/backtriage/backtriage/internal/triage"
)

var testDate = time.Date(2025, 3, 4, 9, 0, 0, 0, time.UTC)

func testEngine(tb testing.TB) *triage.Engine {
	tb.Helper()
	eng, err := testrules.Engine()
	if err != nil {
		tb.Fatal(err)
	}
	return eng
}

func testOptions(tb testing.TB) Options {
	eng := testEngine(tb)
	return Options{
		Options: session.Options{
			Load:    func() (*triage.Engine, error) { return eng, nil },
			Now:     testDate,
			Version: "test",
		},
		Env: []string{"TERM=xterm-256color", "COLORFGBG=15;0"},
	}
}

// newTestModel is a model sized like a terminal, driven directly.
func newTestModel(tb testing.TB, o Options, w, h int) *Model {
	m := New(o)
	m.Update(tea.WindowSizeMsg{Width: w, Height: h})
	// Update never waits for the rule table; tests driving it directly
	// wait here, as the running program waits for its engineMsg.
	m.sess.Loader().Begin()
	if _, err := m.sess.Loader().Result(); err != nil {
		tb.Fatal(err)
	}
	return m
}

// press sends keys by name: "down", "enter", "space", "ctrl+c", or text.
func press(m *Model, keys ...string) {
	for _, k := range keys {
		m.Update(keyMsg(k))
	}
}

func keyMsg(k string) tea.KeyPressMsg {
	switch k {
	case "up":
		return tea.KeyPressMsg{Code: tea.KeyUp}
	case "down":
		return tea.KeyPressMsg{Code: tea.KeyDown}
	case "left":
		return tea.KeyPressMsg{Code: tea.KeyLeft}
	case "right":
		return tea.KeyPressMsg{Code: tea.KeyRight}
	case "enter":
		return tea.KeyPressMsg{Code: tea.KeyEnter}
	case "tab":
		return tea.KeyPressMsg{Code: tea.KeyTab}
	case "shift+tab":
		return tea.KeyPressMsg{Code: tea.KeyTab, Mod: tea.ModShift}
	case "space":
		return tea.KeyPressMsg{Code: tea.KeySpace, Text: " "}
	case "esc":
		return tea.KeyPressMsg{Code: tea.KeyEscape}
	case "backspace":
		return tea.KeyPressMsg{Code: tea.KeyBackspace}
	case "ctrl+c":
		return tea.KeyPressMsg{Code: 'c', Mod: tea.ModCtrl}
	}
	r := []rune(k)
	return tea.KeyPressMsg{Code: r[0], Text: k}
}

// screen is the current frame as plain text.
func plain(m *Model) string { return ansi.Strip(m.render()) }

func mustContain(tb testing.TB, m *Model, want ...string) {
	tb.Helper()
	s := plain(m)
	for _, w := range want {
		if !strings.Contains(s, w) {
			tb.Fatalf("screen lacks %q:\n%s", w, s)
		}
	}
}

// script starts the keys that answer the questionnaire by question and
// option ids, on the first page (after the welcome).
func script(tb testing.TB) *keyscript.Script { return keyscript.Default(tb) }

// answerCharlotte answers the nursing mother's case by keys and opens the
// results.
func answerCharlotte(tb testing.TB, m *Model) {
	tb.Helper()
	press(m, charlotteKeys(tb)...)
}

// charlotteKeys are the keys of answerCharlotte, from the welcome screen
// to the results.
func charlotteKeys(tb testing.TB) []string {
	tb.Helper()
	keys := []string{"enter"} // welcome
	keys = append(keys, script(tb).FillAll(keyscript.Charlotte(tb, questionnaire.Default())).Keys()...)
	return append(keys, "enter") // review -> results
}

// optKey is the digit that chooses option of question on its page.
func optKey(tb testing.TB, question, option string) string {
	tb.Helper()
	q, ok := questionnaire.Default().Question(question)
	if !ok {
		tb.Fatalf("no question %q", question)
	}
	k := keyscript.Number(q, option)
	if len(k) != 1 {
		tb.Fatalf("question %q: option %q has no digit key (%q)", question, option, k)
	}
	return k
}

// noWarnings answers "None of these" to every warning question and age to
// the age, from the first question of the warning signs to the next page.
func noWarnings(tb testing.TB, age int) []string {
	tb.Helper()
	return script(tb).NoWarnings(age).Keys()
}

type questionnaireQuestion = questionnaire.Question

var colorBlack = color.RGBA{A: 255}

// Test views of the model's state.

func (m *Model) screen() screenID { return m.cur.id() }

// assessment is the one on the results or stop screen shown last.
func (m *Model) assessment() *triage.Assessment {
	if m.cur == m.stop {
		return m.stop.as
	}
	if m.results.as != nil {
		return m.results.as
	}
	return m.stop.as
}

func (m *Model) pane() *levelPane {
	if m.cur == m.stop {
		return &m.stop.levelPane
	}
	return &m.results.levelPane
}

func (m *Model) resultLines() []string { return m.pane().lines }
func (m *Model) statusText() string    { return m.pane().status }

type dialogKind int

const (
	dlgNone dialogKind = iota
	dlgExport
	dlgQuit
	dlgKeys
	dlgConsent
	dlgOther
)

func (m *Model) dialogKind() dialogKind {
	switch m.dlg.(type) {
	case nil:
		return dlgNone
	case *exportDialog:
		return dlgExport
	case *quitDialog:
		return dlgQuit
	case *keysDialog:
		return dlgKeys
	case *consentDialog:
		return dlgConsent
	}
	return dlgOther
}
func ansiStrip(s string) string { return ansi.Strip(s) }

// dialogWords is a dialog's words by id, as the rule folder gives them: the
// tests look for the words read from there, as the screens show them.
func dialogWords(id questionnaire.DialogID) questionnaire.Dialog {
	return questionnaire.Dialogs().Get(id)
}

// dialogSays checks the open dialog's words, read as one line without its
// borders: a message naming a file breaks where the file's (temporary,
// varying) name puts the break, so a phrase can fall across two lines.
func dialogSays(tb testing.TB, m *Model, want ...string) {
	tb.Helper()
	dialogHas(tb, m, " ", want)
}

// dialogSaysPath is dialogSays for words holding a path, which the dialog
// breaks anywhere in a long one: white space is left out of both.
func dialogSaysPath(tb testing.TB, m *Model, want ...string) {
	tb.Helper()
	for i, w := range want {
		want[i] = strings.Join(strings.Fields(w), "")
	}
	dialogHas(tb, m, "", want)
}

// dialogHas looks for want in the open dialog's text, its words joined
// by sep.
func dialogHas(tb testing.TB, m *Model, sep string, want []string) {
	tb.Helper()
	if m.dlg == nil {
		tb.Fatalf("no dialog open:\n%s", plain(m))
	}
	flat := strings.Join(strings.Fields(strings.NewReplacer("┃", " ", "│", " ").Replace(ansi.Strip(m.dlg.view()))), sep)
	for _, w := range want {
		if !strings.Contains(flat, w) {
			tb.Fatalf("the dialog lacks %q:\n%s", w, plain(m))
		}
	}
}
