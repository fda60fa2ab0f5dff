package tui

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/exp/teatest/v2"

	"github.com/backtriage/backtriage/internal/answers"
	"github.com/backtriage/backtriage/internal/field"
	"github.com/backtriage/backtriage/internal/questionnaire"
	"github.com/backtriage/backtriage/internal/report"
	"github.com/backtriage/backtriage/internal/rules"
	"github.com/backtriage/backtriage/internal/testkit/keyscript"
)

func inTempDir(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	t.Chdir(dir)
	return dir
}

func causeIDs(m *Model) []string {
	var ids []string
	for _, c := range m.assessment().Causes {
		ids = append(ids, c.Cause.ID)
	}
	return ids
}

// The whole flow under a running Bubble Tea program (teatest): answers by
// keys, the results, and the final model.
func TestTeatestCharlotte(t *testing.T) {
	inTempDir(t)
	tm := teatest.NewTestModel(t, New(testOptions(t)), teatest.WithInitialTermSize(80, 24))
	waitText := func(s string) {
		t.Helper()
		teatest.WaitFor(t, tm.Output(), func(b []byte) bool { return bytes.Contains(b, []byte(s)) },
			teatest.WithDuration(30*time.Second), teatest.WithCheckInterval(5*time.Millisecond))
	}
	send := func(keys ...string) {
		for _, k := range keys {
			tm.Send(keyMsg(k))
		}
	}
	waitText("Nothing leaves this machine")
	send("enter")
	waitText("Warning signs first")
	s := script(t)
	send(s.NoWarnings(30).Keys()...)
	waitText(questionnaire.Default().Pages[1].Title) // the page after the warning signs
	send(s.FillAll(keyscript.Charlotte(t, questionnaire.Default())).Keys()...)
	waitText("Review your answers")
	send("enter")
	waitText("SELF-CARE")
	send("q")
	m := tm.FinalModel(t, teatest.WithFinalTimeout(30*time.Second)).(*Model)
	if m.assessment() == nil || m.assessment().Level != rules.SelfCare {
		t.Fatalf("want self-care results, got %+v", m.assessment())
	}
	for _, id := range []string{"shoulder-blade-muscles", "mattress"} {
		if !slices.Contains(causeIDs(m), id) {
			t.Errorf("causes %v lack %s", causeIDs(m), id)
		}
	}
	if !m.sess.Given.Has("nursing_position", "lying_side") || !m.sess.Given.Has("baby", "yes") {
		t.Errorf("answers lost: %v", m.sess.Given)
	}
}

func TestEmmaByKeys(t *testing.T) {
	m := newTestModel(t, testOptions(t), 80, 24)
	press(m, "enter")
	press(m, script(t).FillAll(keyscript.Emma(t, questionnaire.Default())).Keys()...)
	press(m, "enter") // review -> results
	if m.screen() != scrResults || m.assessment().Level != rules.SelfCare {
		t.Fatalf("screen %v, level %v:\n%s", m.screen(), m.assessment().Level, plain(m))
	}
	if len(m.assessment().Causes) == 0 || m.assessment().Causes[0].Cause.ID != "pulled-muscle" {
		t.Errorf("want pulled-muscle first, got %v", causeIDs(m))
	}
	mustContain(t, m, "SELF-CARE", "BACK", "where it hurts: the middle of the back")
}

func TestEmergencyStopsAtOnce(t *testing.T) {
	m := newTestModel(t, testOptions(t), 80, 24)
	s := script(t)
	press(m, "enter")
	press(m, s.Cursor("warning_now", "chest_pain").Space().Keys()...)
	if m.screen() != scrPage {
		t.Fatal("the emergency screen came before the answer was confirmed")
	}
	press(m, s.Next().Keys()...)
	if m.screen() != scrStop {
		t.Fatalf("want the emergency screen at once, got:\n%s", plain(m))
	}
	mustContain(t, m, "EMERGENCY", "emergency number", "Chest pain with back pain", "e export")
	// Back to the warning signs to undo a mistake; the answer is kept.
	press(m, "left")
	if m.screen() != scrPage || m.page.page != 0 || !m.sess.Given.Has("warning_now", "chest_pain") {
		t.Fatalf("back did not return to the warning signs with the answer kept:\n%s", plain(m))
	}
	press(m, s.At("warning_now").Space().Choose("warning_now", keyscript.None).Next().Keys()...) // untick chest pain, tick none
	if m.screen() != scrPage || m.page.focused().ID != "warning_nerves" {
		t.Fatalf("want to go on after the correction, got:\n%s", plain(m))
	}
}

