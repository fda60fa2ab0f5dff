package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/charmbracelet/x/ansi"

	"github.com/backtriage/backtriage/internal/questionnaire"
)

// emergencyAdvice is what the chest-pain sign says in the UK: the headline,
// the number, and the sign's own action.
var emergencyAdvice = []string{"Emergency: call for help now.\n", "Emergency number in the UK: 999.", "Chest pain, pressure or tightness with back pain"}

// A scripted check-in with an emergency sign and a mistake elsewhere in the
// file is refused, but the emergency advice comes first, whatever the
// diary's state: --exit-level gives the emergency's status, and the error
// still names the file, line and column.
func TestCheckinEmergencyDespiteFileErrors(t *testing.T) {
	const sign = "warning_now: [chest_pain]\n"
	damaged := t.TempDir()
	if err := os.WriteFile(filepath.Join(damaged, "diary.db"), []byte("my notes, not a diary\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	emergencyEpisode := t.TempDir()
	chest := strings.Replace(noWarnings, "warning_now: [none]", "warning_now: [chest_pain]", 1) + "age: 34\n"
	if _, errs, code := runDiary(t, emergencyEpisode, chest, at("2026-11-02T08:00:00Z"), "assess", "--answers", "-", "--store"); code != 0 {
		t.Fatalf("assess: %d %s", code, errs)
	}
	cases := []struct {
		name, dir, file, wantErr string
		env                      []string
		args                     []string
	}{
		{"no diary, --no-store", t.TempDir(), sign + "steps_done: [tennis-ball]\n", "not answered: warning_nerves", nil, []string{"--no-store"}},
		{"BACKTRIAGE_NO_STORE", t.TempDir(), sign + "steps_done: [tennis-ball]\n", "not answered: warning_nerves", []string{"BACKTRIAGE_NO_STORE=1"}, nil},
		{"damaged diary", damaged, noWarningsBut(sign) + "steps_done: [tennis-bal]\n", `t.yaml:10:14: question "steps_done": unknown option "tennis-bal"`, nil, nil},
		{"emergency episode", emergencyEpisode, noWarningsBut(sign) + "age: 34\nsteps_done: [tennis-ball]\nfoo: 1\n", `t.yaml:12:1: unknown question "foo"`, nil, nil},
		{"unclosed bracket", t.TempDir(), "warning_now: [chest_pain\nage: 40\n", "t.yaml:2:1:", nil, nil},
	}
	for _, c := range cases {
		file := filepath.Join(t.TempDir(), "t.yaml")
		if err := os.WriteFile(file, []byte(c.file), 0o600); err != nil {
			t.Fatal(err)
		}
		args := append([]string{"checkin", "--answers", file, "--region", "GB"}, c.args...)
		out, errs, code := runDiary(t, c.dir, "", append(at("2026-11-20T08:00:00Z"), c.env...), append(args, "--exit-level")...)
		if code != exitLevelEmergency || !strings.Contains(errs, c.wantErr) {
			t.Errorf("%s: exit %d, want %d with %q:\n%s", c.name, code, exitLevelEmergency, c.wantErr, errs)
		}
		for _, want := range emergencyAdvice {
			if strings.Count(out, want) != 1 {
				t.Errorf("%s: %q shown %d times in:\n%s", c.name, want, strings.Count(out, want), out)
			}
		}
		if !strings.Contains(out, "This check-in was not recorded") {
			t.Errorf("%s: not said that nothing was recorded:\n%s", c.name, out)
		}
		// Without --exit-level it is the input error's status; the advice
		// is shown all the same, and with --format json on stderr.
		_, errs, code = runDiary(t, c.dir, "", append(at("2026-11-20T08:00:00Z"), c.env...), append(args, "--format", "json")...)
		if code != exitInput || !strings.Contains(errs, emergencyAdvice[0]) {
			t.Errorf("%s, json: exit %d, want %d with the advice on stderr:\n%s", c.name, code, exitInput, errs)
		}
	}
	// A mistake with no urgent sign stays a plain input error.
	_, errs, code := runDiary(t, t.TempDir(), noWarnings+"age: 40\nfoo: 1\n", nil, "checkin", "--answers", "-", "--exit-level")
	if code != exitInput || strings.Contains(errs, "Emergency") {
		t.Errorf("a plain mistake: exit %d:\n%s", code, errs)
	}
}

func noWarningsBut(sign string) string {
	return strings.Replace(noWarnings, "warning_now: [none]\n", sign, 1)
}

// A step of the rule table outside the plan (or with no plan) is recorded
// and said to be outside it; with no assessment nothing speaks of "your
// plan" as if there were one.
func TestCheckinStepsOutsideThePlan(t *testing.T) {
	in := noWarnings + "age: 40\npain_now: 4\nsteps_done: [tennis-ball]\n"
	out, errs, code := runDiary(t, t.TempDir(), in, nil, "checkin", "--answers", "-", "--no-store")
	if code != 0 || strings.Contains(out, "Carry on with your plan") || !strings.Contains(out, "There is no plan on record") ||
		!strings.Contains(out, "run 'backtriage' (or 'backtriage assess") {
		t.Errorf("no assessment: exit %d\n%s\n%s", code, out, errs)
	}
	dir := t.TempDir()
	runDiary(t, dir, "", at("2026-11-02T08:00:00Z"), "assess", "--answers", charlotte, "--store")
	out, errs, code = runDiary(t, dir, in, at("2026-11-03T08:00:00Z"), "checkin", "--answers", "-")
	if code != 0 || !strings.Contains(out, "Not in your current plan (recorded as you gave them): Tennis-ball") {
		t.Errorf("a step outside the plan: exit %d\n%s\n%s", code, out, errs)
	}
}

// The record holds only what the file gave (not the assessment's age), and
// the JSON carries the stored id and whether it was saved.
func TestCheckinRecordAndJSON(t *testing.T) {
	dir := t.TempDir()
	assessed := noWarnings + "age: 34\npain_where: [between_shoulder_blades]\nduration: under_week\n"
	if _, errs, code := runDiary(t, dir, assessed, at("2026-11-02T08:00:00Z"), "assess", "--answers", "-", "--store"); code != 0 {
		t.Fatalf("assess: %s", errs)
	}
	type record struct {
		Checkin struct {
			ID      int64
			Answers map[string]any
		}
		Saved bool
	}
	var ids []int64
	for i, day := range []string{"2026-11-03T08:00:00Z", "2026-11-04T08:00:00Z"} {
		out, errs, code := runDiary(t, dir, noWarnings+"pain_now: 4\n", at(day), "checkin", "--answers", "-", "--format", "json")
		var r record
		if code != 0 || json.Unmarshal([]byte(out), &r) != nil {
			t.Fatalf("check-in %d: exit %d\n%s\n%s", i, code, out, errs)
		}
		if _, ok := r.Checkin.Answers["age"]; ok || len(r.Checkin.Answers) != 9 {
			t.Errorf("check-in %d stores answers not given: %v", i, r.Checkin.Answers)
		}
		if !r.Saved || r.Checkin.ID == 0 {
			t.Errorf("check-in %d: saved %v, id %d", i, r.Saved, r.Checkin.ID)
		}
		ids = append(ids, r.Checkin.ID)
	}
	out, _, _ := runDiary(t, dir, "", nil, "diary", "export", "--format", "json")
	var exp struct{ Checkins []struct{ ID int64 } }
	if err := json.Unmarshal([]byte(out), &exp); err != nil || len(exp.Checkins) != 2 || exp.Checkins[0].ID != ids[0] || exp.Checkins[1].ID != ids[1] {
		t.Errorf("ids %v, exported %+v (%v)", ids, exp.Checkins, err)
	}
	out, _, _ = runDiary(t, dir, noWarnings+"age: 34\npain_now: 4\n", nil, "checkin", "--answers", "-", "--format", "json", "--no-store")
	var r record
	if err := json.Unmarshal([]byte(out), &r); err != nil || r.Saved || r.Checkin.ID != 0 {
		t.Errorf("--no-store: saved %v id %d (%v)", r.Saved, r.Checkin.ID, err)
	}
}

// The line-by-line check-in shows the emergency advice once.
func TestCheckinLinesEmergencyOnce(t *testing.T) {
	in := "1\nnone\nnone\n40\nnone\nnone\nnone\nnone\nnone\nnone\n"
	out, errs, code := runDiary(t, t.TempDir(), in, at("2026-11-03T08:00:00Z"), "checkin", "--region", "GB", "--no-store")
	if code != 0 {
		t.Fatalf("exit %d: %s\n%s", code, errs, out)
	}
	for _, want := range append(emergencyAdvice, "Why:", "The check-in stops here") {
		if n := strings.Count(out, want); n != 1 {
			t.Errorf("%q shown %d times in:\n%s", want, n, out)
		}
	}
	if !strings.Contains(out, "Emergency: call for help now. What to do now, and why, is above.") {
		t.Errorf("the record does not point at the advice:\n%s", out)
	}
}

// After a damaged diary's message the check-in does not suggest starting a
// diary (one is there); with no diary at all it does.
func TestCheckinNotSavedWording(t *testing.T) {
	in := noWarnings + "age: 40\npain_now: 4\n"
	dir := t.TempDir()
	file := filepath.Join(dir, "diary.db")
	if err := os.WriteFile(file, []byte("my notes\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	for _, store := range [][]string{nil, {"--store"}} {
		_, errs, code := runDiary(t, dir, in, nil, append([]string{"checkin", "--answers", "-"}, store...)...)
		if code != 0 || !strings.Contains(errs, "damaged") || !strings.Contains(errs, "Not saved: the diary could not be used (the message above says why)") ||
			strings.Contains(errs, "'backtriage diary start'") || strings.Contains(errs, "no diary yet") {
			t.Errorf("damaged diary %v: exit %d:\n%s", store, code, errs)
		}
	}
	if got, _ := os.ReadFile(file); string(got) != "my notes\n" {
		t.Error("the damaged diary was changed")
	}
	// No folder for a diary at all: the same, and nothing suggests --store.
	_, errs, code := runEnv(t, in, []string{"HOME=", "XDG_DATA_HOME=", "BACKTRIAGE_NO_STORE="}, "checkin", "--answers", "-", "--store")
	if code != 0 || !strings.Contains(errs, "Not saved: the diary could not be used") || strings.Contains(errs, "no diary yet") {
		t.Errorf("no HOME: exit %d:\n%s", code, errs)
	}
	_, errs, _ = runDiary(t, t.TempDir(), in, nil, "checkin", "--answers", "-")
	if !strings.Contains(errs, "Not saved: there is no diary yet. Start one with 'backtriage diary start'") {
		t.Errorf("no diary:\n%s", errs)
	}
}

// A missing age is asked for as a number, not with "answer none".
func TestCheckinMissingAgeWording(t *testing.T) {
	_, errs, code := runDiary(t, t.TempDir(), noWarnings+"pain_now: 4\n", nil, "checkin", "--answers", "-")
	if code != exitInput || !strings.Contains(errs, "<stdin>: the warning-sign questions come first, every time; not answered: age (age: give a whole number from 1 to 120;") || strings.Contains(errs, "answer none") {
		t.Errorf("exit %d:\n%s", code, errs)
	}
}

// The check-in form on a terminal shows the emergency advice once too,
// and stops at the answer that reaches it: no warning question after it.
func TestPTYCheckinFormEmergencyOnce(t *testing.T) {
	v := startVT(t, vtermOpts{w: 100, h: 40, env: []string{"BACKTRIAGE_NOW=2026-11-21T08:00:00Z"}}, "checkin", "--data-dir", t.TempDir(), "--no-store", "--region", "GB")
	now, _ := questionnaire.Default().Question("warning_now")
	v.waitText(now.Prompt)
	v.send(fieldPick(t, now, "chest_pain")...)
	if code := v.wait(); code != 0 {
		t.Fatalf("exit %d:\n%s", code, v.screen())
	}
	out := ansi.Strip(v.written())
	for _, want := range []string{"Emergency number in the UK: 999.", "Why:", "Chest pain, pressure or tightness with back pain"} {
		if n := strings.Count(out, want); n != 1 {
			t.Errorf("%q shown %d times in:\n%s", want, n, out)
		}
	}
	if !strings.Contains(out, "What to do now, and why, is above.") {
		t.Errorf("the record does not point at the advice:\n%s", out)
	}
	for _, q := range questionnaire.Default().Questions() {
		if q.Warning && q.ID != now.ID && strings.Contains(out, q.Prompt) {
			t.Errorf("asked %s after the emergency answer:\n%s", q.ID, out)
		}
	}
}

// assess, like checkin, shows an urgent or emergency sign read from a file
// with another mistake before the error, with the level's status under
// --exit-level and the input error's without.
func TestAssessEmergencyDespiteFileErrors(t *testing.T) {
	const file = "warning_now: [chest_pain]\nage: 62\nwarning_more_now: [sweating]\n"
	path := filepath.Join(t.TempDir(), "a.yaml")
	if err := os.WriteFile(path, []byte(file), 0o600); err != nil {
		t.Fatal(err)
	}
	for _, src := range []string{"-", path} {
		out, errs, code := runDiary(t, t.TempDir(), file, nil, "assess", "--answers", src, "--region", "GB", "--exit-level")
		if code != exitLevelEmergency || !strings.Contains(errs, `unknown option "sweating"`) {
			t.Errorf("%s: exit %d, want %d with the mistake:\n%s", src, code, exitLevelEmergency, errs)
		}
		for _, want := range emergencyAdvice {
			if strings.Count(out, want) != 1 {
				t.Errorf("%s: %q shown %d times in:\n%s", src, want, strings.Count(out, want), out)
			}
		}
		if !strings.Contains(out, "This file was not assessed") {
			t.Errorf("%s: not said that the file was not assessed:\n%s", src, out)
		}
		_, errs, code = runDiary(t, t.TempDir(), file, nil, "assess", "--answers", src, "--format", "json")
		if code != exitInput || !strings.Contains(errs, emergencyAdvice[0]) {
			t.Errorf("%s, json: exit %d, want %d with the advice on stderr:\n%s", src, code, exitInput, errs)
		}
	}
	_, errs, code := runDiary(t, t.TempDir(), noWarnings+"age: 40\nfoo: 1\n", nil, "assess", "--answers", "-", "--exit-level")
	if code != exitInput || strings.Contains(errs, "Emergency") {
		t.Errorf("a plain mistake: exit %d:\n%s", code, errs)
	}
}
