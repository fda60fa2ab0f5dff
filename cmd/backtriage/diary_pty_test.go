package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/backtriage/backtriage/internal/questionnaire"
)

// On a terminal, assess asks for consent after the summary, in words that
// say what is kept and where; y creates the diary with the episode.
func TestPTYAssessAsksConsent(t *testing.T) {
	data := t.TempDir()
	root, _ := filepath.Abs("../..")
	v := startVT(t, vtermOpts{w: 100, h: 40}, "assess", "--answers", filepath.Join(root, charlotte), "--data-dir", data)
	v.waitText("Keep a diary? Type y", "readable only by you")
	// assess reads a line in the terminal's normal mode: no raw mode to wait for.
	if _, err := v.pty.Write([]byte("y\r")); err != nil {
		t.Fatal(err)
	}
	if code := v.wait(); code != 0 {
		t.Fatalf("exit %d:\n%s", code, v.screen())
	}
	if !strings.Contains(v.screen(), "Saved to your diary (assessment 1)") {
		t.Errorf("no saved message:\n%s", v.screen())
	}
	if _, err := os.Stat(filepath.Join(data, "diary.db")); err != nil {
		t.Fatal(err)
	}
}

// The check-in form on a terminal: every warning-sign question first, then
// the pain, the comparison, the plan's checklist and a note; the result and
// the save follow.
func TestPTYCheckinForm(t *testing.T) {
	data := t.TempDir()
	if _, errs, code := runDiary(t, data, "", at("2026-11-20T08:00:00Z"), "assess", "--answers", charlotte, "--store"); code != 0 {
		t.Fatal(errs)
	}
	v := startVT(t, vtermOpts{w: 100, h: 40, env: []string{"BACKTRIAGE_NOW=2026-11-21T08:00:00Z"}}, "checkin", "--data-dir", data)
	for _, q := range questionnaire.Default().Questions() {
		if !q.Warning {
			continue
		}
		v.waitText(q.Prompt)
		if q.Kind == questionnaire.Number {
			v.send("31", kEnter)
			continue
		}
		v.send("G", "x", kEnter) // the last option is "None of these"
	}
	v.waitText("How bad is the pain right now")
	keys := []string{}
	for range 8 { // Skip, 0, 1 ... 7
		keys = append(keys, kDown)
	}
	v.send(append(keys, kEnter)...)
	v.waitText("Compared with last time")
	v.send(kDown, kDown, kEnter) // About the same
	v.waitText("Which steps of your plan")
	v.send("x", kEnter) // the first step of the plan
	v.waitText("Anything to note")
	v.send("ok", kEnter)
	if code := v.wait(); code != 0 {
		t.Fatalf("exit %d:\n%s", code, v.screen())
	}
	out, _, _ := runDiary(t, data, "", nil, "history", "--format", "json")
	for _, want := range []string{`"pain": 7`, `"compared": "same"`, `"note": "ok"`, `"rule": "early-days-carry-on"`} {
		if !strings.Contains(out, want) {
			t.Errorf("history lacks %s:\n%s\nscreen:\n%s", want, out, v.screen())
		}
	}
}