func TestLeavingWarningPageChecksEmergency(t *testing.T) {
	m := newTestModel(t, testOptions(t), 80, 24)
	press(m, "enter")
	press(m, script(t).Choose("warning_now", keyscript.None).Choose("warning_nerves", "both_legs").Keys()...) // not confirmed
	press(m, "right")
	if m.screen() != scrStop {
		t.Fatalf("leaving the page with an emergency sign must stop:\n%s", plain(m))
	}
}

func TestWarningSignsNeeded(t *testing.T) {
	m := newTestModel(t, testOptions(t), 80, 24)
	press(m, "enter", "enter")
	if m.page.focused().ID != "warning_now" || field.Of(m.page.fieldByID("warning_now")).Err() == "" {
		t.Fatalf("an empty warning answer must not pass:\n%s", plain(m))
	}
	mustContain(t, m, "None of these")
	press(m, "right")
	if m.page.page != 0 || m.page.pageErr == "" {
		t.Fatal("went on past unanswered warning signs")
	}
}

func TestBackKeepsAnswersEvenInvalid(t *testing.T) {
	m := newTestModel(t, testOptions(t), 80, 24)
	s := script(t)
	press(m, "enter")
	press(m, s.NoWarnings(30).Choose("pain_where", "between_shoulder_blades").Keys()...)
	// Back to the warning page with an invalid age being typed.
	press(m, s.Focus("warning_now").Keys()...)
	if m.page.page != 0 {
		t.Fatalf("want page 1, got %d", m.page.page+1)
	}
	press(m, s.Type("age", "999").Keys()...)
	mustContain(t, m, "999", "out of range")
	press(m, "right")
	if m.page.page != 0 {
		t.Fatal("went on with an invalid age")
	}
	press(m, s.Focus("warning_nerves").Keys()...)
	press(m, "left") // back is always allowed
	if m.page.fieldByID("age").Typed() != "999" || !m.sess.Given.Has("pain_where", "between_shoulder_blades") {
		t.Fatalf("answers lost going back: draft %q, answers %v", m.page.fieldByID("age").Typed(), m.sess.Given)
	}
	if m.page.focused().ID != "warning_nerves" {
		t.Fatalf("focus %s", m.page.focused().ID)
	}
	press(m, s.Number("age", 31).NextPage().Keys()...)
	if m.page.page != 1 || !m.sess.Given.Has("pain_where", "between_shoulder_blades") || *m.sess.Given["age"].Number != 31 {
		t.Fatalf("page %d, answers %v", m.page.page+1, m.sess.Given)
	}
}

func TestFollowUpsComeAndGo(t *testing.T) {
	m := newTestModel(t, testOptions(t), 80, 24)
	m.sess.Given = answers.Answers{"warning_now": answers.Choices("none"), "warning_nerves": answers.Choices("none"),
		"warning_history": answers.Choices("none"), "age": answers.Num(40)}
	m.gotoPage(m.qn.PageIndex("day"))
	ids := func() (out []string) {
		for _, q := range m.page.visible {
			out = append(out, q.ID)
		}
		return
	}
	if slices.Contains(ids(), "nursing_position") {
		t.Fatal("a follow-up shows before its parent is answered")
	}
	m.page.focusQuestion(mustQ(t, m, "baby"))
	press(m, optKey(t, "baby", "yes"))
	m.page.focusQuestion(mustQ(t, m, "nursing_position"))
	press(m, optKey(t, "nursing_position", "sitting_up"))
	if !slices.Contains(ids(), "nursing_position") || !slices.Contains(ids(), "nursing_head") {
		t.Fatalf("follow-ups missing: %v", ids())
	}
	m.page.focusQuestion(mustQ(t, m, "baby"))
	press(m, optKey(t, "baby", "no")) // the follow-ups go, their answers are kept for a change of mind
	if slices.Contains(ids(), "nursing_position") || !m.sess.Given.Answered("nursing_position") {
		t.Fatalf("visible %v, answers %v", ids(), m.sess.Given)
	}
	if _, ok := answers.Prune(m.qn, m.sess.Given)["nursing_position"]; ok {
		t.Error("a follow-up that no longer applies is assessed")
	}
}

