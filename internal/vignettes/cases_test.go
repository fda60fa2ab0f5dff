package vignettes_test

import (
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"testing/fstest"
	"time"

	"github.com/backtriage/backtriage/internal/rules"
	"github.com/backtriage/backtriage/internal/vignettes"
)

const validCase = `name: desk-worker
description: A desk worker who slouches.
answers:
  warning_now: [none]
  desk_hours: over_8h
  slouch: often
level: self-care
top3: [posture]
`

func TestParseOneCase(t *testing.T) {
	eng := builtinEngine(t)
	cases, err := vignettes.Parse("v.yaml", []byte(validCase), eng.Questionnaire(), eng.Table())
	if err != nil {
		t.Fatal(err)
	}
	if len(cases) != 1 {
		t.Fatalf("got %d cases, want 1", len(cases))
	}
	c := cases[0]
	if c.Name != "desk-worker" || c.Description != "A desk worker who slouches." || c.Level != rules.SelfCare {
		t.Errorf("got %+v", c)
	}
	if want := []string{"posture"}; strings.Join(c.Top3, ",") != strings.Join(want, ",") {
		t.Errorf("top3 = %v, want %v", c.Top3, want)
	}
	if !c.Answers.Has("slouch", "often") || !c.Answers.Has("warning_now", "none") || len(c.Answers) != 3 {
		t.Errorf("answers = %v", c.Answers)
	}
	if c.Pos != (rules.Pos{File: "v.yaml", Line: 1, Col: 1}) {
		t.Errorf("pos = %+v, want v.yaml:1:1", c.Pos)
	}
}

func TestLoadListsAndFolders(t *testing.T) {
	eng := builtinEngine(t)
	fsys := fstest.MapFS{
		"a.yaml": {Data: []byte(validCase)},
		"sub/b.yml": {Data: []byte(`cases:
  - name: chest
    description: Chest pain.
    answers: {warning_now: [chest_pain]}
    level: emergency
  - name: folded
    description: >-
      A description folded
      over two lines.
    answers: {}
    level: self-care
    top3: []
`)},
		"README.md": {Data: []byte("not a case")},
	}
	cases, err := vignettes.Load(fsys, "cases", eng.Questionnaire(), eng.Table())
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, c := range cases {
		got = append(got, c.Name+"@"+c.Pos.File)
	}
	want := "desk-worker@cases/a.yaml chest@cases/sub/b.yml folded@cases/sub/b.yml"
	if strings.Join(got, " ") != want {
		t.Errorf("got %v, want %s", got, want)
	}
	if d := cases[2].Description; d != "A description folded over two lines." {
		t.Errorf("folded description = %q", d)
	}
	if cases[1].Pos.Line != 2 || cases[1].Pos.Col != 5 {
		t.Errorf("second case at %+v, want line 2 col 5", cases[1].Pos)
	}
}

func TestLoadNoFiles(t *testing.T) {
	eng := builtinEngine(t)
	_, err := vignettes.Load(fstest.MapFS{"README.md": {Data: []byte("x")}}, "cases", eng.Questionnaire(), eng.Table())
	if err == nil || err.Error() != "cases: no *.yaml case files" {
		t.Errorf("got %v", err)
	}
	_, err = vignettes.LoadDir("does-not-exist", eng.Questionnaire(), eng.Table())
	if err == nil || !strings.Contains(err.Error(), "does-not-exist") {
		t.Errorf("got %v", err)
	}
}

func TestLoadDuplicateNamesAcrossFiles(t *testing.T) {
	eng := builtinEngine(t)
	fsys := fstest.MapFS{"a.yaml": {Data: []byte(validCase)}, "b.yaml": {Data: []byte(validCase)}}
	_, err := vignettes.Load(fsys, "cases", eng.Questionnaire(), eng.Table())
	want := `cases/b.yaml:1:7: case "desk-worker": duplicate case name (first at cases/a.yaml:1:1)`
	if err == nil || err.Error() != want {
		t.Errorf("got  %v\nwant %s", err, want)
	}
}

