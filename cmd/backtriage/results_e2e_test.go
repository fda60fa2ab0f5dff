package main

// End-to-end tests for issue 10: results a person can act on, and never an
// answer they did not give. They use the pseudo-terminal harness of
// tui_e2e_test.go.

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// Enter on an optional one-choice question skips it, says so, and records
// nothing: "Which side?" stays empty in the saved answers.
func TestResultsEnterSkipsOptional(t *testing.T) {
	dir := t.TempDir()
	v := startVT(t, vtermOpts{w: 80, h: 24, dir: dir})
	v.waitText("enter start")
	v.do([]string{kEnter}, "Right now")
	v.send(ptyKeys(t, script(t).NoWarnings(42).Choose("pain_where", "between_shoulder_blades").Focus("pain_side").Keys())...)
	v.waitText("Which side?", "enter next (skip)")
	v.do([]string{kEnter, kShiftTab}, "Which side?", "skipped")
	v.do([]string{kCtrlC}, "Quit backtriage?")
	v.send(kEnter)
	if code := v.wait(); code != exitAborted { // quit before a result
		t.Fatalf("exit code %d", code)
	}
	data, err := os.ReadFile(filepath.Join(dir, "backtriage-answers-"+e2eDate+".yaml"))
	if err != nil {
		t.Fatal(err)
	}
	if strings.Contains("\n"+string(data), "\npain_side:") {
		t.Errorf("enter recorded an answer to Which side?:\n%s", data)
	}
}

// The emergency screen is drawn at any size, and after q the "do this now"
// box, with the local number, stays on the normal screen; --exit-level
// gives 12.
func TestResultsEmergencyAdviceStays(t *testing.T) {
	v := startVT(t, vtermOpts{w: 80, h: 24, env: []string{"LANG=en_GB.UTF-8"}}, "--exit-level")
	v.waitText("enter start")
	v.do([]string{kEnter}, "Chest pain, pressure")
	v.sendKeys(script(t).Cursor("warning_now", "chest_pain").Space().Next())
	v.waitText("EMERGENCY", "999 in the UK")
	for _, size := range [][2]int{{40, 12}, {24, 8}} {
		v.resize(size[0], size[1])
		s := v.waitText("EMERGENCY")
		if strings.Contains(s, "Please enlarge") {
			t.Fatalf("%dx%d: the emergency screen was replaced:\n%s", size[0], size[1], s)
		}
		if w := maxLineWidth(s); w > size[0] {
			t.Errorf("%dx%d: a line is %d wide:\n%s", size[0], size[1], w, s)
		}
	}
	// Back to 80 columns and quit at once: the box kept on the screen is
	// as wide as the terminal at exit, whether or not the program had
	// drawn the wider layout yet (it once took the last size it had read,
	// 24, on a loaded machine).
	v.resize(80, 24)
	v.send("q")
	if code := v.wait(); code != exitLevelEmergency {
		t.Errorf("exit code %d, want %d", code, exitLevelEmergency)
	}
	v.restored()
	s := v.screen()
	for _, want := range []string{"backtriage: EMERGENCY", "Do this now", "999", "Chest pain"} {
		if !strings.Contains(s, want) {
			t.Errorf("after quitting, the normal screen lacks %q:\n%s", want, s)
		}
	}
}

// assess: the level as an exit status only when asked, and the region's
// number next to "your local emergency number".
func TestAssessExitLevelAndRegion(t *testing.T) {
	for _, c := range []struct {
		file string
		args []string
		code int
		want string
	}{
		{"../../testdata/golden/emergency.yaml", nil, 0, "Emergency numbers: 999 in the UK"},
		{"../../testdata/golden/emergency.yaml", []string{"--exit-level", "--region", "US"}, exitLevelEmergency, "your local emergency number (911 in the US)"},
		{"../../testdata/readers/ele.yaml", []string{"--exit-level"}, exitLevelSoon, "Soon"},
		{"../../testdata/readers/charlotte.yaml", []string{"--exit-level"}, 0, "Self-care"},
		{"../../testdata/readers/charlotte.yaml", []string{"--region", "XX"}, exitUsage, "--region"},
	} {
		cmd := exec.Command(bin(), append([]string{"assess", "--answers", c.file}, c.args...)...)
		out, err := cmd.CombinedOutput()
		code := 0
		if ee, ok := err.(*exec.ExitError); ok {
			code = ee.ExitCode()
		}
		flat := strings.Join(strings.Fields(string(out)), " ")
		if code != c.code || !strings.Contains(flat, c.want) {
			t.Errorf("assess %s %v: exit %d (want %d), output lacks %q:\n%s", c.file, c.args, code, c.code, c.want, out)
		}
	}
}

// -o FILE that exists is found before the first question, not after the
// last; a JSON summary reopens with --answers.
func TestResultsOutputExistsAtStartAndSummaryReopens(t *testing.T) {
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "s.txt"), []byte("keep"), 0o600); err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(bin(), "--accessible", "-o", "s.txt")
	cmd.Dir = dir
	cmd.Stdin = strings.NewReader("")
	out, err := cmd.CombinedOutput()
	ee, _ := err.(*exec.ExitError)
	if ee == nil || ee.ExitCode() != exitWrite || !strings.Contains(string(out), "already exists") || strings.Contains(string(out), "Warning signs first") {
		t.Errorf("an existing -o file was not refused at start: %v\n%s", err, out)
	}
	// A JSON summary holds the answers: assess reads it back to the same level.
	js, err := exec.Command(bin(), "assess", "--date", e2eDate, "--answers", "../../testdata/readers/charlotte.yaml", "--format", "json").Output()
	if err != nil {
		t.Fatal(err)
	}
	sum := filepath.Join(dir, "summary.json")
	if err := os.WriteFile(sum, js, 0o600); err != nil {
		t.Fatal(err)
	}
	again, err := exec.Command(bin(), "assess", "--date", e2eDate, "--answers", sum, "--format", "json").Output()
	if err != nil {
		t.Fatalf("a JSON summary does not reopen: %v", err)
	}
	if string(again) != string(js) {
		t.Errorf("reassessing the summary's answers differs")
	}
}
