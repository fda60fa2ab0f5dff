package triage_test

import (
	"reflect"
	"strings"
	"testing"
	"testing/fstest"

	"pgregory.net/rapid"

	"github.com/backtriage/backtriage/internal/answers"
	"github.com/backtriage/backtriage/internal/questionnaire"
	"github.com/backtriage/backtriage/internal/rules"
	"github.com/backtriage/backtriage/internal/testkit/testtable"
	"github.com/backtriage/backtriage/internal/triage"
)

// TestPropertyCausesHaveGrounds: every ranked cause has at least one rule
// that is not broad with an answer that was given; the first causes, at most
// TopCauses of them, are marked top; and the order is by score, then the
// number of specific answers, never left to table order.
func TestPropertyCausesHaveGrounds(t *testing.T) {
	propCheck(t, func(t *rapid.T, eng *triage.Engine) {
		a := genAnswers(eng.Questionnaire()).Draw(t, "answers")
		as := eng.Assess(a)
		for i, rc := range as.Causes {
			grounded := false
			for _, r := range rc.Reasons {
				for _, f := range r.Because {
					if !as.Answers.Answered(f.Question.ID) {
						t.Fatalf("cause %s: rule %s cites %s, which was not answered", rc.Cause.ID, r.Rule.ID, f.Question.ID)
					}
				}
				grounded = grounded || (!r.Rule.Broad && len(r.Because) > 0)
			}
			if !grounded || rc.Specific == 0 {
				t.Fatalf("cause %s is ranked from broad rules only", rc.Cause.ID)
			}
			if rc.Top != (i < triage.TopCauses) {
				t.Fatalf("cause %d (%s): top %v", i+1, rc.Cause.ID, rc.Top)
			}
			if i > 0 {
				p := as.Causes[i-1]
				if p.Score < rc.Score || p.Score == rc.Score && p.Specific < rc.Specific {
					t.Fatalf("%s (score %d, %d specific) ranked above %s (score %d, %d specific)",
						p.Cause.ID, p.Score, p.Specific, rc.Cause.ID, rc.Score, rc.Specific)
				}
			}
		}
		// The plan is for the top causes only.
		for _, p := range as.Plan {
			for _, c := range p.For {
				top := false
				for _, rc := range as.Causes {
					top = top || rc.Top && rc.Cause == c
				}
				if !top {
					t.Fatalf("step %s is in the plan for %s, which is not a top cause", p.Step.ID, c.ID)
				}
			}
		}
	})
}

// A broad rule never ranks a cause alone; ties go to the cause with more
// specific answers, then to the strongest single rule, not to table order.
func TestBroadRulesAndTies(t *testing.T) {
	const tbl = `
sources:
  - {id: art, kind: article, title: An article}
  - {id: nhs, kind: guideline, title: Guidance}
steps:
  - {id: pillow, title: A pillow, how: Use one., order: 10, source: art, quote: q}
causes:
  - {id: first, kind: professional, title: First in the table, about: a, source: art, quote: q}
  - {id: two-answers, kind: professional, title: Two answers, about: a, source: art, quote: q}
  - {id: strong, kind: professional, title: One strong rule, about: a, source: art, quote: q}
  - {id: broad-only, kind: professional, title: Broad only, about: a, source: art, quote: q}
rules:
  - {id: f1, title: t, when: {sleep_neck: tilted}, cause: first, weight: 2, steps: [pillow], source: art, quote: q}
  - {id: f2, title: t, when: {pain_where: neck}, cause: first, weight: 2, broad: true, source: art, quote: q}
  - {id: t1, title: t, when: {sleep_neck: tilted}, cause: two-answers, weight: 2, source: art, quote: q}
  - {id: t2, title: t, when: {pain_where: neck}, cause: two-answers, weight: 2, source: art, quote: q}
  - {id: s1, title: t, when: {sleep_neck: tilted}, cause: strong, weight: 3, source: art, quote: q}
  - {id: s2, title: t, when: {pain_where: neck}, cause: strong, weight: 1, broad: true, source: art, quote: q}
  - {id: b1, title: t, when: {pain_where: neck}, cause: broad-only, weight: 9, broad: true, source: art, quote: q}
  - {id: b2, title: t, when: {not: {mattress_feel: firm}}, cause: broad-only, weight: 9, source: art, quote: q}
`
	qn := questionnaire.Default()
	table, err := rules.Load(fstest.MapFS{"t.yaml": {Data: []byte(tbl)}, "w.yaml": {Data: testtable.WarningRules(qn, "nhs")}}, "test", qn)
	if err != nil {
		t.Fatal(err)
	}
	as := triage.New(qn, table).Assess(answers.Answers{
		"sleep_neck": answers.Choice("tilted"),
		"pain_where": answers.Choices("neck"),
	})
	var got []string
	for _, rc := range as.Causes {
		got = append(got, rc.Cause.ID)
	}
	// All three score 4; two-answers has two specific answers, strong one
	// with the heavier rule, first one with a lighter rule. broad-only
	// scores 18 from a broad rule and an unanswered question: not ranked.
	if want := []string{"two-answers", "strong", "first"}; !reflect.DeepEqual(got, want) {
		t.Fatalf("ranking %v, want %v", got, want)
	}
	if as.Causes[0].Specific != 2 || as.Causes[1].Specific != 1 {
		t.Errorf("specific counts %d, %d", as.Causes[0].Specific, as.Causes[1].Specific)
	}
	for i, rc := range as.Causes {
		if !rc.Top {
			t.Errorf("cause %d not marked top", i)
		}
	}
	// broad without a cause is refused at load.
	bad := strings.Replace(tbl, "cause: broad-only, weight: 9, broad: true, ", "broad: true, steps: [], seek_help: x, ", 1)
	if _, err := rules.Load(fstest.MapFS{"t.yaml": {Data: []byte(bad)}}, "test", qn); err == nil || !strings.Contains(err.Error(), "broad is for cause rules") {
		t.Errorf("error %v, want broad without a cause refused", err)
	}
}
