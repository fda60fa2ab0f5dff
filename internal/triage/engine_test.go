package triage_test

import (
	"reflect"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/backtriage/backtriage/internal/answers"
	"github.com/backtriage/backtriage/internal/questionnaire"
	"github.com/backtriage/backtriage/internal/rules"
	"github.com/backtriage/backtriage/internal/testkit/testtable"
	"github.com/backtriage/backtriage/internal/triage"
)

const table = `
sources:
  - {id: art, kind: article, title: An article}
  - {id: nhs, kind: guideline, title: Guidance}
causes:
  - id: neck
    kind: muscle
    title: Neck muscles
    about: Neck muscles refer pain.
    muscles: [{name: Scalenes, where: side of the neck, sits: [neck_front], refers: [arm_hand]}]
    source: art
    quote: q
  - id: bed
    kind: muscle
    title: The bed
    about: A soft bed.
    muscles: [{name: Erector spinae, where: along the spine, sits: [middle_back]}]
    source: art
    quote: q
steps:
  - {id: pillow, title: A pillow, how: Use one., order: 10, source: art, quote: q}
  - id: ball
    title: Tennis ball
    how: Lie on it.
    order: 40
    avoid_when: {warning_history: accident}
    caution: Not after a fall.
    source: art
    quote: q
  - {id: water, title: Water, how: Drink., order: 50, source: art, quote: q}
rules:
  - {id: tilt, title: Tilted neck, when: {sleep_neck: tilted}, cause: neck, weight: 4, steps: [ball, pillow], source: art, quote: q}
  - {id: arm, title: Into the arm, when: {pain_where: [arm_hand, neck]}, cause: neck, weight: 2, steps: [ball], source: art, quote: q}
  - {id: soft, title: Soft bed, when: {mattress_feel: soft_sagging}, cause: bed, weight: 5, steps: [pillow], source: art, quote: q}
  - {id: nurse, title: Nursing lying down, when: {nursing_position: lying_side}, steps: [water], source: art, quote: q2}
  - {id: chest, title: Chest pain, when: {warning_now: chest_pain}, level: emergency, action: Call now., source: nhs, quote: c}
  - {id: fall, title: A fall, when: {warning_history: accident}, level: urgent, action: Today., source: nhs, quote: f}
  - {id: general, title: General, when: always, seek_help: Get help if worse., source: nhs, quote: g}
`

func testEngine(t *testing.T) *triage.Engine {
	t.Helper()
	qn := questionnaire.Default()
	tbl, err := rules.Load(fstest.MapFS{"t.yaml": {Data: []byte(table)}, "w.yaml": {Data: testtable.WarningRules(qn, "nhs", "chest_pain", "accident")}}, "test", qn)
	if err != nil {
		t.Fatal(err)
	}
	return triage.New(qn, tbl)
}

func ids[T any](xs []T, id func(T) string) []string {
	out := []string{}
	for _, x := range xs {
		out = append(out, id(x))
	}
	return out
}

func TestRankingAndReasons(t *testing.T) {
	as := testEngine(t).Assess(answers.Answers{
		"sleep_neck":    answers.Choice("tilted"),
		"pain_where":    answers.Choices("arm_hand", "lower_back"),
		"mattress_feel": answers.Choice("soft_sagging"),
	})
	if as.Level != rules.SelfCare {
		t.Errorf("level %s", as.Level)
	}
	got := ids(as.Causes, func(c triage.RankedCause) string { return c.Cause.ID })
	if !reflect.DeepEqual(got, []string{"neck", "bed"}) || as.Causes[0].Score != 6 || as.Causes[1].Score != 5 {
		t.Fatalf("causes %v scores %d,%d", got, as.Causes[0].Score, as.Causes[1].Score)
	}
	// "because" names only the answers that matched: arm_hand, not lower_back.
	arm := as.Causes[0].Reasons[1]
	if arm.Rule.ID != "arm" || len(arm.Because) != 1 || !reflect.DeepEqual(arm.Because[0].Options, []string{"arm_hand"}) ||
		arm.Because[0].Text != "Into the arm or hand" {
		t.Errorf("reason %+v", arm.Because)
	}
	plan := ids(as.Plan, func(p triage.PlanStep) string { return p.Step.ID })
	if !reflect.DeepEqual(plan, []string{"pillow", "ball"}) { // by order, once each
		t.Errorf("plan %v", plan)
	}
	if len(as.SeekHelp) != 1 || as.SeekHelp[0].Text != "Get help if worse." {
		t.Errorf("seek help %+v", as.SeekHelp)
	}
	if len(as.Sources) != 2 {
		t.Errorf("sources %d", len(as.Sources))
	}
}

