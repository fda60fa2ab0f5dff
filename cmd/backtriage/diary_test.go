package main

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/charmbracelet/x/ansi"

	"github.com/backtriage/backtriage/internal/questionnaire"
)

// runDiary runs the binary with a diary in dir and extra environment
// (BACKTRIAGE_NOW moves the clock).
func runDiary(t *testing.T, dir, stdin string, env []string, args ...string) (string, string, int) {
	t.Helper()
	return runEnv(t, stdin, append([]string{"BACKTRIAGE_NO_STORE="}, env...), append(args, "--data-dir", dir)...)
}

func at(when string) []string { return []string{"BACKTRIAGE_NOW=" + when} }

// noWarnings answers every warning-sign question of a check-in with none
// (the age apart), one line each, "warning_now: [none]" first: read from
// the questionnaire, so a warning question added later is answered too.
var noWarnings = func() string {
	var b strings.Builder
	for _, q := range questionnaire.Default().Questions() {
		if q.Warning && q.OptionIndex("none") >= 0 {
			b.WriteString(q.ID + ": [none]\n")
		}
	}
	return b.String()
}()

const charlotte = "testdata/readers/charlotte.yaml"

// The loop the issue asks for, without the terminal UI (phase 2): an
// assessment saved with --store, three check-ins from answers files with
// the clock moved forward, then history shows the pain chart and the "not
// starting to fade after two weeks" advice, and a new summary carries the
// trend.
func TestDiaryWeekAssessCheckinHistory(t *testing.T) {
	dir := t.TempDir()
	_, errs, code := runDiary(t, dir, "", at("2026-11-02T08:00:00+01:00"), "assess", "--answers", charlotte, "--store")
	if code != 0 || !strings.Contains(errs, "Saved to your diary") {
		t.Fatalf("assess --store: exit %d: %s", code, errs)
	}
	days := []struct{ when, pain, steps string }{
		{"2026-11-03T08:00:00+01:00", "7", "[cold-packs]"},
		{"2026-11-06T08:10:00+01:00", "7", "[cold-packs, stretch-before-bed]"},
		{"2026-11-17T07:50:00+01:00", "7", "[none]"},
	}
	for _, d := range days {
		in := noWarnings + "age: 31\npain_now: " + d.pain + "\npain_compared: same\nsteps_done: " + d.steps + "\nnote: slept on my side\n"
		out, errs, code := runDiary(t, dir, in, at(d.when), "checkin", "--answers", "-")
		if code != 0 || !strings.Contains(errs, "Saved to your diary") {
			t.Fatalf("check-in at %s: exit %d: %s\n%s", d.when, code, errs, out)
		}
	}
	out, errs, code := runDiary(t, dir, "", at("2026-11-17T09:00:00+01:00"), "history")
	if code != 0 {
		t.Fatalf("history: exit %d: %s", code, errs)
	}
	for _, want := range []string{
		"Not starting to fade after two weeks", "Book an appointment with a physiotherapist or a GP",
		"pain (0 to 10), day 0 to day 15", " 7 ┤", " 0 ┤", "pain 7 → 7 over 15 days (3 check-ins)",
		"Cold packs on the sore area: 2 days",
	} {
		if !strings.Contains(out, want) && !strings.Contains(strings.Join(strings.Fields(out), " "), want) {
			t.Errorf("history lacks %q:\n%s", want, out)
		}
	}
	if strings.Index(out, "Not starting to fade") > strings.Index(out, "┤") {
		t.Errorf("the current advice comes after the chart:\n%s", out)
	}

	// The summary printed again carries the diary's trend; the same answers
	// are the same episode, so the week the rules count is not restarted.
	out, errs, _ = runDiary(t, dir, "", at("2026-11-17T09:30:00+01:00"), "assess", "--answers", charlotte)
	// The assessment asked no score, so the trend runs from the first
	// check-in's and says so.
	if !strings.Contains(strings.Join(strings.Fields(out), " "), "Since your first check-in with a pain score, on 2026-11-03: pain 7 → 7 over 15 days") {
		t.Errorf("the summary has no trend:\n%s", out)
	}
	if !strings.Contains(errs, "Already in your diary (assessment 1: the same answers)") {
		t.Errorf("the same answers again were not recognised: %s", errs)
	}
	out, _, _ = runDiary(t, dir, "", at("2026-11-17T09:40:00+01:00"), "history")
	if !strings.Contains(out, "Not starting to fade after two weeks") {
		t.Errorf("printing the summary again restarted the week:\n%s", out)
	}
}