func mustQ(t *testing.T, m *Model, id string) *questionnaireQuestion {
	t.Helper()
	q, ok := m.qn.Question(id)
	if !ok {
		t.Fatal(id)
	}
	return q
}

func TestExclusiveOptions(t *testing.T) {
	m := newTestModel(t, testOptions(t), 80, 24)
	press(m, "enter", optKey(t, "warning_now", "chest_pain"), optKey(t, "warning_now", "exertion_spread"), optKey(t, "warning_now", "none"))
	if v := m.sess.Given["warning_now"].Options; !slices.Equal(v, []string{"none"}) {
		t.Fatalf("none must clear the others: %v", v)
	}
	press(m, optKey(t, "warning_now", "breathless"))
	if v := m.sess.Given["warning_now"].Options; !slices.Equal(v, []string{"breathless"}) {
		t.Fatalf("an option must clear none: %v", v)
	}
}

func TestReviewJumpAndReturn(t *testing.T) {
	m := newTestModel(t, testOptions(t), 80, 24)
	answerCharlotte(t, m)
	press(m, "left") // results -> review
	if m.screen() != scrReview {
		t.Fatalf("want the review:\n%s", plain(m))
	}
	mustContain(t, m, "Review your answers", "See my results")
	press(m, "home")
	mustContain(t, m, "Warning signs now", "None of these")
	for m.review.list[m.review.cursor].ID != "mattress_feel" {
		press(m, "down")
	}
	press(m, "enter")
	if m.screen() != scrPage || m.page.focused().ID != "mattress_feel" || !m.page.fromReview {
		t.Fatalf("the jump did not open the answer:\n%s", plain(m))
	}
	press(m, optKey(t, "mattress_feel", "firm"), "right") // -> back to the review
	if m.screen() != scrReview || m.review.list[m.review.cursor].ID != "mattress_feel" {
		t.Fatalf("want the review on the changed answer:\n%s", plain(m))
	}
	mustContain(t, m, "Firm")
	press(m, "end", "enter")
	if slices.Contains(causeIDs(m), "mattress") {
		t.Errorf("the changed answer was not assessed: %v", causeIDs(m))
	}
}

func TestExportDialog(t *testing.T) {
	dir := inTempDir(t)
	m := newTestModel(t, testOptions(t), 80, 24)
	answerCharlotte(t, m)
	press(m, "e")
	mustContain(t, m, "Export the summary", "backtriage-summary-2025-03-04.txt")
	press(m, "tab", "right") // Markdown: the name follows
	if got := m.exp.file.name; got != "backtriage-summary-2025-03-04.md" {
		t.Fatalf("name %q", got)
	}
	press(m, "tab", "enter")
	want := filepath.Join(dir, "backtriage-summary-2025-03-04.md")
	if m.dialogKind() != dlgNone || !strings.Contains(m.statusText(), want) {
		t.Fatalf("status %q:\n%s", m.statusText(), plain(m))
	}
	data, err := os.ReadFile(want)
	if err != nil || !strings.HasPrefix(string(data), "#") {
		t.Fatalf("%v: %.80s", err, data)
	}
	// The next export offers the first free name: the first is never
	// offered for replacing (issue 18).
	press(m, "e")
	if got := m.exp.file.name; got != "backtriage-summary-2025-03-04-2.md" {
		t.Fatalf("second export offers %q", got)
	}
	// A name that exists, typed: asks; n keeps the dialog; y replaces.
	m.exp.file.setName("backtriage-summary-2025-03-04.md")
	press(m, "enter")
	replace := dialogWords(questionnaire.DialogReplaceFile).With(filepath.Join(dir, "backtriage-summary-2025-03-04.md"))
	dialogSaysPath(t, m, replace.Intro, replace.Prompt)
	press(m, "n")
	if m.dialogKind() != dlgExport {
		t.Fatal("the dialog closed on no")
	}
	press(m, "enter", "y")
	if m.dialogKind() != dlgNone {
		t.Fatalf("not replaced:\n%s", plain(m))
	}
	// A failure says why and keeps everything for another try.
	press(m, "e")
	m.exp.file.setName(filepath.Join(dir, "missing", "x.txt"))
	press(m, "enter")
	if m.dialogKind() != dlgExport || !strings.Contains(m.exp.file.err, "does not exist") {
		t.Fatalf("want the reason, got %q", m.exp.file.err)
	}
	press(m, "esc")
	if m.assessment() == nil || len(m.sess.Given) == 0 {
		t.Fatal("results or answers lost after a failed export")
	}
}

