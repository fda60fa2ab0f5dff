package tui

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"

	"github.com/backtriage/backtriage/internal/answers"
	"github.com/backtriage/backtriage/internal/emergencynumber"
	"github.com/backtriage/backtriage/internal/guide"
	"github.com/backtriage/backtriage/internal/questionnaire"
	"github.com/backtriage/backtriage/internal/service"
)

func init() { diaryDelay = 0 }

// withDiary keeps the diary in a temporary folder.
func withDiary(t *testing.T) (func(*Options), string) {
	path := filepath.Join(t.TempDir(), "data", "diary.db")
	return func(o *Options) {
		o.Diary = service.Diary{Path: path, TableVersion: func() string { return "test" }}
	}, path
}

// feed runs a command and gives the model what it says (one message, as
// the diary's and the history's commands send).
func feed(t *testing.T, m *Model, cmd tea.Cmd) {
	t.Helper()
	if cmd == nil {
		t.Fatal("no command")
	}
	if msg := cmd(); msg != nil {
		m.Update(msg)
	}
}

// After the results, once, the flow offers a diary in the command line's
// words; yes keeps one and saves the assessment, and the history shows it.
func TestDiaryOfferedAfterResults(t *testing.T) {
	mod, path := withDiary(t)
	m := resultsFor(t, "../../testdata/readers/charlotte.yaml", 80, 24, mod)
	cmd := m.afterResults(m.results.as)
	if _, err := os.Stat(path); err == nil {
		t.Fatal("the diary exists before anything was asked")
	}
	feed(t, m, cmd)
	// Offered on the status line: nothing pops up over the results.
	if m.dialogKind() != dlgNone {
		t.Fatalf("a dialog popped up:\n%s", plain(m))
	}
	mustContain(t, m, "Keep a private diary", "Press y", "y keep a diary?")
	press(m, "y")
	if m.dialogKind() != dlgConsent {
		t.Fatalf("y did not open the offer:\n%s", plain(m))
	}
	mustContain(t, m, dialogWords(questionnaire.DialogKeepDiary).Prompt, "never leaves this machine")
	if !strings.Contains(strings.Join(strings.Fields(plain(m)), ""), strings.ReplaceAll(path, " ", "")) {
		t.Errorf("the offer does not say where:\n%s", plain(m))
	}
	_, cmd = m.Update(keyMsg("y"))
	feed(t, m, cmd)
	mustContain(t, m, "Saved to your diary (assessment 1)")
	rec, err := m.sess.DiaryRecord()
	if err != nil || rec == nil || len(rec.Episodes) != 1 || rec.Episodes[0].Source != "tui" || rec.Consent == nil {
		t.Fatalf("diary %+v, %v", rec, err)
	}
	if !strings.Contains(rec.Consent.Wording, path) {
		t.Errorf("consent words %q", rec.Consent.Wording)
	}
	// The same results again: not saved twice, not asked again.
	if m.afterResults(m.results.as) != nil {
		t.Error("the same assessment would be saved again")
	}

	visitDiary(t, m, scrResults)
}

// visitDiary opens the diary with v, checks it shows, and goes back with
// esc to the screen it came from.
func visitDiary(t *testing.T, m *Model, from screenID) {
	t.Helper()
	_, cmd := m.Update(keyMsg("v"))
	if m.screen() != scrHistory {
		t.Fatalf("v did not open the diary:\n%s", plain(m))
	}
	feed(t, m, cmd)
	mustContain(t, m, "Your diary", "Assessments")
	press(m, "esc")
	if m.screen() != from {
		t.Fatalf("back from the diary did not go where it came from:\n%s", plain(m))
	}
}

