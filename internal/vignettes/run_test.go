package vignettes_test

import (
	"bytes"
	"encoding/json"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/backtriage/backtriage/internal/answers"
	"github.com/backtriage/backtriage/internal/questionnaire"
	"github.com/backtriage/backtriage/internal/rules"
	"github.com/backtriage/backtriage/internal/testkit/testtable"
	"github.com/backtriage/backtriage/internal/triage"
	"github.com/backtriage/backtriage/internal/vignettes"
)

func TestAcceptable(t *testing.T) {
	levels := []rules.Level{rules.SelfCare, rules.Soon, rules.Urgent, rules.Emergency}
	want := map[rules.Level][]bool{ // gold level -> acceptable for got = self-care, soon, urgent, emergency
		rules.SelfCare:  {true, false, false, false},
		rules.Soon:      {false, true, true, true},
		rules.Urgent:    {false, false, true, true},
		rules.Emergency: {false, false, false, true},
	}
	for _, gold := range levels {
		for i, got := range levels {
			if vignettes.Acceptable(gold, got) != want[gold][i] {
				t.Errorf("Acceptable(%s, %s) = %v", gold, got, !want[gold][i])
			}
		}
	}
}

func mkCase(name string, level rules.Level, top3 []string, a answers.Answers) *vignettes.Case {
	return &vignettes.Case{Name: name, Description: name, Level: level, Top3: top3, Answers: a,
		Pos: rules.Pos{File: "v.yaml", Line: 1, Col: 1}}
}

var none = answers.Choices("none")

// TestRunFigures checks the figures against hand-counted cases, including
// deliberately wrong gold levels and causes.
func TestRunFigures(t *testing.T) {
	eng := builtinEngine(t)
	chest := answers.Answers{"warning_now": answers.Choices("chest_pain")}
	plain := answers.Answers{"warning_now": none, "warning_nerves": none, "warning_history": none,
		"sleep_position": answers.Choices("stomach"), "sleep_arm": answers.Choices("overhead")}
	fever := answers.Answers{"warning_history": answers.Choices("fever")}
	oneArm := answers.Answers{"warning_nerves": answers.Choices("one_arm")}
	cases := []*vignettes.Case{
		mkCase("emergency-right", rules.Emergency, nil, chest),
		mkCase("emergency-missed", rules.Emergency, nil, plain), // a missed emergency
		mkCase("self-care-right", rules.SelfCare, []string{"stomach-arms-overhead"}, plain),
		mkCase("self-care-over-triaged", rules.SelfCare, nil, fever),                 // over-triage
		mkCase("self-care-wrong-cause", rules.SelfCare, []string{"mattress"}, plain), // top3 miss
		mkCase("soon-at-urgent", rules.Soon, nil, fever),                             // acceptable, not a pass
		mkCase("urgent-at-soon", rules.Urgent, []string{"pinched-nerve"}, oneArm),    // under-triage
	}
	rep := vignettes.Run(eng, cases)
	f := rep.Figures
	check := func(name string, got vignettes.Ratio, n, of int) {
		t.Helper()
		if got.N != n || got.Of != of {
			t.Errorf("%s = %d of %d, want %d of %d", name, got.N, got.Of, n, of)
		}
	}
	if f.Cases != 7 || f.Passed != 2 {
		t.Errorf("cases %d passed %d, want 7 and 2", f.Cases, f.Passed)
	}
	check("emergency recall", f.EmergencyRecall, 1, 2)
	check("acceptable", f.Acceptable, 4, 7)
	check("over-triage", f.OverTriage, 1, 3)
	check("under-triage", f.UnderTriage, 2, 7)
	check("top-3 agreement", f.Top3Agreement, 2, 3)
	if rep.OK() {
		t.Error("OK() with failing cases")
	}

	problems := map[string]string{}
	for _, c := range rep.Failed() {
		problems[c.Case.Name] = c.Problem()
	}
	wantProblems := map[string]string{
		"emergency-missed":       `v.yaml:1:1: case "emergency-missed": expected level emergency, got self-care (a missed emergency)`,
		"self-care-over-triaged": `v.yaml:1:1: case "self-care-over-triaged": expected level self-care, got urgent (over-triage)`,
		"self-care-wrong-cause":  `v.yaml:1:1: case "self-care-wrong-cause": top3 missing mattress; the top three were stomach-arms-overhead, pillow`,
		"soon-at-urgent":         `v.yaml:1:1: case "soon-at-urgent": expected level soon, got urgent`,
		"urgent-at-soon":         `v.yaml:1:1: case "urgent-at-soon": expected level urgent, got soon (under-triage)`,
	}
	for name, want := range wantProblems {
		got, ok := problems[name]
		switch {
		case !ok:
			t.Errorf("case %s passed; want it to fail", name)
		case name == "self-care-wrong-cause":
			// The causes after the first depend on the table's weights.
			if p, _, _ := strings.Cut(want, "; the top three"); !strings.HasPrefix(got, p) {
				t.Errorf("got  %s\nwant %s", got, want)
			}
		case got != want:
			t.Errorf("got  %s\nwant %s", got, want)
		}
	}
	if len(problems) != len(wantProblems) {
		t.Errorf("failed cases: %v", problems)
	}
}

