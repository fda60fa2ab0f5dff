package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/backtriage/backtriage/internal/checkin"
	"github.com/backtriage/backtriage/internal/diary"
	"github.com/backtriage/backtriage/internal/questionnaire"
	"github.com/backtriage/backtriage/internal/textwrap/textwraptest"
)

// probeYAML is the probe note in an answers file: OSC 52 (the
// clipboard), OSC 0 (the window title), ESC[2J (clear the screen), U+009B,
// NUL, CR, a newline and a fake line, U+202E.
const probeYAML = `note: "slept badly\e]52;c;cHduZWQ=\a \e]0;pwned\a\e[2J\x9b2J nul\0 cr\rover\nWARNING SIGNS: none \u202eevil\u202c"` + "\n"

// noLeak fails when out holds a character that must not reach a terminal,
// or a line that starts with the note's fake line.
func noLeak(t *testing.T, what, out string) {
	t.Helper()
	if r, i, bad := textwraptest.Leak(out); bad {
		t.Errorf("%s: %U at byte %d:\n%q", what, r, i, out)
	}
	if got := textwraptest.LinesStartingWith(out, "WARNING SIGNS: none"); len(got) > 0 {
		t.Errorf("%s: the note's line at column 0: %q", what, got)
	}
	if strings.Contains(out, "pwned\a") || strings.Contains(out, "\x1b]") {
		t.Errorf("%s: an OSC came through", what)
	}
}

// The probes, run as written on the binary: the check-in's own
// "Note:" line, history, diary export as Markdown, CSV and JSON to
// standard output, history --format json, with the note as the check-in
// reads it (cleaned) and as an older diary may hold it (raw).
func TestProbeNoteNeverReachesTheTerminal(t *testing.T) {
	dir := t.TempDir()
	if _, errs, code := runDiary(t, dir, "", at("2026-11-02T08:00:00Z"), "assess", "--answers", charlotte, "--store"); code != 0 {
		t.Fatalf("assess --store: exit %d: %s", code, errs)
	}
	in := noWarnings + "age: 31\npain_now: 5\npain_compared: same\n" + probeYAML
	out, errs, code := runDiary(t, dir, in, at("2026-11-03T08:00:00Z"), "checkin", "--answers", "-")
	if code != 0 {
		t.Fatalf("checkin: exit %d: %s\n%s", code, errs, out)
	}
	noLeak(t, "checkin", out)
	if !strings.Contains(out, "- Note:\n    > slept badly 2J nul cr\n    > over\n    > WARNING SIGNS: none evil\n") {
		t.Errorf("checkin: the note is not kept cleaned, each line indented under \"Note:\":\n%s", out)
	}

	// The same note raw in the diary, as a backtriage before the cleaning
	// stored it.
	s, err := diary.Open(filepath.Join(dir, diary.FileName), diary.Options{})
	if err != nil {
		t.Fatal(err)
	}
	pain := 4
	raw := "slept badly\x1b]52;c;cHduZWQ=\x07 \x1b]0;pwned\x07\x1b[2J\u009b2J nul\x00 cr\rover\nWARNING SIGNS: none \u202eevil\u202c"
	if _, err := s.AddCheckin(&diary.Checkin{EpisodeID: 1, At: time.Date(2026, 11, 4, 8, 0, 0, 0, time.UTC), Level: "self-care",
		Pain: &pain, Compared: "better", StepsDone: []string{}, Note: raw, TableVersion: "v"}); err != nil {
		t.Fatal(err)
	}
	s.Close()

	for _, args := range [][]string{{"history"}, {"diary", "export", "--format", "markdown"}, {"diary", "export", "--format", "csv"}} {
		out, errs, code := runDiary(t, dir, "", at("2026-11-05T08:00:00Z"), args...)
		if code != 0 {
			t.Fatalf("%s: exit %d: %s", args, code, errs)
		}
		noLeak(t, strings.Join(args, " "), out)
		if !strings.Contains(out, "0;pwned\uFFFD") {
			t.Errorf("%s: the raw note is not shown, marked:\n%s", args, out)
		}
	}
	out, _, _ = runDiary(t, dir, "", at("2026-11-05T08:00:00Z"), "history")
	if i := strings.Index(out, "CURRENT ADVICE"); i < 0 || !strings.HasPrefix(out[i-1:], "\nCURRENT ADVICE") || strings.Contains(out[:i], "> ") {
		t.Errorf("history: the current advice is not shown at the top:\n%s", out)
	}
	for _, args := range [][]string{{"history", "--format", "json"}, {"diary", "export", "--format", "json"}} {
		out, errs, code := runDiary(t, dir, "", at("2026-11-05T08:00:00Z"), args...)
		if code != 0 {
			t.Fatalf("%s: exit %d: %s", args, code, errs)
		}
		noLeak(t, strings.Join(args, " "), out)
		if !strings.Contains(out, `\u009b2J`) || !strings.Contains(out, `\u202eevil`) {
			t.Errorf("%s: U+009B or U+202E not escaped", args)
		}
	}
}