func TestOutputFlagExportsWithoutAsking(t *testing.T) {
	dir := inTempDir(t)
	o := testOptions(t)
	o.Output = "out.json"
	o.OutputFormat = report.JSON
	m := newTestModel(t, o, 80, 24)
	answerCharlotte(t, m)
	if _, err := os.Stat(filepath.Join(dir, "out.json")); err != nil {
		t.Fatal(err)
	}
	mustContain(t, m, "Saved the summary to")
	if len(m.notes) != 1 {
		t.Errorf("notes %v", m.notes)
	}
}

func TestQuitSavesAnswersAndReopens(t *testing.T) {
	dir := inTempDir(t)
	m := newTestModel(t, testOptions(t), 80, 24)
	s := script(t)
	press(m, "enter")
	press(m, s.NoWarnings(30).Choose("pain_where", "between_shoulder_blades").Keys()...)
	m.Update(keyMsg("ctrl+c"))
	if m.dialogKind() != dlgQuit {
		t.Fatal("ctrl+c mid-questionnaire must offer to save")
	}
	quit := dialogWords(questionnaire.DialogQuit)
	mustContain(t, m, quit.Prompt, "backtriage-answers-2025-03-04.yaml")
	dialogSays(t, m, quit.Intro)
	_, cmd := m.Update(keyMsg("enter"))
	if cmd == nil || !isQuit(cmd) {
		t.Fatal("saving did not quit")
	}
	path := filepath.Join(dir, "backtriage-answers-2025-03-04.yaml")
	a, err := answers.ReadFile(path, nil, m.qn)
	if err != nil {
		t.Fatal(err)
	}
	if !a.Has("pain_where", "between_shoulder_blades") || *a["age"].Number != 30 {
		t.Fatalf("saved %v", a)
	}
	if !strings.Contains(strings.Join(m.notes, "\n"), "--answers "+path) {
		t.Errorf("notes %v", m.notes)
	}
	// Reopen: the welcome says so, and it goes on at the first unanswered page.
	o := testOptions(t)
	o.Answers, o.AnswersFrom = a, path
	m2 := newTestModel(t, o, 80, 24)
	mustContain(t, m2, fmt.Sprintf("Loaded %d answers", len(s.Answers()))) // the warning questions and where it hurts
	press(m2, "enter")
	var first string // the first question of page 2 shown and not answered
	for _, q := range answers.Visible(m2.qn, a, m2.qn.Pages[1]) {
		if !a.Answered(q.ID) {
			first = q.ID
			break
		}
	}
	if m2.page.page != 1 || m2.page.focused().ID != first {
		t.Fatalf("want the first unanswered question, got page %d %s", m2.page.page+1, m2.page.focused().ID)
	}
}

func isQuit(cmd tea.Cmd) bool {
	_, ok := cmd().(tea.QuitMsg)
	return ok
}

func TestCtrlCWithNoAnswersQuits(t *testing.T) {
	m := newTestModel(t, testOptions(t), 80, 24)
	_, cmd := m.Update(keyMsg("ctrl+c"))
	if cmd == nil || !isQuit(cmd) || m.dialogKind() != dlgNone {
		t.Fatal("ctrl+c with nothing to save must quit at once")
	}
}

func TestSmallTerminal(t *testing.T) {
	m := newTestModel(t, testOptions(t), 40, 12)
	s := plain(m)
	if !strings.Contains(s, "Please enlarge") || plainWidth(s) > 40 || strings.Count(s, "\n") >= 12 {
		t.Fatalf("enlarge screen does not fit 40x12:\n%s", s)
	}
	press(m, "enter") // ignored while too small
	m.Update(tea.WindowSizeMsg{Width: 80, Height: 24})
	mustContain(t, m, "Nothing leaves this machine")
	press(m, "enter", optKey(t, "warning_now", "none"))
	m.Update(tea.WindowSizeMsg{Width: 64, Height: 18})
	if s := plain(m); plainWidth(s) > 64 || !strings.Contains(s, "[x] None of these") {
		t.Fatalf("no reflow at 64x18:\n%s", s)
	}
}