// history --format json, for scripts: the pain by day, the check-ins, the
// steps done and the advice by rule id.
func TestHistoryJSON(t *testing.T) {
	dir := t.TempDir()
	runDiary(t, dir, "", at("2026-11-02T21:00:00Z"), "assess", "--answers", charlotte, "--store")
	for i, when := range []string{"2026-11-03T07:00:00Z", "2026-11-05T07:00:00Z"} {
		pain := []string{"6", "4"}[i]
		in := noWarnings + "age: 31\npain_now: " + pain + "\npain_compared: better\nsteps_done: [heat]\n"
		if _, errs, code := runDiary(t, dir, in, at(when), "checkin", "--answers", "-"); code != 0 {
			t.Fatalf("check-in: %d %s", code, errs)
		}
	}
	out, errs, code := runDiary(t, dir, "", nil, "history", "--format", "json")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	var v struct {
		Schema int `json:"schema"`
		Days   []struct {
			Day  int    `json:"day"`
			Date string `json:"date"`
			Pain *int   `json:"pain"`
		} `json:"pain_by_day"`
		Checkins []struct {
			Pain      int      `json:"pain"`
			StepsDone []string `json:"steps_done"`
		} `json:"checkins"`
		Steps []struct {
			ID   string `json:"id"`
			Days int    `json:"days"`
		} `json:"steps_done"`
		Advice []struct{ Rule, Outcome string } `json:"advice"`
		Level  string                           `json:"level"`
		Trend  string                           `json:"trend"`
	}
	if err := json.Unmarshal([]byte(out), &v); err != nil {
		t.Fatalf("%v\n%s", err, out)
	}
	if v.Schema != 1 || len(v.Days) != 4 || v.Days[0].Pain != nil || *v.Days[1].Pain != 6 || v.Days[2].Pain != nil || *v.Days[3].Pain != 4 {
		t.Errorf("pain by day: %+v", v.Days)
	}
	if len(v.Checkins) != 2 || v.Checkins[1].StepsDone[0] != "heat" || len(v.Steps) != 1 || v.Steps[0].Days != 2 {
		t.Errorf("check-ins or steps: %+v %+v", v.Checkins, v.Steps)
	}
	if v.Level != "self-care" || len(v.Advice) != 1 || v.Advice[0].Rule != "improving-carry-on" || v.Trend == "" {
		t.Errorf("advice: %+v, level %q, trend %q", v.Advice, v.Level, v.Trend)
	}
}

