package rules_test

import (
	"strings"
	"testing"

	"github.com/backtriage/backtriage"
	"github.com/backtriage/backtriage/internal/questionnaire"
	"github.com/backtriage/backtriage/internal/rules"
)

// The muscle pattern is written out in each rule that uses it (the loader
// reads no YAML anchors): every copy must be the one in
// soon-not-muscle-pattern, so that the gate means one thing.
func TestMusclePatternCopiesAgree(t *testing.T) {
	tbl, err := rules.Load(backtriage.RuleFiles(), "rules", questionnaire.Default())
	if err != nil {
		t.Fatal(err)
	}
	byID := map[string]*rules.Rule{}
	for _, r := range tbl.Rules {
		byID[r.ID] = r
	}
	flat := func(s string) string { return strings.Join(strings.Fields(s), " ") }
	gate := byID["soon-not-muscle-pattern"]
	if gate == nil {
		t.Fatal("no rule soon-not-muscle-pattern")
	}
	want := flat(gate.When.Text)
	for _, id := range []string{"urgent-thoracic-pain-not-muscle", "urgent-not-muscle-red-flag", "emergency-sweating-sick"} {
		r := byID[id]
		if r == nil {
			t.Errorf("no rule %s", id)
			continue
		}
		if !strings.Contains(flat(r.When.Text), want) {
			t.Errorf("%s does not hold the muscle pattern of soon-not-muscle-pattern word for word:\n%s", id, r.When.Text)
		}
	}
}
