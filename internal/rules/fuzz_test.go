package rules_test

import (
	"bytes"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/backtriage/backtriage/internal/answers"
	"github.com/backtriage/backtriage/internal/questionnaire"
	"github.com/backtriage/backtriage/internal/rules"
	"github.com/backtriage/backtriage/internal/testkit/fuzzguard"
	"github.com/backtriage/backtriage/internal/testkit/testtable"
	"github.com/backtriage/backtriage/internal/triage"
)

// fuzzRulesFile is the name the fuzzed file has in messages.
const fuzzRulesFile = "rules/fuzz.yaml"

var fuzzLineCol = regexp.MustCompile(`^[1-9][0-9]*:[1-9][0-9]*: `)

// fuzzWholeFile are the only messages allowed without a line and column:
// none, since a rule file's problems are always somewhere in it.
var fuzzWholeFile = []string{}

// fuzzWholeTable are the messages about what the whole table lacks; they
// name the table ("rules"), not a file.
var fuzzWholeTable = []string{"the table has no ", "no rule gives a warning sign a level", "warning sign "}

// fuzzLoad loads data as the only file of a table, turning a panic or a hang
// into a failure.
func fuzzLoad(t *testing.T, data []byte, qn *questionnaire.Questionnaire) (*rules.Table, error) {
	t.Helper()
	return fuzzguard.Call(t, "Load", data, func() (*rules.Table, error) {
		return rules.Load(fstest.MapFS{"fuzz.yaml": {Data: data}}, "rules", qn)
	})
}

// fuzzRuleSeeds are the built-in rule files, one by one and all together as
// one multi-document file (a whole, valid table), and small snippets.
func fuzzRuleSeeds(f *testing.F) {
	files, _ := filepath.Glob("../../rules/*.yaml")
	var all [][]byte
	for _, p := range files {
		data, err := os.ReadFile(p)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(data)
		all = append(all, data)
	}
	if len(all) > 0 {
		f.Add(bytes.Join(all, []byte("\n---\n")))
	}
	// A small complete table: the one the bad-rules fixtures derive from,
	// with every other warning sign given a level.
	valid, err := os.ReadFile("../../testdata/badrules/valid/rules.yaml")
	if err != nil {
		f.Fatal(err)
	}
	f.Add(bytes.Join([][]byte{valid, testtable.WarningRules(questionnaire.Default(), "nhs-back-pain", "chest_pain")}, []byte("\n---\n")))
	for _, s := range []string{
		``, `{}`, `[]`, `rules: []`, `rules: [{}]`, `rules: [1]`, `rules: {}`, `sources: [{id: x}]`,
		"rules:\n  - id: r\n    title: T\n    when: always\n    seek_help: Get help.\n    source: s\n    quote: q\n" +
			"sources:\n  - {id: s, kind: guideline, title: S}\n",
		"rules:\n  - id: r\n    title: T\n    when: {any: [{age: {min: 51}}, {not: {warning_now: none}}, {all: [{baby: true}]}]}\n" +
			"    level: soon\n    action: Go.\n    source: s\n    quote: q\n    tests:\n      fires:\n        - {age: 60}\n" +
			"      does_not_fire:\n        - {age: 40, warning_now: [none]}\n" +
			"sources:\n  - {id: s, kind: guideline, title: S}\n",
		"rules:\n  - id: r\n    when: {age: {min: 90, max: 10}}\n",
		"rules:\n  - id: r\n    when: {not: }\n",
		"rules:\n  - id: r\n    when: {any: }\n",
		"rules:\n  - id: r\n    when: {age: [1, 2]}\n",
		"rules:\n  - id: r\n    when: {pain_where: []}\n",
		"rules:\n  - id: r\n    when: {pain_where: {a: b}}\n",
		"rules:\n  - id: r\n    when: &a {age: *a}\n",
		"rules:\n  - id: r\n    tests: {fires: [[]], does_not_fire: [1]}\n",
		"rules:\n  - id: r\n    tests: {fires: [{age: x}]}\n",
		"steps:\n  - id: s\n    avoid_when: {}\n",
		"causes:\n  - id: c\n    kind: muscle\n    muscles: [{sits: [nowhere]}]\n",
		"---\n---\n", "rules:\n- !!map {id: r}\n", "\xff\xfe", "\x00",
		// Deep and wide: conditions nested past the limit, and many rules.
		"rules:\n  - id: r\n    when: " + strings.Repeat("{any: [", 40) + "{age: {min: 1}}" + strings.Repeat("]}", 40) + "\n",
		"rules:\n  - id: r\n    when: " + strings.Repeat("[", 64000) + "\n",
		strings.Repeat("rules:\n  - {id: r, title: T, when: always, seek_help: H, source: s, quote: q}\n---\n", 500),
	} {
		f.Add([]byte(s))
	}
}

