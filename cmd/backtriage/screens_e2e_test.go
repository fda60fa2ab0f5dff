package main

import (
	"fmt"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/backtriage/backtriage/internal/answers"
	"github.com/backtriage/backtriage/internal/questionnaire"
	"github.com/backtriage/backtriage/internal/testkit/keyscript"
)

const kEsc = "\x1b"

// Every screen and dialog of the terminal flow, on a real pseudo-terminal,
// at 80x24, 60x16 and 200x60: each one is drawn whole (its top line and
// its keys on screen, nothing wider than the terminal), and the keys its
// footer names work.
func TestTUIEveryScreenAtEverySize(t *testing.T) {
	charlotte, _ := filepath.Abs("../../testdata/readers/charlotte.yaml")
	qn := questionnaire.Default()
	saved, err := answers.ReadFile(charlotte, nil, qn)
	if err != nil {
		t.Fatal(err)
	}
	for _, size := range [][2]int{{80, 24}, {60, 16}, {120, 40}, {200, 60}} {
		w, h := size[0], size[1]
		t.Run(fmt.Sprintf("%dx%d", w, h), func(t *testing.T) {
			t.Parallel()
			// whole checks a screen: its first line, the text that says
			// which screen it is, and nothing past the right edge. A
			// dialog (top "") is checked for its box's bottom edge.
			whole := func(v *vterm, name, top string, texts ...string) {
				t.Helper()
				s := v.waitText(texts...)
				if top == "" {
					// The texts can arrive before the rest of the frame:
					// wait (up to the hang guard) for the box to close.
					s = v.waitFor(name+" whole", func(s string) bool { return containsAll(s, texts) && strings.Contains(s, "╰") })
				}
				if mw := maxLineWidth(s); mw > w {
					t.Errorf("%s: a line is %d wide at %dx%d:\n%s", name, mw, w, h, s)
				}
				if top == "" && !strings.Contains(s, "╰") {
					t.Errorf("%s: the dialog's bottom edge is off the screen:\n%s", name, s)
				}
				if top != "" && !strings.Contains(v.row(0)+v.row(1), top) {
					t.Errorf("%s: the top of the screen is not %q (scrolled off?):\n%s", name, top, s)
				}
			}

			// Charlotte's answers: every screen the questionnaire has.
			v := startVT(t, vtermOpts{w: w, h: h}, "--answers", charlotte)
			s := keyscript.Resume(t, qn, saved)
			whole(v, "welcome", "backtriage", "Start  ⏎", "enter start")
			v.send(kEnter) // her answers lack an age: page 1
			whole(v, "question page", "backtriage", pageOf(t, "warning"), "How old are you?")
			v.send("?")
			whole(v, "all keys", "", "Keys", "why we ask", "next question")
			v.send("?") // closes it again
			v.waitFor("the keys closed", func(s string) bool { return !strings.Contains(s, "next question") })
			v.send("w")
			whole(v, "why we ask", "backtriage", "Why we ask:")
			// Her age, and the warning questions added since she wrote.
			v.sendKeys(s.NoWarnings(30))
			v.waitText(pageOf(t, "health"))
			v.sendKeys(s.ToReview())
			whole(v, "review", "backtriage", "Review your answers", "See my results")
			v.send(kEnter)
			whole(v, "results", "backtriage", "SELF-CARE", "Most likely")
			whole(v, "results with the diary offer", "backtriage", "Keep a private diary", "y keep a diary?")
			v.send("y")
			whole(v, "diary offer", "", "Keep a diary?", "Yes, keep a diary")
			v.send("n")
			whole(v, "results after no", "backtriage", "No diary: nothing is stored.")
			v.send("e")
			whole(v, "export", "", "Export the summary", "Format")
			escape(v, "Export the summary")
			v.send("a")
			whole(v, "save answers", "", "Save your answers")
			escape(v, "Save your answers")
			v.send("v")
			whole(v, "history", "backtriage", "Your diary", "do not keep a diary")
			v.send(kLeft)
			whole(v, "back to the results", "backtriage", "SELF-CARE")
			v.send("r")
			whole(v, "routine chooser", "", "A guided routine from your plan")
			v.send(kEnter)
			whole(v, "guided routine", "Guided:", "Phase 1", "space pause/resume")
			v.send("q")
			whole(v, "results after the routine", "backtriage", "Stopped; the routine was not recorded")
			v.send("q")
			v.wait()

			// The warning signs: the quit dialog, the urgent stop, the
			// emergency screen.
			v = startVT(t, vtermOpts{w: w, h: h})
			s = script(t)
			v.waitText("enter start")
			v.do([]string{kEnter}, "Right now")
			v.sendKeys(s.Choose("warning_now", keyscript.None).Next().Choose("warning_nerves", keyscript.None).Next())
			v.waitText("[x] None of these")
			v.send(kCtrlC)
			whole(v, "quit", "", "Quit backtriage?")
			escape(v, "Quit backtriage?")
			v.sendKeys(s.Choose("warning_history", "fever").Next()) // urgent
			whole(v, "urgent stop", "backtriage", "URGENT", "enter finish the questions")
			v.send(kLeft) // back to the warning signs, to undo it
			v.waitText(pageOf(t, "warning"))
			v.sendKeys(s.At("warning_history").Choose("warning_now", "chest_pain").Next()) // emergency
			whole(v, "emergency", "backtriage", "EMERGENCY", "call for help now", "e export the summary")
			v.send("q")
			v.wait()
		})
	}
}

// escape presses esc until text has gone from the screen. A lone escape
// byte is a key only once the terminal reader has waited for more; on a
// loaded machine the wait can swallow it, and people press it again.
func escape(v *vterm, text string) {
	v.t.Helper()
	for range 10 {
		v.send(kEsc)
		deadline := time.Now().Add(3 * time.Second)
		for time.Now().Before(deadline) {
			if !strings.Contains(v.screen(), text) {
				return
			}
			time.Sleep(20 * time.Millisecond)
		}
	}
	v.t.Fatalf("esc did not close %q:\n%s", text, v.screen())
}
