package rules_test

import (
	"strings"
	"testing"
	"testing/fstest"

	"github.com/backtriage/backtriage/internal/questionnaire"
	"github.com/backtriage/backtriage/internal/rules"
)

// The dialogs are checked as strictly as the questions, each mistake at
// its file:line:col; a dialog left out is an error, not a blank title.
func TestLoadRejectsBadDialogs(t *testing.T) {
	orig := string(builtinFS(t)["questions.yaml"].Data)
	cases := []questionsEdit{
		{"unknown key", "    prompt: Keep a diary?\n", "    promt: Keep a diary?\n",
			"promt:", `dialog "keep_diary": unknown field "promt"`},
		{"missing dialog", "  - id: keep_diary\n    prompt: Keep a diary?\n", "",
			"- id: quit", `dialogs: no dialog "keep_diary"; the program asks it, so give its prompt`},
		{"unknown dialog", "  - id: keep_diary\n", "  - id: keep_a_diary\n",
			"id: keep_a_diary", `dialog "keep_a_diary": unknown dialog "keep_a_diary"; the program asks keep_diary, quit, replace_file, forget_diary`},
		{"duplicate", "  - id: forget_diary\n", "  - id: quit\n",
			"id: quit\n    prompt: \"Delete", `dialog "quit": duplicate id (first defined at rules/questions.yaml:`},
		{"no prompt", "    prompt: Quit backtriage?\n", "",
			"id: quit", `dialog "quit": missing prompt`},
		{"no path", `intro: "{path} already exists."`, `intro: "The file already exists."`,
			"id: replace_file", `dialog "replace_file": the words name the file once, as {path}`},
		{"another placeholder", `at {path}?`, `at {path} ({size})?`,
			"id: forget_diary", `dialog "forget_diary": braces are only for {path}`},
		{"a path where none is", "    prompt: Keep a diary?\n", "    prompt: Keep a diary in {path}?\n",
			"id: keep_diary", `dialog "keep_diary": {path}: this dialog names no file`},
	}
	checkQuestionsEdits(t, orig, cases)
}

// The dialogs are in one file, like each questionnaire section.
func TestLoadRejectsDialogsInTwoFiles(t *testing.T) {
	fsys := builtinFS(t)
	fsys["zz-more.yaml"] = &fstest.MapFile{Data: []byte("dialogs:\n  - id: quit\n    prompt: Leave?\n")}
	_, err := rules.Load(fsys, "rules", nil)
	if err == nil || !strings.Contains(err.Error(), "rules/zz-more.yaml:2:7: dialogs: the section is already in rules/questions.yaml:") {
		t.Fatalf("got %v", err)
	}
}

// A folder without dialogs has the program's; one with them, its own.
func TestLoadDialogsFromTheFolderOrTheProgram(t *testing.T) {
	fsys := builtinFS(t)
	text := string(fsys["questions.yaml"].Data)
	own := strings.Replace(text, "prompt: Keep a diary?", "prompt: Keep a record?", 1)
	fsys["questions.yaml"] = &fstest.MapFile{Data: []byte(own)}
	tbl, err := rules.Load(fsys, "rules", nil)
	if err != nil {
		t.Fatal(err)
	}
	if got := tbl.Dialogs().Get(questionnaire.DialogKeepDiary).Prompt; got != "Keep a record?" {
		t.Errorf("the folder's dialog: %q", got)
	}
	fsys["questions.yaml"] = &fstest.MapFile{Data: []byte(text[:strings.Index(text, "\ndialogs:")+1])}
	if tbl, err = rules.Load(fsys, "rules", nil); err != nil {
		t.Fatal(err)
	}
	if tbl.Dialogs() != questionnaire.Dialogs() {
		t.Error("a folder without dialogs did not use the program's")
	}
}