func plainWidth(s string) int {
	w := 0
	for _, l := range strings.Split(s, "\n") {
		w = max(w, len([]rune(strings.TrimRight(l, " "))))
	}
	return w
}

// Every frame fits the terminal, on every screen, at 80x24 and 60x16.
func TestFramesFit(t *testing.T) {
	for _, size := range [][2]int{{80, 24}, {60, 16}, {120, 40}} {
		m := newTestModel(t, testOptions(t), size[0], size[1])
		check := func(where string) {
			s := plain(m)
			if n := strings.Count(s, "\n") + 1; n > size[1] {
				t.Errorf("%dx%d %s: %d lines:\n%s", size[0], size[1], where, n, s)
			}
			if w := plainWidth(s); w > size[0] {
				t.Errorf("%dx%d %s: %d wide:\n%s", size[0], size[1], where, w, s)
			}
		}
		check("welcome")
		answerCharlotte(t, m)
		check("results")
		press(m, "e")
		check("export")
		press(m, "esc", "left")
		check("review")
		press(m, "home", "enter")
		check("page")
	}
}

func TestNoColorAndThemes(t *testing.T) {
	for _, theme := range ThemeNames() {
		o := testOptions(t)
		o.Theme = theme
		m := newTestModel(t, o, 80, 24)
		answerCharlotte(t, m)
		if s := m.render(); !strings.Contains(s, "SELF-CARE") {
			t.Errorf("theme %s: no results", theme)
		}
	}
	o := testOptions(t)
	o.Env = append(o.Env, "NO_COLOR=yes")
	m := newTestModel(t, o, 80, 24)
	answerCharlotte(t, m)
	s := m.render()
	if strings.Contains(s, "38;") || strings.Contains(s, "48;") {
		t.Error("colours under NO_COLOR")
	}
	// Without colour the picture still tells pain from cause by its marks
	// (it comes after the answer, below the first screen).
	s = strings.Join(m.resultLines(), "\n")
	if !strings.Contains(s, "●") && !strings.Contains(s, "◈") {
		t.Error("no pain mark")
	}
}

func TestLightBackground(t *testing.T) {
	o := testOptions(t)
	o.Env = []string{"TERM=xterm-256color", "COLORFGBG=0;15"}
	m := New(o)
	if m.dark {
		t.Fatal("COLORFGBG=0;15 is a light background")
	}
	m.Init()
	m.Update(tea.BackgroundColorMsg{Color: colorBlack})
	if !m.dark {
		t.Error("a dark background reported by the terminal is not used")
	}
}

// An urgent sign stops the questionnaire at once, like an emergency, with
// what to do today; Enter then finishes the questions for the summary, and
// the same sign does not stop it again.
func TestUrgentStopsThenGoesOn(t *testing.T) {
	m := newTestModel(t, testOptions(t), 80, 24)
	s := script(t)
	press(m, "enter")
	press(m, s.Choose("warning_now", keyscript.None).Choose("warning_nerves", keyscript.None).Choose("warning_history", "fever").Keys()...)
	if m.screen() != scrPage {
		t.Fatal("the urgent screen came before the answer was confirmed")
	}
	press(m, s.Next().Keys()...)
	if m.screen() != scrStop || m.assessment().Level != rules.Urgent {
		t.Fatalf("want the urgent screen at once, got:\n%s", plain(m))
	}
	mustContain(t, m, "Do this today", "Because you said: Health history", "Press Enter to finish the questions")
	press(m, "enter")
	if m.screen() != scrPage || m.page.page != 0 {
		t.Fatalf("enter should go back to the questions:\n%s", plain(m))
	}
	if q := m.page.focused(); q == nil || q.ID != "warning_history" {
		t.Fatalf("want focus back on the question answered, got %v", q)
	}
	// The rest of the warning signs: none, and age 30.
	press(m, s.At("warning_history").Fill(keyscript.With(t, m.qn, keyscript.NoWarnings(t, m.qn, 30), "warning_history", "fever")).Keys()...)
	if m.screen() != scrPage || m.page.page != 1 {
		t.Fatalf("the urgent sign stopped the questions twice:\n%s", plain(m))
	}
	press(m, s.Choose("pain_where", "between_shoulder_blades").ToReview().Keys()...)
	press(m, "enter")
	if m.screen() != scrResults || m.assessment().Level != rules.Urgent {
		t.Fatalf("want urgent results at the end, got screen %v level %v:\n%s", m.screen(), m.assessment().Level, plain(m))
	}
	if !strings.Contains(strings.Join(m.resultLines(), "\n"), "While you wait to be seen") {
		t.Error("urgent results should put causes and self-care under while-you-wait headings")
	}
}

