package rules_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/backtriage/backtriage/internal/questionnaire"
	"github.com/backtriage/backtriage/internal/rules"
	"github.com/backtriage/backtriage/internal/testtable"
	builtin "github.com/backtriage/backtriage/rules"
)

// Each folder in testdata/badrules holds one rule file with one class of
// mistake; the loader must name the file, line, column, the item and what
// is wrong.
func TestLoadRejectsBadFiles(t *testing.T) {
	cases := map[string]string{
		"syntax":                "rules.yaml:34:5: ',' or ']' must be specified",
		"unknown-key":           `rules.yaml:34:5: rule "neck-tilted": unknown field "wieght"`,
		"unknown-question":      `rules.yaml:31:7: rule "neck-tilted": unknown question "sleep_nek"; did you mean "sleep_neck"? valid: warning_now, warning_nerves,`,
		"unknown-option":        `rules.yaml:31:19: rule "neck-tilted": question "sleep_neck": unknown option "tilded"; did you mean "tilted"? valid: tilted, propped_high, in_line, dont_know`,
		"duplicate-id":          `rules.yaml:37:7: rule "neck-tilted": duplicate id (first defined at `,
		"missing-source":        `rules.yaml:28:7: rule "neck-tilted": missing source; valid: morning-article, nhs-back-pain`,
		"unknown-source":        `rules.yaml:28:7: rule "neck-tilted": unknown source "morning-artcle"; did you mean "morning-article"? valid: morning-article, nhs-back-pain`,
		"unknown-step":          `rules.yaml:28:7: rule "neck-tilted": unknown step "ice"; valid: heat`,
		"unknown-cause":         `rules.yaml:28:7: rule "neck-tilted": unknown cause "scalene"; did you mean "scalenes"? valid: scalenes`,
		"warning-cites-article": `rules.yaml:37:7: rule "chest-pain": a warning sign must cite clinical guidance, not article "morning-article"`,
		"level-without-action":  `rules.yaml:37:7: rule "chest-pain": a rule with a level needs an action: what to do now`,
		"bad-weight":            `rules.yaml:28:7: rule "neck-tilted": weight 40: a cause needs a weight from 1 to 10`,
		"unknown-region":        `rules.yaml:9:7: cause "scalenes": muscle "Scalenes": unknown region "between_shoulders"; valid: head, neck,`,
		"bad-test-case":         `rules.yaml:37:24: rule "neck-tilted": test case: question "sleep_neck": unknown option "sideways"; valid: tilted, propped_high, in_line, dont_know`,
		"missing-quote":         `rules.yaml:28:7: rule "neck-tilted": missing quote: cite a short verbatim passage of the source`,
		"unknown-level":         `rules.yaml:37:7: rule "chest-pain": unknown level "critical"; valid: self-care, soon, urgent, emergency`,
		// A table that cannot triage: the message is about the whole table.
		"empty":                 `: the table has no sources, no causes, no steps: a rule table needs sources, causes and steps to triage`,
		"warning-without-level": `: warning sign "warning_now" option "exertion_spread" (`,
	}
	// canTriage are the cases about what a whole table lacks; the others
	// derive from the valid table, which gives only chest pain a level, and
	// are completed with a rule for every other warning sign so that they
	// show their own mistake.
	canTriage := map[string]bool{"empty": true, "warning-without-level": true}
	qn := questionnaire.Default()
	dirs, _ := filepath.Glob("../../testdata/badrules/*")
	if len(dirs) != len(cases)+1 { // + valid
		t.Fatalf("found %d folders in testdata/badrules, want %d: keep the table and the folders in step", len(dirs), len(cases)+1)
	}
	for name, want := range cases {
		t.Run(name, func(t *testing.T) {
			dir := filepath.Join("../../testdata/badrules", name)
			var err error
			if canTriage[name] {
				_, err = rules.LoadDir(dir, qn)
			} else {
				_, err = loadCompleted(t, dir, qn)
			}
			if err == nil {
				t.Fatal("loaded without error")
			}
			first := strings.Split(err.Error(), "\n")[0]
			if strings.HasPrefix(want, ":") {
				want = dir + want
			} else {
				want = filepath.Join(dir, want)
			}
			if !strings.HasPrefix(first, want) {
				t.Errorf("first error:\n got %s\nwant %s", first, want)
			}
		})
	}
	if _, err := loadCompleted(t, "../../testdata/badrules/valid", qn); err != nil {
		t.Errorf("the valid table the bad ones derive from does not load: %v", err)
	}
	// The chest pain and fever rules count, a fever rule combined with age
	// included: only the options no rule names are reported.
	_, err := rules.LoadDir("../../testdata/badrules/warning-without-level", qn)
	for _, covered := range []string{`"chest_pain"`, `"fever"`, `"none"`, `"dont_know"`} {
		if err == nil || strings.Contains(err.Error(), covered) {
			t.Errorf("warning-without-level names %s: %v", covered, err)
		}
	}
}