// A scriptable check-in: its JSON record, and bad answers named at
// file:line:col.
func TestCheckinAnswersFile(t *testing.T) {
	dir := t.TempDir()
	runDiary(t, dir, "", at("2026-11-02T08:00:00Z"), "assess", "--answers", charlotte, "--store")
	in := noWarnings + "age: 31\npain_now: 5\npain_compared: worse\nsteps_done: [squeeze-shoulder-blades]\nnote: carried the baby all day\n"
	out, errs, code := runDiary(t, dir, in, at("2026-11-04T08:00:00Z"), "checkin", "--answers", "-", "--format", "json")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	var r struct {
		Checkin struct {
			EpisodeID int `json:"episode_id"`
			Pain      int
			Compared  string
			StepsDone []string `json:"steps_done"`
			Note      string
			Level     string
			Advice    []struct{ Rule, Outcome string }
		}
		Stopped bool
	}
	if err := json.Unmarshal([]byte(out), &r); err != nil {
		t.Fatalf("%v\n%s", err, out)
	}
	// Worse, between the shoulder blades (Charlotte's pain): the
	// assessment's rule for it makes the check-in urgent, and at urgent the
	// warning sign is the advice (no follow-up rule runs).
	c := r.Checkin
	if c.EpisodeID != 1 || c.Pain != 5 || c.Compared != "worse" || c.Note != "carried the baby all day" || c.StepsDone[0] != "squeeze-shoulder-blades" ||
		c.Level != "urgent" || len(c.Advice) != 0 || !r.Stopped {
		t.Errorf("check-in record: %+v", r)
	}

	cases := []struct{ in, want string }{
		{noWarnings + "age: 31\npain_now: 11\n", "<stdin>:11:11: question \"pain_now\""},
		{noWarnings + "age: 31\nsteps_done: [tennis-bal]\n", "<stdin>:11:14: question \"steps_done\": unknown option \"tennis-bal\""},
		{noWarnings + "age: 31\nnote: [a, list]\n", "<stdin>:11:1: note: expected text"},
		{"warning_now: [none]\npain_now: 3\n", "not answered: warning_nerves, warning_history"},
	}
	for _, c := range cases {
		_, errs, code := runDiary(t, dir, c.in, nil, "checkin", "--answers", "-")
		if code != exitInput || !strings.Contains(errs, c.want) {
			t.Errorf("check-in %q: exit %d, want %d with %q; got:\n%s", c.in, code, exitInput, c.want, errs)
		}
	}
}

// An emergency sign in a check-in stops it like the assessment: what to do
// now, nothing that reads like reassurance, and the level's exit status.
func TestCheckinEmergencyStops(t *testing.T) {
	dir := t.TempDir()
	runDiary(t, dir, "", at("2026-11-02T08:00:00Z"), "assess", "--answers", charlotte, "--store")
	in := strings.Replace(noWarnings, "warning_now: [none]", "warning_now: [chest_pain]", 1) + "age: 31\npain_now: 3\npain_compared: better\n"
	out, errs, code := runDiary(t, dir, in, at("2026-11-03T08:00:00Z"), "checkin", "--answers", "-", "--exit-level", "--region", "GB")
	if code != exitLevelEmergency {
		t.Fatalf("exit %d, want %d: %s", code, exitLevelEmergency, errs)
	}
	if !strings.Contains(out, "Emergency: call for help now") || !strings.Contains(out, "999") || !strings.Contains(out, "The check-in stops here") {
		t.Errorf("no emergency stop:\n%s", out)
	}
	for _, banned := range []string{"what it means", "getting better", "carry on", "recorded"} {
		if strings.Contains(strings.ToLower(out), banned) {
			t.Errorf("emergency check-in says %q:\n%s", banned, out)
		}
	}
	// Nothing is offered to guide after an emergency check-in.
	out, _, _ = runDiary(t, dir, "", nil, "guide")
	if !strings.Contains(out, "No guided routine is offered") {
		t.Errorf("guide after an emergency:\n%s", out)
	}
}

