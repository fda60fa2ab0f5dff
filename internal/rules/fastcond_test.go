package rules_test

import (
	"testing"

	"github.com/backtriage/backtriage/internal/answers"
	"github.com/backtriage/backtriage/internal/questionnaire"
	"github.com/backtriage/backtriage/internal/rules"
)

// A condition never holds while a question it requires is unanswered: the
// engine relies on it to skip rules. Every built-in rule is evaluated on the
// answers of every rule's inline tests.
func TestRequiredQuestionsAreAnswered(t *testing.T) {
	tbl := builtinTable(t)
	qn := questionnaire.Default()
	var cases []rules.Facts
	for _, r := range tbl.Rules {
		if r.Tests == nil {
			continue
		}
		for _, c := range append(r.Tests.Fires, r.Tests.DoesNotFire...) {
			cases = append(cases, rules.NewFacts(qn, answers.Prune(qn, c.Answers)))
		}
	}
	if len(cases) == 0 {
		t.Fatal("no inline tests")
	}
	held := 0
	for _, r := range tbl.Rules {
		req := r.When.Required()
		for _, f := range cases {
			if !r.When.Eval(f) {
				continue
			}
			held++
			for _, q := range req {
				if !f.Answered(q) {
					t.Errorf("rule %s holds with question %s, which it requires, unanswered", r.ID, qn.Questions()[q].ID)
				}
			}
		}
	}
	if held == 0 {
		t.Error("no rule held on any inline test")
	}
}

// A condition laid out flat holds exactly when the condition does, for every
// built-in rule and step on the answers of every rule's inline tests.
func TestFlatEvalAgrees(t *testing.T) {
	tbl := builtinTable(t)
	qn := questionnaire.Default()
	var fl rules.Flat
	var conds []*rules.Cond
	var at []int
	for _, r := range tbl.Rules {
		conds, at = append(conds, r.When), append(at, fl.Add(r.When))
	}
	for _, s := range tbl.Steps {
		if s.AvoidWhen != nil {
			conds, at = append(conds, s.AvoidWhen), append(at, fl.Add(s.AvoidWhen))
		}
	}
	held := 0
	for _, r := range tbl.Rules {
		if r.Tests == nil {
			continue
		}
		for _, c := range append(r.Tests.Fires, r.Tests.DoesNotFire...) {
			f := rules.NewFacts(qn, answers.Prune(qn, c.Answers))
			for i, cond := range conds {
				want := cond.Eval(f)
				if got := fl.Eval(at[i], f); got != want {
					t.Fatalf("%s: flat %v, tree %v (answers of rule %s's test at line %d)", cond.Text, got, want, r.ID, c.Pos.Line)
				}
				if want {
					held++
				}
			}
		}
	}
	if held == 0 {
		t.Error("no condition held on any inline test")
	}
}
