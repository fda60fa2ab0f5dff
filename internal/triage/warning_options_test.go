package triage_test

import (
	"strings"
	"testing"

	"github.com/backtriage/backtriage/internal/answers"
	"github.com/backtriage/backtriage/internal/questionnaire"
	"github.com/backtriage/backtriage/internal/rules"
	"github.com/backtriage/backtriage/internal/triage"
)

// belowSoon are the warning-screen options that do not reach `soon` on
// their own, and why. Each is a risk asked for what it means beside another
// answer (pain on breathing in, a sudden start, age 70 or over), not a
// warning sign alone.
var belowSoon = map[string]string{
	"warning_injury/lifting_strain":       "lifting or a twist is the usual start of a strained muscle; with fragile bones or at 70 or over it is urgent-fragile-bones-minor-injury",
	"warning_injury/cough_sneeze":         "a coughing fit strains the muscles between the ribs; with fragile bones or at 70 or over it is urgent-fragile-bones-minor-injury",
	"warning_risk/fragile_bones":          "a risk, not a sign: with a sudden start or a minor injury it is urgent-fragile-bones-sudden-onset or -minor-injury",
	"warning_clot_risk/pregnant_or_birth": "a blood clot risk, not a sign: with pain on breathing in or breathlessness it is emergency-clot-risk-breathing; it also changes which painkillers and steps are offered",
	"warning_clot_risk/surgery_hospital":  "a blood clot risk, not a sign: with pain on breathing in or breathlessness it is emergency-clot-risk-breathing",
	"warning_clot_risk/long_travel":       "a blood clot risk, not a sign: with pain on breathing in or breathlessness it is emergency-clot-risk-breathing",
	"warning_clot_risk/bed_rest":          "a blood clot risk, not a sign: with pain on breathing in or breathlessness it is emergency-clot-risk-breathing",
	"warning_clot_risk/clot_before":       "a blood clot risk, not a sign: with pain on breathing in or breathlessness it is emergency-clot-risk-breathing",
	"warning_clot_risk/pill_hrt":          "a blood clot risk, not a sign: with pain on breathing in or breathlessness it is emergency-clot-risk-breathing",
}

// Every option of the warning screen, ticked alone by someone whose pain
// otherwise fits a muscle, reaches at least `soon`, or is in belowSoon with
// the reason; and no level's words say "no warning signs" after one was
// ticked (issue 17, item 4).
func TestEveryWarningOptionReachesSoon(t *testing.T) {
	eng := builtinEngine(t)
	qn := eng.Questionnaire()
	var warningQs []*questionnaire.Question
	for _, q := range qn.Questions() {
		if q.Warning && q.Kind != questionnaire.Number {
			warningQs = append(warningQs, q)
		}
	}
	base := func() answers.Answers {
		a := answers.Answers{
			"age":          answers.Num(35),
			"pain_where":   answers.Choices("between_shoulder_blades"),
			"pain_when":    answers.Choices("on_waking", "eases_during_day"),
			"pain_changes": answers.Choices("moving"),
			"onset":        answers.Choice("on_waking"),
		}
		for _, q := range warningQs {
			a[q.ID] = answers.Choices("none")
		}
		return a
	}
	if as := eng.Assess(base()); as.Level != rules.SelfCare {
		t.Fatalf("the muscle story with no sign ticked is %s, want self-care (warnings %v)", as.Level, as.Warnings)
	}
	seen := map[string]bool{}
	for _, q := range warningQs {
		for _, o := range q.Options {
			if o.Exclusive {
				continue
			}
			key := q.ID + "/" + o.ID
			seen[key] = true
			a := base()
			a[q.ID] = answers.Choices(o.ID)
			as := eng.Assess(a)
			_, excused := belowSoon[key]
			switch {
			case as.Level < rules.Soon && !excused:
				t.Errorf("%s (%q) alone gives %s: add a rule that reaches soon, or add it to belowSoon with why", key, o.Label, as.Level)
			case as.Level >= rules.Soon && excused:
				t.Errorf("%s reaches %s: remove it from belowSoon", key, as.Level)
			}
			if strings.Contains(strings.ToLower(triage.Info(as.Level).Do), "no warning sign") {
				t.Errorf("%s ticked, and the level's words say there are no warning signs: %q", key, triage.Info(as.Level).Do)
			}
		}
	}
	for key := range belowSoon {
		if !seen[key] {
			t.Errorf("belowSoon names %s, which is not a warning option", key)
		}
	}
}
