package answers

import (
	"strings"
	"testing"

	"github.com/backtriage/backtriage/internal/questionnaire"
)

// A show-if with several partners: an injury question asked with an
// accident, fragile bones or at 70 or over; a warning question already
// answered always applies, so an answers file written before it became a
// follow-up keeps its answer.
func TestShowIfSeveralPartners(t *testing.T) {
	none := questionnaire.Option{ID: "none", Label: "None", Exclusive: true}
	qn, err := questionnaire.New([]*questionnaire.Page{{ID: "warning", Questions: []*questionnaire.Question{
		{ID: "history", Kind: questionnaire.Many, Warning: true, Options: []questionnaire.Option{{ID: "accident", Label: "Accident"}, none}},
		{ID: "risk", Kind: questionnaire.Many, Warning: true, Options: []questionnaire.Option{{ID: "fragile", Label: "Fragile bones"}, none}},
		{ID: "age", Kind: questionnaire.Number, Warning: true, Min: 1, Max: 120},
		{ID: "injury", Kind: questionnaire.Many, Warning: true, Options: []questionnaire.Option{{ID: "fall", Label: "A fall"}, none},
			ShowIf: &questionnaire.ShowIf{Question: "history", AnyOf: []string{"accident"}, Or: []questionnaire.ShowIf{
				{Question: "risk", AnyOf: []string{"fragile"}}, {Question: "age", Min: 70}}}},
	}}})
	if err != nil {
		t.Fatal(err)
	}
	q, _ := qn.Question("injury")
	cases := []struct {
		a    Answers
		want bool
	}{
		{Answers{"history": Choice("none"), "risk": Choice("none"), "age": Num(40)}, false},
		{Answers{"history": Choice("accident"), "age": Num(40)}, true},
		{Answers{"risk": Choice("fragile")}, true},
		{Answers{"age": Num(70)}, true},
		{Answers{"age": Num(69)}, false},
		// Answered before the question became a follow-up: kept.
		{Answers{"age": Num(40), "injury": Choice("none")}, true},
	}
	for _, c := range cases {
		if got := Applies(qn, c.a, q); got != c.want {
			t.Errorf("Applies(%v) = %v, want %v", c.a, got, c.want)
		}
	}
	if got := Prune(qn, Answers{"age": Num(40), "injury": Choice("fall")}); !got.Has("injury", "fall") {
		t.Errorf("a sign answered without its partner was pruned: %v", got)
	}
	if s := q.ShowIf.String(); s != "history is accident, or risk is fragile, or age is at least 70" {
		t.Errorf("String() = %q", s)
	}
	// A minimum on an options question, or options on a number, is refused.
	_, err = questionnaire.New([]*questionnaire.Page{{ID: "p", Questions: []*questionnaire.Question{
		{ID: "age", Kind: questionnaire.Number, Min: 1, Max: 120},
		{ID: "x", Kind: questionnaire.YesNo, ShowIf: &questionnaire.ShowIf{Question: "age", AnyOf: []string{"yes"}}},
	}}})
	if err == nil || !strings.Contains(err.Error(), "needs min") {
		t.Errorf("options on a number question: %v", err)
	}
}

// Issue 17 item 10: a person with no warning sign answers no more warning
// questions than the ten asked before issue 17, however many the table
// asks: a new warning question must be a follow-up (show_if) of a sign.
func TestNoSignMeansAtMostTenWarningQuestions(t *testing.T) {
	qn := questionnaire.Default()
	for _, age := range []int{19, 40, 75} {
		a := Answers{"age": Num(age)}
		for _, q := range qn.Questions() {
			if q.Warning && q.Kind == questionnaire.Many {
				a[q.ID] = Choice("none")
			}
		}
		// Asked: it applies given the other answers (its own aside, which
		// a follow-up answered keeps showing).
		asked := 0
		for _, q := range qn.Questions() {
			others := a.Clone()
			delete(others, q.ID)
			if q.Warning && Applies(qn, others, q) {
				asked++
			}
		}
		if asked > 10 {
			t.Errorf("at %d with no warning sign: %d warning questions asked, want at most 10", age, asked)
		}
	}
}