// FuzzLoadRules feeds arbitrary bytes to the rule loader as a one-file table.
// It must not panic or hang; a rejected file gets an error whose every line
// starts with the file name and a line:col; an accepted table must run.
func FuzzLoadRules(f *testing.F) {
	qn := questionnaire.Default()
	fuzzRuleSeeds(f)
	probes := []answers.Answers{
		{},
		{"warning_now": answers.Choices("chest_pain"), "age": answers.Num(60), "baby": answers.Bool(true)},
		{"warning_now": answers.Choices("none"), "pain_where": answers.Choices("neck", "arm_hand"),
			"duration": answers.Choice("longer"), "tried": answers.Choices("heat"), "tried_result": answers.Choice("no_better")},
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		tbl, err := fuzzLoad(t, data, qn)
		if err != nil {
			if tbl != nil {
				t.Fatalf("a table returned with an error")
			}
			for _, line := range strings.Split(err.Error(), "\n") {
				if rest, ok := strings.CutPrefix(line, "rules: "); ok &&
					slices.ContainsFunc(fuzzWholeTable, func(p string) bool { return strings.HasPrefix(rest, p) }) {
					continue
				}
				rest, ok := strings.CutPrefix(line, fuzzRulesFile+":")
				if !ok {
					t.Fatalf("error line does not start with %q: %q\ninput: %q", fuzzRulesFile+":", line, data)
				}
				rest = strings.TrimPrefix(rest, " ")
				if !fuzzLineCol.MatchString(rest) &&
					!slices.ContainsFunc(fuzzWholeFile, func(p string) bool { return strings.HasPrefix(rest, p) }) {
					t.Fatalf("error without line:col: %q\ninput: %q", line, data)
				}
			}
			return
		}
		// An accepted table runs: assessing and listing fired rules must
		// not panic, and the inline cases it carries were validated.
		eng := triage.New(qn, tbl)
		for _, a := range probes {
			as := eng.Assess(a)
			if as.Level == rules.Emergency && len(as.Plan) > 0 {
				t.Fatalf("emergency with a self-care plan")
			}
			eng.Fired(a)
		}
		for _, r := range tbl.Rules {
			if r.Tests == nil {
				continue
			}
			for _, c := range append(slices.Clone(r.Tests.Fires), r.Tests.DoesNotFire...) {
				if c == nil || c.Answers == nil {
					t.Fatalf("rule %q: an accepted inline case without answers\ninput: %q", r.ID, data)
				}
				eng.Fired(c.Answers)
			}
		}
	})
}

// TestLoadCrashers are inputs the fuzzer found that once crashed the
// loader. Each must be rejected with an error at file:line:col; a crash
// coming back fails, with the bug it was.
func TestLoadCrashers(t *testing.T) {
	qn := questionnaire.Default()
	for _, tt := range []struct{ name, in, bug string }{
		{"empty rule item", "rules:\n  -\n",
			"load.go decodeFile sets r.Pos.File on a nil *Rule (a list item with nothing in it)"},
		{"empty source item", "sources:\n  -\n", "load.go decodeFile: nil *Source"},
		{"empty cause item", "causes:\n  -\n", "load.go decodeFile: nil *Cause"},
		{"empty step item", "steps:\n  -\n", "load.go decodeFile: nil *Step"},
		{"null inline case", "rules:\n  - id: r\n    tests: {fires: [~]}\n",
			"load.go validate sets an.Pos.File on a nil *AnswersNode (tests: fires: [~])"},
		{"tagged scalar for a list", "rules: !!str x\n",
			"yaml.NodeToValue (goccy/go-yaml decodeSlice) dereferences nil on a !!str scalar where a list is " +
				"expected; load.go:106 should reject non-list section values before decoding, or recover"},
		{"tagged scalar for causes", "causes: !!str x\n", "as above, for causes"},
		{"custom tag on a scalar", "sources: !00 00", "as above: found by FuzzLoadRules in .ci/fuzz"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			var (
				err   error
				crash any
			)
			func() {
				defer func() { crash = recover() }()
				_, err = rules.Load(fstest.MapFS{"fuzz.yaml": {Data: []byte(tt.in)}}, "rules", qn)
			}()
			if crash != nil {
				t.Fatalf("Load panics on %q: %v (the bug was: %s)", tt.in, crash, tt.bug)
			}
			if err == nil {
				t.Fatalf("accepted %q", tt.in)
			}
			for _, line := range strings.Split(err.Error(), "\n") {
				rest, ok := strings.CutPrefix(line, fuzzRulesFile+":")
				if !ok || !fuzzLineCol.MatchString(strings.TrimPrefix(rest, " ")) {
					t.Errorf("error line without file:line:col: %q", line)
				}
			}
		})
	}
}
