package rules_test

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/backtriage/backtriage/internal/questionnaire"
	"github.com/backtriage/backtriage/internal/rules"
)

// Every built-in step says when in the day it is done, so the plan can be
// shown as tonight, during the day and this week.
func TestBuiltinStepsSayWhen(t *testing.T) {
	tbl := builtinTable(t)
	seen := map[string]bool{}
	for _, s := range tbl.Steps {
		if s.When == "" {
			t.Errorf("step %s has no when:", s.ID)
		}
		seen[s.TimeOf().ID] = true
	}
	for _, tm := range rules.StepTimes() {
		if !seen[tm.ID] || tm.Heading == "" {
			t.Errorf("no built-in step for %q (heading %q)", tm.ID, tm.Heading)
		}
	}
}

// A when: that is not a time of day is refused where it is written.
func TestStepWhenChecked(t *testing.T) {
	valid, err := os.ReadFile("../../testdata/badrules/valid/rules.yaml")
	if err != nil {
		t.Fatal(err)
	}
	for value, want := range map[string]string{
		"night":   `step "heat": when "night" is not a time of day; did you mean "tonight"? valid: tonight, day, week`,
		"tonight": "",
		"week":    "",
	} {
		dir := t.TempDir()
		doc := strings.Replace(string(valid), "    order: 10\n", "    order: 10\n    when: "+value+"\n", 1)
		if err := os.WriteFile(filepath.Join(dir, "rules.yaml"), []byte(doc), 0o600); err != nil {
			t.Fatal(err)
		}
		_, err := rules.LoadDir(dir, questionnaire.Default())
		if want == "" {
			// (The sample table lacks warning rules; only when: matters here.)
			if err != nil && strings.Contains(err.Error(), "when") && strings.Contains(err.Error(), "time of day") {
				t.Errorf("when %s refused: %v", value, err)
			}
			continue
		}
		if err == nil || !strings.Contains(err.Error(), want) || !regexp.MustCompile(`rules\.yaml:\d+:\d+: `).MatchString(err.Error()) {
			t.Errorf("when %s:\n got %v\nwant file:line:col: ...%s", value, err, want)
		}
	}
}

// A step without when: is for the day.
func TestTimeOfDefault(t *testing.T) {
	if got := (&rules.Step{}).TimeOf(); got.ID != "day" || got.Heading != "During the day" {
		t.Errorf("default %+v", got)
	}
	if got := (&rules.Step{When: "week"}).TimeOf(); got.Heading != "This week" {
		t.Errorf("week %+v", got)
	}
}