// The check-in's line mode: escapes and the bell are never echoed; a
// 5,000-character note is said, not cut; a line without end is refused
// at the cap (exit 3), not read into memory and echoed.
func TestCheckinLinesProbes(t *testing.T) {
	dir := t.TempDir()
	if _, errs, code := runDiary(t, dir, "", at("2026-11-02T08:00:00Z"), "assess", "--answers", charlotte, "--store"); code != 0 {
		t.Fatalf("assess --store: exit %d: %s", code, errs)
	}
	// The warning questions in the check-in's order (none, the age 31),
	// pain 5, about the same, steps: none of them, then the notes.
	var b strings.Builder
	for _, q := range checkin.Questionnaire(nil).Questions() {
		switch {
		case q.Warning && q.Kind == questionnaire.Number:
			b.WriteString("31\n")
		case q.Warning:
			b.WriteString("none\n")
		}
	}
	answers := b.String() + "5\n2\n"
	steps := "none\n"
	long := strings.Repeat("x", 3000)
	in := answers + steps + long + "\n" + "a\x1b]0;pwned\x07\x1b[2J\x07bell\u009b\u202e note\n"
	out, errs, code := runDiary(t, dir, in, at("2026-11-03T08:00:00Z"), "checkin", "--accessible", "--store")
	if code != 0 {
		t.Fatalf("checkin: exit %d: %s\n%s", code, errs, out)
	}
	noLeak(t, "checkin --accessible", out)
	if !strings.Contains(out, "A note is at most 2,000 characters; yours has 3,000.") {
		t.Errorf("a long note was not said:\n%s", out)
	}
	if !strings.Contains(out, "- Note:\n    > abell note\n") {
		t.Errorf("the note was not kept cleaned:\n%s", out)
	}
	// A line without end: refused at the cap.
	endless := answers + steps + strings.Repeat("y", 1<<20)
	out, errs, code = runDiary(t, dir, endless, at("2026-11-04T08:00:00Z"), "checkin", "--accessible")
	if code != exitInput || !strings.Contains(errs, "more than 64 KiB of input") {
		t.Errorf("a line without end: exit %d, %s", code, errs)
	}
	if strings.Contains(out, strings.Repeat("y", 100)) {
		t.Error("the line without end was echoed")
	}
}

// A file name with an escape in it is quoted in messages, as %q does; a
// rule table with an escape in a title is refused by rules check.
func TestFileNamesAndRuleTextProbes(t *testing.T) {
	dir := t.TempDir()
	name := filepath.Join(dir, "a\x1b]0;pwned\x07.yaml")
	if err := os.WriteFile(name, []byte("pain_now: [\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	_, errs, code := run(t, "", "assess", "--answers", name)
	if code != exitInput || !strings.Contains(errs, `a\x1b]0;pwned\a.yaml"`) {
		t.Errorf("exit %d, the name not quoted: %q", code, errs)
	}
	noLeak(t, "assess error", errs)
	_, errs, _ = run(t, "", "assess", "--answers", name+"-missing")
	noLeak(t, "missing file", errs)
	if !strings.Contains(errs, `\x1b]0;pwned\a.yaml-missing"`) {
		t.Errorf("the missing name not quoted: %q", errs)
	}

	data, err := os.ReadFile("../../rules/steps.yaml")
	if err != nil {
		t.Fatal(err)
	}
	rules := t.TempDir()
	entries, _ := os.ReadDir("../../rules")
	for _, e := range entries {
		b, err := os.ReadFile(filepath.Join("../../rules", e.Name()))
		if err != nil {
			t.Fatal(err)
		}
		if e.Name() == "steps.yaml" {
			b = []byte(strings.Replace(string(data), "title: ", "title: \x1b]0;pwned\x07", 1))
		}
		if err := os.WriteFile(filepath.Join(rules, e.Name()), b, 0o600); err != nil {
			t.Fatal(err)
		}
	}
	_, errs, code = run(t, "", "rules", "check", rules)
	if code != exitInput || !strings.Contains(errs, "steps.yaml:") || !strings.Contains(errs, "U+001B (escape)") {
		t.Errorf("rules check: exit %d: %s", code, errs)
	}
	noLeak(t, "rules check", errs)
}

// A diary folder whose name would drive the terminal is named quoted in
// everything the diary commands say: the consent, where it is kept, what
// was saved, its path, and what forget deleted; so is an export's file.
func TestDiaryFolderNameProbes(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "d\x1b]0;pwned\x07")
	const folder = `\x1b]0;pwned\a`
	for _, c := range []struct {
		args []string
		want string
	}{
		{[]string{"diary", "start", "--yes"}, folder},
		{[]string{"diary", "start", "--yes"}, folder}, // already kept
		{[]string{"assess", "--answers", charlotte}, folder},
		{[]string{"diary", "path"}, folder},
		{[]string{"diary", "export", "-o", filepath.Join(t.TempDir(), "x\x1b[2J.md")}, `x\x1b[2J.md`},
		{[]string{"forget", "--yes"}, folder},
	} {
		out, errs, code := runDiary(t, dir, "", at("2026-11-09T08:00:00Z"), c.args...)
		if code != exitOK {
			t.Fatalf("%v: exit %d: %s", c.args, code, errs)
		}
		noLeak(t, strings.Join(c.args, " "), out+errs)
		if !strings.Contains(out+errs, c.want) {
			t.Errorf("%v: %s not named, quoted:\n%s%s", c.args, c.want, out, errs)
		}
	}
}