// Steps a warning sign rules out are not offered by guide.
func TestGuideLeavesOutRuledOutSteps(t *testing.T) {
	dir := t.TempDir()
	runDiary(t, dir, "", at("2026-11-02T08:00:00Z"), "assess", "--answers", charlotte, "--store")
	out, _, _ := runDiary(t, dir, "", nil, "guide")
	if !strings.Contains(out, "stretch-before-bed") {
		t.Fatalf("the plan's stretch is not offered:\n%s", out)
	}
	// A new nerve sign at the check-in rules out stretches.
	in := strings.Replace(noWarnings, "warning_nerves: [none]", "warning_nerves: [one_arm]", 1) + "age: 31\npain_now: 5\npain_compared: same\n"
	if _, errs, code := runDiary(t, dir, in, at("2026-11-03T08:00:00Z"), "checkin", "--answers", "-"); code != 0 {
		t.Fatalf("check-in: %d %s", code, errs)
	}
	out, _, _ = runDiary(t, dir, "", nil, "guide")
	if strings.Contains(out, "  stretch-before-bed ") || !strings.Contains(out, "Not offered now: A gentle stretch before bed") {
		t.Errorf("the stretch is still offered after a nerve sign:\n%s", out)
	}
	_, errs, code := runDiary(t, dir, "", nil, "guide", "stretch-before-bed")
	if code != exitUsage || !strings.Contains(errs, "not offered now") {
		t.Errorf("guide stretch-before-bed: exit %d: %s", code, errs)
	}
}

// Nothing is stored without consent; --no-store and BACKTRIAGE_NO_STORE
// win over --store.
func TestNothingStoredWithoutConsent(t *testing.T) {
	dir := t.TempDir()
	file := filepath.Join(dir, "diary.db")
	if _, _, code := runDiary(t, dir, "", nil, "assess", "--answers", charlotte); code != 0 {
		t.Fatal("assess failed")
	}
	in := noWarnings + "age: 31\npain_now: 4\n"
	_, errs, code := runDiary(t, dir, in, nil, "checkin", "--answers", "-")
	if code != 0 || !strings.Contains(errs, "Not saved: there is no diary yet") {
		t.Errorf("check-in without a diary: %d %s", code, errs)
	}
	runDiary(t, dir, "", nil, "assess", "--answers", charlotte, "--store", "--no-store")
	runDiary(t, dir, "", []string{"BACKTRIAGE_NO_STORE=1"}, "assess", "--answers", charlotte, "--store")
	if _, err := os.Stat(file); !os.IsNotExist(err) {
		t.Fatalf("a diary was created without consent: %v", err)
	}
	if _, errs, code := runDiary(t, dir, "", nil, "history"); code != exitInput || !strings.Contains(errs, "no diary") {
		t.Errorf("history without a diary: %d %s", code, errs)
	}
	// diary start --yes: the words say what is kept and where.
	out, _, code := runDiary(t, dir, "", nil, "diary", "start", "--yes")
	if code != 0 || !strings.Contains(out, file) || !strings.Contains(out, "pain score") {
		t.Errorf("diary start: %d\n%s", code, out)
	}
	st, err := os.Stat(file)
	if err != nil || st.Mode().Perm() != 0o600 {
		t.Fatalf("diary file: %v %v", st, err)
	}
}

func TestExportAndForget(t *testing.T) {
	dir := t.TempDir()
	runDiary(t, dir, "", at("2026-11-02T08:00:00Z"), "assess", "--answers", charlotte, "--store")
	runDiary(t, dir, noWarnings+"age: 31\npain_now: 6\nnote: \"=SUM(A1)\"\n", at("2026-11-03T08:00:00Z"), "checkin", "--answers", "-")
	for format, want := range map[string]string{
		"csv":      "'=SUM(A1)",
		"markdown": "| 2026-11-03 08:00 | check-in | self-care | 6 |",
		"json":     `"note": "=SUM(A1)"`,
	} {
		out, errs, code := runDiary(t, dir, "", nil, "diary", "export", "--format", format)
		if code != 0 || !strings.Contains(out, want) {
			t.Errorf("export %s: exit %d %s; want %q in:\n%s", format, code, errs, want, out)
		}
	}
	file := filepath.Join(dir, "diary.db")
	if _, errs, code := runDiary(t, dir, "", nil, "forget"); code != exitUsage || !strings.Contains(errs, "--yes") {
		t.Errorf("forget without confirmation: %d %s", code, errs)
	}
	if _, err := os.Stat(file); err != nil {
		t.Fatal("forget deleted without confirmation")
	}
	if out, _, code := runDiary(t, dir, "", nil, "forget", "--yes"); code != 0 || !strings.Contains(out, "Deleted") {
		t.Errorf("forget --yes: %d %s", code, out)
	}
	for _, f := range []string{file, file + "-wal", file + "-shm"} {
		if _, err := os.Stat(f); !os.IsNotExist(err) {
			t.Errorf("%s is still there", f)
		}
	}
}