// The quit dialog offers the first free name, never the fuller answers
// saved earlier; a name typed over them is asked about with what would be
// lost (issue 18).
func TestQuitDialogNeverOffersFullerAnswers(t *testing.T) {
	data, err := os.ReadFile(filepath.Join("..", "..", "testdata", "answers", "valid-full.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	dir := inTempDir(t)
	name := "backtriage-answers-" + testDate.Format("2006-01-02") + ".yaml"
	if err := os.WriteFile(filepath.Join(dir, name), data, 0o600); err != nil {
		t.Fatal(err)
	}
	m := newTestModel(t, testOptions(t), 80, 24)
	m.sess.Given["age"] = answers.Num(40)
	press(m, "ctrl+c")
	if m.dialogKind() == dlgNone {
		t.Fatalf("no quit dialog:\n%s", plain(m))
	}
	mustContain(t, m, dialogWords(questionnaire.DialogQuit).Prompt, strings.TrimSuffix(name, ".yaml")+"-2.yaml")
	d := m.dlg.(*quitDialog)
	d.file.setName(name)
	press(m, "enter")
	// What replacing would lose is said between the dialog's intro and
	// its question.
	replace := dialogWords(questionnaire.DialogReplaceFile).With(filepath.Join(dir, name))
	dialogSaysPath(t, m, replace.Intro+" It holds", "would be lost. "+replace.Prompt)
}

// A dialog hidden behind "Please enlarge the terminal" takes no keys and
// no paste: typing there changed the quit dialog's file name unseen, and
// enter saved the answers and quit. Only ctrl+c acts, as the screen says.
func TestSmallTerminalHidesDialogKeys(t *testing.T) {
	t.Chdir(t.TempDir()) // where a regression would save the answers
	m := newTestModel(t, testOptions(t), 80, 24)
	press(m, "enter", optKey(t, "warning_now", "none"), "ctrl+c")
	if m.dialogKind() != dlgQuit {
		t.Fatalf("ctrl+c with an answer did not offer to save:\n%s", plain(m))
	}
	d := m.dlg.(*quitDialog)
	name := d.file.value()
	m.Update(tea.WindowSizeMsg{Width: 40, Height: 12})
	mustContain(t, m, "Please enlarge", "Press ctrl+c again")
	for _, k := range []string{"x", "backspace", "enter"} {
		if _, cmd := m.Update(keyMsg(k)); cmd != nil && isQuit(cmd) {
			t.Fatalf("%s on the enlarge screen quit", k)
		}
	}
	m.Update(tea.PasteMsg{Content: "pasted"})
	m.Update(tea.WindowSizeMsg{Width: 80, Height: 24})
	if m.dialogKind() != dlgQuit || d.file.value() != name {
		t.Fatalf("keys reached the hidden dialog: file %q, want %q:\n%s", d.file.value(), name, plain(m))
	}
	m.Update(tea.WindowSizeMsg{Width: 40, Height: 12})
	if _, cmd := m.Update(keyMsg("ctrl+c")); cmd == nil || !isQuit(cmd) {
		t.Fatal("ctrl+c on the enlarge screen with the quit dialog open must quit, as the screen says")
	}
}

// Paste on the enlarge screen does not reach the page's field unseen.
func TestSmallTerminalIgnoresPaste(t *testing.T) {
	m := newTestModel(t, testOptions(t), 80, 24)
	press(m, "enter")
	press(m, script(t).Focus("age").Keys()...)
	m.Update(tea.WindowSizeMsg{Width: 40, Height: 12})
	m.Update(tea.PasteMsg{Content: "42"})
	m.Update(tea.WindowSizeMsg{Width: 80, Height: 24})
	if got := m.page.fieldByID("age").Typed(); got != "" {
		t.Fatalf("a paste on the enlarge screen reached the age field: %q", got)
	}
}
