package rules_test

import (
	"fmt"
	"io/fs"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/backtriage/backtriage"
	"github.com/backtriage/backtriage/internal/questionnaire"
	"github.com/backtriage/backtriage/internal/rules"
)

// builtinFS copies the built-in table's files, to change one of them.
func builtinFS(t *testing.T) fstest.MapFS {
	t.Helper()
	out := fstest.MapFS{}
	src := backtriage.RuleFiles()
	names, err := fs.Glob(src, "*.yaml")
	if err != nil {
		t.Fatal(err)
	}
	for _, n := range names {
		data, err := fs.ReadFile(src, n)
		if err != nil {
			t.Fatal(err)
		}
		out[n] = &fstest.MapFile{Data: data}
	}
	return out
}

// at is "rules/questions.yaml:LINE:" for the line of text holding s.
func at(t *testing.T, text, s string) string {
	t.Helper()
	i := strings.Index(text, s)
	if i < 0 {
		t.Fatalf("%q is not in questions.yaml", s)
	}
	return fmt.Sprintf("rules/questions.yaml:%d:", strings.Count(text[:i], "\n")+1)
}

// The questionnaire is checked as strictly as the rules: each mistake is
// reported at its file:line:col with the question or option it is in.
// questionsEdit is one mistake made in questions.yaml: old replaced by new,
// and the error wanted at the line of the edited text holding mark.
type questionsEdit struct {
	name, old, new string
	mark           string
	want           string
}

// checkQuestionsEdits loads questions.yaml (orig) with each edit and wants
// it refused with its message at its file:line:col.
func checkQuestionsEdits(t *testing.T, orig string, cases []questionsEdit) {
	t.Helper()
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			if !strings.Contains(orig, c.old) {
				t.Fatalf("%q is not in questions.yaml", c.old)
			}
			text := strings.Replace(orig, c.old, c.new, 1)
			fsys := builtinFS(t)
			fsys["questions.yaml"] = &fstest.MapFile{Data: []byte(text)}
			_, err := rules.Load(fsys, "rules", questionnaire.Default())
			if err == nil {
				t.Fatal("loaded")
			}
			pos := at(t, text, c.mark)
			for _, line := range strings.Split(err.Error(), "\n") {
				if strings.HasPrefix(line, pos) && strings.Contains(line, c.want) {
					return
				}
			}
			t.Fatalf("want %s…: %s, got:\n%v", pos, c.want, err)
		})
	}
}

func TestLoadRejectsBadQuestions(t *testing.T) {
	orig := string(builtinFS(t)["questions.yaml"].Data)
	cases := []questionsEdit{
		{"unknown key", "        short: Warning signs now\n", "        shrot: Warning signs now\n",
			"shrot:",
			`question "warning_now": unknown field "shrot"`},
		{"duplicate option", "{id: breathless,", "{id: chest_pain,",
			"{id: chest_pain, label: Sudden",
			`question "warning_now": option "chest_pain": duplicate id (first defined at rules/questions.yaml:`},
		{"show_if names a later question", "show_if: {pain_where: [chest]}", "show_if: {pain_side: [left]}",
			"pain_side: [left]",
			`question "chest_feel": show_if: "pain_side" is not a question asked before this one`},
		{"show_if names an unknown option", "show_if: {pain_where: [chest]}", "show_if: {pain_where: [chset]}",
			"chset",
			`question "chest_feel": show_if: "chset" is not an option of "pain_where"; did you mean "chest"?`},
		{"unknown kind", "      - id: pain_side\n        kind: one\n", "      - id: pain_side\n        kind: single\n",
			"id: pain_side",
			`question "pain_side": unknown kind "single"; valid: one, many, number, yesno`},
		{"number without min", "        min: 1\n        max: 120\n", "        max: 120\n",
			"id: age\n",
			`question "age": a number question needs min and max`},
		{"bad id", "      - id: pain_side\n", "      - id: pain-side\n",
			"id: pain-side",
			`question "pain-side": id must be lowercase letters, digits and underscores`},
		{"unread option", "{id: both, label: Both sides, no_rule: summary only}", "{id: both, label: Both sides}",
			"{id: both,",
			`question "pain_side": option "both": no rule, step condition or show_if reads this option; use it, or say why it is kept in no_rule`},
		{"stale no_rule", `{id: breathless, label: Sudden shortness of breath}`, `{id: breathless, label: Sudden shortness of breath, no_rule: summary only}`,
			"{id: breathless,",
			`question "warning_now": option "breathless": no_rule given, but a condition or show_if reads this option; remove no_rule`},
		{"free text in the assessment", "      - id: pain_side\n        kind: one\n", "      - id: pain_side\n        kind: text\n",
			"id: pain_side",
			`question "pain_side": a text question is only the check-in's note, in followup_facts: no rule can read free text`},
		{"options from the plan elsewhere", "      - id: pain_side\n        kind: one\n", "      - id: pain_side\n        kind: one\n        options_from: plan\n",
			"id: pain_side",
			`question "pain_side": options_from is only for steps_done in followup_facts`},
		{"options from elsewhere than the plan", "        options_from: plan\n", "        options_from: rules\n",
			"id: steps_done",
			`question "steps_done": options_from "rules": the options can come only from the plan`},
		{"a checklist of the plan without its own option", "          - {id: none, label: None of them, exclusive: true, no_rule: the record of what was done; the other options are the plan's steps}\n", "",
			"id: steps_done",
			`question "steps_done": a many question with options from the plan needs one option of its own`},
	}
	checkQuestionsEdits(t, orig, cases)
}

