package rules_test

import (
	"io/fs"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/backtriage/backtriage"
	"github.com/backtriage/backtriage/internal/questionnaire"
	"github.com/backtriage/backtriage/internal/rules"
)

// A rule may replace only warning rules of the table at or below its own
// level: a missing id or a higher level is refused at load, so hiding a
// replaced warning can never hide a higher level.
func TestReplacesIsChecked(t *testing.T) {
	files := fstest.MapFS{}
	if err := fs.WalkDir(backtriage.RuleFiles(), ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(p, ".yaml") {
			return err
		}
		data, err := fs.ReadFile(backtriage.RuleFiles(), p)
		files[p] = &fstest.MapFile{Data: data}
		return err
	}); err != nil {
		t.Fatal(err)
	}
	warnings := string(files["warnings.yaml"].Data)
	for bad, want := range map[string]string{
		"replaces: [no-such-rule]":         `replaces "no-such-rule", which is not a rule of the table`,
		"replaces: [emergency-chest-pain]": `replaces "emergency-chest-pain", which is not a warning rule at or below urgent`,
		"replaces: [urgent-accident]":      "replaces itself",
		"replaces: [help-if-not-settling]": `which is not a warning rule`,
	} {
		const ok = "    replaces: [soon-minor-fall]\n"
		i := strings.Index(warnings, "  - id: urgent-accident\n")
		j := strings.Index(warnings[i:], ok)
		if i < 0 || j < 0 {
			t.Fatal("urgent-accident no longer replaces soon-minor-fall; update this test")
		}
		broken := warnings[:i+j] + "    " + bad + "\n" + warnings[i+j+len(ok):]
		files["warnings.yaml"] = &fstest.MapFile{Data: []byte(broken)}
		_, err := rules.Load(files, "rules", questionnaire.Default())
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("%s: error %v, want it to say %q", bad, err, want)
		}
	}
}
