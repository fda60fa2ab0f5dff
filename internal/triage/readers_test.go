package triage_test

import (
	"path/filepath"
	"slices"
	"testing"

	"github.com/backtriage/backtriage"
	"github.com/backtriage/backtriage/internal/answers"
	"github.com/backtriage/backtriage/internal/questionnaire"
	"github.com/backtriage/backtriage/internal/rules"
	"github.com/backtriage/backtriage/internal/triage"
)

func builtinEngine(t testing.TB) *triage.Engine {
	t.Helper()
	qn := questionnaire.Default()
	tbl, err := rules.Load(backtriage.RuleFiles(), "rules", qn)
	if err != nil {
		t.Fatal(err)
	}
	return triage.New(qn, tbl)
}

func readAnswers(t testing.TB, path string) answers.Answers {
	t.Helper()
	a, err := answers.ReadFile(path, nil, questionnaire.Default())
	if err != nil {
		t.Fatal(err)
	}
	return a
}

// The reader cases of "What Causes Upper Back Pain In The Morning": Kathryn
// Merrow's suggested causes must rank in the top three, and the level must
// follow the safety rules, not the author's advice about doctors.
func TestReaderCases(t *testing.T) {
	cases := []struct {
		file  string
		level rules.Level
		// top3 must all be in the top three; anyTop3 needs one of them there.
		top3, anyTop3 []string
	}{
		// "I suggested it may be the muscles in your neck ... unrolling the upper
		// trapezius"; a weak arm on one side is a reason to see a doctor.
		{file: "ele.yaml", level: rules.Soon, top3: []string{"upper-trapezius"}},
		// "muscles on the back of your shoulder blades ... nursing in a
		// side-lying position"; and "our bad bed".
		{file: "charlotte.yaml", level: rules.SelfCare, top3: []string{"side-lying-nursing", "mattress"}},
		// "related to the muscle pull last Saturday"; new back pain under 20
		// is a reason to book a check (issue 17), though the causes stand.
		{file: "emma.yaml", level: rules.Soon, top3: []string{"pulled-muscle"}},
		// "the diaphragm ... will pull on your back in the middle of the back";
		// nine months of pain means a doctor, whatever the article says.
		{file: "darren.yaml", level: rules.Soon, top3: []string{"diaphragm"}},
		// "The muscle spasm was being caused by dehydration"; no better after
		// self-care means a doctor.
		{file: "paula.yaml", level: rules.Soon, top3: []string{"dehydration-spasm"}},
		// Kathryn Merrow asks about the mattress, side sleeping and slumping.
		// Ray's bed is new and did not help, and he was not asked about
		// slumping, so of those only side sleeping has grounds: he sleeps on
		// his side with pain into the shoulders and arms.
		{file: "ray.yaml", level: rules.Soon, top3: []string{"side-lying-shoulder"}},
	}
	eng := builtinEngine(t)
	for _, c := range cases {
		t.Run(c.file, func(t *testing.T) {
			as := eng.Assess(readAnswers(t, filepath.Join("../../testdata/readers", c.file)))
			var top []string
			for i, rc := range as.Causes {
				if i < 3 {
					top = append(top, rc.Cause.ID)
				}
			}
			if as.Level != c.level {
				t.Errorf("level %s, want %s", as.Level, c.level)
			}
			for _, id := range c.top3 {
				if !slices.Contains(top, id) {
					t.Errorf("cause %s not in the top three %v", id, top)
				}
			}
			if len(c.anyTop3) > 0 && !slices.ContainsFunc(c.anyTop3, func(id string) bool { return slices.Contains(top, id) }) {
				t.Errorf("none of %v in the top three %v", c.anyTop3, top)
			}
			for _, rc := range as.Causes {
				if len(rc.Reasons) == 0 {
					t.Errorf("cause %s has no reason", rc.Cause.ID)
				}
			}
			if as.Level == rules.SelfCare && len(as.Plan) == 0 {
				t.Error("a self-care assessment with no self-care plan")
			}
			if len(as.SeekHelp) == 0 {
				t.Error("no \"get help if\" lines")
			}
		})
	}
}

func BenchmarkAssess(b *testing.B) {
	eng := builtinEngine(b)
	a := readAnswers(b, "../../testdata/readers/charlotte.yaml")
	b.ReportAllocs()
	for b.Loop() {
		eng.Assess(a)
	}
}
