package main

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/charmbracelet/x/ansi"

	"github.com/backtriage/backtriage/internal/questionnaire"
	"github.com/backtriage/backtriage/internal/testkit/keyscript"
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
	v := checkinOnPTY(t, data, "2026-11-21T08:00:00Z", 7, "ok")
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

// checkinOnPTY runs `backtriage checkin` on a terminal at the time when and
// answers its form by keys: no warning sign, the pain, "about the same",
// the plan's first step done, and the note. It returns once the note is
// sent; the caller waits for the program.
func checkinOnPTY(t *testing.T, data, when string, pain int, note string) *vterm {
	t.Helper()
	v := startVT(t, vtermOpts{w: 100, h: 40, env: []string{"BACKTRIAGE_NOW=" + when}}, "checkin", "--data-dir", data)
	for _, q := range questionnaire.Default().Questions() {
		if !q.Warning {
			continue
		}
		v.waitText(q.Prompt)
		if q.Kind == questionnaire.Number {
			// Over any age the assessment gave.
			v.send(kBackspace, kBackspace, kBackspace, "31", kEnter)
			continue
		}
		v.send(fieldPick(t, q, keyscript.None)...)
	}
	v.waitText("How bad is the pain right now")
	v.send(strconv.Itoa(pain), kEnter)
	v.waitText("Compared with last time")
	compared, _ := questionnaire.Followup().Question(questionnaire.PainCompared)
	v.send(fieldPick(t, compared, "same")...)
	v.waitText("Which steps of your plan")
	v.send("x", kEnter) // the first step of the plan
	v.waitText("Anything to note")
	v.send(note, kEnter)
	return v
}

// The week the issue describes, through the terminal UI: the questionnaire
// on day 0 and the diary offer accepted on the results; three check-ins on
// the terminal with the clock moved forward (BACKTRIAGE_NOW); on day 15 the
// welcome finds the diary, and h shows the "not starting to fade after two
// weeks" advice above the pain chart.
func TestPTYWeekThroughTheTUI(t *testing.T) {
	data := t.TempDir()
	day0 := "2026-11-02T08:00:00+01:00"
	v := startVT(t, vtermOpts{w: 80, h: 24, env: at(day0)}, "--data-dir", data)
	v.waitText("enter start")
	answerCharlotteOnPTY(v)
	v.waitText("SELF-CARE", "your results")
	// The offer comes on the status line once the results are up, never
	// over them; y shows the words, y again agrees.
	v.waitText("y keep a diary?")
	v.do([]string{"y"}, "Keep a diary?", "Yes, keep a diary")
	v.do([]string{"y"}, "Saved to your diary (assessment 1)", "backtriage checkin")
	v.send("q")
	if code := v.wait(); code != 0 {
		t.Fatalf("the questionnaire: exit %d:\n%s", code, v.screen())
	}

	for i, when := range []string{"2026-11-03T08:00:00+01:00", "2026-11-06T08:10:00+01:00", "2026-11-17T07:50:00+01:00"} {
		c := checkinOnPTY(t, data, when, 7, fmt.Sprintf("day %d", i))
		if code := c.wait(); code != 0 || !strings.Contains(ansi.Strip(c.written()), "Saved to your diary") {
			t.Fatalf("check-in %d: exit %d:\n%s", i+1, code, c.written())
		}
	}

	h := startVT(t, vtermOpts{w: 80, h: 24, env: at("2026-11-17T09:00:00+01:00")}, "--data-dir", data)
	h.waitText("You keep a diary: press v", "v your diary")
	h.do([]string{"v"}, "Your diary", "Not starting to fade after two weeks", "physiotherapist")
	h.scrollUntil("pain (0 to 10), day 0 to day 15", " 7 ┤")
	h.scrollUntil("pain 7 → 7 over 15 days (3 check-ins)")
	h.do([]string{kLeft}, "enter start", "You keep a diary")
	h.send("q")
	// Quit at the welcome, before any result: never a status a script
	// could read as self-care.
	if code := h.wait(); code != exitAborted {
		t.Fatalf("exit %d, want %d:\n%s", code, exitAborted, h.screen())
	}
	// Looking at the diary stored nothing: one episode, three check-ins.
	out, _, _ := runDiary(t, data, "", nil, "history", "--format", "json")
	var rec struct {
		Episodes []json.RawMessage `json:"episodes"`
		Checkins []json.RawMessage `json:"checkins"`
	}
	if err := json.Unmarshal([]byte(out), &rec); err != nil || len(rec.Episodes) != 1 || len(rec.Checkins) != 3 {
		t.Errorf("%d episodes and %d check-ins after the week (%v), want 1 and 3:\n%s", len(rec.Episodes), len(rec.Checkins), err, out)
	}
}

// Beside advice to get help nothing is asked and no daily routine is
// suggested: at emergency and urgent level assess ends with the advice,
// and an agreed diary records the assessment with a plain line.
func TestPTYAssessNoOfferAtEmergencyOrUrgent(t *testing.T) {
	root, _ := filepath.Abs("../..")
	for _, file := range []string{"testdata/examples/heart-attack.yaml", "testdata/golden/urgent.yaml"} {
		data := t.TempDir()
		v := startVT(t, vtermOpts{w: 100, h: 40}, "assess", "--answers", filepath.Join(root, file), "--data-dir", data)
		if code := v.wait(); code != 0 {
			t.Fatalf("%s: exit %d:\n%s", file, code, v.screen())
		}
		if out := ansi.Strip(v.written()); strings.Contains(out, "Keep a diary") || strings.Contains(out, "Check in each day") {
			t.Errorf("%s: a diary offered beside advice to get help:\n%s", file, out)
		}
		if _, err := os.Stat(filepath.Join(data, "diary.db")); err == nil {
			t.Errorf("%s: a diary was created", file)
		}
		// With a diary already agreed to: recorded, with no routine suggested.
		if _, errs, code := runDiary(t, data, "", nil, "diary", "start", "--yes"); code != 0 {
			t.Fatal(errs)
		}
		_, errs, _ := runDiary(t, data, "", nil, "assess", "--answers", file)
		if !strings.Contains(errs, "Saved to your diary (assessment 1)") || strings.Contains(errs, "Check in each day") {
			t.Errorf("%s: with a diary: %s", file, errs)
		}
	}
}
