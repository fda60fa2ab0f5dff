package session

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/backtriage/backtriage/internal/answers"
	"github.com/backtriage/backtriage/internal/export"
	"github.com/backtriage/backtriage/internal/report"
	"github.com/backtriage/backtriage/internal/rules"
	"github.com/backtriage/backtriage/internal/service"
	"github.com/backtriage/backtriage/internal/testkit/testrules"
)

var when = time.Date(2026, 3, 4, 9, 0, 0, 0, time.UTC)

func TestSaveAnswersRoundTrip(t *testing.T) {
	s := New(Options{Now: when})
	path := filepath.Join(t.TempDir(), "a.yaml")
	s.Given = answers.Answers{"age": answers.Num(30), "baby": answers.Bool(false),
		"nursing_position": answers.Choices("lying_side"), "pain_where": answers.Choices("neck", "chest")}
	abs, err := s.SaveAnswers(path, false)
	if err != nil || abs != path {
		t.Fatal(abs, err)
	}
	b, err := answers.ReadFile(path, nil, s.Questionnaire)
	if err != nil {
		t.Fatal(err)
	}
	if _, ok := b["nursing_position"]; ok {
		t.Error("saved a follow-up that does not apply")
	}
	if !b.Has("pain_where", "chest") || *b["age"].Number != 30 {
		t.Errorf("round trip: %v", b)
	}
	if _, err := s.SaveAnswers(path, false); !errors.Is(err, export.ErrExists) {
		t.Errorf("want ErrExists, got %v", err)
	}
	st, _ := os.Stat(path)
	if st.Mode().Perm() != 0o600 {
		t.Errorf("mode %v", st.Mode())
	}
}

// --output's format follows its extension unless given; the summary names
// the questionnaire.
func TestOutputFormatAndSummary(t *testing.T) {
	dir := t.TempDir()
	s := New(Options{Now: when, Output: filepath.Join(dir, "s.md")})
	if s.OutputFormat != report.Markdown {
		t.Fatalf("format %q", s.OutputFormat)
	}
	s.Given = answers.Answers{"warning_now": answers.Choices("none"), "pain_where": answers.Choices("neck")}
	path, ok, err := s.SaveOutput(testrules.Builtin(t).Assess(s.Given))
	if err != nil || !ok {
		t.Fatal(path, ok, err)
	}
	data, _ := os.ReadFile(path)
	if !strings.HasPrefix(string(data), "# ") || !strings.Contains(string(data), "Where it hurts") {
		t.Errorf("summary:\n%s", data)
	}
}

func TestStopAcknowledged(t *testing.T) {
	eng := testrules.Builtin(t)
	s := New(Options{Now: when})
	s.Given = answers.Answers{"warning_history": answers.Choices("fever")}
	if l := s.Stop(eng); l != rules.Urgent {
		t.Fatalf("stop %v, want urgent", l)
	}
	s.AckStop(rules.Urgent)
	if l := s.Stop(eng); l != rules.SelfCare {
		t.Fatalf("an acknowledged urgent sign stopped again: %v", l)
	}
	s.Given["warning_now"] = answers.Choices("chest_pain")
	if l := s.Stop(eng); l != rules.Emergency {
		t.Fatalf("an emergency after an urgent stop: %v", l)
	}
}

func TestRescueNeverReplaces(t *testing.T) {
	t.Chdir(t.TempDir())
	s := New(Options{Now: when})
	var b strings.Builder
	s.Rescue(&b)
	if b.Len() != 0 {
		t.Fatalf("rescued nothing, said %q", b.String())
	}
	s.Given["age"] = answers.Num(40)
	s.Rescue(&b)
	s.Rescue(&b)
	if !strings.Contains(b.String(), "backtriage-answers-2026-03-04.yaml") || !strings.Contains(b.String(), "-2.yaml") {
		t.Errorf("rescues: %s", b.String())
	}
}

// The diary is opened only when asked, never created without consent, and
// an episode goes in once the person agreed.
func TestDiary(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "d", "diary.db")
	s := New(Options{Now: when, Diary: service.Diary{Path: path, TableVersion: func() string { return "test" }}})
	as := testrules.Builtin(t).Assess(answers.Answers{"warning_now": answers.Choices("none")})
	if kept, err := s.DiaryKept(); kept || err != nil {
		t.Fatal(kept, err)
	}
	if _, saved, err := s.SaveEpisode(as, "tui"); saved || err != nil {
		t.Fatal(saved, err)
	}
	if _, err := os.Stat(path); err == nil {
		t.Fatal("a diary file without consent")
	}
	if !strings.Contains(s.ConsentWords(), path) {
		t.Errorf("the words do not say where: %s", s.ConsentWords())
	}
	if err := s.KeepDiary("test"); err != nil {
		t.Fatal(err)
	}
	if _, saved, err := s.SaveEpisode(as, "tui"); !saved || err != nil {
		t.Fatal(saved, err)
	}
	if rec, err := s.RecordRoutine("cold-packs", 10*time.Minute, when); rec != service.RoutineRecorded || err != nil {
		t.Fatal(rec, err)
	}
	rec, err := s.DiaryRecord()
	if err != nil || len(rec.Episodes) != 1 || rec.Episodes[0].Source != "tui" || len(rec.Routines) != 1 || rec.Routines[0].EpisodeID != rec.Episodes[0].ID {
		t.Fatalf("record %+v, %v", rec, err)
	}
	off := New(Options{Now: when, Diary: service.Diary{Path: path, Off: true}})
	if kept, _ := off.DiaryKept(); kept || off.DiaryOn() {
		t.Error("storing off still opens the diary")
	}
	if rec, err := off.RecordRoutine("cold-packs", time.Minute, when); rec != service.RoutineStoringOff || err != nil {
		t.Errorf("a routine with storing off: %v, %v", rec, err)
	}
}

// One session stores one assessment: an emergency stop saved, then the
// answers changed and the results reached again, revise that episode; a
// new session stores a new one (issue 18: "(assessment 2) … (assessment 3)").
func TestOneSavePerSession(t *testing.T) {
	path := filepath.Join(t.TempDir(), "diary.db")
	opts := Options{Now: when, Diary: service.Diary{Path: path, TableVersion: func() string { return "test" }}}
	s := New(opts)
	if err := s.KeepDiary("test"); err != nil {
		t.Fatal(err)
	}
	eng := testrules.Builtin(t)
	stop := eng.Assess(answers.Answers{"warning_now": answers.Choices("chest_pain")})
	later := eng.Assess(answers.Answers{"warning_now": answers.Choices("none"), "age": answers.Num(40)})
	first, saved, err := s.SaveEpisode(stop, "tui")
	if !saved || err != nil {
		t.Fatal(saved, err)
	}
	again, saved, err := s.SaveEpisode(later, "tui")
	if !saved || err != nil || again != first {
		t.Fatalf("the second result of the session: id %d (first %d), saved %v, %v", again, first, saved, err)
	}
	rec, err := s.DiaryRecord()
	if err != nil || len(rec.Episodes) != 1 || rec.Episodes[0].Level != later.Level.String() {
		t.Fatalf("episodes %+v, %v; want one, at %s", rec.Episodes, err, later.Level)
	}
	// The next morning is another session: another assessment.
	next := New(opts)
	if id, saved, err := next.SaveEpisode(stop, "tui"); !saved || err != nil || id == first {
		t.Fatalf("a new session: id %d, saved %v, %v", id, saved, err)
	}
}