// loadCompleted loads the rule files of dir with a rule giving every warning
// sign but chest pain a level, as the table's own second file.
func loadCompleted(t *testing.T, dir string, qn *questionnaire.Questionnaire) (*rules.Table, error) {
	t.Helper()
	fsys := fstest.MapFS{"zz-warnings.yaml": {Data: testtable.WarningRules(qn, "nhs-back-pain", "chest_pain")}}
	names, _ := filepath.Glob(filepath.Join(dir, "*.yaml"))
	for _, p := range names {
		data, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		fsys[filepath.Base(p)] = &fstest.MapFile{Data: data}
	}
	return rules.Load(fsys, dir, qn)
}

func TestLoadReportsEveryError(t *testing.T) {
	dir := t.TempDir()
	data, err := os.ReadFile("../../testdata/badrules/valid/rules.yaml")
	if err != nil {
		t.Fatal(err)
	}
	bad := strings.NewReplacer("sleep_neck: tilted", "sleep_nek: tilted", "steps: [heat]", "steps: [hot]").Replace(string(data))
	if err := os.WriteFile(filepath.Join(dir, "r.yaml"), []byte(bad), 0o600); err != nil {
		t.Fatal(err)
	}
	_, err = rules.LoadDir(dir, questionnaire.Default())
	if err == nil {
		t.Fatal("loaded without error")
	}
	msg := err.Error()
	for _, want := range []string{`unknown question "sleep_nek"`, `unknown step "hot"`} {
		if !strings.Contains(msg, want) {
			t.Errorf("missing %q in:\n%s", want, msg)
		}
	}
}

func TestLoadDirErrors(t *testing.T) {
	qn := questionnaire.Default()
	if _, err := rules.LoadDir("no/such/dir", qn); err == nil || !strings.Contains(err.Error(), "no/such/dir") {
		t.Errorf("missing dir: %v", err)
	}
	empty := t.TempDir()
	if _, err := rules.LoadDir(empty, qn); err == nil || !strings.Contains(err.Error(), "no *.yaml rule files") {
		t.Errorf("empty dir: %v", err)
	}
}

func TestBuiltinTableLoads(t *testing.T) {
	tbl, err := rules.Load(builtin.FS, "rules", questionnaire.Default())
	if err != nil {
		t.Fatal(err)
	}
	if len(tbl.Rules) == 0 || len(tbl.Causes) == 0 || len(tbl.Steps) == 0 {
		t.Fatalf("empty table: %d rules, %d causes, %d steps", len(tbl.Rules), len(tbl.Causes), len(tbl.Steps))
	}
}

// BenchmarkLoadBuiltinYAML is what `rules check` and --rules pay.
func BenchmarkLoadBuiltinYAML(b *testing.B) {
	qn := questionnaire.Default()
	b.ReportAllocs()
	for b.Loop() {
		if _, err := rules.Load(builtin.FS, "rules", qn); err != nil {
			b.Fatal(err)
		}
	}
}