// TestParseErrors checks that every kind of mistake in a vignette file is
// reported with its place and, where there is one, the valid values.
func TestParseErrors(t *testing.T) {
	eng := builtinEngine(t)
	validCauses := "valid: posture, overuse-strain"
	tests := []struct {
		name, in string
		want     []string // each line of the error, in order; a line ending in "..." is a prefix
	}{
		{
			name: "unknown key",
			in:   "name: a\ndescription: d\nanswers: {age: 40}\nlevel: soon\nlevle: x\n",                                                                             //nolint:misspell // a typo on purpose: the message suggests the word
			want: []string{`v.yaml:5:1: case "a": unknown key "levle"; did you mean "level"? valid: name, description, answers, level, top3, not_top3, not_in_plan`}, //nolint:misspell // a typo on purpose
		},
		{
			name: "unknown level",
			in:   "name: a\ndescription: d\nanswers: {age: 40}\nlevel: urgnet\n",
			want: []string{`v.yaml:4:8: case "a": unknown level "urgnet"; did you mean "urgent"? valid: self-care, soon, urgent, emergency`},
		},
		{
			name: "unknown cause and too many",
			in:   "name: a\ndescription: d\nanswers: {age: 40}\nlevel: soon\ntop3: [postur, pillow, mattress, scalenes]\n",
			want: []string{
				`v.yaml:5:7: case "a": top3: 4 causes listed; at most three can be in the top three`,
				`v.yaml:5:8: case "a": top3: unknown cause "postur"; did you mean "posture"? ` + validCauses + "...",
			},
		},
		{
			name: "cause listed twice",
			in:   "name: a\ndescription: d\nanswers: {age: 40}\nlevel: soon\ntop3: [pillow, pillow]\n",
			want: []string{`v.yaml:5:16: case "a": top3: cause "pillow" listed twice`},
		},
		{
			name: "bad answers keep their own place",
			in:   "name: a\ndescription: d\nanswers:\n  age: 400\n  duraton: x\nlevel: soon\n",
			want: []string{
				`v.yaml:4:8: case "a": answers: question "age": 400 is out of range; expected 1 to 120 years`,
				`v.yaml:5:3: case "a": answers: unknown question "duraton"; did you mean "duration"? valid: warning_now, ...`,
			},
		},
		{
			name: "unknown option",
			in:   "name: a\ndescription: d\nanswers: {duration: day_1_2}\nlevel: soon\n",
			want: []string{`v.yaml:3:21: case "a": answers: question "duration": unknown option "day_1_2"; did you mean "days_1_2"? valid: days_1_2, under_week, weeks_1_6, weeks_6_to_months_3, longer`},
		},
		{
			name: "follow-up that does not apply",
			in:   "name: a\ndescription: d\nanswers: {tried: [none], tried_result: no_better}\nlevel: soon\n",
			want: []string{`v.yaml:3:26: case "a": answers: "tried_result" is only asked if tried is massage or chiropractor or new_bed or new_pillow or painkillers or stretching or heat or ice, so this answer would be ignored`},
		},
		{
			name: "missing keys",
			in:   "name: a\nanswers: {age: 40}\n",
			want: []string{`v.yaml:1:1: case "a": missing description`, `v.yaml:1:1: case "a": missing level`},
		},
		{
			name: "missing answers",
			in:   "name: a\ndescription: d\nlevel: soon\n",
			want: []string{`v.yaml:1:1: case "a": missing answers`},
		},
		{
			name: "null answers",
			in:   "name: a\ndescription: d\nanswers:\nlevel: soon\n",
			want: []string{`v.yaml:3:1: case "a": answers: expected a mapping of question ids to answers, found nothing; write {} for none`},
		},
		{
			name: "answers not a mapping",
			in:   "name: a\ndescription: d\nanswers: [1]\nlevel: soon\n",
			want: []string{`v.yaml:3:10: case "a": answers: expected a mapping of question ids to answers, found a list`},
		},
		{
			name: "bad name",
			in:   "name: Bad Name\ndescription: d\nanswers: {}\nlevel: soon\n",
			want: []string{`v.yaml:1:7: case "Bad Name": name must be lowercase letters, digits and dashes`},
		},
		{
			name: "name not text",
			in:   "name: [a]\ndescription: d\nanswers: {}\nlevel: soon\n",
			want: []string{`v.yaml:1:1: case: name: expected text, found a list`},
		},
		{
			name: "empty description",
			in:   "name: a\ndescription: ''\nanswers: {}\nlevel: soon\n",
			want: []string{`v.yaml:2:14: case "a": description is empty; say in a sentence who this is`},
		},
		{
			name: "duplicate key",
			in:   "name: a\nname: b\ndescription: d\nanswers: {}\nlevel: soon\n",
			want: []string{`v.yaml:2:1: mapping key "name" already defined at [1:1]`},
		},
		{
			name: "duplicate names in a list",
			in:   "cases:\n  - {name: a, description: d, answers: {}, level: soon}\n  - {name: a, description: d, answers: {}, level: soon}\n",
			want: []string{`v.yaml:3:12: case "a": duplicate case name (first at v.yaml:2:6)`},
		},
		{
			name: "not_top3 and not_in_plan name unknown ids, twice, or contradict top3",
			in: "name: a\ndescription: d\nanswers: {age: 40}\nlevel: soon\ntop3: [pillow]\n" +
				"not_top3: [pillow, scalene, scalenes, scalenes]\nnot_in_plan: [tennis-bal, {x: 1}]\n",
			want: []string{
				`v.yaml:6:20: case "a": not_top3: unknown cause "scalene"; did you mean "scalenes"? ` + validCauses + "...",
				`v.yaml:6:39: case "a": not_top3: cause "scalenes" listed twice`,
				`v.yaml:7:15: case "a": not_in_plan: unknown step "tennis-bal"; did you mean "tennis-ball"? valid: ...`,
				`v.yaml:7:14: case "a": not_in_plan: expected a step id, found a mapping`,
				`v.yaml:6:1: case "a": not_top3: cause "pillow" is also in top3`,
			},
		},
		{
			name: "not_in_plan is not a list",
			in:   "name: a\ndescription: d\nanswers: {age: 40}\nlevel: soon\nnot_in_plan: {tennis-ball: 1}\n",
			want: []string{`v.yaml:5:14: case "a": not_in_plan: expected a list of step ids, found a mapping`},
		},
		{
			name: "empty list",
			in:   "cases: []\n",
			want: []string{`v.yaml:1:1: cases: expected a non-empty list of cases, found an empty list`},
		},
		{
			name: "key beside cases and a case that is not a mapping",
			in:   "cases:\n  - 3\nextra: 1\n",
			want: []string{
				`v.yaml:3:1: unknown key "extra" beside cases:; a file holds one case or a cases: list`,
				`v.yaml:2:5: expected a case (a mapping with name, description, answers, level, top3, not_top3, not_in_plan), found the number 3`,
			},
		},
		{
			name: "not a mapping",
			in:   "- a\n",
			want: []string{`v.yaml:1:1: expected a case, or a list of them under cases:, found a list`},
		},
		{
			name: "empty file",
			in:   "# nothing here\n",
			want: []string{`v.yaml: file is empty; expected a case, or a list of them under cases:`},
		},
		{
			name: "YAML syntax",
			in:   "name: [x\n",
			want: []string{`v.yaml:1:7: sequence end token ']' not found`},
		},
		{
			name: "two documents",
			in:   "a: 1\n---\nb: 2\n",
			want: []string{`v.yaml:3:2: expected one YAML document, found 2; list the cases under cases:`},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			cases, err := vignettes.Parse("v.yaml", []byte(tt.in), eng.Questionnaire(), eng.Table())
			if err == nil {
				t.Fatalf("no error; got %d cases", len(cases))
			}
			got := strings.Split(err.Error(), "\n")
			if len(got) != len(tt.want) {
				t.Fatalf("got %d lines, want %d:\n%v", len(got), len(tt.want), err)
			}
			for i, w := range tt.want {
				if p, ok := strings.CutSuffix(w, "..."); ok {
					if !strings.HasPrefix(got[i], p) {
						t.Errorf("line %d:\ngot  %s\nwant %s...", i+1, got[i], p)
					}
				} else if got[i] != w {
					t.Errorf("line %d:\ngot  %s\nwant %s", i+1, got[i], w)
				}
			}
		})
	}
}