func TestDiaryDeclinedAndOff(t *testing.T) {
	mod, path := withDiary(t)
	m := resultsFor(t, "../../testdata/readers/charlotte.yaml", 80, 24, mod)
	feed(t, m, m.afterResults(m.results.as))
	press(m, "y")
	_, cmd := m.Update(keyMsg("n"))
	feed(t, m, cmd)
	mustContain(t, m, "No diary: nothing is stored.")
	if strings.Contains(plain(m), "y keep a diary?") {
		t.Error("still offered after no")
	}
	if _, err := os.Stat(path); err == nil {
		t.Error("a diary file after no")
	}
	if m.diary.asked != true {
		t.Error("not marked asked")
	}

	off := resultsFor(t, "../../testdata/readers/charlotte.yaml", 80, 24, mod, func(o *Options) { o.Diary.Off = true })
	if off.afterResults(off.results.as) != nil {
		t.Error("the diary is looked at with storing off")
	}
	if strings.Contains(plain(off), "h diary") {
		t.Error("the history key is offered with storing off")
	}
}

// Over advice to get help today the flow never offers a diary.
func TestNoDiaryOfferAtUrgent(t *testing.T) {
	mod, _ := withDiary(t)
	m := resultsFor(t, "../../testdata/golden/urgent.yaml", 80, 24, mod)
	if m.results.as == nil || m.results.as.Level.String() != "urgent" {
		t.Fatalf("the urgent case is not urgent: %v", m.assessment().Level)
	}
	feed(t, m, m.afterResults(m.results.as))
	if m.dialogKind() != dlgNone || m.diary.offer != nil || strings.Contains(plain(m), "Keep a private diary") {
		t.Fatalf("a diary offered beside urgent advice:\n%s", plain(m))
	}
}

// r offers the plan's guided routines (huh's Select); the chosen one runs
// here, and a finished one is recorded in the diary.
func TestGuidedRoutineFromResults(t *testing.T) {
	mod, _ := withDiary(t)
	m := resultsFor(t, "../../testdata/readers/charlotte.yaml", 80, 24, mod)
	if err := m.sess.KeepDiary("test"); err != nil {
		t.Fatal(err)
	}
	steps := m.offeredRoutines(m.results.as)
	if len(steps) == 0 {
		t.Fatal("no routine offered for Charlotte's plan")
	}
	press(m, "r")
	mustContain(t, m, "A guided routine from your plan", steps[0].Title)
	_, cmd := m.Update(keyMsg("enter"))
	if m.screen() != scrGuide || cmd == nil {
		t.Fatalf("the routine did not start:\n%s", plain(m))
	}
	mustContain(t, m, "Guided: "+steps[0].Title, "Phase 1")
	_, cmd = m.Update(keyMsg("q"))
	feed(t, m, cmd)
	if m.screen() != scrResults {
		t.Fatalf("stopping did not go back to the results:\n%s", plain(m))
	}
	mustContain(t, m, "Stopped; the routine was not recorded: "+steps[0].Title)

	m.startGuide(steps[0])
	_, cmd = m.Update(guide.DoneMsg{Result: guide.Result{Finished: true, Elapsed: 5 * time.Minute}})
	feed(t, m, cmd)
	mustContain(t, m, "Finished and recorded in your diary: "+steps[0].Title)
	rec, err := m.sess.DiaryRecord()
	if err != nil || len(rec.Routines) != 1 || rec.Routines[0].Step != steps[0].ID || rec.Routines[0].Seconds != 300 {
		t.Fatalf("routines %+v, %v", rec.Routines, err)
	}
}

