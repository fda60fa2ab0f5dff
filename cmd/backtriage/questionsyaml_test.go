package main

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// copyRules copies the built-in rules/*.yaml into a new folder, with
// questions.yaml passed through edit.
func copyRules(t *testing.T, edit func(string) string) string {
	t.Helper()
	dir := t.TempDir()
	files, err := filepath.Glob("../../rules/*.yaml")
	if err != nil || len(files) == 0 {
		t.Fatalf("no rule files: %v", err)
	}
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		if filepath.Base(f) == "questions.yaml" {
			data = []byte(edit(string(data)))
		}
		if err := os.WriteFile(filepath.Join(dir, filepath.Base(f)), data, 0o600); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

// --rules DIR carries its own questionnaire: an answers file may name a
// question only DIR asks, and rules check reports an option DIR's rules do
// not read at its file:line:col.
func TestRulesDirQuestionnaire(t *testing.T) {
	dir := copyRules(t, func(s string) string {
		return strings.Replace(s, "      - id: hot_nights\n",
			"      - id: cold_room\n        kind: yesno\n        prompt: Is your bedroom cold?\n        short: Cold room\n        why: A test question.\n      - id: hot_nights\n", 1)
	})
	answers := filepath.Join(t.TempDir(), "answers.yaml") // not in DIR: every *.yaml there is a rule file
	data, err := os.ReadFile("../../testdata/readers/emma.yaml")
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(answers, append(data, "cold_room: true\n"...), 0o600); err != nil {
		t.Fatal(err)
	}
	out, errs, code := run(t, "", "--rules", dir, "assess", "--answers", answers, "--format", "json")
	if code != 0 || !strings.Contains(out, `"cold_room"`) {
		t.Errorf("DIR's own question: exit %d: %s\n%s", code, errs, out)
	}
	// The built-in table does not know it.
	if _, errs, code := run(t, "", "assess", "--answers", answers); code != exitInput || !strings.Contains(errs, `"cold_room"`) {
		t.Errorf("built-in table: exit %d: %s", code, errs)
	}

	line := 0
	bad := copyRules(t, func(s string) string {
		const old = "{id: both, label: Both sides, no_rule: summary only}"
		line = strings.Count(s[:strings.Index(s, old)], "\n") + 1
		return strings.Replace(s, old, "{id: both, label: Both sides}", 1)
	})
	_, errs, code = run(t, "", "rules", "check", bad)
	want := fmt.Sprintf(`/questions.yaml:%d:13: question "pain_side": option "both": no rule, step condition or show_if reads this option`, line)
	if code != exitInput || !strings.Contains(errs, want) {
		t.Errorf("unread option: exit %d: %s", code, errs)
	}
}
