package main

import (
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/backtriage/backtriage/internal/checkin"
	"github.com/backtriage/backtriage/internal/diary"
	"github.com/backtriage/backtriage/internal/questionnaire"
	"github.com/backtriage/backtriage/internal/testkit/keyscript"
)

// The check-in at 80×24, as a person sees it: every question on a screen
// of its own with every option whole (no word cut, each seen with the
// cursor on it, scrolled into view when the list is long), nothing left of
// the question before, the questionnaire's look (› and [ ]), and the pain
// score asked with nothing chosen: a reflex enter does not skip it.
func TestPTYCheckinAt80x24(t *testing.T) {
	data := t.TempDir()
	if _, errs, code := runDiary(t, data, "", at("2026-11-20T08:00:00Z"), "assess", "--answers", charlotte, "--store"); code != 0 {
		t.Fatal(errs)
	}
	v := startVT(t, vtermOpts{w: 80, h: 24, env: at("2026-11-21T08:00:00Z")}, "checkin", "--data-dir", data)
	prev := ""
	for _, q := range questionnaire.Default().Questions() {
		if !q.Warning {
			continue
		}
		s := waitPrompt(v, q)
		if q.Kind == questionnaire.Number {
			v.send(kBackspace, kBackspace, kBackspace, "31", kEnter)
			continue
		}
		if !strings.Contains(s, "[ ] ") || !strings.Contains(s, "› ") {
			t.Errorf("%s: not the questionnaire's look:\n%s", q.ID, s)
		}
		if prev != "" && strings.Contains(s, prev) {
			t.Errorf("%s: the previous question is still on the screen:\n%s", q.ID, s)
		}
		everyOptionWhole(v, q)
		v.send(fieldPick(t, q, keyscript.None)...)
		prev = q.Prompt
	}

	s := v.waitText("How bad is the pain right now")
	if strings.Contains(s, prev) || strings.Contains(s, "Skip") {
		t.Errorf("the pain question shows the question before, or a Skip:\n%s", s)
	}
	if row := cursorRow(s); row != "█" {
		t.Errorf("the pain score is not empty when asked: %q\n%s", row, s)
	}
	// A reflex enter asks again; it does not skip the score.
	v.send(kEnter)
	s = v.waitText("press enter again to skip it")
	if !strings.Contains(s, "How bad is the pain right now") {
		t.Fatalf("enter left the pain question:\n%s", s)
	}
	v.send("4", kEnter)

	compared, _ := questionnaire.Followup().Question(questionnaire.PainCompared)
	waitPrompt(v, compared)
	everyOptionWhole(v, compared)
	v.send(fieldPick(t, compared, "better")...)

	// The checklist: the plan's steps, as many as the assessment gave.
	steps := checkinSteps(t, data)
	waitPrompt(v, steps)
	everyOptionWhole(v, steps)
	done := steps.Options[len(steps.Options)-2].ID // the plan's last step
	v.send(fieldPick(t, steps, done)...)
	v.waitText("Anything to note")
	v.send("slept better", kEnter)
	if code := v.wait(); code != 0 {
		t.Fatalf("exit %d:\n%s", code, v.screen())
	}
	out, _, _ := runDiary(t, data, "", nil, "history", "--format", "json")
	for _, want := range []string{`"pain": 4`, `"compared": "better"`, `"note": "slept better"`, `"` + done + `"`} {
		if !strings.Contains(out, want) {
			t.Errorf("history lacks %s:\n%s", want, out)
		}
	}
}

// waitPrompt waits for q's prompt, which may be wrapped over lines.
func waitPrompt(v *vterm, q *questionnaire.Question) string {
	v.t.Helper()
	return v.waitFor("the prompt of "+q.ID, func(s string) bool { return strings.Contains(unwrapOptions(s), q.Prompt) })
}

// checkinSteps is the check-in's checklist question for the diary's plan.
func checkinSteps(t *testing.T, data string) *questionnaire.Question {
	t.Helper()
	store, err := diary.OpenReadOnly(filepath.Join(data, diary.FileName), diary.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer store.Close()
	eps, err := store.Episodes()
	if err != nil || len(eps) == 0 {
		t.Fatalf("no episode: %v", err)
	}
	ep := eps[len(eps)-1]
	q, ok := checkin.Questionnaire(ep.Plan).Question(checkin.StepsDone)
	if !ok {
		t.Fatal("no checklist for the plan")
	}
	return q
}

// everyOptionWhole moves the cursor down q's options one by one and checks
// each is on the screen whole when the cursor is on it (scrolled into view
// when the list is long), with no line cut short; it leaves the cursor on
// the last option.
func everyOptionWhole(v *vterm, q *questionnaire.Question) {
	v.t.Helper()
	for j, o := range q.Choices() {
		if j > 0 {
			v.send(kDown)
		}
		s := v.waitFor("the cursor on "+o.ID, func(s string) bool {
			row := cursorRow(s)
			return row != "" && strings.HasPrefix(o.Label, row) && (row == o.Label || len(row) > 30)
		})
		if !strings.Contains(unwrapOptions(s), o.Label) {
			v.t.Errorf("%s: option %q is not whole on the screen:\n%s", q.ID, o.Label, s)
		}
		if strings.Contains(s, "…") {
			v.t.Errorf("%s: a line cut short:\n%s", q.ID, s)
		}
	}
}

// rowPrefix is what a field puts before the text of a line: the focus bar,
// the cursor and the option's mark.
var rowPrefix = regexp.MustCompile(`^\s*(┃\s)?\s*(›\s)?\s*(\[[ x]\]\s|\([ •]\)\s)?\s*`)

// cursorRow is the text of the row the cursor (›) is on, without the
// field's marks, or "".
func cursorRow(screen string) string {
	for _, l := range strings.Split(screen, "\n") {
		if strings.Contains(l, "› ") {
			return strings.TrimSpace(rowPrefix.ReplaceAllString(l, ""))
		}
	}
	return ""
}

// unwrapOptions is the screen's text with the fields' marks taken off and
// the lines joined, so an option wrapped over two lines reads whole.
func unwrapOptions(screen string) string {
	var words []string
	for _, l := range strings.Split(screen, "\n") {
		words = append(words, strings.Fields(rowPrefix.ReplaceAllString(l, ""))...)
	}
	return strings.Join(words, " ")
}