// TestRunNotTop3AndNotInPlan: a cause named in not_top3 that is in the top
// three, or a step named in not_in_plan that is in the plan, fails the case
// whatever its level, and the figures count it.
func TestRunNotTop3AndNotInPlan(t *testing.T) {
	eng := builtinEngine(t)
	overhead := answers.Answers{"warning_now": none, "warning_nerves": none, "warning_history": none,
		"sleep_position": answers.Choices("stomach"), "sleep_arm": answers.Choices("overhead")}
	bad := mkCase("groundless", rules.SelfCare, nil, overhead)
	bad.NotTop3 = []string{"stomach-arms-overhead", "scalenes"}
	bad.NotInPlan = []string{"avoid-stomach-arms-overhead", "tennis-ball"}
	good := mkCase("held", rules.SelfCare, nil, overhead)
	good.NotTop3 = []string{"scalenes"}
	good.NotInPlan = []string{"tennis-ball"}
	rep := vignettes.Run(eng, []*vignettes.Case{bad, good})
	f := rep.Figures
	if f.Passed != 1 || f.NotTop3Held != (vignettes.Ratio{N: 1, Of: 2}) || f.NotInPlanHeld != (vignettes.Ratio{N: 1, Of: 2}) {
		t.Errorf("passed %d, not_top3 held %v, not_in_plan held %v", f.Passed, f.NotTop3Held, f.NotInPlanHeld)
	}
	failed := rep.Failed()
	if len(failed) != 1 {
		t.Fatalf("failed %v", failed)
	}
	want := `v.yaml:1:1: case "groundless": not_top3 stomach-arms-overhead in the top three stomach-arms-overhead; not_in_plan avoid-stomach-arms-overhead in the plan`
	if got := failed[0].Problem(); got != want {
		t.Errorf("got  %s\nwant %s", got, want)
	}
	var out bytes.Buffer
	if err := vignettes.WriteText(&out, rep, vignettes.Meta{Table: "built-in rules", CasesDir: "v"}); err != nil {
		t.Fatal(err)
	}
	for _, s := range []string{"unwanted stomach-arms-overhead; plan has avoid-stomach-arms-overhead", "Causes kept out         50.0% (1 of 2)", "Steps kept out          50.0% (1 of 2)"} {
		if !strings.Contains(out.String(), s) {
			t.Errorf("text output lacks %q:\n%s", s, out.String())
		}
	}
}

// TestRunEmpty: no cases, the built-in inline cases only.
func TestRunEmpty(t *testing.T) {
	eng := builtinEngine(t)
	rep := vignettes.Run(eng, nil)
	if rep.Figures.Cases != 0 || rep.Figures.InlineCases == 0 || !rep.OK() {
		t.Errorf("figures %+v", rep.Figures)
	}
	var buf bytes.Buffer
	if err := vignettes.WriteText(&buf, rep, vignettes.Meta{Table: "built-in rules", Note: "no vignettes"}); err != nil {
		t.Fatal(err)
	}
	out := buf.String()
	if !strings.HasPrefix(out, "Note: no vignettes\n") || strings.Contains(out, "CASE") ||
		!strings.Contains(out, "Inline rule cases in built-in rules:") || !strings.HasSuffix(out, "PASS\n") {
		t.Errorf("output:\n%s", out)
	}
}

// failingTable is a tiny rule table whose inline cases are wrong on purpose.
var failingTable = fstest.MapFS{"t.yaml": {Data: []byte(`sources:
  - id: guide
    kind: guideline
    title: A guideline
rules:
  - id: chest
    title: Chest pain
    when: {warning_now: chest_pain}
    level: emergency
    action: Call now.
    source: guide
    quote: chest pain
    tests:
      fires:
        - {warning_now: [breathless]}
        - {warning_now: [chest_pain]}
      does_not_fire:
        - {warning_now: [chest_pain, fainting]}
        - {warning_now: [none]}
`)},
	// A table must conclude a cause and a step and give every warning sign
	// a level before it loads; these files complete it.
	"u.yaml": {Data: []byte(`causes:
  - id: neck
    kind: muscle
    title: Neck muscles
    about: Neck muscles refer pain.
    muscles: [{name: Scalenes, where: side of the neck, sits: [neck_front]}]
    source: guide
    quote: q
steps:
  - {id: pillow, title: A pillow, how: Use one., order: 10, source: guide, quote: q}
rules:
  - {id: tilt, title: Tilted neck, when: {sleep_neck: tilted}, cause: neck, weight: 4, steps: [pillow], source: guide, quote: q}
`)},
	"w.yaml": {Data: testtable.WarningRules(questionnaire.Default(), "guide", "chest_pain")},
}

