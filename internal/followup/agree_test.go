package followup

import (
	"slices"
	"testing"

	"github.com/backtriage/backtriage/internal/answers"
	"github.com/backtriage/backtriage/internal/diary"
	"github.com/backtriage/backtriage/internal/questionnaire"
)

// Over every check-in the follow-up rules can see (pain 0 to 10, each
// comparison, every change since the baseline or none, days 0 to 60):
// carrying on is never the advice beside "worse" or beside pain of 8 or
// more, and at most one of the rules about the expected course speaks, so
// its words fit the day.
func TestFollowupAdviceNeverContradicts(t *testing.T) {
	tbl := table(t)
	course := []string{"no-better-after-two-weeks", "not-improving-after-weeks", "not-settled-after-six-weeks"}
	changes := []*int{nil}
	for c := -10; c <= 10; c++ {
		changes = append(changes, p(c))
	}
	for painNow := 0; painNow <= 10; painNow++ {
		for _, compared := range []string{"better", "same", "worse"} {
			for _, change := range changes {
				for day := 0; day <= 60; day++ {
					a := answers.Answers{
						questionnaire.PainNow:        answers.Num(painNow),
						questionnaire.PainCompared:   answers.Choice(compared),
						questionnaire.DaysSinceStart: answers.Num(day),
						questionnaire.Checkins:       answers.Num(2),
					}
					if change != nil {
						a[questionnaire.PainChange] = answers.Num(*change)
					}
					var carryOn, retriage bool
					spoke := 0
					for _, r := range tbl.FollowupFired(a) {
						carryOn = carryOn || r.Outcome == "carry-on"
						retriage = retriage || r.Outcome == "retriage"
						if slices.Contains(course, r.ID) {
							spoke++
						}
					}
					switch {
					case carryOn && retriage:
						t.Fatalf("carry on beside worse: pain %d, %s, change %v, day %d", painNow, compared, fmtChange(change), day)
					case carryOn && painNow >= 8:
						t.Fatalf("carry on at %d/10, %s, change %v, day %d", painNow, compared, fmtChange(change), day)
					case spoke > 1:
						t.Fatalf("%d rules about the course at once on day %d", spoke, day)
					}
				}
			}
		}
	}
}

// The baseline is the assessment's pain score when it was asked (a number
// read back from the diary's JSON is a float64), else the first check-in's.
func TestBaseline(t *testing.T) {
	ep := &diary.Episode{ID: 1, At: at(1, 8), Answers: map[string]any{"pain_severity": float64(5)}}
	st := State{Episode: ep, Checkins: []*diary.Checkin{{At: at(2, 8), Pain: p(8)}}}
	if b := Baseline(st); b == nil || *b != 5 {
		t.Errorf("baseline with the assessment's score: %v", b)
	}
	if f := Facts(State{Episode: ep}, p(8), "same", at(2, 8)); *f[questionnaire.PainChange].Number != 3 {
		t.Errorf("the first check-in's change from the assessment: %v", f)
	}
	ep.Answers = map[string]any{}
	if b := Baseline(st); b == nil || *b != 8 {
		t.Errorf("baseline without the assessment's score: %v", b)
	}
	if b := Baseline(State{Episode: ep}); b != nil {
		t.Errorf("baseline with nothing scored: %v", *b)
	}
}

func fmtChange(c *int) any {
	if c == nil {
		return "none"
	}
	return *c
}
