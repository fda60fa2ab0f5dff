package main

import (
	"bytes"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// run runs the built binary and returns stdout, stderr and the exit code.
func run(t *testing.T, stdin string, args ...string) (string, string, int) {
	t.Helper()
	return runEnv(t, stdin, nil, args...)
}

// runEnv is run with extra environment variables.
func runEnv(t *testing.T, stdin string, env []string, args ...string) (string, string, int) {
	t.Helper()
	cmd := exec.Command(binPath, args...)
	cmd.Env = append(append(os.Environ(), "NO_COLOR=1"), env...)
	return runCmd(t, cmd, stdin)
}

// runCmd runs the binary's command from the repository's root with stdin,
// and returns its output and exit code.
func runCmd(t *testing.T, cmd *exec.Cmd, stdin string) (string, string, int) {
	t.Helper()
	cmd.Dir = "../.."
	cmd.Stdin = strings.NewReader(stdin)
	var out, errb bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errb
	err := cmd.Run()
	code := 0
	if ee, ok := err.(*exec.ExitError); ok {
		code = ee.ExitCode()
	} else if err != nil {
		t.Fatal(err)
	}
	return out.String(), errb.String(), code
}

func TestQuestionsJSON(t *testing.T) {
	out, errs, code := run(t, "", "questions", "--format", "json")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	var qs []struct {
		ID, Prompt, Kind string
		Options          []struct{ ID, Label string }
		Warning          bool
	}
	if err := json.Unmarshal([]byte(out), &qs); err != nil {
		t.Fatal(err)
	}
	if len(qs) < 25 || qs[0].ID != "warning_now" || !qs[0].Warning || qs[0].Kind != "many" {
		t.Fatalf("unexpected questions: %d, first %+v", len(qs), qs[0])
	}
	for _, q := range qs {
		if q.Kind == "yesno" && len(q.Options) != 2 {
			t.Errorf("%s: yes/no question without yes and no options", q.ID)
		}
	}
}

func TestAssessJSONFromStdin(t *testing.T) {
	in := `{"warning_now": ["none"], "warning_nerves": ["none"], "warning_history": ["none"], "age": 24,
	  "pain_where": ["middle_back"], "duration": "under_week", "training": "most_days", "strain": ["pulled"]}`
	out, errs, code := run(t, in, "assess", "--answers", "-", "--format", "json", "--date", "2026-11-21")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	var r struct {
		Level    string            `json:"level"`
		Date     string            `json:"date"`
		Warnings []json.RawMessage `json:"warnings"`
		Causes   []struct {
			ID      string            `json:"id"`
			Score   int               `json:"score"`
			Because []json.RawMessage `json:"because"`
		} `json:"causes"`
		SelfCare []json.RawMessage `json:"selfcare"`
		SeekHelp []string          `json:"seek_help"`
		Sources  []json.RawMessage `json:"sources"`
	}
	if err := json.Unmarshal([]byte(out), &r); err != nil {
		t.Fatal(err)
	}
	if r.Level != "self-care" || r.Date != "2026-11-21" || len(r.Causes) == 0 || r.Causes[0].ID != "pulled-muscle" ||
		len(r.Causes[0].Because) == 0 || len(r.SelfCare) == 0 || len(r.SeekHelp) == 0 || len(r.Sources) == 0 {
		t.Errorf("unexpected assessment: %s", out)
	}
}

func TestAssessTextShowsWarningFirst(t *testing.T) {
	out, errs, code := run(t, "", "assess", "--answers", "testdata/golden/emergency.yaml")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	// At emergency level there are no causes or self-care at all.
	if !strings.Contains(out, "emergency") || !strings.Contains(out, "WARNING SIGNS") ||
		strings.Contains(out, "LIKELY CAUSES") || strings.Contains(out, "SELF-CARE PLAN") {
		t.Errorf("warning signs do not lead, or causes and self-care are shown at emergency level:\n%s", out)
	}
}

func TestAssessBadAnswers(t *testing.T) {
	_, errs, code := run(t, "pain_where: [neck, nek]\nsleep_pos: side\n", "assess", "--answers", "-")
	if code != exitInput {
		t.Errorf("exit %d, want %d", code, exitInput)
	}
	for _, want := range []string{
		`backtriage: <stdin>:1:20: question "pain_where": unknown option "nek"; did you mean "neck"?`,
		`backtriage: <stdin>:2:1: unknown question "sleep_pos"; did you mean "sleep_position"?`,
	} {
		if !strings.Contains(errs, want) {
			t.Errorf("stderr lacks %q:\n%s", want, errs)
		}
	}
	_, errs, code = run(t, "", "assess", "--answers", "no-such-file.yaml")
	if code == 0 || !strings.Contains(errs, "no-such-file.yaml") {
		t.Errorf("missing file: exit %d, %s", code, errs)
	}
}

func TestAssessOutputFile(t *testing.T) {
	dir := t.TempDir()
	out := filepath.Join(dir, "summary.md")
	args := []string{"assess", "--answers", "testdata/readers/charlotte.yaml", "--format", "markdown", "-o", out}
	if _, errs, code := run(t, "", args...); code != 0 || !strings.Contains(errs, "Saved the summary to "+out) {
		t.Fatalf("exit %d: %s", code, errs)
	}
	st, err := os.Stat(out)
	if err != nil {
		t.Fatal(err)
	}
	if st.Mode().Perm() != 0o600 {
		t.Errorf("mode %v, want 0600", st.Mode().Perm())
	}
	data, _ := os.ReadFile(out)
	if !strings.HasPrefix(string(data), "# backtriage summary") {
		t.Errorf("not markdown: %.60s", data)
	}
	// A second export refuses to replace the file, and leaves it intact.
	if err := os.WriteFile(out, []byte("keep me"), 0o600); err != nil {
		t.Fatal(err)
	}
	_, errs, code := run(t, "", args...)
	if code != exitWrite || !strings.Contains(errs, "file already exists") || !strings.Contains(errs, "--force") {
		t.Errorf("exit %d: %s", code, errs)
	}
	if data, _ := os.ReadFile(out); string(data) != "keep me" {
		t.Error("the existing file was changed")
	}
	if _, errs, code := run(t, "", append(args, "--force")...); code != 0 {
		t.Errorf("--force: exit %d: %s", code, errs)
	}
	_, errs, code = run(t, "", "assess", "--answers", "testdata/readers/emma.yaml", "-o", filepath.Join(dir, "missing", "x.txt"))
	if code != exitWrite || !strings.Contains(errs, "does not exist") {
		t.Errorf("missing directory: exit %d: %s", code, errs)
	}
	entries, _ := os.ReadDir(dir)
	if len(entries) != 1 {
		t.Errorf("temporary files left behind: %v", entries)
	}
}

func TestRulesCheck(t *testing.T) {
	out, errs, code := run(t, "", "rules", "check")
	if code != 0 || !strings.Contains(out, "ok:") {
		t.Errorf("built-in: exit %d: %s %s", code, out, errs)
	}
	_, errs, code = run(t, "", "rules", "check", "testdata/badrules/unknown-option")
	if code != exitInput || !strings.Contains(errs, `testdata/badrules/unknown-option/rules.yaml:31:19: rule "neck-tilted": question "sleep_neck": unknown option "tilded"`) {
		t.Errorf("bad table: exit %d: %s", code, errs)
	}
	// --rules loads another table for assess too, and fails the same way.
	_, errs, code = run(t, "", "--rules", "testdata/badrules/unknown-step", "assess", "--answers", "testdata/readers/emma.yaml")
	if code != exitInput || !strings.Contains(errs, `unknown step "ice"`) {
		t.Errorf("--rules: exit %d: %s", code, errs)
	}
}

func TestUsageErrors(t *testing.T) {
	for _, args := range [][]string{
		{"assess"},
		{"assess", "--answers", "x", "--format", "pdf"},
		{"--bogus"},
		{"questions", "--format", "xml"},
		{"assess", "--answers", "x", "--date", "21/11/2026"},
		{"questions", "--date", "2026-11-21"}, // --date is only on the commands that date things
	} {
		_, errs, code := run(t, "", args...)
		if code != exitUsage {
			t.Errorf("%v: exit %d, want %d: %s", args, code, exitUsage, errs)
		}
		if !strings.HasPrefix(errs, "backtriage: ") {
			t.Errorf("%v: error not prefixed: %q", args, errs)
		}
	}
	out, _, code := run(t, "", "--version")
	if code != 0 || !strings.Contains(out, "backtriage") {
		t.Errorf("--version: %d %q", code, out)
	}
}

func TestRulesTest(t *testing.T) {
	out, errs, code := run(t, "", "rules", "test")
	if code != 0 || !strings.Contains(out, "Emergency recall") || !strings.Contains(out, "100.0%") {
		t.Fatalf("built-in suite: exit %d\n%s\n%s", code, out, errs)
	}
	// A case whose expected level is wrong must fail the run with exit 5.
	dir := t.TempDir()
	bad := `cases:
  - name: chest-pain-called-self-care
    description: A wrong expectation, to see the suite fail.
    answers: {warning_now: [chest_pain]}
    level: self-care
    top3: []
`
	if err := os.WriteFile(filepath.Join(dir, "bad.yaml"), []byte(bad), 0o600); err != nil {
		t.Fatal(err)
	}
	out, _, code = run(t, "", "rules", "test", "--cases", dir)
	if code != exitFailing || !strings.Contains(out, "FAIL") {
		t.Errorf("failing case: exit %d, want %d\n%s", code, exitFailing, out)
	}
	// A malformed case file is bad input, with its position.
	if err := os.WriteFile(filepath.Join(dir, "bad.yaml"), []byte("cases:\n  - name: x\n    levle: soon\n"), 0o600); err != nil { //nolint:misspell // a typo on purpose
		t.Fatal(err)
	}
	_, errs, code = run(t, "", "rules", "test", "--cases", dir)
	if code != exitInput || !strings.Contains(errs, "bad.yaml:3:5") {
		t.Errorf("malformed case: exit %d\n%s", code, errs)
	}
}

// rules doc prints to standard output unless -o names a file: run in any
// folder it creates nothing (it used to write ./docs/clinical-safety.md).
func TestRulesDocToStdout(t *testing.T) {
	for _, args := range [][]string{{"rules", "doc"}, {"rules", "doc", "-o", "-"}} {
		dir := t.TempDir()
		cmd := exec.Command(binPath, args...)
		cmd.Dir = dir
		var errb bytes.Buffer
		cmd.Stderr = &errb
		outb, err := cmd.Output()
		if err != nil {
			t.Fatalf("%v: %v: %s", args, err, errb.String())
		}
		out := string(outb)
		for _, want := range []string{"# Clinical safety review", "## 2. Warning rules", "`emergency-clot-risk-breathing`", "Departure"} {
			if !strings.Contains(out, want) {
				t.Errorf("%v: output lacks %q", args, want)
			}
		}
		if left, _ := os.ReadDir(dir); len(left) != 0 {
			t.Errorf("%v created %v in the folder", args, left)
		}
	}
	out := filepath.Join(t.TempDir(), "doc.md")
	if _, errs, code := run(t, "", "rules", "doc", "-o", out); code != 0 || !strings.Contains(errs, "Wrote") {
		t.Fatalf("-o: exit %d: %s", code, errs)
	}
	if data, err := os.ReadFile(out); err != nil || !strings.Contains(string(data), "# Clinical safety review") {
		t.Errorf("-o wrote %q, %v", data, err)
	}
}

// The command line as gh and git users expect it (issue 18): a mistyped
// command or flag gets the nearest one, an extra argument is named as
// such, all as usage errors (2).
func TestSuggestionsAndExtraArguments(t *testing.T) {
	for _, tc := range []struct {
		args []string
		want string
	}{
		{[]string{"asses"}, `unknown command "asses" for "backtriage"; did you mean "assess"?`},
		{[]string{"histroy"}, `did you mean "history"?`},
		{[]string{"rules", "chek"}, `unknown command "chek" for "backtriage rules"; did you mean "check"?`},
		{[]string{"assess", "--answer", "x"}, "unknown flag: --answer; did you mean --answers?"},
		{[]string{"assess", "--rgion", "GB"}, "did you mean --region?"},
		{[]string{"questions", "extra-arg"}, `no question "extra-arg"`},
		{[]string{"questions", "pain_wher"}, `no question "pain_wher"; did you mean "pain_where"?`},
		{[]string{"history", "extra-arg"}, `history takes no arguments, but was given "extra-arg"`},
		{[]string{"guide", "a", "b"}, `guide: too many arguments ("a" "b")`},
	} {
		_, errs, code := run(t, "", tc.args...)
		if code != exitUsage || !strings.Contains(errs, tc.want) {
			t.Errorf("%v: exit %d, want %d with %q:\n%s", tc.args, code, exitUsage, tc.want, errs)
		}
	}
}

// forget with no diary exits 3, as the README's table says for every
// diary command; history --now shows the diary as it stood then.
func TestForgetNoDiaryAndHistoryNow(t *testing.T) {
	dir := t.TempDir()
	if _, errs, code := runDiary(t, dir, "", nil, "forget", "--yes"); code != exitNoDiary || !strings.Contains(errs, "nothing to delete") {
		t.Errorf("forget --yes with no diary: exit %d, want %d:\n%s", code, exitNoDiary, errs)
	}
	if _, errs, code := runDiary(t, dir, noWarnings+"age: 40\n", at("2026-11-02T08:00:00Z"), "assess", "--answers", "-", "--store"); code != 0 {
		t.Fatalf("assess: %d %s", code, errs)
	}
	out, errs, code := runDiary(t, dir, "", nil, "history", "--now", "2026-11-01T08:00:00Z")
	if code != 0 || !strings.Contains(out, "Nothing recorded yet") {
		t.Errorf("history before the assessment: exit %d\n%s%s", code, out, errs)
	}
	out, errs, code = runDiary(t, dir, "", nil, "history", "--now", "2026-11-03T08:00:00Z")
	if code != 0 || !strings.Contains(out, "2026-11-02 08:00: level") {
		t.Errorf("history after the assessment: exit %d\n%s%s", code, out, errs)
	}
}
