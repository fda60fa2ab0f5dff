package testrules

import (
	"testing"

	"github.com/backtriage/backtriage/internal/answers"
	"github.com/backtriage/backtriage/internal/questionnaire"
	"github.com/backtriage/backtriage/internal/rules"
	"github.com/backtriage/backtriage/internal/testkit/testtable"
)

// intended is the level rules.yaml means each option of its own warning
// questions to reach; the tests of the terminal UI and the accessible
// mode lean on these (an emergency screen, an urgent banner, a soon one).
var intended = map[string]rules.Level{
	"warning_now/chest_pain": rules.Emergency, "warning_now/exertion_spread": rules.Emergency,
	"warning_now/breathless": rules.Emergency, "warning_now/coughing_blood": rules.Emergency,
	"warning_now/tearing_pain": rules.Emergency, "warning_now/fainting": rules.Emergency,
	"warning_nerves/both_legs": rules.Emergency, "warning_nerves/both_arms": rules.Emergency,
	"warning_nerves/unsteady": rules.Emergency, "warning_nerves/bladder_bowel": rules.Emergency,
	"warning_nerves/saddle_numbness": rules.Emergency, "warning_nerves/sudden_weakness": rules.Emergency,
	"warning_nerves/one_arm": rules.Soon,
	"warning_history/fever":  rules.Urgent, "warning_history/cancer": rules.Urgent,
	"warning_history/weight_loss": rules.Urgent, "warning_history/night_pain": rules.Urgent,
	"warning_history/osteoporosis_steroids": rules.Urgent,
	"warning_history/accident":              rules.Soon,
}

// Every warning option of the test table reaches the level intended for
// it: the options of its own warning questions by its own rules, every
// other one (questions and options added since) by testtable's one urgent
// rule; and
// "none" everywhere reaches no level at all.
func TestEveryWarningOptionReachesItsLevel(t *testing.T) {
	eng, err := Engine()
	if err != nil {
		t.Fatal(err)
	}
	qn := eng.Questionnaire()
	own := map[string]bool{}
	for _, id := range ownWarnings {
		own[id] = true
	}
	none := answers.Answers{}
	seen := 0
	for _, q := range qn.Questions() {
		if !q.Warning || (q.Kind != questionnaire.One && q.Kind != questionnaire.Many) {
			continue
		}
		for _, o := range q.Options {
			if o.Exclusive {
				none[q.ID] = answers.Choices(o.ID)
				continue
			}
			key := q.ID + "/" + o.ID
			as := eng.Assess(answers.Answers{q.ID: answers.Choices(o.ID)})
			want, byTable := intended[key], ""
			if _, ok := intended[key]; !ok || !own[q.ID] {
				want, byTable = rules.Urgent, testtable.WarningRuleID
			}
			seen++
			if as.Level != want || len(as.Warnings) == 0 {
				t.Errorf("%s: level %s with %d warning signs, want %s", key, as.Level, len(as.Warnings), want)
				continue
			}
			if got := as.Warnings[0].Rule.ID; (byTable == "") == (got == testtable.WarningRuleID) {
				t.Errorf("%s: reached by rule %s; own question: %v", key, got, own[q.ID])
			}
		}
	}
	if seen < len(intended) {
		t.Errorf("only %d warning options checked, fewer than the %d intended here", seen, len(intended))
	}
	if as := eng.Assess(none); as.Level != rules.SelfCare || len(as.Warnings) != 0 {
		t.Errorf("none to every warning question: level %s, %d warning signs; want self-care, none", as.Level, len(as.Warnings))
	}
}
