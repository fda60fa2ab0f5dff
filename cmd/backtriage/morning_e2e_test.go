package main

// End-to-end tests for issue 18 (a morning, polished): honest exits, the
// routine and the results at 80×24, as a person sees them. They use the
// pseudo-terminal harness of tui_e2e_test.go.

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/backtriage/backtriage/internal/guide"
	"github.com/backtriage/backtriage/internal/questionnaire"
	"github.com/backtriage/backtriage/internal/rules"
	"github.com/backtriage/backtriage/internal/testkit/keyscript"
	"github.com/backtriage/backtriage/internal/testkit/testrules"
	"github.com/backtriage/backtriage/internal/triage"
)

// A run that ends before a result exits 130 (exitAborted), however it
// ends and with or without --exit-level: a script never reads an abandoned
// run as self-care (0).
func TestQuitBeforeResultIsNotSelfCare(t *testing.T) {
	ways := []struct {
		name string
		quit func(v *vterm)
	}{
		{"q at the welcome", func(v *vterm) { v.send("q") }},
		{"enter, then ctrl+c", func(v *vterm) { // nothing answered: no dialog
			v.do([]string{kEnter}, pageOf(v.t, "warning"))
			v.send(kCtrlC)
		}},
		{"a few answers, ctrl+c twice", func(v *vterm) {
			v.do([]string{kEnter}, pageOf(v.t, "warning"))
			v.sendKeys(script(v.t).NoWarnings(40))
			v.waitText(pageOf(v.t, "health"))
			v.do([]string{kCtrlC}, "Quit backtriage?")
			v.send(kCtrlC)
		}},
		{"a few answers, saved through the quit dialog", func(v *vterm) {
			v.do([]string{kEnter}, pageOf(v.t, "warning"))
			v.sendKeys(script(v.t).NoWarnings(40))
			v.waitText(pageOf(v.t, "health"))
			v.do([]string{kCtrlC}, "Quit backtriage?")
			v.send(kEnter)
		}},
	}
	for _, w := range ways {
		for _, args := range [][]string{nil, {"--exit-level"}} {
			t.Run(w.name+strings.Join(args, " "), func(t *testing.T) {
				dir := t.TempDir()
				v := startVT(t, vtermOpts{w: 80, h: 24, dir: dir}, args...)
				v.waitText("enter start")
				w.quit(v)
				if code := v.wait(); code != exitAborted {
					t.Fatalf("exit code %d, want %d; the screen:\n%s", code, exitAborted, v.screen())
				}
				v.restored()
				if strings.Contains(w.name, "saved") {
					if _, err := os.Stat(filepath.Join(dir, "backtriage-answers-"+e2eDate+".yaml")); err != nil {
						t.Errorf("the answers were not saved: %v", err)
					}
				}
			})
		}
	}
}

// flatScreen is the screen's words on one line: a sentence wrapped over
// lines is found whole, and a cut one is not.
func flatScreen(s string) string { return strings.Join(strings.Fields(s), " ") }

// The routine at 80×24, as a person follows it: the phase's whole
// instruction on the screen with the countdown, ? lists the keys, q stops
// and the last frame says the routine was not recorded.
func TestPTYRoutineAt80x24(t *testing.T) {
	step := testrules.Builtin(t).Table().Step("stretch-before-bed")
	first := guide.Segments(step.Routine)[0]
	v := startVT(t, vtermOpts{w: 80, h: 24}, "guide", step.ID, "--quiet")
	s := v.waitText("Guided: "+step.Title, "00:")
	if !strings.Contains(flatScreen(s), first.Announce()) {
		t.Errorf("the phase's instruction is not whole on the screen: want %q in\n%s", first.Announce(), s)
	}
	if w := maxLineWidth(s); w > 80 {
		t.Errorf("a line is %d wide:\n%s", w, s)
	}
	for _, want := range []string{"space pause/resume", "q/esc stop", "? all keys"} {
		if !strings.Contains(s, want) {
			t.Errorf("the footer lacks %q:\n%s", want, s)
		}
	}
	v.send("?")
	v.waitText("Keys", "skip this phase (a routine mostly skipped")
	v.send("q")
	if code := v.wait(); code != 0 {
		t.Fatalf("exit %d:\n%s", code, v.screen())
	}
	// The last frame stays whole, once, and a line under it says what
	// happened.
	s = v.screen()
	if strings.Count(s, "Guided: "+step.Title) != 1 || !strings.Contains(flatScreen(s), first.Announce()) ||
		!strings.Contains(flatScreen(s), "Stopped after 0 seconds; the routine was not recorded.") {
		t.Errorf("the end is not said once under the last frame:\n%s", s)
	}
	v.restored()
}

// The results at 80×24, as a person first sees them: the level, the top
// cause and the first step on the first screen, each whole, without
// scrolling; then the routine from the results (r), its instruction whole,
// and back with q, saying it was not recorded.
func TestPTYResultsAt80x24(t *testing.T) {
	eng := testrules.Builtin(t)
	as := eng.Assess(keyscript.Charlotte(t, questionnaire.Default()))
	var firstStep string
	for _, tm := range rules.StepTimes() {
		for _, p := range as.Plan {
			if firstStep == "" && p.Step.TimeOf().ID == tm.ID {
				firstStep = p.Step.Title
			}
		}
	}
	v := startVT(t, vtermOpts{w: 80, h: 24})
	v.waitText("enter start")
	answerCharlotteOnPTY(v)
	s := v.waitText("SELF-CARE", "Most likely", "Start here")
	for _, want := range []string{as.Causes[0].Cause.Title, firstStep, "q quit"} {
		if !strings.Contains(s, want) { // whole, on one line
			t.Errorf("the first screen lacks %q:\n%s", want, s)
		}
	}
	if strings.Contains(s, "[ ]") {
		t.Errorf("boxes that cannot be ticked:\n%s", s)
	}
	v.do([]string{"r"}, "A guided routine from your plan")
	v.send(kEnter)
	s = v.waitText("Guided:", "00:", "q/esc stop, back to the results")
	step := eng.Table().Step(firstRoutine(t, s, eng))
	if want := guide.Segments(step.Routine)[0].Announce(); !strings.Contains(flatScreen(s), want) {
		t.Errorf("the phase's instruction is not whole on the screen: want %q in\n%s", want, s)
	}
	v.do([]string{"q"}, "SELF-CARE", "Stopped; the routine was not recorded")
	v.send("q")
	if code := v.wait(); code != 0 {
		t.Fatalf("exit %d", code)
	}
}

// firstRoutine is the id of the step whose routine the screen shows.
func firstRoutine(t *testing.T, screen string, eng *triage.Engine) string {
	t.Helper()
	for _, st := range eng.Table().Steps {
		if st.Routine != nil && strings.Contains(screen, "Guided: "+st.Title) {
			return st.ID
		}
	}
	t.Fatalf("no routine on the screen:\n%s", screen)
	return ""
}
