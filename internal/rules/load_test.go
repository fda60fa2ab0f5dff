package rules_test

import (
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"testing/fstest"
	"time"

	"github.com/backtriage/backtriage"
	"github.com/backtriage/backtriage/internal/questionnaire"
	"github.com/backtriage/backtriage/internal/rules"
	"github.com/backtriage/backtriage/internal/testkit/testtable"
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
		"missing-departure":     `rules.yaml:37:7: rule "chest-pain": level urgent is below guidance_level emergency: add a departure saying why`,
		"wrong-type":            `rules.yaml:34:12: rule "neck-tilted": steps: expected a list, such as [heat], found "heat"`,
		"invalid-utf8":          `rules.yaml:29:29: invalid UTF-8 (or binary data); a rule file is UTF-8 text`,
		"deep-nesting":          `rules.yaml:30:228: nested deeper than 64 levels; a rule file is about ten levels deep`,
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
	tbl, err := rules.Load(backtriage.RuleFiles(), "rules", questionnaire.Default())
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
		if _, err := rules.Load(backtriage.RuleFiles(), "rules", qn); err != nil {
			b.Fatal(err)
		}
	}
}

// A departure makes a rule below its guidance load; a departure where the
// level is not below the guidance is refused, so the field never goes stale.
func TestDepartureRequiredOnlyBelowGuidance(t *testing.T) {
	qn := questionnaire.Default()
	base, err := os.ReadFile("../../testdata/badrules/missing-departure/rules.yaml")
	if err != nil {
		t.Fatal(err)
	}
	write := func(s string) string {
		dir := t.TempDir()
		if err := os.WriteFile(filepath.Join(dir, "rules.yaml"), []byte(s), 0o644); err != nil {
			t.Fatal(err)
		}
		return dir
	}
	withDeparture := strings.Replace(string(base), "    guidance_level: emergency\n",
		"    guidance_level: emergency\n    departure: A same-day check is what we ask, because...\n", 1)
	if _, err := loadCompleted(t, write(withDeparture), qn); err != nil {
		t.Errorf("a rule below its guidance with a departure should load: %v", err)
	}
	stale := strings.Replace(withDeparture, "    level: urgent\n", "    level: emergency\n", 1)
	_, err = loadCompleted(t, write(stale), qn)
	if err == nil || !strings.Contains(err.Error(), "departure given, but the level is not below guidance_level") {
		t.Errorf("a departure at the guidance level should be refused, got %v", err)
	}
}

// A FIFO, a device (through a link) or a folder named like a rule file is
// refused by name, without opening it blocking; the table is not loaded.
func TestLoadDirRefusesNonRegularFiles(t *testing.T) {
	dir := t.TempDir()
	data, err := os.ReadFile("../../testdata/badrules/valid/rules.yaml")
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "rules.yaml"), data, 0o600); err != nil {
		t.Fatal(err)
	}
	if err := syscall.Mkfifo(filepath.Join(dir, "fifo.yaml"), 0o600); err != nil {
		t.Skipf("cannot make a FIFO: %v", err)
	}
	if err := os.Symlink("/dev/zero", filepath.Join(dir, "zero.yaml")); err != nil {
		t.Fatal(err)
	}
	if err := os.Mkdir(filepath.Join(dir, "folder.yaml"), 0o700); err != nil {
		t.Fatal(err)
	}
	done := make(chan error, 1)
	go func() { _, err := rules.LoadDir(dir, questionnaire.Default()); done <- err }()
	select {
	case err = <-done:
	case <-time.After(60 * time.Second): // a hang guard
		t.Fatal("LoadDir blocked")
	}
	want := []string{
		dir + "/fifo.yaml: not a regular file: it is a FIFO (named pipe); a rule file must be a regular file",
		dir + "/folder.yaml: not a regular file: it is a folder; a rule file must be a regular file",
		dir + "/zero.yaml: not a regular file: it is a character device; a rule file must be a regular file",
	}
	if err == nil || err.Error() != strings.Join(want, "\n") {
		t.Errorf("got %v\nwant %s", err, strings.Join(want, "\n"))
	}
}

// A file over the cap is refused before it is read.
func TestLoadRefusesHugeFile(t *testing.T) {
	big := make([]byte, rules.MaxFileSize+1)
	for i := range big {
		big[i] = '#'
	}
	_, err := rules.Load(fstest.MapFS{"big.yaml": {Data: big}}, "rules", questionnaire.Default())
	if err == nil || err.Error() != "rules/big.yaml: file is larger than 1 MiB; a rule file is a few dozen KiB of YAML" {
		t.Errorf("got %v", err)
	}
}

// An unreadable folder says so, not "no rule files".
func TestLoadReportsUnreadableFolder(t *testing.T) {
	_, err := rules.Load(deniedFS{}, "locked", questionnaire.Default())
	if err == nil || err.Error() != "locked: cannot read the folder: permission denied" {
		t.Errorf("got %v", err)
	}
	if os.Geteuid() == 0 {
		t.Skip("running as root, which chmod 000 does not deny; the fs.FS case above stands in for it")
	}
	dir := t.TempDir()
	if err := os.Chmod(dir, 0); err != nil {
		t.Fatal(err)
	}
	defer os.Chmod(dir, 0o700)
	_, err = rules.LoadDir(dir, questionnaire.Default())
	if err == nil || err.Error() != dir+": cannot read the folder: permission denied" {
		t.Errorf("chmod 000: got %v", err)
	}
}

// deniedFS is a folder that may not be listed.
type deniedFS struct{}

func (deniedFS) Open(name string) (fs.File, error) {
	return nil, &fs.PathError{Op: "open", Path: name, Err: fs.ErrPermission}
}
