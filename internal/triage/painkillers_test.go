package triage_test

import (
	"slices"
	"strings"
	"testing"

	"github.com/backtriage/backtriage/internal/answers"
	"github.com/backtriage/backtriage/internal/triage"
)

func planIDs(as *triage.Assessment) []string {
	var ids []string
	for _, p := range as.Plan {
		ids = append(ids, p.Step.ID)
	}
	return ids
}

// Someone pregnant, who has just had a baby or who feeds a baby is told, in
// the plan, to ask a midwife, GP or pharmacist before taking a painkiller;
// the general pain-relief step alone would read as "the NHS suggests
// ibuprofen". Others do not get that step.
func TestPregnantOrBreastfeedingAskBeforePainkillers(t *testing.T) {
	eng := builtinEngine(t)
	base := func() answers.Answers {
		return answers.Answers{
			"warning_now":     answers.Choices("none"),
			"warning_nerves":  answers.Choices("none"),
			"warning_history": answers.Choices("none"),
			"age":             answers.Num(31),
			"pain_where":      answers.Choices("between_shoulder_blades"),
			"pain_feel":       answers.Choices("ache"),
			"duration":        answers.Choice("under_week"),
		}
	}
	const step = "painkillers-pregnant-breastfeeding"
	cases := []struct {
		name string
		set  func(a answers.Answers)
		want bool
	}{
		{"pregnant or gave birth in the last 6 weeks", func(a answers.Answers) {
			a["warning_clot_risk"] = answers.Choices("pregnant_or_birth")
		}, true},
		{"feeds a baby lying on her side", func(a answers.Answers) {
			a["baby"] = answers.Bool(true)
			a["nursing_position"] = answers.Choices("lying_side")
		}, true},
		{"feeds a baby sitting up", func(a answers.Answers) {
			a["baby"] = answers.Bool(true)
			a["nursing_position"] = answers.Choices("sitting_up")
		}, true},
		{"no baby, no pregnancy", func(a answers.Answers) {
			a["baby"] = answers.Bool(false)
			a["warning_clot_risk"] = answers.Choices("none")
		}, false},
	}
	for _, c := range cases {
		a := base()
		c.set(a)
		as := eng.Assess(a)
		ids := planIDs(as)
		if got := slices.Contains(ids, step); got != c.want {
			t.Errorf("%s: step %s in the plan = %v, want %v (plan %v)", c.name, step, got, c.want, ids)
		}
		// In pregnancy or just after a birth the general step, which names
		// ibuprofen, is left out with its reason (issue 17); feeding a baby
		// keeps it, after the step that says to ask first.
		pregnant := a.Has("warning_clot_risk", "pregnant_or_birth")
		if got := slices.Contains(ids, "pain-relief"); got == pregnant {
			t.Errorf("%s: pain-relief in the plan = %v, want %v (plan %v)", c.name, got, !pregnant, ids)
		}
		if pregnant && !slices.ContainsFunc(as.Withheld, func(w triage.Withheld) bool { return w.Step.ID == "pain-relief" && w.Why != "" }) {
			t.Errorf("%s: pain-relief is not left out with a reason (withheld %v)", c.name, as.Withheld)
		}
		if c.want {
			// The pregnancy step comes before the general one that names ibuprofen.
			if i := slices.Index(ids, "pain-relief"); i >= 0 && slices.Index(ids, step) > i {
				t.Errorf("%s: %s comes after pain-relief in %v", c.name, step, ids)
			}
			s := eng.Table().Step(step)
			if s == nil {
				t.Fatalf("no step %s in the table", step)
			}
			for _, w := range []string{"pregnant", "breastfeeding", "midwife", "pharmacist", "ibuprofen"} {
				if !strings.Contains(strings.ToLower(s.How), w) {
					t.Errorf("step %s does not mention %q", step, w)
				}
			}
		}
	}
}