// The questionnaire is in one file: its order is the order asked.
func TestLoadRejectsQuestionnaireInTwoFiles(t *testing.T) {
	fsys := builtinFS(t)
	fsys["zz-more.yaml"] = &fstest.MapFile{Data: []byte("questionnaire:\n  - id: more\n    title: More\n    questions: []\n")}
	_, err := rules.Load(fsys, "rules", nil)
	if err == nil || !strings.Contains(err.Error(), "rules/zz-more.yaml:2:7: questionnaire: the section is already in rules/questions.yaml:") {
		t.Fatalf("got %v", err)
	}
}

// A folder without a questionnaire section is read against the one Load is
// given (the built-in one, for --rules DIR); without one, it is refused.
func TestLoadFallsBackToTheGivenQuestionnaire(t *testing.T) {
	fsys := builtinFS(t)
	delete(fsys, "questions.yaml")
	qn := questionnaire.Default()
	tbl, err := rules.Load(fsys, "rules", qn)
	if err != nil {
		t.Fatal(err)
	}
	if tbl.Questionnaire() != qn || tbl.OwnQuestionnaire() {
		t.Error("a folder without questions did not use the given questionnaire")
	}
	if tbl.FollowupQuestions() != questionnaire.Followup() {
		t.Error("a folder without followup_facts did not use the program's")
	}
	if _, err := rules.Load(fsys, "rules", nil); err == nil || !strings.Contains(err.Error(), "no questionnaire section") {
		t.Fatalf("got %v", err)
	}
}

// A folder with its own questionnaire is compiled against it, not the one
// given: a question the built-in one lacks can be asked and read.
func TestLoadUsesTheFolderQuestionnaire(t *testing.T) {
	fsys := builtinFS(t)
	text := string(fsys["questions.yaml"].Data)
	extra := "      - id: hot_nights\n"
	text = strings.Replace(text, extra, "      - id: cold_room\n        kind: yesno\n        prompt: Is your bedroom cold?\n        short: Cold room\n        why: Testing.\n"+extra, 1)
	fsys["questions.yaml"] = &fstest.MapFile{Data: []byte(text)}
	tbl, err := rules.Load(fsys, "rules", questionnaire.Default())
	if err != nil {
		t.Fatal(err)
	}
	if !tbl.OwnQuestionnaire() {
		t.Error("OwnQuestionnaire is false")
	}
	if _, ok := tbl.Questionnaire().Question("cold_room"); !ok {
		t.Error("the folder's question is not in the table's questionnaire")
	}
	if _, ok := questionnaire.Default().Question("cold_room"); ok {
		t.Error("the built-in questionnaire changed")
	}
}