func TestParseHugeFile(t *testing.T) {
	eng := builtinEngine(t)
	data := []byte(strings.Repeat("# padding\n", vignettes.MaxFileSize/10+1))
	_, err := vignettes.Parse("v.yaml", data, eng.Questionnaire(), eng.Table())
	if err == nil || err.Error() != "v.yaml: file is larger than 1024 KiB; is this a vignette file?" {
		t.Errorf("got %v", err)
	}
}

// TestParseWithoutTable accepts any cause id when no table is given.
func TestParseWithoutTable(t *testing.T) {
	eng := builtinEngine(t)
	in := "name: a\ndescription: d\nanswers: {}\nlevel: soon\ntop3: [anything]\n"
	cases, err := vignettes.Parse("v.yaml", []byte(in), eng.Questionnaire(), nil)
	if err != nil || len(cases) != 1 || cases[0].Top3[0] != "anything" {
		t.Errorf("got %v, %v", cases, err)
	}
}

// A vignette folder with a FIFO or a link to a device in it: each is refused
// by name, without blocking; a deeply nested file is refused before parsing.
func TestLoadDirRefusesHostileFiles(t *testing.T) {
	eng := builtinEngine(t)
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "ok.yaml"), []byte(validCase), 0o600); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "deep.yaml"), []byte("- name: x\n  answers: "+strings.Repeat("[", 100)), 0o600); err != nil {
		t.Fatal(err)
	}
	if err := syscall.Mkfifo(filepath.Join(dir, "fifo.yaml"), 0o600); err != nil {
		t.Skipf("cannot make a FIFO: %v", err)
	}
	if err := os.Symlink("/dev/zero", filepath.Join(dir, "zero.yaml")); err != nil {
		t.Fatal(err)
	}
	done := make(chan error, 1)
	go func() { _, err := vignettes.LoadDir(dir, eng.Questionnaire(), eng.Table()); done <- err }()
	var err error
	select {
	case err = <-done:
	case <-time.After(60 * time.Second): // a hang guard
		t.Fatal("LoadDir blocked")
	}
	want := strings.Join([]string{
		dir + "/deep.yaml:2:75: nested deeper than 64 levels; a vignette file is a list of cases a few levels deep",
		dir + "/fifo.yaml: not a regular file: it is a FIFO (named pipe); a vignette file must be a regular file",
		dir + "/zero.yaml: not a regular file: it is a character device; a vignette file must be a regular file",
	}, "\n")
	if err == nil || err.Error() != want {
		t.Errorf("got %v\nwant %s", err, want)
	}
}