func TestWarningOutranksSelfCare(t *testing.T) {
	eng := testEngine(t)
	base := answers.Answers{"sleep_neck": answers.Choice("tilted")}

	urgent := base.Clone()
	urgent["warning_history"] = answers.Choices("accident")
	as := eng.Assess(urgent)
	if as.Level != rules.Urgent || len(as.Warnings) != 1 {
		t.Fatalf("level %s warnings %d", as.Level, len(as.Warnings))
	}
	// The tennis ball is unsafe after a fall: withheld with its caution.
	if len(as.Withheld) != 1 || as.Withheld[0].Step.ID != "ball" || as.Withheld[0].Why != "Not after a fall." {
		t.Errorf("withheld %+v", as.Withheld)
	}

	emergency := urgent.Clone()
	emergency["warning_now"] = answers.Choices("chest_pain")
	as = eng.Assess(emergency)
	if as.Level != rules.Emergency || as.Warnings[0].Rule.ID != "chest" {
		t.Fatalf("level %s, first warning %s", as.Level, as.Warnings[0].Rule.ID)
	}
	if len(as.Plan) != 0 {
		t.Errorf("an emergency still shows self-care: %v", as.Plan)
	}
}

func TestFollowUpsThatNoLongerApplyAreIgnored(t *testing.T) {
	eng := testEngine(t)
	a := answers.Answers{"baby": answers.Bool(false), "nursing_position": answers.Choices("lying_side")}
	as := eng.Assess(a)
	if len(as.Plan) != 0 {
		t.Errorf("a follow-up answered before the parent changed still counts: %v", as.Plan)
	}
	if _, ok := as.Answers["nursing_position"]; ok {
		t.Error("assessment keeps an answer that does not apply")
	}
	a["baby"] = answers.Bool(true)
	if as = eng.Assess(a); len(as.Plan) != 1 {
		t.Errorf("plan %v", as.Plan)
	}
}

func TestUnansweredAndDeterminism(t *testing.T) {
	eng := testEngine(t)
	a := answers.Answers{"sleep_neck": answers.Choice("tilted"), "baby": answers.Bool(true)}
	as := eng.Assess(a)
	names := ids(as.Unanswered, func(q *questionnaire.Question) string { return q.ID })
	if names[0] != "warning_now" {
		t.Errorf("unanswered starts %v", names[:3])
	}
	has := func(id string) bool {
		for _, n := range names {
			if n == id {
				return true
			}
		}
		return false
	}
	if !has("nursing_position") || has("nursing_head") || has("sleep_neck") {
		t.Errorf("unanswered %v", names)
	}
	again := eng.Assess(a)
	if !reflect.DeepEqual(as, again) {
		t.Error("the same answers gave different assessments")
	}
}

// A warning sign that suspects a hazard takes every step unsafe with it out
// of the plan, with the warning named, whatever the step's own avoid_when.
func TestWarningRulesOutUnsafeSteps(t *testing.T) {
	const tbl = `
sources:
  - {id: art, kind: article, title: An article}
  - {id: nhs, kind: guideline, title: Guidance}
causes:
  - id: neck
    kind: muscle
    title: Neck muscles
    about: Neck muscles refer pain.
    muscles: [{name: Scalenes, where: side of the neck, sits: [neck_front]}]
    source: art
    quote: q
steps:
  - {id: ball, title: Tennis ball, how: Lie on it., order: 40, unsafe_with: [fracture], source: art, quote: q}
  - {id: pillow, title: A pillow, how: Use one., order: 10, unsafe_with: [cardiac], source: art, quote: q}
rules:
  - {id: tilt, title: Tilted neck, when: {sleep_neck: tilted}, cause: neck, weight: 4, steps: [ball, pillow], source: art, quote: q}
  - {id: bones, title: Fragile bones and sudden pain, when: {warning_history: osteoporosis_steroids}, level: soon, suspects: [fracture], action: Today., source: nhs, quote: f}
`
	qn := questionnaire.Default()
	table, err := rules.Load(fstest.MapFS{"t.yaml": {Data: []byte(tbl)}, "w.yaml": {Data: testtable.WarningRules(qn, "nhs", "osteoporosis_steroids")}}, "test", qn)
	if err != nil {
		t.Fatal(err)
	}
	e := triage.New(qn, table)
	a := answers.Answers{
		"sleep_neck":      {Options: []string{"tilted"}},
		"warning_history": {Options: []string{"osteoporosis_steroids"}},
	}
	as := e.Assess(a)
	if len(as.Plan) != 1 || as.Plan[0].Step.ID != "pillow" {
		t.Fatalf("plan %v, want only the pillow", as.Plan)
	}
	if len(as.Withheld) != 1 || as.Withheld[0].Step.ID != "ball" || as.Withheld[0].Why == "" {
		t.Fatalf("withheld %+v, want the ball with a reason", as.Withheld)
	}
	// Without the warning the ball is back.
	delete(a, "warning_history")
	if as := e.Assess(a); len(as.Plan) != 2 {
		t.Fatalf("plan %v without the warning, want both steps", as.Plan)
	}

	// Unknown hazards and suspects on a rule without a level are refused.
	bad := strings.Replace(tbl, "unsafe_with: [fracture]", "unsafe_with: [fractur]", 1)
	bad = strings.Replace(bad, "level: soon, suspects", "suspects", 1)
	bad = strings.Replace(bad, "action: Today., ", "", 1)
	_, err = rules.Load(fstest.MapFS{"t.yaml": {Data: []byte(bad)}}, "test", qn)
	for _, want := range []string{`unknown hazard "fractur"`, "suspects is for warning signs"} {
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("error %v, want it to say %q", err, want)
		}
	}
}
