package main

// End-to-end tests for issue 18 (a morning, polished): honest exits, the
// routine and the results at 80×24, as a person sees them. They use the
// pseudo-terminal harness of tui_e2e_test.go.

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
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