// A damaged diary is reported, left as it is, and never blocks the
// assessment or the check-in.
func TestDamagedDiaryDoesNotBlock(t *testing.T) {
	dir := t.TempDir()
	file := filepath.Join(dir, "diary.db")
	junk := []byte("not a database, but my notes\n")
	if err := os.WriteFile(file, junk, 0o600); err != nil {
		t.Fatal(err)
	}
	out, errs, code := runDiary(t, dir, "", nil, "assess", "--answers", charlotte, "--store")
	if code != 0 || !strings.Contains(out, "SELF-CARE PLAN") || !strings.Contains(errs, "damaged") || !strings.Contains(errs, file) {
		t.Errorf("assess with a damaged diary: exit %d\nstderr: %s", code, errs)
	}
	out, errs, code = runDiary(t, dir, noWarnings+"age: 31\npain_now: 4\npain_compared: better\n", nil, "checkin", "--answers", "-")
	if code != 0 || !strings.Contains(out, "WHAT IT MEANS") || !strings.Contains(errs, "damaged") {
		t.Errorf("check-in with a damaged diary: exit %d\n%s\nstderr: %s", code, out, errs)
	}
	if got, _ := os.ReadFile(file); !bytes.Equal(got, junk) {
		t.Error("the damaged diary was changed")
	}
}

func TestNowFlagIsChecked(t *testing.T) {
	_, errs, code := runDiary(t, t.TempDir(), "", []string{"BACKTRIAGE_NOW=tomorrow"}, "history")
	if code != exitUsage || !strings.Contains(errs, "BACKTRIAGE_NOW") {
		t.Errorf("a bad BACKTRIAGE_NOW: %d %s", code, errs)
	}
}

// The line-by-line check-in (input is not a terminal) asks its questions
// in order and, with no diary yet, asks for consent on the same lines.
func TestAccessibleCheckinAsksConsent(t *testing.T) {
	dir := t.TempDir()
	in := "none\nnone\nnone\n31\nnone\nnone\nnone\nnone\nnone\nnone\n6\nbetter\nslept well\ny\n"
	out, errs, code := runDiary(t, dir, in, at("2026-11-03T08:00:00Z"), "checkin")
	if code != 0 {
		t.Fatalf("exit %d: %s\n%s", code, errs, out)
	}
	for _, want := range []string{"warning signs first", "How bad is the pain right now", "Pain now: 6 out of 10 (better than last time)",
		"Getting better.", "Keep a diary? Type y", filepath.Join(dir, "diary.db")} {
		if !strings.Contains(out+errs, want) {
			t.Errorf("missing %q in:\n%s\n%s", want, out, errs)
		}
	}
	if w := strings.Index(out, "Right now, do you have any of these"); w < 0 || w > strings.Index(out, "How bad is the pain") {
		t.Error("the pain question came before the warning signs")
	}
	hist, _, code := runDiary(t, dir, "", nil, "history", "--format", "json")
	if code != 0 || !strings.Contains(hist, `"note": "slept well"`) {
		t.Errorf("the check-in was not saved after consent:\n%s", hist)
	}
}

