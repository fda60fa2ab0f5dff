package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// The follow-up audit's repros, end to end through the binary.

// checkinAt runs a check-in from an answers file on standard input with no
// warning signs, the given pain and comparison, at when.
func checkinAt(t *testing.T, dir, when, pain, compared string, args ...string) (string, string, int) {
	t.Helper()
	in := noWarnings + "age: 31\npain_now: " + pain + "\npain_compared: " + compared + "\n"
	return runDiary(t, dir, in, at(when), append([]string{"checkin", "--answers", "-"}, args...)...)
}

// Audit item 1: "no better after two weeks: book an appointment" is
// level soon, in the check-in's text, its JSON, --exit-level and history,
// though no warning sign is; a week is still early days (guidance expects
// back pain to start fading in about two weeks).
func TestNoBetterAfterAWeekIsSoon(t *testing.T) {
	dir := t.TempDir()
	if _, errs, code := runDiary(t, dir, "", at("2026-11-11T08:00:00Z"), "assess", "--answers", charlotte, "--store", "--exit-level"); code != 0 {
		t.Fatalf("assess: exit %d (want self-care, 0): %s", code, errs)
	}
	for _, day := range []string{"11", "13", "18", "24"} {
		if _, errs, code := checkinAt(t, dir, "2026-11-"+day+"T09:00:00Z", "6", "same", "--exit-level"); code != 0 {
			t.Fatalf("check-in on day %s: exit %d, want 0 (early days): %s", day, code, errs)
		}
	}
	out, errs, code := checkinAt(t, dir, "2026-11-25T08:00:00Z", "6", "same", "--exit-level")
	if code != exitLevelSoon {
		t.Fatalf("day 14, no better: exit %d, want %d (soon): %s", code, exitLevelSoon, errs)
	}
	if !strings.Contains(out, "- [soon] Not starting to fade after two weeks.") {
		t.Errorf("the text does not show the level:\n%s", out)
	}
	out, _, _ = checkinAt(t, dir, "2026-11-25T09:00:00Z", "6", "same", "--format", "json")
	var rec struct {
		Checkin struct {
			Level    string
			Warnings []any
			Advice   []struct{ Rule string }
		}
	}
	if err := json.Unmarshal([]byte(out), &rec); err != nil {
		t.Fatalf("%v\n%s", err, out)
	}
	if rec.Checkin.Level != "soon" || len(rec.Checkin.Warnings) != 0 || len(rec.Checkin.Advice) == 0 || rec.Checkin.Advice[0].Rule != "no-better-after-two-weeks" {
		t.Errorf("check-in JSON: %+v", rec.Checkin)
	}
	out, _, _ = runDiary(t, dir, "", nil, "history")
	if !strings.Contains(out, "Soon: book a doctor or physiotherapist") || strings.Contains(out, "Only alongside what the warning signs") {
		t.Errorf("history's advice at soon, with no warning sign:\n%s", out)
	}
	out, _, _ = runDiary(t, dir, "", nil, "history", "--format", "json")
	var v struct{ Level string }
	if err := json.Unmarshal([]byte(out), &v); err != nil || v.Level != "soon" {
		t.Errorf("history JSON level %q (%v)", v.Level, err)
	}
	// Worse, between the shoulder blades: the assessment's own rule
	// (urgent-thoracic-not-muscle-pattern) makes it urgent, as it would in
	// the assessment.
	if _, _, code := checkinAt(t, dir, "2026-11-26T08:00:00Z", "8", "worse", "--exit-level"); code != exitLevelUrgent {
		t.Errorf("worse: exit %d, want %d", code, exitLevelUrgent)
	}
}

// Audit item 2: a 1-point drop does not override the person's own
// "about the same", so the two-week rule still fires on day 15.
func TestOnePointDropIsNotBetter(t *testing.T) {
	dir := t.TempDir()
	runDiary(t, dir, "", at("2026-11-02T08:00:00Z"), "assess", "--answers", charlotte, "--store")
	checkinAt(t, dir, "2026-11-03T08:00:00Z", "6", "same")
	out, errs, code := checkinAt(t, dir, "2026-11-17T08:00:00Z", "5", "same", "--exit-level")
	if code != exitLevelSoon || !strings.Contains(out, "Not starting to fade after two weeks") {
		t.Errorf("day 15, 6 → 5, the same: exit %d\n%s%s", code, out, errs)
	}
	if strings.Contains(out, "It is getting better") {
		t.Errorf("a 1-point drop reads as getting better:\n%s", out)
	}
}

// Audit item 3: assessed again the same day the pain settled is the same
// bout looked at again, not a recurrence.
func TestSameDayReassessmentIsNotRecurrence(t *testing.T) {
	dir := t.TempDir()
	runDiary(t, dir, "", at("2026-11-10T08:00:00Z"), "assess", "--answers", charlotte, "--store")
	for i, pain := range []string{"7", "5", "4", "3"} {
		checkinAt(t, dir, "2026-11-1"+string(rune('1'+i))+"T08:00:00Z", pain, "better")
	}
	edited := strings.Replace(readFile(t, charlotte), "duration: under_week", "duration: days_1_2", 1)
	_, errs, code := runDiary(t, dir, edited, at("2026-11-14T09:00:00Z"), "assess", "--answers", "-", "--store")
	if code != 0 || !strings.Contains(errs, "Saved to your diary") {
		t.Fatalf("assess again: exit %d: %s", code, errs)
	}
	if strings.Contains(errs, "Back again") || strings.Contains(errs, "keeps coming back") {
		t.Errorf("a same-day re-assessment reads as a recurrence:\n%s", errs)
	}
	out, _, _ := runDiary(t, dir, "", nil, "history", "--format", "json")
	var v struct{ Advice []struct{ Outcome string } }
	if err := json.Unmarshal([]byte(out), &v); err != nil {
		t.Fatal(err)
	}
	for _, a := range v.Advice {
		if a.Outcome == "elsewhere" {
			t.Errorf("history advises looking elsewhere: %+v", v.Advice)
		}
	}
}

// Audit item 5: at emergency level history leads with the emergency advice
// and shows no chart, trend or tally of self-care.
func TestHistoryAtEmergencyLevel(t *testing.T) {
	dir := t.TempDir()
	runDiary(t, dir, "", at("2026-11-02T08:00:00Z"), "assess", "--answers", charlotte, "--store")
	checkinAt(t, dir, "2026-11-03T08:00:00Z", "5", "better")
	in := strings.Replace(noWarnings, "warning_now: [none]", "warning_now: [chest_pain]", 1) + "age: 31\npain_now: 3\npain_compared: better\nsteps_done: [none]\n"
	if _, errs, code := runDiary(t, dir, in, at("2026-11-04T08:00:00Z"), "checkin", "--answers", "-", "--store"); code != 0 {
		t.Fatalf("check-in: exit %d: %s", code, errs)
	}
	out, _, _ := runDiary(t, dir, "", nil, "history")
	head := strings.Index(out, "Emergency: call for help now")
	if head < 0 {
		t.Fatalf("no emergency advice:\n%s", out)
	}
	for _, banned := range []string{"┤", "Trend:", "Steps done", "Getting better", "likely causes", "pain 5"} {
		if strings.Contains(out, banned) {
			t.Errorf("history at emergency level shows %q:\n%s", banned, out)
		}
	}
}

// readFile reads a file named from the repository root, where the binary
// runs.
func readFile(t *testing.T, path string) string {
	t.Helper()
	data, err := os.ReadFile(filepath.Join("../..", path))
	if err != nil {
		t.Fatal(err)
	}
	return string(data)
}