func TestRunInlineFailures(t *testing.T) {
	qn := builtinEngine(t).Questionnaire()
	table, err := rules.Load(failingTable, "tbl", qn)
	if err != nil {
		t.Fatal(err)
	}
	eng := triage.New(qn, table)
	rep := vignettes.Run(eng, []*vignettes.Case{
		mkCase("chest", rules.Emergency, nil, answers.Answers{"warning_now": answers.Choices("chest_pain")}),
	})
	f := rep.Figures
	if f.InlineCases != 4 || f.InlinePassed != 2 || f.Passed != 1 || rep.OK() {
		t.Fatalf("figures %+v", f)
	}
	var got []string
	for _, c := range rep.InlineFailed() {
		got = append(got, c.Problem())
	}
	want := []string{
		`tbl/t.yaml:15:11: rule "chest": test case must fire but did not`,
		`tbl/t.yaml:18:11: rule "chest": test case must not fire but did`,
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("got\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	if s := vignettes.Summary(rep); s != "2 of 4 inline rule cases failed" {
		t.Errorf("summary %q", s)
	}

	var buf bytes.Buffer
	if err := vignettes.WriteText(&buf, rep, vignettes.Meta{Table: "tbl", CasesDir: "cases"}); err != nil {
		t.Fatal(err)
	}
	out := buf.String()
	for _, w := range []string{
		"Vignettes in cases against tbl\n",
		"CASE   EXPECTED   GOT        TOP-3  RESULT\nchest  emergency  emergency  -      PASS\n",
		"Emergency recall        100.0% (1 of 1)",
		"Self-care over-triaged  n/a (no cases)",
		"acceptable level: an emergency case only at emergency",
		"Inline rule cases in tbl: 2 of 4 passed\n  FAIL " + want[0] + "\n  FAIL " + want[1] + "\n",
		"FAIL: 2 of 4 inline rule cases failed\n",
	} {
		if !strings.Contains(out, w) {
			t.Errorf("text output lacks %q:\n%s", w, out)
		}
	}
}

func TestWriteJSON(t *testing.T) {
	eng := builtinEngine(t)
	rep := vignettes.Run(eng, []*vignettes.Case{
		mkCase("missed", rules.Emergency, nil, answers.Answers{"warning_now": none}),
		mkCase("ok", rules.Urgent, nil, answers.Answers{"warning_history": answers.Choices("fever")}),
	})
	var buf bytes.Buffer
	if err := vignettes.WriteJSON(&buf, rep, vignettes.Meta{Table: "built-in rules", CasesDir: "cases"}); err != nil {
		t.Fatal(err)
	}
	var out struct {
		Table    string `json:"table"`
		CasesDir string `json:"cases_dir"`
		Pass     bool   `json:"pass"`
		Summary  string `json:"summary"`
		Figures  struct {
			Cases           int `json:"cases"`
			Passed          int `json:"passed"`
			EmergencyRecall struct {
				N       int      `json:"n"`
				Of      int      `json:"of"`
				Percent *float64 `json:"percent"`
			} `json:"emergency_recall"`
			OverTriage struct {
				Percent *float64 `json:"percent"`
			} `json:"self_care_over_triaged"`
		} `json:"figures"`
		Cases []struct {
			Name     string   `json:"name"`
			Pos      string   `json:"pos"`
			Expected string   `json:"expected"`
			Got      string   `json:"got"`
			Top3     []string `json:"top3"`
			Pass     bool     `json:"pass"`
		} `json:"cases"`
		Inline []struct {
			Rule string `json:"rule"`
			Pass bool   `json:"pass"`
		} `json:"inline"`
	}
	if err := json.Unmarshal(buf.Bytes(), &out); err != nil {
		t.Fatalf("%v\n%s", err, buf.String())
	}
	if out.Pass || out.Table != "built-in rules" || out.CasesDir != "cases" || out.Summary != "1 of 2 vignettes failed" {
		t.Errorf("header %+v", out)
	}
	r := out.Figures.EmergencyRecall
	if out.Figures.Cases != 2 || out.Figures.Passed != 1 || r.N != 0 || r.Of != 1 || r.Percent == nil || *r.Percent != 0 {
		t.Errorf("figures %+v", out.Figures)
	}
	if out.Figures.OverTriage.Percent != nil {
		t.Errorf("over-triage percent with no self-care cases should be null, got %v", *out.Figures.OverTriage.Percent)
	}
	if len(out.Cases) != 2 || out.Cases[0].Name != "missed" || out.Cases[0].Got != "self-care" ||
		out.Cases[0].Pass || out.Cases[0].Pos != "v.yaml:1:1" || out.Cases[0].Top3 == nil || !out.Cases[1].Pass {
		t.Errorf("cases %+v", out.Cases)
	}
	if len(out.Inline) != rep.Figures.InlineCases || len(out.Inline) == 0 {
		t.Errorf("%d inline results, want %d", len(out.Inline), rep.Figures.InlineCases)
	}
}
