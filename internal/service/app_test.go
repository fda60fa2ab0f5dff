package service

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/backtriage/backtriage/internal/rules"
	"github.com/backtriage/backtriage/internal/testkit/testrules"
)

// newApp is a run of the program on the built-in table, with its diary in
// a fresh folder and its notices kept.
func newApp(t *testing.T) (*App, *bytes.Buffer) {
	t.Helper()
	var notices bytes.Buffer
	env := map[string]string{}
	return &App{DataDir: t.TempDir(), Getenv: func(k string) string { return env[k] },
		Now: func() time.Time { return when }, Notices: &notices}, &notices
}

func writeFile(t *testing.T, body string) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), "answers.yaml")
	if err := os.WriteFile(p, []byte(body), 0o600); err != nil {
		t.Fatal(err)
	}
	return p
}

// A file refused for a mistake still shows an emergency warning sign's
// advice, with its level for the exit status; a mistake without a warning
// sign is only the mistake.
func TestAssessFileShowsAWarningSignBeforeTheMistake(t *testing.T) {
	app, _ := newApp(t)
	_, err := app.AssessFile(writeFile(t, "warning_now: [chest_pain]\nno_such_question: yes\n"), nil)
	var r *Refused
	if !errors.As(err, &r) {
		t.Fatalf("got %v, want a *Refused", err)
	}
	if r.Level != rules.Emergency || LevelStatus(r.Level) != 12 {
		t.Errorf("level %s, status %d; want emergency, 12", r.Level, LevelStatus(r.Level))
	}
	if !strings.Contains(r.Advice, "This file was not assessed") || !strings.Contains(err.Error(), "no_such_question") {
		t.Errorf("advice %q, error %q: want the advice and the mistake named", r.Advice, err)
	}

	_, err = app.AssessFile(writeFile(t, "no_such_question: yes\n"), nil)
	if err == nil || errors.As(err, &r) {
		t.Errorf("a mistake alone: got %v, want the mistake, no advice", err)
	}
}

// The --exit-level statuses are docs/scripting.md's.
func TestLevelStatus(t *testing.T) {
	for l, want := range map[rules.Level]int{rules.SelfCare: 0, rules.Soon: 10, rules.Urgent: 11, rules.Emergency: 12} {
		if got := LevelStatus(l); got != want {
			t.Errorf("%s: %d, want %d", l, got, want)
		}
	}
}

func TestCheckRegion(t *testing.T) {
	app, _ := newApp(t)
	app.Region = "GB"
	if err := app.CheckRegion(); err != nil {
		t.Errorf("GB: %v", err)
	}
	app.Region = "ZZ"
	var u *UnknownRegion
	if err := app.CheckRegion(); !errors.As(err, &u) || !strings.Contains(err.Error(), "GB") {
		t.Errorf("ZZ: got %v, want an *UnknownRegion listing the known ones", err)
	}
}

// An assessment is kept once, with --store as consent, and the person is
// told where; the same answers again are named as already kept.
func TestSaveEpisodeKeepsItOnce(t *testing.T) {
	app, notices := newApp(t)
	eng, err := app.Engine()
	if err != nil {
		t.Fatal(err)
	}
	as := selfCare(t, eng)
	app.SaveEpisode(as, "assess", true, nil)
	if !strings.Contains(notices.String(), "Saved to your diary (assessment 1)") {
		t.Fatalf("first save: %q", notices)
	}
	notices.Reset()
	app.SaveEpisode(as, "assess", false, nil)
	if !strings.Contains(notices.String(), "Already in your diary (assessment 1") {
		t.Errorf("second save: %q", notices)
	}
	if app.TrendLine() != "" {
		t.Errorf("trend %q with no check-ins, want none", app.TrendLine())
	}
}

// Without consent nothing is kept or said, and with storing off nothing is
// opened.
func TestSaveEpisodeWithoutConsentKeepsNothing(t *testing.T) {
	app, notices := newApp(t)
	eng := testrules.Builtin(t)
	app.SaveEpisode(selfCare(t, eng), "assess", false, func(string) bool { return false })
	if notices.Len() != 0 || app.Diary().Found() {
		t.Errorf("no consent: notices %q, diary found %v", notices, app.Diary().Found())
	}
	app.NoStore = true
	app.SaveEpisode(selfCare(t, eng), "assess", true, nil)
	if notices.Len() != 0 || DiaryExists(app.Diary().Path) {
		t.Errorf("--no-store: notices %q", notices)
	}
}

// A fault is shown once a run, however often it is met.
func TestWarnShowsAFaultOnce(t *testing.T) {
	app, notices := newApp(t)
	app.Warn(errors.New("the diary is locked"))
	app.Warn(errors.New("the diary is locked"))
	app.Warn(nil)
	if got := notices.String(); got != "backtriage: the diary is locked\n" {
		t.Errorf("notices %q", got)
	}
}

// guide runs only a step with a routine; without a plan it says the steps
// were not checked against warning signs.
func TestPickRoutine(t *testing.T) {
	app, _ := newApp(t)
	p := app.RoutinePlan()
	if _, _, err := app.PickRoutine(p, "firm-mattress"); err == nil || !strings.Contains(err.Error(), "tennis-ball") {
		t.Errorf("a step without a routine: %v, want refused with the steps that have one", err)
	}
	step, note, err := app.PickRoutine(p, "tennis-ball")
	if err != nil || step.ID != "tennis-ball" || !strings.Contains(note, unchecked) {
		t.Errorf("tennis-ball without a plan: %v, %q, %v", step, note, err)
	}
	var out bytes.Buffer
	if err := app.WriteRoutines(&out, p); err != nil || !strings.Contains(out.String(), "tennis-ball") {
		t.Errorf("list: %v\n%s", err, out.String())
	}
}