// The welcome's Start button is on screen at every size.
func TestWelcomeShowsStart(t *testing.T) {
	for _, size := range [][2]int{{80, 24}, {60, 16}, {200, 60}} {
		for _, loaded := range []bool{false, true} {
			o := testOptions(t)
			if loaded {
				o.Answers = answers.Answers{"age": answers.Num(40)}
				o.AnswersFrom = "a-long-file-name-for-saved-answers.yaml"
			}
			m := newTestModel(t, o, size[0], size[1])
			s := plain(m)
			if !strings.Contains(s, "Start  ⏎") {
				t.Errorf("%dx%d: no Start button:\n%s", size[0], size[1], s)
			}
			// The emergency advice and the disclaimer are never cut.
			flat := strings.Join(strings.Fields(s), " ")
			// With no region known, the main numbers are named.
			for _, whole := range []string{"call your local emergency number (" + emergencynumber.Summary + ") now; don't wait for a questionnaire.", "who can examine you."} {
				if !strings.Contains(flat, whole) {
					t.Errorf("%dx%d: %q is cut:\n%s", size[0], size[1], whole, s)
				}
			}
			if n := strings.Count(s, "\n") + 1; n != size[1] {
				t.Errorf("%dx%d: %d lines", size[0], size[1], n)
			}
		}
	}
}

// The mornings after: a welcome that finds a diary (looked for after the
// first frame) says so, and h shows it; back goes to the welcome. Without a
// diary neither the line nor the key is there.
func TestWelcomeOffersTheDiary(t *testing.T) {
	mod := charlotteInDiary(t)
	o := testOptions(t)
	mod(&o)
	w := newTestModel(t, o, 80, 24)
	if strings.Contains(plain(w), "keep a diary") {
		t.Fatalf("a diary line before the diary was looked at:\n%s", plain(w))
	}
	feed(t, w, w.lookForDiary())
	mustContain(t, w, "You keep a diary: press v", "backtriage checkin", "v your diary")
	visitDiary(t, w, scrWelcome)

	none := newTestModel(t, testOptions(t), 80, 24)
	press(none, "v")
	if none.screen() != scrWelcome || strings.Contains(plain(none), "your diary") {
		t.Fatalf("v without a diary:\n%s", plain(none))
	}
}

// The same answers reopened are the same episode: the results say it is
// already in the diary, and nothing is stored twice.
func TestReopenedAnswersNotSavedTwice(t *testing.T) {
	mod := charlotteInDiary(t)
	again := resultsFor(t, "../../testdata/readers/charlotte.yaml", 80, 24, mod)
	probe := again.afterResults(again.results.as)
	if probe == nil {
		t.Fatal("the diary was not looked at")
	}
	msg := probe()
	_, save := again.Update(msg)
	feed(t, again, save)
	mustContain(t, again, "Already in your diary (assessment 1)")
	rec, err := again.sess.DiaryRecord()
	if err != nil || len(rec.Episodes) != 1 {
		t.Fatalf("episodes %v, %v", rec, err)
	}
}

// The offer never writes over a fresher message on the status line (the
// export's "Saved the summary to …"); the footer's key offers it then.
func TestDiaryOfferKeepsFresherStatus(t *testing.T) {
	mod, _ := withDiary(t)
	m := resultsFor(t, "../../testdata/readers/charlotte.yaml", 80, 24, mod)
	probe := m.afterResults(m.results.as)
	m.setStatus("Saved the summary to /tmp/x.txt", false)
	feed(t, m, probe)
	mustContain(t, m, "Saved the summary to /tmp/x.txt", "y keep a diary?")
	if strings.Contains(plain(m), "Keep a private diary") {
		t.Errorf("the offer wrote over the export's message:\n%s", plain(m))
	}
	press(m, "y")
	if m.dialogKind() != dlgConsent {
		t.Fatalf("y did not open the offer:\n%s", plain(m))
	}
}

// charlotteInDiary keeps a diary with Charlotte's assessment in it; mod
// points models at that diary.
func charlotteInDiary(t *testing.T) func(*Options) {
	t.Helper()
	mod, _ := withDiary(t)
	m := resultsFor(t, "../../testdata/readers/charlotte.yaml", 80, 24, mod)
	if err := m.sess.KeepDiary("test"); err != nil {
		t.Fatal(err)
	}
	if _, _, err := m.sess.SaveEpisode(m.results.as, "tui"); err != nil {
		t.Fatal(err)
	}
	return mod
}