// The accessible mode saves its assessment in a diary the person agreed to.
func TestAccessibleAssessmentIsSaved(t *testing.T) {
	dir := t.TempDir()
	if _, errs, code := runDiary(t, dir, "", nil, "diary", "start", "--yes"); code != 0 {
		t.Fatal(errs)
	}
	_, errs, code := runDiary(t, dir, "", nil, "--accessible", "--answers", "testdata/answers/valid-full.yaml")
	if code != 0 || !strings.Contains(errs, "Saved to your diary (assessment 1)") {
		t.Fatalf("exit %d: %s", code, errs)
	}
	hist, _, _ := runDiary(t, dir, "", nil, "history", "--format", "json")
	if !strings.Contains(hist, `"source": "accessible"`) || !strings.Contains(hist, `"table_version": "sha256:`) {
		t.Errorf("episode not saved with its source and table version:\n%s", hist)
	}
}

// Pain back within a month of the last episode: the cause is likely
// elsewhere; the causes whose muscles sit away from the pain but send it
// there are ranked, and a professional suggested, after the assessment, in
// history and at each check-in of the new episode.
func TestRecurringEpisode(t *testing.T) {
	dir := t.TempDir()
	runDiary(t, dir, "", at("2026-11-02T08:00:00Z"), "assess", "--answers", charlotte, "--store")
	runDiary(t, dir, noWarnings+"age: 31\npain_now: 1\npain_compared: better\n", at("2026-11-06T08:00:00Z"), "checkin", "--answers", "-")
	_, errs, code := runDiary(t, dir, "", at("2026-11-20T08:00:00Z"), "assess", "--answers", charlotte, "--store")
	if code != 0 || !strings.Contains(errs, "Back again soon after the last time") || !strings.Contains(errs, "  1. ") {
		t.Fatalf("assess of a recurring episode: exit %d\n%s", code, errs)
	}
	out, _, _ := runDiary(t, dir, "", nil, "history", "--format", "json")
	var v struct {
		Advice    []struct{ Rule string }
		Elsewhere []struct{ ID string }
	}
	if err := json.Unmarshal([]byte(out), &v); err != nil {
		t.Fatal(err)
	}
	if len(v.Advice) == 0 || v.Advice[0].Rule != "recurring-look-elsewhere" || len(v.Elsewhere) == 0 {
		t.Errorf("history of a recurring episode: %+v", v)
	}
	out, _, _ = runDiary(t, dir, noWarnings+"age: 31\npain_now: 5\npain_compared: same\n", at("2026-11-21T08:00:00Z"), "checkin", "--answers", "-")
	if !strings.Contains(out, "Muscles elsewhere that send pain where yours is") || !strings.Contains(out, "doctor look for them") {
		t.Errorf("check-in in a recurring episode:\n%s", out)
	}
}

// A routine run to its end with most of it skipped is not counted as done:
// it says so and the diary records nothing. (A routine that ran counts and
// is recorded: TestGuidedRoutineFromResults, in internal/tui; the timing
// rule is internal/guide's TestMostlySkippedIsNotDone. Running half of a
// real routine here would take most of a minute.)
func TestGuideMostlySkippedIsNotRecorded(t *testing.T) {
	dir := t.TempDir()
	runDiary(t, dir, "", at("2026-11-02T08:00:00Z"), "assess", "--answers", charlotte, "--store")
	// The test clock: the 19 skips are taken first, then the last phase's
	// 5 seconds pass at once.
	out, errs, code := runDiary(t, dir, strings.Repeat("s\n", 19), append(at("2026-11-02T20:00:00Z"), testClockEnv+"=after-input"), "guide", "squeeze-shoulder-blades", "--quiet")
	if code != 0 || !strings.Contains(out, "Round 10 of 10, phase 2 of 2: Relax, 5 seconds.") || strings.Contains(out, "Finished.") ||
		!strings.Contains(out, "so it is not counted as done") || strings.Contains(errs, "Recorded in your diary") || strings.Contains(out, "\a") {
		t.Fatalf("guide: exit %d\n%s\n%s", code, out, errs)
	}
	hist, _, _ := runDiary(t, dir, "", nil, "history", "--format", "json")
	if strings.Contains(hist, `"step": "squeeze-shoulder-blades"`) {
		t.Errorf("a mostly skipped routine is in the diary:\n%s", hist)
	}
}

// A diary folder that cannot be made (a file is in the way) is reported and
// the assessment goes on, exiting as it would have.
func TestUnusableDiaryFolderDoesNotBlock(t *testing.T) {
	blocker := filepath.Join(t.TempDir(), "not-a-folder")
	if err := os.WriteFile(blocker, []byte("x"), 0o600); err != nil {
		t.Fatal(err)
	}
	out, errs, code := runDiary(t, blocker, "", nil, "assess", "--answers", charlotte, "--store", "--exit-level")
	if code != 0 || !strings.Contains(out, "SELF-CARE PLAN") || strings.Count(errs, "cannot use the diary") != 1 || !strings.Contains(errs, "works without its diary") {
		t.Errorf("exit %d\nstderr: %s", code, errs)
	}
}

// A check-in stopped by an emergency sign asks nothing about a diary and
// suggests no routine: the advice to get help is the last thing said.
func TestAccessibleCheckinEmergencyAsksNoConsent(t *testing.T) {
	dir := t.TempDir()
	out, errs, _ := runDiary(t, dir, "1\nnone\nnone\n31\nnone\nnone\nnone\nnone\nnone\nnone\ny\n", at("2026-11-03T08:00:00Z"), "checkin")
	if !strings.Contains(out+errs, "Emergency") {
		t.Fatalf("no emergency advice:\n%s\n%s", out, errs)
	}
	for _, unwanted := range []string{"Keep a diary", "See how it goes", "backtriage diary start"} {
		if strings.Contains(out+errs, unwanted) {
			t.Errorf("%q beside emergency advice:\n%s\n%s", unwanted, out, errs)
		}
	}
	if _, err := os.Stat(filepath.Join(dir, "diary.db")); err == nil {
		t.Error("a diary was created")
	}
}

// Without an assessment in a diary nothing tells which steps a warning
// sign rules out: the list says so, and so does a routine run anyway.
func TestGuideWithoutDiarySaysUnchecked(t *testing.T) {
	dir := t.TempDir()
	out, _, code := runDiary(t, dir, "", nil, "guide", "--no-store")
	if code != 0 || !strings.Contains(out, "No assessment in a diary to check these against your warning signs") {
		t.Errorf("guide list without a diary: exit %d\n%s", code, out)
	}
	_, errs, _ := runDiary(t, dir, "q\n", nil, "guide", "stretch-before-bed", "--quiet")
	if !strings.Contains(strings.Join(strings.Fields(errs), " "), "with a warning sign get help first") { // wrapped at 78
		t.Errorf("a routine without a diary: %s", errs)
	}
}

// The check-in's line-by-line prompts are wrapped at spaces to the width
// (78 columns on a pipe), as the questionnaire's are: a long warning
// option was printed as one line of 170 columns, for the terminal to
// break mid-word.
func TestAccessibleCheckinLinesFit(t *testing.T) {
	var in strings.Builder
	for _, q := range questionnaire.Default().Questions() {
		switch {
		case !q.Warning:
		case q.OptionIndex("none") >= 0:
			in.WriteString("none\n")
		case q.ID == "age":
			in.WriteString("31\n")
		}
	}
	in.WriteString("6\nbetter\nslept well\nn\n")
	out, errs, code := runDiary(t, t.TempDir(), in.String(), at("2026-11-03T08:00:00Z"), "checkin")
	if code != 0 || !strings.Contains(out, "Pain now: 6 out of 10") {
		t.Fatalf("exit %d: %s\n%s", code, errs, out)
	}
	for _, l := range strings.Split(out, "\n") {
		if ansi.StringWidth(l) > 78 && len(strings.Fields(l)) > 1 {
			t.Errorf("a line of %d columns on a pipe: %q", ansi.StringWidth(l), l)
		}
	}
}
